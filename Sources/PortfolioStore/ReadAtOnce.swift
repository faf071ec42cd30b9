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
    /// about the same time on a large store (each reader connection parses the schema once, so
    /// more groups than cores cost more than they give).
    public func figures(_ window: FigureWindow) throws -> FiguresReport {
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
