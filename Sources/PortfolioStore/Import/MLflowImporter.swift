import Foundation
import GRDB
import Portfolio

/// Imports an MLflow tracking and model-registry SQLite store (MLflow 2.x and 3.x layouts),
/// opened read-only, never written.
///
/// Mapping (docs/FEEDING.md): experiments → pipelines; runs → pipeline runs (deleted runs left out;
/// FINISHED → succeeded, FAILED → failed, KILLED → cancelled, RUNNING → running, SCHEDULED → queued);
/// registered models and versions → models and versions; metric history → metric series, without
/// NaN (`is_nan = 1`) and clamped infinities (±DBL_MAX). A run that produced a registered version
/// belongs to that model; any other run to the model most of its experiment's versions belong to;
/// otherwise to a model named after the experiment. A model's stage: production if a version has a
/// `champion`/`production`/`prod` alias or the Production stage; else staging if one has a
/// `challenger`/`staging` alias or the Staging stage; else archived if every version is Archived;
/// else development.
public struct MLflowImporter {
    public let store: PortfolioStore
    /// The team imported pipelines and models belong to (created when missing).
    public var team: String

    public init(store: PortfolioStore, team: String = "MLflow") {
        self.store = store
        self.team = team
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

    static let productionAliases: Set<String> = ["champion", "production", "prod"]
    static let stagingAliases: Set<String> = ["challenger", "staging"]

    struct Source {
        var experiments: [(id: String, name: String)] = []
        var runs: [Row] = []
        var runTags: [String: [String: String]] = [:]
        var versions: [Row] = []
        var aliases: [String: [String: Set<String>]] = [:]  // model → version → aliases
        var modelTags: [String: [String: String]] = [:]
        var metrics: [Row] = []
    }

    public func importStore(at path: String, progress: PortfolioImporter.Progress? = nil) throws -> ImportSummary {
        let source = try Self.read(path)
        return try write(source, file: path, progress: progress)
    }

    static func read(_ path: String) throws -> Source {
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
                var source = Source()
                source.experiments = try Row.fetchAll(db, sql: """
                    SELECT CAST(experiment_id AS TEXT) AS id, CAST(name AS TEXT) AS name FROM experiments
                    WHERE lifecycle_stage = 'active' AND experiment_id IS NOT NULL AND name IS NOT NULL ORDER BY experiment_id
                    """).map { ($0["id"], $0["name"]) }
                source.runs = try Row.fetchAll(db, sql: """
                    SELECT CAST(run_uuid AS TEXT) AS run_uuid, CAST(name AS TEXT) AS name, CAST(user_id AS TEXT) AS user_id,
                      CAST(status AS TEXT) AS status, \(Self.integer("start_time")), \(Self.integer("end_time")),
                      CAST(experiment_id AS TEXT) AS experiment_id
                    FROM runs WHERE lifecycle_stage = 'active' AND run_uuid IS NOT NULL AND experiment_id IS NOT NULL
                    ORDER BY start_time, run_uuid
                    """)
                for row in try Row.fetchAll(db, sql: """
                    SELECT CAST(run_uuid AS TEXT) AS run_uuid, CAST(key AS TEXT) AS key, CAST(value AS TEXT) AS value FROM tags
                    WHERE run_uuid IS NOT NULL AND key IS NOT NULL
                    """) {
                    source.runTags[row["run_uuid"], default: [:]][row["key"]] = row["value"]
                }
                source.versions = try Row.fetchAll(db, sql: """
                    SELECT CAST(name AS TEXT) AS name, \(Self.integer("version")), \(Self.integer("creation_time")),
                      CAST(current_stage AS TEXT) AS current_stage, CAST(run_id AS TEXT) AS run_id, CAST(user_id AS TEXT) AS user_id
                    FROM model_versions
                    WHERE coalesce(current_stage, '') != 'Deleted_Internal' AND name IS NOT NULL ORDER BY name, version
                    """)
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
                source.metrics = try Row.fetchAll(db, sql: """
                    SELECT CAST(m.run_uuid AS TEXT) AS run_uuid, CAST(m.key AS TEXT) AS key, m.value, m.timestamp, m.step
                    FROM metrics m JOIN runs r ON r.run_uuid = m.run_uuid
                    WHERE r.lifecycle_stage = 'active' AND m.is_nan = 0 AND m.key IS NOT NULL
                      AND typeof(m.value) IN ('real', 'integer') AND abs(m.value) < 1.7976931348623157e308
                      AND typeof(m.timestamp) = 'integer'
                    ORDER BY m.run_uuid, m.key, m.timestamp, m.step
                    """)
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

    static func date(_ milliseconds: Int64?) -> Date? {
        milliseconds.map { Date(timeIntervalSince1970: TimeInterval($0 / 1000)) }
    }

    func write(_ source: Source, file: String, progress: PortfolioImporter.Progress?) throws -> ImportSummary {
        var summary = ImportSummary(files: [file])
        let experimentName = Dictionary(source.experiments, uniquingKeysWith: { first, _ in first })
        let runExperiment = Dictionary(source.runs.map { ($0["run_uuid"] as String, $0["experiment_id"] as String) },
                                       uniquingKeysWith: { first, _ in first })
        // Which model each run belongs to.
        var producedBy: [String: (model: String, version: String)] = [:]
        var versionsPerExperiment: [String: [String: Int]] = [:]
        for version in source.versions {
            guard let run: String = version["run_id"] else { continue }
            producedBy[run] = (version["name"], String(version["version"] as Int64? ?? 0))
            if let experiment = runExperiment[run] { versionsPerExperiment[experiment, default: [:]][version["name"], default: 0] += 1 }
        }
        func model(for run: String) -> String? {
            if let produced = producedBy[run] { return produced.model }
            guard let experiment = runExperiment[run] else { return nil }
            if let counts = versionsPerExperiment[experiment], let best = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
                return best.key
            }
            return experimentName[experiment]
        }

        // Models from the registry, plus models named after experiments without one.
        var models: [String: Model] = [:]
        for (name, rows) in Dictionary(grouping: source.versions, by: { $0["name"] as String }) {
            let aliases = source.aliases[name] ?? [:]
            var versions: [ModelVersion] = []
            var production: String?, staging: String?
            for row in rows.sorted(by: { ($0["version"] as Int64? ?? 0) < ($1["version"] as Int64? ?? 0) }) {
                let number = String(row["version"] as Int64? ?? 0)
                let stageName = (row["current_stage"] as String? ?? "").lowercased()
                let labels = aliases[number] ?? []
                let stage: Stage?
                if stageName == "production" || !labels.isDisjoint(with: Self.productionAliases) {
                    stage = .production
                    production = number
                } else if stageName == "staging" || !labels.isDisjoint(with: Self.stagingAliases) {
                    stage = .staging
                    staging = number
                } else if stageName == "archived" {
                    stage = .archived
                } else {
                    stage = nil
                }
                versions.append(ModelVersion(version: number, createdAt: Self.date(row["creation_time"]) ?? Date(timeIntervalSince1970: 0),
                                             stage: stage, approvalStatus: stage == .production ? .approved : .pending))
            }
            let allArchived = !versions.isEmpty && versions.allSatisfy { $0.stage == .archived }
            let stage: Stage = production != nil ? .production : staging != nil ? .staging : allArchived ? .archived : .development
            // The registry often leaves user_id empty; then the newest version's run says who made it.
            let runUsers = Dictionary(source.runs.map { ($0["run_uuid"] as String, $0["user_id"] as String? ?? "") },
                                      uniquingKeysWith: { first, _ in first })
            let newest = rows.last
            let owner = [newest?["user_id"] as String?, (newest?["run_id"] as String?).flatMap { runUsers[$0] }]
                .compactMap { $0 }.first { !$0.isEmpty } ?? "unknown"
            models[name] = Model(name: name, team: team, owner: owner, stage: stage,
                                 version: production ?? staging ?? versions.last?.version,
                                 tags: (source.modelTags[name] ?? [:]).merging(["source": "mlflow"]) { a, _ in a },
                                 createdAt: versions.first?.createdAt, versions: versions)
        }
        for run in source.runs {
            let uuid: String = run["run_uuid"]
            guard let name = model(for: uuid), models[name] == nil else { continue }
            let owner = (run["user_id"] as String?).flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
            models[name] = Model(name: name, team: team, owner: owner, stage: .development, tags: ["source": "mlflow"])
        }

        let total = 2 + source.experiments.count + models.count + source.runs.count + source.metrics.count
        var done = 0
        func advance(_ kind: RecordKind, _ outcome: UpsertOutcome) {
            summary.add(outcome, for: kind)
            done += 1
            if done % 500 == 0 || done == total { progress?(done, total) }
        }
        try store.write { writer in
            if try writer.reader.team(named: team) == nil {
                advance(.team, try writer.upsert(Team(name: team, description: "Imported from MLflow")))
            }
            for (_, name) in source.experiments {
                let existing = try writer.reader.pipeline(named: name)
                advance(.pipeline, try writer.upsert(Pipeline(name: name, team: existing?.team ?? team,
                                                               schedule: existing?.schedule, description: existing?.description ?? "MLflow experiment")))
            }
            for name in models.keys.sorted() {
                var model = models[name]!
                // A model that already exists keeps its team, owner and money figures.
                if let existing = try writer.reader.model(named: name) {
                    model.team = existing.team
                    model.owner = existing.owner
                    model.useCase = existing.useCase
                    model.riskTier = existing.riskTier
                    model.businessValue = existing.businessValue
                    model.servingCostPerMonth = existing.servingCostPerMonth
                    if model.versions.isEmpty { model.versions = existing.versions; model.version = existing.version; model.stage = existing.stage }
                }
                advance(.model, try writer.upsert(model))
            }
            for row in source.runs {
                let uuid: String = row["run_uuid"]
                guard let modelName = model(for: uuid), let pipeline = experimentName[row["experiment_id"]] else { continue }
                let status: RunStatus
                switch (row["status"] as String? ?? "").uppercased() {
                case "FINISHED": status = .succeeded
                case "FAILED": status = .failed
                case "KILLED": status = .cancelled
                case "SCHEDULED": status = .queued
                default: status = .running
                }
                let start = Self.date(row["start_time"]) ?? Date(timeIntervalSince1970: 0)
                let end = status.isFinished ? Self.date(row["end_time"]) : nil
                let tags = source.runTags[uuid] ?? [:]
                // A run keeps its pipeline and model for life: one imported before its version was
                // registered (so under its experiment's model) stays where it was.
                let stored = try writer.reader.run(externalID: "mlflow-\(uuid)")
                let run = PipelineRun(
                    externalID: "mlflow-\(uuid)", pipeline: stored?.pipeline ?? pipeline, model: stored?.model ?? modelName,
                    name: row["name"], kind: .training,
                    status: status, trigger: tags["mlflow.source.type"] == "JOB" ? .schedule : .manual,
                    startedBy: row["user_id"], modelVersion: producedBy[uuid]?.version, queuedAt: start,
                    startedAt: status == .queued ? nil : start, finishedAt: end.map { max($0, start) },
                    commit: tags["mlflow.source.git.commit"],
                    error: status == .failed ? tags["mlflow.note.content"] : nil)
                advance(.run, try writer.upsert(run))
            }
            for row in source.metrics {
                guard let modelName = model(for: row["run_uuid"]) else { continue }
                let at = Self.date(row["timestamp"]) ?? Date(timeIntervalSince1970: 0)
                advance(.metric, try writer.upsert(MetricPoint(model: modelName, name: row["key"], at: at, value: row["value"])))
            }
        }
        return summary
    }
}
