import Foundation

/// The bundled sample portfolio, loaded into a throw-away store with its times moved so that its
/// newest event happened "now": the demo always looks live, and the user's real store is never touched.
public final class SamplePortfolio: Sendable {
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
    ///
    /// With a `cacheFolder`, the imported (unshifted) store is kept there, keyed by the sample
    /// files' names, sizes and times and by the schema, so later starts copy it instead of importing
    /// again — seconds in a debug build. The cache is only ever a copy; deleting it is always safe.
    public static func loadTemporary(asOf: Date?, cacheFolder: String? = nil, readOnly: Bool = false,
                                     environment: [String: String] = ProcessInfo.processInfo.environment) throws -> SamplePortfolio {
        let source = try dataFolder(environment: environment)
        let temp = (NSTemporaryDirectory() as NSString).appendingPathComponent("oversight-sample-\(getpid())-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        let path = (temp as NSString).appendingPathComponent("sample.sqlite")
        do {
            let key = try fingerprint(of: source)
            let cached = cacheFolder.map { ($0 as NSString).appendingPathComponent("sample-\(key).sqlite") }
            var summary = ImportSummary(files: [source])
            if let cached, FileManager.default.fileExists(atPath: cached), (try? FileManager.default.copyItem(atPath: cached, toPath: path)) != nil {
                // Imported before; the copy is the same store.
            } else {
                let store = try PortfolioStore.open(path: path)
                summary = try PortfolioImporter(store: store).importFiles([source])
                try store.close()
                if let cached, let cacheFolder { saveCopy(of: path, to: cached, in: cacheFolder) }
            }
            var store = try PortfolioStore.open(path: path)
            let shift = try shiftToPresent(store, asOf: asOf)
            if readOnly {
                try store.close()
                store = try PortfolioStore.open(path: path, readOnly: true)
            }
            return SamplePortfolio(store: store, folder: temp, summary: summary, shift: shift)
        } catch {
            try? FileManager.default.removeItem(atPath: temp)
            throw error
        }
    }

    /// Names, sizes and modification times of the sample files, and the schema's migrations.
    static func fingerprint(of folder: String) throws -> String {
        var text = StoreSchema.migrator.migrations.joined(separator: ",")
        for file in try ImportSource.files(for: [folder]) {
            let attributes = try FileManager.default.attributesOfItem(atPath: file)
            let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
            let time = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            text += "|\((file as NSString).lastPathComponent):\(size):\(Int(time))"
        }
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return String(hash, radix: 16)
    }

    /// Copies atomically (write beside, then rename), so a reader never sees half a file. A cache
    /// that cannot be written is simply not used.
    private static func saveCopy(of path: String, to cached: String, in folder: String) {
        let partial = cached + ".partial-\(getpid())"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: partial)
            try FileManager.default.copyItem(atPath: path, toPath: partial)
            _ = rename(partial, cached)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
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
