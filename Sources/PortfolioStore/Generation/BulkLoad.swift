import Foundation
import GRDB
import GRDBSQLite

/// The mechanics of writing millions of rows into an empty store in one transaction, apart from
/// what the rows are (`PortfolioGenerator`'s rules, an import's records, an upstream's copy):
/// the store must hold nothing (so generated rows never mix with real ones); secondary indexes
/// and the triggers that keep the kept tables are dropped for the load and put back from their
/// own definitions after, and the kept tables filled once; checks are off for the load's own
/// statements.
enum BulkLoad {
    /// Runs `fill` in one write transaction on the empty `store`, set up for a bulk load.
    static func into<T>(_ store: PortfolioStore, _ fill: (Database) throws -> T) throws -> T {
        try store.write { writer in
            guard try isEmpty(writer.db) else {
                let rows = try writer.reader.rowCounts().values.reduce(0, +)
                throw GenerationError.storeNotEmpty(path: store.path, rows: rows)
            }
            return try load(writer.db, fill)
        }
    }

    /// Whether no record table holds a row.
    static func isEmpty(_ db: Database) throws -> Bool {
        try PortfolioReader.tables.allSatisfy { table in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM \(table) LIMIT 1)") == 0
        }
    }

    /// Runs `fill` inside the caller's write transaction on an empty store, set up for a bulk load.
    static func load<T>(_ db: Database, _ fill: (Database) throws -> T) throws -> T {
        // Indexes keyed by model and pipeline take inserts all over their B-trees; with SQLite's
        // default 2 MB page cache each such insert reads and spills pages through the WAL.
        // A large cache keeps them in memory for the one transaction; it is given back after.
        let cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2_000
        try db.execute(sql: "PRAGMA cache_size = -262144")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
        // Bulk-load practice: the secondary indexes are dropped and built again from their own
        // definitions once the rows are in — a sorted build instead of millions of scattered
        // inserts. All inside the one transaction, so the schema is never seen without them.
        let indexes = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
        for index in indexes { try db.execute(sql: "DROP INDEX \((index["name"] as String).quotedDatabaseIdentifier)") }
        // Every value comes from the vocabularies and every reference from ids written before
        // it, so the per-row checks are redundant, and they are the dearest part of a row: each
        // `x IN (…)` CHECK opens a temporary b-tree per row (a profile showed most of the runs'
        // time there). Checks are off for the load's own statements (`fill` may turn them on
        // for some: setting the pragma expires every prepared statement, so each is prepared
        // again under the setting it runs with), foreign keys are checked once at commit; the
        // tests run `PRAGMA integrity_check` and `foreign_key_check` on generated stores.
        try db.execute(sql: "PRAGMA defer_foreign_keys = ON")
        try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
        defer { try? db.execute(sql: "PRAGMA ignore_check_constraints = OFF") }
        // The tables kept by triggers (counts, totals, the runs' search index) likewise: filled
        // once at the end instead of a trigger per row, the triggers put back after.
        let triggers = try KeptTable.setTriggersAside(db, on: nil)
        let result = try fill(db)
        for index in indexes { try db.execute(sql: index["sql"]) }
        try KeptTable.refill(db)
        try KeptTable.putBack(triggers, db)
        return result
    }
}

/// A value for `Statement.insertRow`.
enum BulkValue: Equatable {
    case int(Int64)
    case double(Double)
    case text(String)
    case null

    static func optional(_ value: Int64?) -> BulkValue { value.map(BulkValue.int) ?? .null }
    static func optional(_ value: String?) -> BulkValue { value.map(BulkValue.text) ?? .null }

    /// The same value to the store: text by its bytes (Swift's `String` equality is canonical,
    /// so "é" composed equals "é" decomposed) and numbers by their bits (0.0 equals -0.0).
    static func == (lhs: BulkValue, rhs: BulkValue) -> Bool {
        switch (lhs, rhs) {
        case let (.int(a), .int(b)): a == b
        case let (.double(a), .double(b)): a.bitPattern == b.bitPattern
        case let (.text(a), .text(b)): a.hasSameBytes(as: b)
        case (.null, .null): true
        default: false
        }
    }
}

extension Statement {
    /// Writes one row of values bound through SQLite's C API: a bulk load writes millions of rows,
    /// and building GRDB's `StatementArguments` (an array of boxed values per row) and binding it
    /// was a sixth of the generation time in a profile.
    func insertRow(_ values: BulkValue...) throws {
        try write(values)
    }

    /// Executes the statement once with `values` bound through SQLite's C API (see `insertRow`).
    func write(_ values: [BulkValue]) throws {
        guard try step(values) == SQLITE_DONE else { throw error(SQLITE_ROW) }
    }

    /// Whether the statement, with `values` bound through SQLite's C API, yields a row: a look-up
    /// that mostly finds nothing (a run's first line, asked whether the store holds it), without
    /// GRDB's cursor and row.
    func yieldsRow(_ values: [BulkValue]) throws -> Bool {
        try step(values) == SQLITE_ROW
    }

    /// Binds `values`, steps once and resets; the step's code, DONE or ROW (any other throws).
    private func step(_ values: [BulkValue]) throws -> Int32 {
        let handle = sqliteStatement
        for (index, value) in values.enumerated() {
            let position = Int32(index + 1)
            switch value {
            case let .int(number): sqlite3_bind_int64(handle, position, number)
            case let .double(number): sqlite3_bind_double(handle, position, number)
            // `withCString` lends a native string's own bytes; passing the String converts it
            // into a new C array on each call.
            case let .text(text): text.withCString { _ = sqlite3_bind_text(handle, position, $0, -1, BulkLoad.transient) }
            case .null: sqlite3_bind_null(handle, position)
            }
        }
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE || code == SQLITE_ROW else { throw error(code) }
        return code
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(sqliteStatement))), sql: sql)
    }

    /// Executes the statement with arguments already checked by construction.
    func insert(_ arguments: StatementArguments) throws {
        setUncheckedArguments(arguments)
        try execute()
    }
}

extension BulkLoad {
    /// SQLite copies the text it is given before the call returns.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}
