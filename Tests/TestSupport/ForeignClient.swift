import Foundation
import GRDB

/// Another SQLite program writing into a store: plain connection settings (no foreign keys, no
/// recursive triggers, none of Oversight's checks), as `sqlite3` or a script would. For tests of
/// what such writes can do to readers, to the kept totals, and what `doctor` finds.
public enum ForeignClient {
    public static func execute(_ path: String, _ sql: String) throws {
        var config = Configuration()
        config.foreignKeysEnabled = false  // as sqlite3 and most clients: GRDB turns them on
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        try queue.writeWithoutTransaction { try $0.execute(sql: sql) }
    }

    /// The first column of every row `sql` returns, as text.
    public static func strings(_ path: String, _ sql: String) throws -> [String] {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        return try queue.read { try String.fetchAll($0, sql: sql) }
    }
}
