import Foundation
import GRDB
import Portfolio

/// Reads an MLflow tracking and model-registry SQLite store (MLflow 2.x and 3.x layouts), opened
/// read-only and never written, into `MLflowData`, and writes it through `MLflowMapping` (the
/// mapping the tracking-server importer shares; docs/FEEDING.md).
public struct MLflowImporter {
    /// The store and team it writes to (`mapping.team` may be changed before an import).
    public var mapping: MLflowMapping

    public init(store: PortfolioStore, team: String = "MLflow") {
        mapping = MLflowMapping(store: store, team: team)
    }

    /// Columns each table must have; recognised by what is there, not by the alembic revision.
    static let required: [String: [String]] = [
        "experiments": ["experiment_id", "name", "lifecycle_stage"],
        "runs": ["run_uuid", "name", "user_id", "status", "start_time", "end_time", "lifecycle_stage", "experiment_id"],
        "metrics": ["key", "value", "timestamp", "run_uuid", "step", "is_nan"],
        "tags": ["key", "value", "run_uuid"],
        "registered_models": ["name"],
        "model_versions": ["name", "version", "creation_time", "current_stage", "run_id", "user_id"],
    ]

    public func importStore(at path: String, progress: PortfolioImporter.Progress? = nil) throws -> ImportSummary {
        try mapping.write(try Self.read(path), source: path, progress: progress)
    }

    static func read(_ path: String) throws -> MLflowData {
        guard FileManager.default.fileExists(atPath: path) else { throw ImportError(file: path, message: "no such file") }
        let queue: DatabaseQueue
        do {
            // Never leaves -wal or -shm files beside MLflow's own store (they could lock its
            // server out if it runs as another user): read-only, or a snapshot.
            queue = try StoreAccess.queueForReading(path)
        } catch {
            throw ImportError(file: path, message: "not a SQLite database: \(error)")
        }
        defer { try? queue.close() }
        do {
            return try queue.read { db in
                let tables = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'"))
                guard tables.contains("experiments"), tables.contains("runs") else {
                    throw ImportError(file: path, message: "not an MLflow tracking store: no experiments and runs tables")
                }
                for (table, columns) in required.sorted(by: { $0.key < $1.key }) {
                    guard tables.contains(table) else {
                        throw ImportError(file: path, record: "table \(table)", message: "unknown MLflow layout: the table is missing")
                    }
                    let present = Set(try Row.fetchAll(db, sql: "PRAGMA table_info(\(table))").map { $0["name"] as String })
                    if let missing = columns.first(where: { !present.contains($0) }) {
                        throw ImportError(file: path, record: "table \(table)", field: missing,
                                          message: "unknown MLflow layout: expected this column; this Oversight reads MLflow 2.x and 3.x stores")
                    }
                }
                // MLflow's file is another program's: every column is read as the type it should
                // have (text cast to text, a number of the wrong type left out), since GRDB stops
                // the program on a value it cannot decode.
                var source = MLflowData()
                source.experiments = try Row.fetchAll(db, sql: """
                    SELECT CAST(experiment_id AS TEXT) AS id, CAST(name AS TEXT) AS name FROM experiments
                    WHERE lifecycle_stage = 'active' AND experiment_id IS NOT NULL AND name IS NOT NULL ORDER BY experiment_id
                    """).map { MLflowData.Experiment(id: $0["id"], name: $0["name"]) }
                var runTags: [String: [String: String]] = [:]
                for row in try Row.fetchAll(db, sql: """
                    SELECT CAST(run_uuid AS TEXT) AS run_uuid, CAST(key AS TEXT) AS key, CAST(value AS TEXT) AS value FROM tags
                    WHERE run_uuid IS NOT NULL AND key IS NOT NULL
                    """) {
                    runTags[row["run_uuid"], default: [:]][row["key"]] = row["value"]
                }
                for row in try Row.fetchAll(db, sql: """
                    SELECT CAST(run_uuid AS TEXT) AS run_uuid, CAST(name AS TEXT) AS name, CAST(user_id AS TEXT) AS user_id,
                      CAST(status AS TEXT) AS status, \(Self.integer("start_time")), \(Self.integer("end_time")),
                      CAST(experiment_id AS TEXT) AS experiment_id, CAST(lifecycle_stage AS TEXT) AS lifecycle_stage
                    FROM runs WHERE run_uuid IS NOT NULL AND experiment_id IS NOT NULL
                    ORDER BY start_time, run_uuid
                    """) {
                    let id: String = row["run_uuid"]
                    switch row["lifecycle_stage"] as String? {
                    case "active": break
                    case "deleted": source.deletedRuns.append(id); continue
                    default: continue
                    }
                    source.runs.append(MLflowData.Run(id: id, experimentID: row["experiment_id"], name: row["name"], user: row["user_id"],
                                                      status: row["status"] ?? "", startTime: row["start_time"], endTime: row["end_time"],
                                                      tags: runTags[id] ?? [:]))
                }
                var versionTags: [String: [String: String]] = [:]
                if tables.contains("model_version_tags") {
                    for row in try Row.fetchAll(db, sql: """
                        SELECT CAST(name AS TEXT) || ' ' || CAST(version AS TEXT) AS version, CAST(key AS TEXT) AS key, CAST(value AS TEXT) AS value
                        FROM model_version_tags WHERE name IS NOT NULL AND version IS NOT NULL AND key IS NOT NULL
                        """) {
                        versionTags[row["version"], default: [:]][row["key"]] = row["value"]
                    }
                }
                source.versions = try Row.fetchAll(db, sql: """
                    SELECT CAST(name AS TEXT) AS name, \(Self.integer("version")), \(Self.integer("creation_time")),
                      CAST(current_stage AS TEXT) AS current_stage, CAST(run_id AS TEXT) AS run_id, CAST(user_id AS TEXT) AS user_id
                    FROM model_versions
                    WHERE coalesce(current_stage, '') != 'Deleted_Internal' AND name IS NOT NULL ORDER BY name, version
                    """).map { row in
                        let number: Int64 = row["version"] ?? 0
                        return MLflowData.Version(model: row["name"], version: number, creationTime: row["creation_time"],
                                                  stage: row["current_stage"], runID: row["run_id"], user: row["user_id"],
                                                  tags: versionTags["\(row["name"] as String) \(number)"] ?? [:])
                    }
                if tables.contains("registered_model_aliases") {
                    for row in try Row.fetchAll(db, sql: """
                        SELECT CAST(name AS TEXT) AS name, CAST(version AS TEXT) AS version, CAST(alias AS TEXT) AS alias
                        FROM registered_model_aliases WHERE name IS NOT NULL AND version IS NOT NULL AND alias IS NOT NULL
                        """) {
                        source.aliases[row["name"], default: [:]][row["version"], default: []].insert((row["alias"] as String).lowercased())
                    }
                }
                if tables.contains("registered_model_tags") {
                    for row in try Row.fetchAll(db, sql: """
                        SELECT CAST(name AS TEXT) AS name, CAST(key AS TEXT) AS key, CAST(value AS TEXT) AS value
                        FROM registered_model_tags WHERE name IS NOT NULL AND key IS NOT NULL
                        """) {
                        source.modelTags[row["name"], default: [:]][row["key"]] = row["value"]
                    }
                }
                // NaN (is_nan) is left out here; infinities (±DBL_MAX) by the mapping.
                source.metrics = try Row.fetchAll(db, sql: """
                    SELECT CAST(m.run_uuid AS TEXT) AS run_uuid, CAST(m.key AS TEXT) AS key, m.value, m.timestamp,
                      CASE WHEN typeof(m.step) = 'integer' THEN m.step END AS step
                    FROM metrics m JOIN runs r ON r.run_uuid = m.run_uuid
                    WHERE r.lifecycle_stage = 'active' AND m.is_nan = 0 AND m.key IS NOT NULL
                      AND typeof(m.value) IN ('real', 'integer') AND typeof(m.timestamp) = 'integer'
                    ORDER BY m.run_uuid, m.key, m.timestamp, m.step
                    """).map { MLflowData.Metric(runID: $0["run_uuid"], key: $0["key"], value: $0["value"], timestamp: $0["timestamp"],
                                                 step: $0["step"] ?? 0) }
                return source
            }
        } catch let error as ImportError {
            throw error
        } catch let error as DatabaseError {
            throw ImportError(file: path, message: "cannot read it as an MLflow store: \(error.message ?? "\(error)")")
        }
    }

    /// `column`, as itself when it holds a whole number, else NULL.
    static func integer(_ column: String) -> String {
        "CASE WHEN typeof(\(column)) = 'integer' THEN \(column) END AS \(column)"
    }
}
