import Foundation
import GRDB
import NIOCore
import PortfolioStore
import PostgresNIO
import Synchronization

/// Keeps a host's local store as the read model of a team store, both ways: `refresh` brings in
/// the changes other hosts committed since the last one it holds, and every local write
/// transaction is one on the team store too (`StoreUpstream`) — it takes the team store's write
/// lock (the counter row), brings the local store up to it, runs, and sends on exactly the rows it
/// touched, stamped with its change number, with a notification in the same transaction.
public final class TeamReplica: StoreUpstream, @unchecked Sendable {
    public let address: TeamStoreAddress
    private let environment: [String: String]
    private let readOnly: Bool
    /// The connection (made again after a failure), the write in progress on it, and the record
    /// tables' layout. Every use of the connection runs inside a write transaction of the local
    /// store (a write, or `writeFromUpstream`), so the local store's one writer serialises them:
    /// two threads never interleave statements on it. The mutex guards what `close` shares.
    private let state = Mutex<(connection: TeamConnection?, writing: Int64?, tables: [ReplicatedTable])>((nil, nil, []))
    private let contact = Mutex(Contact())

    /// What is known of the team store's answers: since when it has failed, when it last answered,
    /// and how often a follower expects it to.
    private struct Contact {
        var failedSince: Date?
        var lastAnswer: Date?
        var expectedWithin: TimeInterval?
    }

    /// Since when the team store has not answered: its first failure. While a follower expects an
    /// answer every few seconds, since its last answer, once it has failed or that answer is older:
    /// a server that stops answering without closing the connection (paused, or behind a network
    /// that drops its packets) gives no error for a long time, but its silence shows.
    public var unreachableSince: Date? {
        contact.withLock { contact in
            guard let within = contact.expectedWithin, let last = contact.lastAnswer else { return contact.failedSince }
            if let failed = contact.failedSince { return min(failed, last) }
            return Date().timeIntervalSince(last) > within ? last : nil
        }
    }

    /// Notes whether the team store answered: the first failure starts an outage, an answer ends it.
    func noteReachable(_ reachable: Bool) {
        contact.withLock { contact in
            if reachable {
                contact.failedSince = nil
                contact.lastAnswer = Date()
            } else if contact.failedSince == nil {
                contact.failedSince = Date()
            }
        }
    }

    /// A follower expects the team store to answer at least every `seconds` from now on (nil: no
    /// longer), and counts it unreachable when it has not.
    func expectAnswers(within seconds: TimeInterval?) {
        contact.withLock { contact in
            contact.expectedWithin = seconds
            contact.lastAnswer = Date()
        }
    }

    public var name: String { address.description }

    init(address: TeamStoreAddress, environment: [String: String], readOnly: Bool, connection: TeamConnection) {
        self.address = address
        self.environment = environment
        self.readOnly = readOnly
        state.withLock { $0.connection = connection }
    }

    /// The connection, made anew when the last one broke.
    private func connection() throws -> TeamConnection {
        if let live = state.withLock({ $0.connection }), !live.isClosed { return live }
        let fresh = try TeamConnection.open(address, environment: environment, readOnly: readOnly)
        state.withLock { $0.connection = fresh }
        return fresh
    }

    /// Forgets a connection that failed, so the next call connects again.
    private func dropConnection(after error: any Error) {
        guard (error as? TeamStoreError)?.isConnectionLost == true else { return }
        noteReachable(false)
        let old = state.withLock { current in
            defer { current.connection = nil }
            return current.connection
        }
        old?.close()
    }

    private func tables(_ db: Database) throws -> [ReplicatedTable] {
        if let known = state.withLock({ $0.tables.isEmpty ? nil : $0.tables }) { return known }
        let tables = try ReplicatedTable.all(db)
        state.withLock { $0.tables = tables }
        return tables
    }

    // MARK: Reading

    /// Brings `store` up to the team store in one local transaction, reading one consistent
    /// snapshot of it; `progress` hears rows done and rows to do when there are many. Returns
    /// whether anything came in.
    @discardableResult
    public func refresh(_ store: PortfolioStore, progress: ((Int, Int) -> Void)? = nil) throws -> Bool {
        try inSnapshot(store) { db, connection, bulk in try pull(db, connection, bulk: bulk, progress: progress) }
    }

    /// Runs `body` in a local write transaction — a bulk load when the local store holds nothing
    /// (a new host's first copy: indexes, triggers and kept totals built once at the end) — and
    /// one read-only snapshot of the team store.
    private func inSnapshot<T>(_ store: PortfolioStore, _ body: (Database, TeamConnection, _ bulk: Bool) throws -> T) throws -> T {
        do {
            let result = try store.writeFromUpstream(bulkWhenEmpty: true) { db, bulk in
                let connection = try connection()
                try connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", atMost: Self.readWithin)
                do {
                    let result = try body(db, connection, bulk)
                    try connection.query("COMMIT", atMost: Self.readWithin)
                    return result
                } catch {
                    _ = try? connection.query("ROLLBACK")
                    throw error
                }
            }
            noteReachable(true)
            return result
        } catch {
            dropConnection(after: error)
            throw error
        }
    }

    /// What differs between the team store and the local copy once brought up to it: each table
    /// whose rows the two count differently (a copy written by another program, or a team store
    /// changed by hand without a change number). Empty when they agree.
    public func differences(_ store: PortfolioStore) throws -> [String] {
        try inSnapshot(store) { db, connection, bulk in
            _ = try pull(db, connection, bulk: bulk)
            return try tables(db).compactMap { table in
                let local = try Int64.fetchOne(db, sql: "SELECT count(*) FROM \(table.name.quotedDatabaseIdentifier)") ?? 0
                let remote = try connection.query("SELECT count(*) FROM \(table.name.quotedDatabaseIdentifier)").first?.decode(Int64.self) ?? 0
                return local == remote ? nil : "\(table.name): the team store holds \(remote) rows, this host's copy \(local)"
            }
        }
    }

    /// Applies, inside the caller's team-store transaction, every change the local store lacks
    /// up to `known` (else the counter): deleted keys first, then each table's changed rows.
    private func pull(_ db: Database, _ connection: TeamConnection, through known: Int64? = nil, bulk: Bool = false,
                      progress: ((Int, Int) -> Void)? = nil) throws -> Bool {
        guard let remote = try connection.query("SELECT store_id, change_seq FROM oversight_store", atMost: Self.readWithin).first else {
            throw TeamStoreError(address, .notATeamStore)
        }
        let (storeID, counter) = try remote.decode((String, Int64).self)
        let target = known ?? counter
        let local = try PortfolioReader.upstreamPosition(db)
        if let local, local.storeID != storeID { throw TeamStoreError(address, .replaced) }
        let from = local?.changeSeq ?? 0
        guard from < target else {
            if local == nil { try record(db, storeID: storeID, seq: target) }
            return false
        }
        let tables = try tables(db)
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        if from > 0 {
            let deleted = try connection.query("SELECT tbl, key::text FROM oversight_deleted WHERE change_seq > \(from) AND change_seq <= \(target) ORDER BY change_seq", atMost: Self.readWithin)
            for row in deleted {
                let (tableName, keyText) = try row.decode((String, String).self)
                guard let table = tables.first(where: { $0.name == tableName }) else { continue }
                let values = try JSONDecoder().decode([KeyPart].self, from: Data(keyText.utf8)).map(\.databaseValue)
                try db.execute(sql: table.localDelete, arguments: StatementArguments(values))
            }
        }
        var total = 0
        if progress != nil {
            for table in tables {
                total += try connection.query("SELECT count(*) FROM \(table.name.quotedDatabaseIdentifier) WHERE change_seq > \(from) AND change_seq <= \(target)", atMost: Self.readWithin)
                    .first?.decode(Int64.self).clamped ?? 0
            }
            progress?(0, total)
        }
        var done = 0
        for table in tables {
            // A bulk load's statements are prepared afresh: its checks are off for them alone.
            let upsert = bulk ? try db.makeStatement(sql: table.localInsert) : try db.cachedStatement(sql: table.localUpsert)
            try connection.query("DECLARE oversight_pull NO SCROLL CURSOR FOR \(table.serverChanged(after: from, through: target))", atMost: Self.readWithin)
            while true {
                let rows = try connection.query("FETCH \(Self.fetchSize) FROM oversight_pull", atMost: Self.readWithin)
                // A long pull is the server answering, not a silence.
                noteReachable(true)
                for row in rows {
                    var values = [DatabaseValue]()
                    values.reserveCapacity(table.columns.count)
                    for (cell, kind) in zip(row, table.kinds) { values.append(try cell.localValue(kind)) }
                    try upsert.execute(arguments: StatementArguments(values))
                }
                done += rows.count
                if !rows.isEmpty { progress?(done, total) }
                if rows.count < Self.fetchSize { break }
            }
            try connection.query("CLOSE oversight_pull", atMost: Self.readWithin)
        }
        try record(db, storeID: storeID, seq: target)
        return true
    }

    static let fetchSize = 5_000
    /// How long one of a refresh's reads may go unanswered before the connection counts as lost:
    /// each is one cheap step (a cursor's next rows), so a minute means the server went silent.
    static let readWithin: TimeInterval = 60

    private func record(_ db: Database, storeID: String, seq: Int64) throws {
        try db.execute(sql: """
            INSERT INTO upstream (id, store_id, change_seq) VALUES (1, ?, ?)
            ON CONFLICT (id) DO UPDATE SET store_id = excluded.store_id, change_seq = excluded.change_seq
            """, arguments: [storeID, seq])
    }

    // MARK: Writing

    public func beginWrite(_ db: Database, waitingAtMost wait: TimeInterval) throws {
        if readOnly { throw TeamStoreError(address, .readOnly) }
        do {
            let connection = try connection()
            try connection.query("BEGIN")
            do {
                try connection.query("SET LOCAL lock_timeout = '\(Int(saturating: wait * 1000))ms'")
                let seq: Int64
                do {
                    seq = try connection.query("UPDATE oversight_store SET change_seq = change_seq + 1 RETURNING change_seq")
                        .first?.decode(Int64.self) ?? 0
                } catch let error as TeamStoreError where error.problem == .busy(0) {
                    throw TeamStoreError(address, .busy(wait))
                }
                // Everything committed before this write's change number (the counter row it now
                // holds says its own), then this write alone.
                try connection.query("SET LOCAL lock_timeout = 0")
                _ = try pull(db, connection, through: seq - 1)
                let tables = try tables(db)
                try db.execute(sql: """
                    CREATE TEMP TABLE IF NOT EXISTS upstream_changed (tbl TEXT NOT NULL, k1 NOT NULL, k2 NOT NULL, k3 NOT NULL);
                    CREATE INDEX IF NOT EXISTS temp.upstream_changed_keys ON upstream_changed (tbl, k1, k2, k3);
                    """)
                for table in tables { try db.execute(sql: table.captureTriggers) }
                try db.execute(sql: "DELETE FROM temp.upstream_changed")
                state.withLock { $0.writing = seq }
            } catch {
                _ = try? connection.query("ROLLBACK")
                throw error
            }
        } catch {
            dropConnection(after: error)
            throw error
        }
    }

    public func commitWrite(_ db: Database) throws {
        guard let seq = state.withLock({ $0.writing }) else { return }
        do {
            let connection = try connection()
            let sent = try send(db, connection, seq: seq)
            if sent == 0 {
                try connection.query("ROLLBACK")
            } else {
                try connection.query("SELECT pg_notify('\(TeamSchema.channel)', '\(seq)')")
                try connection.query("COMMIT")
                try record(db, storeID: try PortfolioReader.upstreamPosition(db)?.storeID ?? "", seq: seq)
            }
            try db.execute(sql: "DELETE FROM temp.upstream_changed")
            state.withLock { $0.writing = nil }
            noteReachable(true)
        } catch {
            dropConnection(after: error)
            throw error
        }
    }

    public func abortWrite() {
        let (connection, writing) = state.withLock { current in
            defer { current.writing = nil }
            return (current.connection, current.writing)
        }
        if writing != nil { _ = try? connection?.query("ROLLBACK") }
    }

    /// Sends every row the write touched: those still there as upserts, those gone as deletes
    /// with their keys kept for the other hosts. Returns how many rows went.
    private func send(_ db: Database, _ connection: TeamConnection, seq: Int64) throws -> Int {
        var sent = 0
        for table in try tables(db) {
            var batch = [[DatabaseValue]]()
            func flush() throws {
                guard !batch.isEmpty else { return }
                var binds = PostgresBindings(capacity: batch.count * table.columns.count + 1)
                for row in batch {
                    for (index, value) in row.enumerated() { try table.bind(value, column: index, into: &binds) }
                }
                binds.append(seq)
                try connection.query(table.serverUpsert(rows: batch.count), binds)
                sent += batch.count
                batch.removeAll(keepingCapacity: true)
            }
            let touched = try Int.fetchOne(db, sql: "SELECT count(*) FROM temp.upstream_changed WHERE tbl = ?", arguments: [table.name]) ?? 0
            if touched >= Self.copyFrom {
                sent += try copy(table, db, connection, seq: seq)
            } else {
                let rows = try Row.fetchCursor(db, sql: table.changedRows)
                while let row = try rows.next() {
                    batch.append(row.databaseValues.map { $0 })
                    if batch.count == table.rowsPerStatement { try flush() }
                }
                try flush()
            }
            for keyRow in try Row.fetchAll(db, sql: table.deletedKeys) {
                let key = try JSONEncoder().encode(keyRow.databaseValues.map(KeyPart.init))
                let keyText = String(decoding: key, as: UTF8.self)
                var binds = PostgresBindings()
                binds.append(keyText)
                try connection.query(table.serverDelete, binds)
                var tombstone = PostgresBindings()
                tombstone.append(seq)
                tombstone.append(table.name)
                tombstone.append(keyText)
                try connection.query("INSERT INTO oversight_deleted (change_seq, tbl, key) VALUES ($1, $2, $3::jsonb)", tombstone)
                sent += 1
            }
        }
        return sent
    }

    deinit { close() }

    /// From how many touched rows a table's write goes by COPY rather than multi-row upserts.
    static let copyFrom = 20_000
    /// Rows per COPY: a few megabytes each.
    static let rowsPerCopy = 50_000

    /// Sends a large write's rows of one table by COPY: straight into the table when it is empty
    /// (a `generate` or `copy` into a new team store), else into a staging table upserted from.
    private func copy(_ table: ReplicatedTable, _ db: Database, _ connection: TeamConnection, seq: Int64) throws -> Int {
        let empty = try connection.query("SELECT NOT EXISTS (SELECT 1 FROM \(table.name.quotedDatabaseIdentifier))").first?.decode(Bool.self) ?? false
        let target = empty ? table.name : table.stagingTable
        if !empty { try connection.query(table.createStaging) }
        var buffer = ByteBuffer(), inBuffer = 0, sent = 0
        let rows = try Row.fetchCursor(db, sql: table.changedRows)
        while let row = try rows.next() {
            try table.copyLine(Array(row.databaseValues), seq: seq, into: &buffer)
            inBuffer += 1
            if inBuffer == Self.rowsPerCopy {
                try connection.copy(into: target, columns: table.copyColumns, data: buffer)
                sent += inBuffer
                buffer.clear()
                inBuffer = 0
            }
        }
        if inBuffer > 0 { try connection.copy(into: target, columns: table.copyColumns, data: buffer) }
        sent += inBuffer
        if !empty { try connection.query(table.upsertStaged) }
        return sent
    }

    public func close() {
        let connection = state.withLock { current in
            defer { current.connection = nil }
            return current.connection
        }
        connection?.close()
    }
}

/// One column of a deleted row's key, as `oversight_deleted.key` holds it: a JSON array of
/// numbers and strings.
private enum KeyPart: Codable {
    case number(Int64)
    case text(String)

    init(_ value: DatabaseValue) {
        switch value.storage {
        case let .int64(number): self = .number(number)
        case let .string(text): self = .text(text)
        default: self = .text(value.description)
        }
    }

    init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if let number = try? single.decode(Int64.self) { self = .number(number) } else { self = .text(try single.decode(String.self)) }
    }

    func encode(to encoder: any Encoder) throws {
        var single = encoder.singleValueContainer()
        switch self {
        case let .number(number): try single.encode(number)
        case let .text(text): try single.encode(text)
        }
    }

    var databaseValue: DatabaseValue {
        switch self {
        case let .number(number): number.databaseValue
        case let .text(text): text.databaseValue
        }
    }
}

private extension Int64 {
    var clamped: Int { Int(clamping: self) }
}
