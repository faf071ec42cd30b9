import Foundation
import GRDBSQLite

/// A read-only SQLite connection through the C API alone: the floor a refresh is compared with.
/// Each statement is prepared, stepped to the end with every column read, and finalized — the
/// work any SQLite client must do for the same query.
final class BareSQL {
    private var connection: OpaquePointer?

    init(path: String, pragmas: [String] = []) throws {
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READONLY, nil) == SQLITE_OK else {
            throw BenchError("cannot open \(path) with the C API")
        }
        for pragma in pragmas { try run(["PRAGMA " + pragma]) }
    }

    deinit { sqlite3_close_v2(connection) }

    func run(_ statements: [String]) throws {
        for sql in statements {
            var statement: OpaquePointer?
            guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK else {
                throw BenchError("prepare failed: \(String(cString: sqlite3_errmsg(connection))) in \(sql)")
            }
            defer { sqlite3_finalize(statement) }
            let columns = sqlite3_column_count(statement)
            var checksum = 0
            while true {
                let status = sqlite3_step(statement)
                if status == SQLITE_DONE { break }
                guard status == SQLITE_ROW else { throw BenchError("step failed: \(String(cString: sqlite3_errmsg(connection)))") }
                for column in 0..<columns {
                    switch sqlite3_column_type(statement, column) {
                    case SQLITE_INTEGER: checksum &+= Int(sqlite3_column_int64(statement, column))
                    case SQLITE_FLOAT: checksum &+= Int(sqlite3_column_double(statement, column))
                    case SQLITE_TEXT: checksum &+= Int(sqlite3_column_bytes(statement, column))
                    default: break
                    }
                }
            }
            blackHole(checksum)
        }
    }

    /// Pages this connection has read from the file since it opened (its page cache's misses).
    var cacheMisses: Int32 {
        var current: Int32 = 0, highwater: Int32 = 0
        sqlite3_db_status(connection, SQLITE_DBSTATUS_CACHE_MISS, &current, &highwater, 0)
        return current
    }

    /// `EXPLAIN QUERY PLAN` of one statement, one line per step.
    func queryPlan(_ sql: String) throws -> [String] {
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(connection, "EXPLAIN QUERY PLAN " + sql, -1, &statement, nil) == SQLITE_OK else {
            throw BenchError("prepare failed: \(String(cString: sqlite3_errmsg(connection)))")
        }
        defer { sqlite3_finalize(statement) }
        var lines: [String] = []
        while sqlite3_step(statement) == SQLITE_ROW {
            lines.append(String(cString: sqlite3_column_text(statement, 3)))
        }
        return lines
    }
}

/// Keeps a value alive so the optimizer cannot drop the work that made it.
@inline(never) func blackHole<T>(_ value: T) { _ = value }

/// A benchmark that cannot go on, with the reason.
struct BenchError: Error, CustomStringConvertible {
    let description: String
    init(_ message: String) { description = message }
}
