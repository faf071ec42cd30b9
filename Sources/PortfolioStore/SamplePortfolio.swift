import Foundation

/// The bundled sample portfolio, loaded into a throw-away store with its times moved so that its
/// newest event happened "now": the demo always looks live, and the user's real store is never touched.
public final class SamplePortfolio {
    public let store: PortfolioStore
    public let folder: String
    public let summary: ImportSummary
    /// How far the sample's times were moved.
    public let shift: TimeInterval

    private init(store: PortfolioStore, folder: String, summary: ImportSummary, shift: TimeInterval) {
        self.store = store
        self.folder = folder
        self.summary = summary
        self.shift = shift
    }

    public static func dataFolder(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        guard let folder = BundledResources.folder("sample-data", environment: environment) else {
            throw StoreError.cannotOpen(path: "sample-data", reason: "the bundled sample portfolio was not found; searched \(BundledResources.candidates(environment: environment).joined(separator: ", ")) (set OVERSIGHT_RESOURCES to the folder holding sample-data/)")
        }
        return folder
    }

    /// Imports the sample into a new store in a fresh temporary folder and shifts it to `asOf`
    /// (nil keeps the sample's own dates). Call `remove()` when done.
    public static func loadTemporary(asOf: Date?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SamplePortfolio {
        let source = try dataFolder(environment: environment)
        let temp = (NSTemporaryDirectory() as NSString).appendingPathComponent("oversight-sample-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        do {
            let store = try PortfolioStore.open(path: (temp as NSString).appendingPathComponent("sample.sqlite"))
            let summary = try PortfolioImporter(store: store).importFiles([source])
            let shift = try shiftToPresent(store, asOf: asOf)
            return SamplePortfolio(store: store, folder: temp, summary: summary, shift: shift)
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw error
        }
    }

    /// Moves every time in `store` so its newest event is at `asOf`, in whole seconds.
    @discardableResult
    public static func shiftToPresent(_ store: PortfolioStore, asOf: Date?) throws -> TimeInterval {
        guard let asOf else { return 0 }
        return try store.write { writer in
            guard let newest = try writer.reader.newestEventTime() else { return 0 }
            let seconds = asOf.storeSeconds - newest.storeSeconds
            if seconds != 0 { try writer.shiftTimes(by: seconds) }
            return TimeInterval(seconds)
        }
    }

    public func remove() {
        try? store.close()
        try? FileManager.default.removeItem(atPath: folder)
    }
}
