import Foundation
import GRDB

/// A store file as the write measures use it: the rows of its data tables, counted as `oversight
/// generate` counts the rows it writes (`GenerationSummary`: every table a record of the data
/// format becomes, not the tables the store keeps from them), and its removal between runs.
enum DataTables {
    static let names = [
        "teams", "pipelines", "models", "model_versions", "model_tags", "pipeline_runs", "run_steps",
        "metric_points", "drift_alerts", "alert_events", "maturity_assessments",
    ]

    /// Removes the store at `path` with its WAL and shared-memory files, if there.
    static func remove(_ path: String) {
        for file in [path, path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
    }

    /// The sum of the data tables' row counts in the store at `path`, read-only.
    static func rows(in path: String) throws -> Int {
        var configuration = Configuration()
        configuration.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: configuration)
        defer { try? queue.close() }
        return try queue.read { db in
            try names.reduce(0) { sum, table in sum + (try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0) }
        }
    }
}
