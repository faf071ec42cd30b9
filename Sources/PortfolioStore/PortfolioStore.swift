import Foundation
import GRDB
import Portfolio
import Synchronization

/// The shared local store: one SQLite file in WAL mode that pipelines, importers and dashboards
/// read and write concurrently. Reads and writes go through `read` and `write`, each one
/// transaction; screens ask for exactly what they show.
public final class PortfolioStore: Sendable {
    public let path: String
    public let isReadOnly: Bool
    let pool: DatabasePool
    private let statements: StatementCounter

    private init(path: String, pool: DatabasePool, isReadOnly: Bool, statements: StatementCounter) {
        self.path = path
        self.pool = pool
        self.isReadOnly = isReadOnly
        self.statements = statements
    }

    /// Opens the store at `path`, creating it (and its folder) when missing and migrating an older
    /// one. Refuses a store written by a newer Oversight and a SQLite file that is not a store.
    ///
    /// `migrating` is told the migrations about to run on an existing store before they run: on a
    /// store of a million runs they can take half a minute, and the user should know why.
    public static func open(path: String, readOnly: Bool = false,
                            migrating: (_ pending: [String]) -> Void = { _ in }) throws -> PortfolioStore {
        let exists = FileManager.default.fileExists(atPath: path)
        var applied: Set<String>?
        if !exists {
            if readOnly { throw StoreError.cannotOpen(path: path, reason: "no such file (read-only mode creates nothing)") }
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw StoreError.cannotOpen(path: path, reason: "cannot create folder \(folder): \(error.localizedDescription)")
                }
            }
        } else {
            applied = try inspectExisting(path: path)
        }

        let counter = StatementCounter()
        var config = Configuration()
        config.busyMode = .timeout(defaultWriteWait)
        config.readonly = readOnly
        config.foreignKeysEnabled = true
        config.prepareDatabase { db in
            db.trace(options: .statement) { event in counter.increment(event) }
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: config)
            if !readOnly {
                let pending = StoreSchema.migrator.migrations.filter { !(applied ?? []).contains($0) }
                if let applied, !applied.isEmpty, !pending.isEmpty { migrating(pending) }
                try StoreSchema.migrator.migrate(pool)
            }
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
        return PortfolioStore(path: path, pool: pool, isReadOnly: readOnly, statements: counter)
    }

    /// Checks, without writing anything, that an existing file is an Oversight store this
    /// version understands; returns the migrations applied to it (none for an empty file).
    private static func inspectExisting(path: String) throws -> Set<String> {
        var config = Configuration()
        config.readonly = true
        // Another process may be checkpointing or migrating this very moment: wait, do not fail.
        config.busyMode = .timeout(10)
        let applied: Set<String>
        let tables: [String]
        do {
            let queue = try DatabaseQueue(path: path, configuration: config)
            (tables, applied) = try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                let applied = try StoreSchema.migrator.appliedIdentifiers(db)
                return (tables, applied)
            }
            try queue.close()
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
        if tables.isEmpty { return [] }
        if !tables.contains("grdb_migrations") { throw StoreError.notAnOversightStore(path: path) }
        let unknown = applied.subtracting(StoreSchema.migrator.migrations)
        if !unknown.isEmpty { throw StoreError.newerSchema(path: path, unknownMigrations: Array(unknown)) }
        return applied
    }

    /// Interrupts the statements running on the store's connections (they fail with
    /// SQLITE_INTERRUPT), so closing it does not wait for a long read on another thread.
    public func interrupt() {
        pool.interrupt()
    }

    /// Runs `body` in one read transaction that sees a consistent snapshot.
    public func read<T>(_ body: (PortfolioReader) throws -> T) throws -> T {
        try pool.read { db in try body(PortfolioReader(db: db)) }
    }

    /// How long a writer waits for another one's write lock by default (SQLite's busy timeout).
    public static let defaultWriteWait: TimeInterval = 10

    /// Runs `body` in one write transaction: all of it lands or none of it does. When another
    /// connection holds the write lock longer than `wait` seconds, nothing is written and
    /// `StoreError.busy` is thrown (the dashboard waits less than a script: a person is watching).
    public func write<T>(waitingAtMost wait: TimeInterval = PortfolioStore.defaultWriteWait,
                         _ body: (PortfolioWriter) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                if wait != Self.defaultWriteWait { try db.execute(sql: "PRAGMA busy_timeout = \(Int(saturating: wait * 1000))") }
                defer { if wait != Self.defaultWriteWait { try? db.execute(sql: "PRAGMA busy_timeout = \(Int(Self.defaultWriteWait * 1000))") } }
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(PortfolioWriter(db: db))
                    return .commit
                }
                guard let result else { throw StoreError.cannotOpen(path: path, reason: "a write returned nothing") }
                return result
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.busy(path: path, waited: wait)
        }
    }

    /// How many SQL statements this store's connections have run — lets a test prove that an
    /// unchanged store costs no queries.
    public var statementsExecuted: Int { statements.value }

    /// Runs `body` and returns, with its result, the SQL of every statement this store's
    /// connections ran meanwhile, with the bound values written in — so a benchmark can replay
    /// exactly the queries of a dashboard refresh against bare SQLite.
    public func recordingStatements<T>(_ body: () throws -> T) rethrows -> (T, [String]) {
        statements.startRecording()
        defer { _ = statements.stopRecording() }
        let result = try body()
        return (result, statements.stopRecording())
    }

    /// A watcher on its own connection, so it sees every commit made through this store too.
    public func makeChangeWatcher() throws -> ChangeWatcher {
        try ChangeWatcher(path: path)
    }

    /// Copies what it can of the WAL into the main file (a passive checkpoint, which never waits
    /// for or blocks other processes' readers and writers) and closes the connections.
    public func close() throws {
        if !isReadOnly { _ = try? pool.writeWithoutTransaction { try $0.checkpoint(.passive) } }
        try pool.close()
    }
}

/// Counts the statements a store's connections run, and keeps their SQL while asked to; shared
/// with GRDB's trace hook.
private final class StatementCounter: Sendable {
    private let count = Mutex(0)
    /// nil unless recording: expanding the SQL costs, so it is done only then.
    private let recorded = Mutex<[String]?>(nil)

    func increment(_ event: Database.TraceEvent) {
        count.withLock { $0 += 1 }
        recorded.withLock { if $0 != nil { $0!.append(event.expandedDescription) } }
    }

    func startRecording() { recorded.withLock { $0 = [] } }

    func stopRecording() -> [String] {
        recorded.withLock { list in
            let taken = list ?? []
            list = nil
            return taken
        }
    }

    var value: Int { count.withLock { $0 } }
}
