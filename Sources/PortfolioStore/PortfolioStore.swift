import Foundation
import GRDB
import GRDBSQLite
import Portfolio
import Synchronization

/// The shared local store: one SQLite file in WAL mode that pipelines, importers and dashboards
/// read and write concurrently. Reads and writes go through `read` and `write`, each one
/// transaction; screens ask for exactly what they show. How a user may open a shared file —
/// read-write, read-only, or as a snapshot that creates nothing — is `StoreAccess`'s decision.
public final class PortfolioStore: Sendable {
    public let path: String
    private let statements: StatementCounter
    /// The connections, how they were opened, and what the schema they found holds; replaced
    /// only when a snapshot is opened again.
    private let connection: Mutex<(pool: any DatabaseWriter, access: StoreAccess, features: SchemaFeatures)>
    /// The system of record when this store is a host's read model of a team store.
    private let upstreamStore = Mutex<(any StoreUpstream)?>(nil)
    /// Opened for a command that reads once and exits (`open`'s `mapped`): its writer connection,
    /// idle, takes a share of the reads (`readAtOnce`).
    let readsOnce: Bool
    private init(path: String, pool: any DatabaseWriter, access: StoreAccess, statements: StatementCounter, readsOnce: Bool) throws {
        self.path = path
        self.readsOnce = readsOnce
        // Through the writer's connection: a pool's read would open a reader connection, which (read-only)
        // cannot checkpoint at close, and a store closed after its writer keeps a WAL full of frames.
        self.connection = Mutex((pool, access, try pool.writeWithoutTransaction(SchemaFeatures.read)))
        self.statements = statements
    }

    /// Which objects of later migrations the store holds (all of them unless it was opened
    /// read-only before a writer migrated it).
    public var features: SchemaFeatures { connection.withLock { $0.features } }

    var pool: any DatabaseWriter { connection.withLock { $0.pool } }

    public var isReadOnly: Bool { connection.withLock { $0.access.mode != .readWrite } }

    /// Opened as an unchanging snapshot (SQLite's immutable mode): no live updates.
    public var isSnapshot: Bool { connection.withLock { $0.access.mode == .snapshot } }

    /// What the user should be told about how the store was opened (read-only by itself, a
    /// snapshot); nil when it opened as asked.
    public var accessNotice: String? { connection.withLock { $0.access.notice } }

    /// Opens a snapshot store again: as a new snapshot of the file as it is now (an immutable
    /// connection caches pages and would not see a change), or live and read-only if a writer has
    /// since put `-wal` and `-shm` beside it. Nothing may be reading the store meanwhile.
    public func reopenSnapshot() throws {
        guard isSnapshot else { return }
        let access = try StoreAccess.plan(path: path, writing: false, readOnly: true)
        var config = access.configuration()
        config.busyMode = .timeout(Self.defaultWriteWait)
        config.foreignKeysEnabled = true
        let counter = statements
        config.prepareDatabase { db in db.trace(options: .statement) { event in counter.increment(event) } }
        let pool: any DatabaseWriter
        do {
            pool = access.mode == .snapshot ? try DatabaseQueue(path: access.sqlitePath(path), configuration: config)
                : try DatabasePool(path: path, configuration: config)
        } catch let error as DatabaseError {
            throw StoreError.unreadable(path: path, error: error)
        }
        let features: SchemaFeatures
        do {
            features = try pool.writeWithoutTransaction(SchemaFeatures.read)
        } catch let error as DatabaseError {
            throw StoreError.unreadable(path: path, error: error)
        }
        let old = connection.withLock { current in
            defer { current = (pool, access, features) }
            return current.pool
        }
        try? old.close()
    }

    /// How much of the file a `mapped` open maps: SQLite's own limit here (2 GB less 64 kB);
    /// the pages beyond it are read as usual.
    static let mappedBytes = 2_147_418_112

    /// Opens the store at `path`, migrating an older one. Refuses a store written by a newer
    /// Oversight, a SQLite file that is not a store, a folder, and (unless `creating`) a missing
    /// or empty file.
    ///
    /// `readOnly` asks for read-only; `writing` says the caller will write (else a store the user
    /// cannot write opens read-only by itself, as `StoreAccess` decides). `creating` lets a missing
    /// file (and its folder) or an empty one become a new store: a read command never creates one.
    ///
    /// `mapped` is for a command that reads once and exits (`status`, `snapshot`, `check`). Its
    /// connections read the file through a memory map (`mappedBytes`): the pages it touches are
    /// mapped instead of copied in one by one (14.6 ms of system time per `status --json` on a
    /// million runs went to those copies: docs/BENCHMARKS.md). Its resident memory then counts the
    /// mapped pages, which is nothing to a command that exits, so the dashboard, which lives,
    /// keeps its bounded page cache. (SQLite's caveat: an I/O error on a mapped page is a signal,
    /// not an error; a command that reads once meets the same failure either way.) And its
    /// writer connection, which such a command leaves idle, reads beside the readers (`readAtOnce`).
    ///
    /// `migrating` is told the migrations about to run on an existing store before they run: on a
    /// store of a million runs they can take half a minute, and the user should know why.
    public static func open(path: String, readOnly: Bool = false, writing: Bool = true, creating: Bool = true, mapped: Bool = false,
                            migrating: (_ pending: [String]) -> Void = { _ in }) throws -> PortfolioStore {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        if exists, isFolder.boolValue { throw StoreError.isFolder(path: path) }
        let empty = exists && FileFacts(path).size == 0
        var applied: Set<String>?
        let access: StoreAccess
        if !exists || empty {
            guard creating, !readOnly else {
                throw empty ? StoreError.emptyFile(path: path)
                    : StoreError.cannotOpen(path: path, reason: "no such file (read-only mode creates nothing)")
            }
            let folder = (path as NSString).deletingLastPathComponent
            if !exists, !folder.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw StoreError.cannotOpen(path: path, reason: "cannot create folder \(folder): \(error.localizedDescription)")
                }
            }
            access = StoreAccess(mode: .readWrite)
        } else {
            access = try StoreAccess.plan(path: path, writing: writing && !readOnly, readOnly: readOnly)
            applied = try inspectExisting(path: path, access: access)
        }

        let counter = StatementCounter()
        var config = access.configuration()
        config.busyMode = .timeout(defaultWriteWait)
        config.foreignKeysEnabled = true
        let keepsFiles = access.mode == .readWrite
        config.prepareDatabase { db in
            db.trace(options: .statement) { event in counter.increment(event) }
            if mapped { try db.execute(sql: "PRAGMA mmap_size = \(mappedBytes)") }
            if keepsFiles { try keepCompanionFiles(db) }
        }
        let pool: any DatabaseWriter
        do {
            switch access.mode {
            case .readWrite, .readOnly: pool = try DatabasePool(path: path, configuration: config)
            case .snapshot: pool = try DatabaseQueue(path: access.sqlitePath(path), configuration: config)
            }
            if access.mode == .readWrite {
                let pending = StoreSchema.migrator.migrations.filter { !(applied ?? []).contains($0) }
                if let applied, !applied.isEmpty, !pending.isEmpty { migrating(pending) }
                try StoreSchema.migrator.migrate(pool)
                shareCompanionFiles(of: path)
            }
            return try PortfolioStore(path: path, pool: pool, access: access, statements: counter, readsOnce: mapped)
        } catch let error as DatabaseError {
            throw StoreError.unreadable(path: path, error: error)
        }
    }

    /// Settings every read-write connection gets. Keeps `-wal` and `-shm` beside the store after
    /// the last connection closes (persistent WAL, truncated to nothing once checkpointed), so a
    /// reader who may not create them — another user, or one whose folder is read-only — finds
    /// them there and reads live (`StoreAccess`). Turns recursive triggers on, so that a REPLACE
    /// fires the DELETE triggers that keep the totals (`doctor` checks what others' writes did).
    private static func keepCompanionFiles(_ db: Database) throws {
        var persist: Int32 = 1
        _ = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_PERSIST_WAL, &persist)
        try db.execute(sql: "PRAGMA journal_size_limit = 0; PRAGMA recursive_triggers = ON")
    }

    /// Gives `-wal` and `-shm` the store's group when this user created them with another one:
    /// outside a setgid folder SQLite gives them the creator's own group, which shuts out the
    /// rest of a group that shares the store (measured: SQLITE_CANTOPEN for them).
    private static func shareCompanionFiles(of path: String) {
        let store = FileFacts(path)
        guard store.mode & 0o020 != 0 else { return }
        for companion in StoreAccess.companions(of: path).map(FileFacts.init)
        where companion.exists && companion.owner == geteuid() && companion.group != store.group {
            _ = chown(companion.path, uid_t.max, store.group)
        }
    }

    /// Checks, without writing anything or creating files, that an existing file is an Oversight
    /// store this version understands; returns the migrations applied to it (none for an empty file).
    private static func inspectExisting(path: String, access: StoreAccess) throws -> Set<String> {
        var config = access.configuration()
        config.readonly = true
        // Another process may be checkpointing or migrating this very moment: wait, do not fail.
        config.busyMode = .timeout(10)
        let applied: Set<String>
        let tables: [String]
        do {
            let queue = try DatabaseQueue(path: access.sqlitePath(path), configuration: config)
            (tables, applied) = try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
                let applied = try StoreSchema.migrator.appliedIdentifiers(db)
                return (tables, applied)
            }
            try queue.close()
        } catch let error as DatabaseError {
            throw StoreError.unreadable(path: path, error: error)
        }
        if tables.isEmpty { return [] }
        if !tables.contains("grdb_migrations") { throw StoreError.notAnOversightStore(path: path) }
        let unknown = applied.subtracting(StoreSchema.knownIdentifiers)
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
        do {
            do {
                let features = self.features
                return try pool.read { db in try body(PortfolioReader(db: db, features: features)) }
            } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR
                && ["no such table", "no such index"].contains(where: { error.message?.hasPrefix($0) == true }) {
                // Another program dropped an object the features were read with (`doctor` finds it):
                // read them again, and take the way that needs none, as an older store does.
                let features = try pool.writeWithoutTransaction(SchemaFeatures.read)
                connection.withLock { $0.features = features }
                return try pool.read { db in try body(PortfolioReader(db: db, features: features)) }
            }
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            throw StoreError.unreadable(path: path, error: error)
        }
    }

    /// The system of record this store is the read model of, if any: from now on every write
    /// lands there too (`StoreUpstream`).
    public var upstream: (any StoreUpstream)? {
        get { upstreamStore.withLock { $0 } }
        set { upstreamStore.withLock { $0 = newValue } }
    }

    /// Runs `body` in one local write transaction that the upstream is not told about: how the
    /// upstream brings this store up to the system of record.
    public func writeFromUpstream<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.busy(path: path, waited: Self.defaultWriteWait)
        }
    }

    /// Runs `body` in a local write transaction the upstream is not told about, as a bulk load
    /// when the store holds no record (`BulkLoad`: indexes and triggers put back after, kept
    /// tables filled once): how an upstream fills a new host's copy. `bulk` tells `body` which.
    public func writeFromUpstream<T>(bulkWhenEmpty: Bool, _ body: (Database, _ bulk: Bool) throws -> T) throws -> T {
        try writeFromUpstream { db in
            guard bulkWhenEmpty, try BulkLoad.isEmpty(db) else { return try body(db, false) }
            return try BulkLoad.load(db) { try body($0, true) }
        }
    }

    /// How long a writer waits for another one's write lock by default (SQLite's busy timeout).
    public static let defaultWriteWait: TimeInterval = 10

    /// Runs `body` (its writes) with the writer connection's temporary storage in memory: a
    /// statement's journal of the pages it changes stays in memory instead of going to a
    /// temporary file once a large statement spilled it there, which cost a bulk write (ingest)
    /// three system calls per row. Set outside any transaction, as SQLite requires; temporary
    /// objects made before are dropped, so only for a connection that keeps none between writes.
    func withTemporaryStorageInMemory<T>(_ body: () throws -> T) throws -> T {
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA temp_store = MEMORY") }
        defer { try? pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA temp_store = DEFAULT") } }
        return try body()
    }

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
                let upstream = self.upstream
                try db.inTransaction(.immediate) {
                    try upstream?.beginWrite(db, waitingAtMost: wait)
                    do {
                        result = try body(PortfolioWriter(db: db, features: features))
                        try upstream?.commitWrite(db)
                    } catch {
                        upstream?.abortWrite()
                        throw error
                    }
                    return .commit
                }
                guard let result else { throw StoreError.cannotOpen(path: path, reason: "a write returned nothing") }
                return result
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            throw StoreError.busy(path: path, waited: wait)
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            throw StoreError.unreadable(path: path, error: error)
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
        try ChangeWatcher(path: path, snapshot: isSnapshot)
    }

    /// Copies the whole WAL into the main file and empties it, waiting (up to the busy timeout) for
    /// readers to finish: after a bulk write, so that the next process to open the store does not
    /// first read a log of a gigabyte to rebuild its index (measured: 2.2 s per open for 1.1 GB).
    /// `close` checkpoints passively instead, never waiting for other processes.
    public func checkpointFully() throws {
        _ = try pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
    }

    /// Copies what it can of the WAL into the main file (a passive checkpoint, which never waits
    /// for or blocks other processes' readers and writers) and closes the connections.
    public func close() throws {
        upstream?.close()
        let pool = pool
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
