import GRDB
import GRDBSQLite

/// The current row of a statement stepped through SQLite's C API, read by position: what the
/// window figures' reads of tens of thousands of rows use instead of GRDB's cursor, whose
/// generic decoding of each column cost more than SQLite's reading of it (the alerts of a
/// 90-day window on a million runs, 50k rows of six columns: docs/BENCHMARKS.md). Whatever a
/// column holds, a read answers and never traps, as SQLite converts it: NULL is 0 (or nil where
/// asked), a real read as an integer is truncated, text is read as its number.
struct ColumnValues {
    fileprivate let handle: OpaquePointer

    func int64(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }

    func optionalInt64(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, column)
    }

    /// The column's integer, or nil when it holds anything else (NULL, a real, text): a key
    /// matched in memory as a join would match it, where `int64` would read '12abc' as 12.
    func integer(_ column: Int32) -> Int64? {
        sqlite3_column_type(handle, column) == SQLITE_INTEGER ? sqlite3_column_int64(handle, column) : nil
    }

    func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }

    /// Calls `body` with each whole number of the column's comma-separated list ("12,0,345", as
    /// `group_concat` writes integers), in order. Whatever the column holds, it never traps: a
    /// number beyond Int64 saturates, and any character but a digit, a leading `-` or a comma
    /// is skipped.
    func forEachInteger(inListAt column: Int32, _ body: (Int64) -> Void) {
        guard let text = sqlite3_column_text(handle, column) else { return }
        let count = Int(sqlite3_column_bytes(handle, column))
        var value: Int64 = 0, negative = false, digits = false
        for index in 0...count {
            let byte = index < count ? text[index] : UInt8(ascii: ",")
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                // Accumulated towards its sign, so that Int64.min is read as itself.
                let digit = Int64(byte - UInt8(ascii: "0"))
                let (times, overflow) = value.multipliedReportingOverflow(by: 10)
                let (next, over) = negative ? times.subtractingReportingOverflow(digit) : times.addingReportingOverflow(digit)
                value = !(overflow || over) ? next : negative ? .min : .max
                digits = true
            case UInt8(ascii: "-") where !digits: negative = true
            case UInt8(ascii: ","):
                if digits { body(value) }
                (value, negative, digits) = (0, false, false)
            default: break
            }
        }
    }

    /// False for 0 and NULL, true for any other integer (a real is read as its integer part):
    /// the conditions these reads select are 0, 1 or NULL.
    func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }
}

extension Database {
    /// Steps `sql` (prepared once for the connection) with `arguments` to its end, calling `body`
    /// with each row. `body` must not run the same SQL (it would reset this statement) nor keep
    /// the row beyond its call.
    func forEachRow(_ sql: String, arguments: StatementArguments = [], _ body: (ColumnValues) throws -> Void) throws {
        let statement = try cachedStatement(sql: sql)
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqliteConnection)),
                                    sql: sql, arguments: arguments)
            }
            try body(ColumnValues(handle: handle))
        }
    }
}
