import Foundation
import PortfolioStore
import TestSupport

/// The bundled sample, loaded once per test process with its own dates (not shifted), for tests
/// that only read it: loading takes seconds in a debug build. Removed when the process exits.
enum UnshiftedSample {
    static let portfolio: SamplePortfolio = {
        let sample = try! SamplePortfolio.loadTemporary(asOf: nil)
        atexit { UnshiftedSample.portfolio.remove() }
        return sample
    }()

    static var store: PortfolioStore { portfolio.store }
}

/// A closed store file holding the imported sample, made once per process; tests copy it so each
/// has its own store "that already holds the sample" without importing it again.
enum SampleStoreTemplate {
    static let folder = (NSTemporaryDirectory() as NSString)
        .appendingPathComponent("oversight-template-\(getpid())-\(UUID().uuidString.prefix(8))")

    static let path: String = {
        let path = (folder as NSString).appendingPathComponent("sample.sqlite")
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = try! PortfolioStore.open(path: path)
        _ = try! PortfolioImporter(store: store).importFiles([RepoPaths.sampleData])
        try! store.close()
        atexit { try? FileManager.default.removeItem(atPath: SampleStoreTemplate.folder) }
        return path
    }()

    /// A private copy of the sample store inside `folder`.
    static func copy(into folder: TemporaryFolder, name: String = "portfolio.sqlite") throws -> String {
        let target = folder.file(name)
        try FileManager.default.copyItem(atPath: path, toPath: target)
        return target
    }
}
