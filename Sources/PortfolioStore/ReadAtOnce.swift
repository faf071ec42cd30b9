import Foundation
import GRDB
import Synchronization

/// Reads that need not wait for each other, run at once on the pool's reader connections (and
/// its idle writer connection, `readsOnce`), yet seen as one moment of the store — how the window
/// figures use a second core.
///
/// SQLite gives each read transaction its own snapshot, and this build's SQLite lacks
/// `sqlite3_snapshot_open` (GRDB's snapshot pool), so the reads cannot be pinned to one. Instead
/// the writer connection is asked, before they begin and after they end, for `PRAGMA
/// data_version` (which changes when another connection — another process, or a reader — commits)
/// and `total_changes()` (which counts the rows this writer itself changes): the same pair twice
/// means nothing was committed in between, so every read saw the same store. When something was,
/// or a read failed, the reads are made again one after another in one transaction.
///
/// In a command that reads once and exits (`readsOnce`) the writer connection, open and idle,
/// makes the first read itself: no second reader connection to open, which parses the schema
/// (~7 ms of a million-run store's `status`, on its critical path: docs/BENCHMARKS.md).
extension PortfolioStore {
    /// The results of `bodies`, in order, as if read in one transaction; one after another in
    /// one transaction when the store has no pool of readers (a snapshot) or the machine one core.
    /// An interruption (`interrupt()`) ends it at once, whatever was committed meanwhile.
    public func readAtOnce<T: Sendable>(_ bodies: [@Sendable (PortfolioReader) throws -> T]) throws -> [T] {
        guard bodies.count > 1, canReadAtOnce else { return try read { reader in try bodies.map { try $0(reader) } } }
        let before = try commitMark()
        let onWriter = readsOnce
        let results = Mutex([Result<T, any Error>?](repeating: nil, count: bodies.count))
        DispatchQueue.concurrentPerform(iterations: bodies.count) { index in
            let result = Result { index == 0 && onWriter ? try readOnWriter(bodies[index]) : try read { try bodies[index]($0) } }
            results.withLock { $0[index] = result }
        }
        let finished = results.withLock { $0.map { $0 ?? .failure(CancellationError()) } }
        for case let .failure(error) in finished where StoreError.isInterruption(error) { throw error }
        // Read again in one transaction, which also says what failed as `read` says it.
        guard try commitMark() == before, let values = try? finished.map({ try $0.get() }) else {
            return try read { reader in try bodies.map { try $0(reader) } }
        }
        return values
    }

    /// `body` in a read transaction on the writer connection.
    private func readOnWriter<T>(_ body: (PortfolioReader) throws -> T) throws -> T {
        let features = self.features
        return try pool.writeWithoutTransaction { db in
            var value: T?
            try db.inTransaction(.deferred) {
                value = try body(PortfolioReader(db: db, features: features))
                return .commit
            }
            guard let value else { throw CancellationError() }
            return value
        }
    }

    /// Whether `readAtOnce` can read at once here: a pool of readers and more than one core.
    private var canReadAtOnce: Bool { ProcessInfo.processInfo.activeProcessorCount > 1 && pool is DatabasePool }

    /// What changes whenever anyone commits: other connections' commits (`data_version`) and this
    /// writer's own (`total_changes()`), read on the writer connection between its transactions.
    private func commitMark() throws -> [Int] {
        try pool.writeWithoutTransaction { db in
            [try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0, try Int.fetchOne(db, sql: "SELECT total_changes()") ?? 0]
        }
    }

    /// Whether `figures` reads the parts at once on this store: a pool of readers, more than one
    /// core, and `atOnceFrom` runs or more. Counted on the writer connection when it reads too
    /// (`readsOnce`), so that the reader connection `readAtOnce` needs opens beside its first read.
    public func readsFiguresAtOnce(atOnceFrom runs: Int = 100_000) throws -> Bool {
        guard canReadAtOnce, features.has(.rowCounts) else { return false }
        let count = { @Sendable (reader: PortfolioReader) in try reader.countedRows("pipeline_runs") }
        // A failure on the writer other than an interruption is left to `read`, which says it
        // (or reads what another program left).
        var counted: Int?
        if readsOnce {
            do { counted = try readOnWriter(count) } catch where StoreError.isInterruption(error) { throw error } catch {}
        }
        return try (counted ?? read(count)) >= runs
    }

    /// The window figures (`PortfolioReader.figures`), their parts read at once in two groups of
    /// about the same time on a large store — when the store holds `atOnceFrom` runs or more.
    /// Below that the parts are short and one transaction is quicker: a second reader connection
    /// takes ~10 ms to open (it parses the schema), and on this machine's two cores each of two
    /// parts read at once runs up to twice as slowly as alone (measured on 10k runs: 62 ms in one
    /// transaction, 72 at once; on 1M runs ~170 and ~120). BENCHMARKS.md, "Window figures".
    public func figures(_ window: FigureWindow, atOnceFrom runs: Int = 100_000) throws -> FiguresReport {
        try readsFiguresAtOnce(atOnceFrom: runs) ? figuresAtOnce(window) : read { try $0.figures(window) }
    }

    /// The window figures, their parts read at once whatever the store's size (`figures` decides
    /// when that pays; a caller that has asked `readsFiguresAtOnce` already calls this).
    public func figuresAtOnce(_ window: FigureWindow) throws -> FiguresReport {
        try figuresAtOnce(window, alongside: { _ in () }).figures
    }

    /// The window figures, their parts read at once, and `alongside` read with the second group
    /// of parts, as one moment of the store: what a snapshot's dashboard reads besides its
    /// figures (its panels), read beside them instead of after.
    public func figuresAtOnce<T: Sendable>(_ window: FigureWindow, alongside: @escaping @Sendable (PortfolioReader) throws -> T)
        throws -> (figures: FiguresReport, alongside: T) {
        // Runs, people and DORA first (with `readsOnce`, on the writer connection, already open);
        // teams and alerts, shorter by about the time a reader connection takes to open, second,
        // and what is read alongside with them. As measured in a fresh process on a million
        // runs: BENCHMARKS.md, "Window figures".
        let groups: [[PortfolioReader.FigurePart]] = [[.runEvidence, .peopleEvidence, .dora], [.teams, .alertEvidence]]
        let pieces = try readAtOnce(groups.indices.map { index in
            { @Sendable reader in
                // Every model's team, read once for the group's runs, deployments and alerts.
                let teamOf = try reader.teamOfModel()
                let read = try groups[index].map { ($0, try reader.read($0, window, teamOf: teamOf)) }
                return (read, index == groups.count - 1 ? try alongside(reader) : nil)
            }
        })
        let figures = PortfolioReader.assemble(window, Dictionary(uniqueKeysWithValues: pieces.flatMap(\.0)))
        guard let beside = pieces.last?.1 else { throw CancellationError() }
        return (figures, beside)
    }
}
