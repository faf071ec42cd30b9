import Foundation
import GRDB

/// Copies every record of one store — teams, pipelines, models with their tags and versions, runs
/// with their steps, metric points, alerts with every event, assessments — into another, empty
/// one, ids and all, in one transaction on the target (a bulk load: `BulkLoad`); the kept totals
/// and the search index are worked out there afresh. Either store may be a file or a team store's
/// local copy: written into a team store's, the rows go on to the team store with the transaction.
public enum StoreCopy {
    /// What was copied: each record table with its rows, in the order copied.
    public struct Summary: Sendable, Equatable {
        public var tables: [(name: String, rows: Int)] = []
        public var total: Int { tables.reduce(0) { $0 + $1.rows } }

        public static func == (lhs: Summary, rhs: Summary) -> Bool {
            lhs.tables.map(\.name) == rhs.tables.map(\.name) && lhs.tables.map(\.rows) == rhs.tables.map(\.rows)
        }
    }

    /// How many records `store` holds (a copy goes only into a store that holds none).
    public static func records(in store: PortfolioStore) throws -> Int {
        try store.read { try $0.rowCounts().values.reduce(0, +) }
    }

    /// Copies `source` into the empty `target`; `progress` hears rows copied and rows to copy.
    public static func copy(from source: PortfolioStore, to target: PortfolioStore,
                            progress: (Int, Int) -> Void = { _, _ in }) throws -> Summary {
        try source.read { reader in
            let from = reader.db
            let counts = try reader.rowCounts()
            let total = counts.values.reduce(0, +)
            var done = 0
            return try BulkLoad.into(target) { db in
                var summary = Summary()
                for table in KeptTable.baseTables {
                    // The target's columns: a source opened read-only may predate a later column,
                    // and then the copy fails naming it rather than guessing.
                    let columns = try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?) ORDER BY cid", arguments: [table])
                        .map(\.quotedDatabaseIdentifier).joined(separator: ", ")
                    let marks = Array(repeating: "?", count: columns.split(separator: ",").count).joined(separator: ", ")
                    let insert = try db.makeStatement(sql: "INSERT INTO \(table.quotedDatabaseIdentifier) (\(columns)) VALUES (\(marks))")
                    let rows = try Row.fetchCursor(from, sql: "SELECT \(columns) FROM \(table.quotedDatabaseIdentifier)")
                    var copied = 0
                    while let row = try rows.next() {
                        try insert.execute(arguments: StatementArguments(row.databaseValues))
                        copied += 1
                        done += 1
                        if done % 10_000 == 0 { progress(done, total) }
                    }
                    summary.tables.append((table, copied))
                }
                progress(done, total)
                return summary
            }
        }
    }
}
