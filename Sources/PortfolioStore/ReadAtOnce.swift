import Foundation
import GRDB
import Synchronization

/// Reads that need not wait for each other, run at once on the pool's reader connections, yet
/// seen as one moment of the store — how the window figures use a second core.
///
/// SQLite gives each read transaction its own snapshot, and this build's SQLite lacks
/// `sqlite3_snapshot_open` (GRDB's snapshot pool), so the reads cannot be pinned to one. Instead
/// `PRAGMA data_version` is read on a connection of its own before they begin and after they end:
/// it changes when anyone else commits (another process, or this one's writer), so the same
/// value twice means nothing was committed in between and every read saw the same store. When
/// something was, the reads are made again one after another in one transaction.
extension PortfolioStore {
    /// The results of `bodies`, in order, as if read in one transaction; one after another in
    /// one transaction when the store has no pool of readers (a snapshot) or the machine one core.
    public func readAtOnce<T: Sendable>(_ bodies: [@Sendable (PortfolioReader) throws -> T]) throws -> [T] {
        guard bodies.count > 1, ProcessInfo.processInfo.activeProcessorCount > 1, pool is DatabasePool,
              let watch = try? Self.versionConnection(path) else {
            return try read { reader in try bodies.map { try $0(reader) } }
        }
        let before = try Self.dataVersion(watch)
        let results = Mutex([Result<T, any Error>?](repeating: nil, count: bodies.count))
        DispatchQueue.concurrentPerform(iterations: bodies.count) { index in
            let result = Result { try read { try bodies[index]($0) } }
            results.withLock { $0[index] = result }
        }
        guard try Self.dataVersion(watch) == before else {
            return try read { reader in try bodies.map { try $0(reader) } }
        }
        return try results.withLock { all in try all.map { try ($0 ?? .failure(CancellationError())).get() } }
    }

    /// The window figures (`PortfolioReader.figures`), their parts read at once in two groups of
    /// about the same time on a large store — when the store holds `atOnceFrom` runs or more.
    /// Below that the parts are short and one transaction is quicker: a second reader connection
    /// takes ~10 ms to open (it parses the schema), and on this machine's two cores each of two
    /// parts read at once runs up to twice as slowly as alone (measured on 10k runs: 62 ms in one
    /// transaction, 72 at once; on 1M runs ~170 and ~120). BENCHMARKS.md, "Window figures".
    public func figures(_ window: FigureWindow, atOnceFrom runs: Int = 100_000) throws -> FiguresReport {
        let long = try features.has(.rowCounts) && read { try $0.countedRows("pipeline_runs") } >= runs
        guard long else { return try read { try $0.figures(window) } }
        let groups: [[PortfolioReader.FigurePart]] = [[.teams, .alertEvidence], [.runEvidence]]
        let pieces = try readAtOnce(groups.map { group in
            { @Sendable reader in try group.map { ($0, try reader.read($0, window)) } }
        })
        return PortfolioReader.assemble(window, Dictionary(uniqueKeysWithValues: pieces.joined().map { $0 }))
    }

    private static func versionConnection(_ path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(2)
        return try DatabaseQueue(path: path, configuration: config)
    }

    private static func dataVersion(_ connection: DatabaseQueue) throws -> Int {
        try connection.inDatabase { try Int.fetchOne($0, sql: "PRAGMA data_version") ?? 0 }
    }
}
