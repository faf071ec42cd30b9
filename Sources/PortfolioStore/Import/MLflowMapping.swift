import Foundation
import Portfolio

/// The one mapping from MLflow to a portfolio (docs/FEEDING.md), fed by both the file importer and
/// the tracking-server importer, written in one transaction.
///
/// Experiments → pipelines; runs → pipeline runs (FINISHED → succeeded, FAILED → failed, KILLED →
/// cancelled, SCHEDULED → queued, anything else → running; deleted runs left out, and removed when
/// an earlier import brought them); registered models and versions → models and versions; metric
/// history → metric series without NaN and infinities (which MLflow stores as ±DBL_MAX). A run that
/// produced a registered version belongs to that model; any other run to the model most of its
/// experiment's versions belong to; otherwise to a model named after the experiment. A model's
/// stage: production if a version has a `champion`/`production`/`prod` alias or the Production
/// stage; else staging if one has a `challenger`/`staging` alias or the Staging stage; else
/// archived if every version is Archived; else development. A run's trigger is its `trigger` tag
/// (`drift-alert` or `drift` → drift, or any of Oversight's triggers by name), else schedule for an
/// MLflow job and manual otherwise; a failed run's error is its `failure_reason`, `error` or
/// `mlflow.note.content` tag. A version's approval is its `validation_status` tag (approved,
/// rejected), else approved in production and pending otherwise.
public struct MLflowMapping {
    public let store: PortfolioStore
    /// The team imported pipelines and models belong to (created when missing).
    public var team: String

    public init(store: PortfolioStore, team: String = "MLflow") {
        self.store = store
        self.team = team
    }

    static let productionAliases: Set<String> = ["champion", "production", "prod"]
    static let stagingAliases: Set<String> = ["challenger", "staging"]
    static let errorTags = ["failure_reason", "error", "mlflow.note.content"]

    /// MLflow's epoch milliseconds as a time to the second, as the store keeps it.
    static func date(_ milliseconds: Int64?) -> Date? {
        milliseconds.map { Date(timeIntervalSince1970: TimeInterval($0 / 1000)) }
    }

    static func status(_ mlflow: String) -> RunStatus {
        switch mlflow.uppercased() {
        case "FINISHED": .succeeded
        case "FAILED": .failed
        case "KILLED": .cancelled
        case "SCHEDULED": .queued
        default: .running
        }
    }

    static func trigger(_ tags: [String: String]) -> RunTrigger {
        let named = (tags["trigger"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        if named == "drift-alert" { return .drift }
        if let trigger = RunTrigger(rawValue: named) { return trigger }
        return tags["mlflow.source.type"] == "JOB" ? .schedule : .manual
    }

    static func approval(_ tags: [String: String], stage: Stage?) -> ApprovalStatus {
        switch (tags["validation_status"] ?? "").trimmingCharacters(in: .whitespaces).lowercased() {
        case "approved": .approved
        case "rejected": .rejected
        default: stage == .production ? .approved : .pending
        }
    }

    /// Writes `data` from `source` (a file or a server, named in the summary), and with it `cursor`
    /// (where an incremental reader stands) when it moved, all in one transaction. Nothing that
    /// equals what the store holds is written.
    public func write(_ data: MLflowData, source: String, cursor: (key: String, position: String)? = nil,
                      progress: PortfolioImporter.Progress? = nil) throws -> ImportSummary {
        var summary = ImportSummary(files: [source])
        let experimentName = Dictionary(data.experiments.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let runs = data.runs.sorted { ($0.startTime ?? 0, $0.id) < ($1.startTime ?? 0, $1.id) }
        let runByID = Dictionary(runs.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let metrics = data.metrics.filter { $0.value.isFinite && abs($0.value) < Double.greatestFiniteMagnitude }
            .sorted { ($0.runID, $0.key, $0.timestamp, $0.step) < ($1.runID, $1.key, $1.timestamp, $1.step) }
        let versionsByModel = Dictionary(grouping: data.versions, by: \.model).mapValues { $0.sorted { $0.version < $1.version } }

        try store.write { writer in
            // A run read on an earlier pass is known by its stored pipeline (its experiment's name).
            func stored(_ run: String) throws -> PipelineRun? { try writer.reader.run(externalID: "mlflow-\(run)") }
            func experiment(of run: String) throws -> String? {
                if let run = runByID[run] ?? data.versionRuns[run] { return experimentName[run.experimentID] }
                return try stored(run)?.pipeline
            }
            // Which model each run belongs to.
            var producedBy: [String: (model: String, version: String)] = [:]
            var versionsPerExperiment: [String: [String: Int]] = [:]
            for version in data.versions {
                guard let run = version.runID else { continue }
                producedBy[run] = (version.model, String(version.version))
                if let experiment = try experiment(of: run) { versionsPerExperiment[experiment, default: [:]][version.model, default: 0] += 1 }
            }
            func model(for run: MLflowData.Run) -> String? {
                if let produced = producedBy[run.id] { return produced.model }
                guard let experiment = experimentName[run.experimentID] else { return nil }
                if let counts = versionsPerExperiment[experiment], let best = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }) {
                    return best.key
                }
                return experiment
            }
            // Models from the registry, plus models named after experiments without one.
            var models: [String: Model] = [:]
            for (name, versions) in versionsByModel {
                let aliases = data.aliases[name] ?? [:]
                var mapped: [ModelVersion] = []
                var production: String?, staging: String?
                for version in versions {
                    let number = String(version.version)
                    let stageName = (version.stage ?? "").lowercased()
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
                    mapped.append(ModelVersion(version: number, createdAt: Self.date(version.creationTime) ?? Date(timeIntervalSince1970: 0),
                                               stage: stage, approvalStatus: Self.approval(version.tags, stage: stage)))
                }
                let allArchived = !mapped.isEmpty && mapped.allSatisfy { $0.stage == .archived }
                let stage: Stage = production != nil ? .production : staging != nil ? .staging : allArchived ? .archived : .development
                // The registry often leaves user_id empty; then the newest version's run says who made it.
                let newest = versions.last
                let runUser = try newest?.runID.flatMap { run in try (runByID[run] ?? data.versionRuns[run])?.user ?? stored(run)?.startedBy }
                let owner = [newest?.user, runUser].compactMap { $0 }.first { !$0.isEmpty } ?? "unknown"
                models[name] = Model(name: name, team: team, owner: owner, stage: stage,
                                     version: production ?? staging ?? mapped.last?.version,
                                     tags: (data.modelTags[name] ?? [:]).merging(["source": "mlflow"]) { a, _ in a },
                                     createdAt: mapped.first?.createdAt, versions: mapped)
            }
            for run in runs {
                guard let name = model(for: run), models[name] == nil else { continue }
                let owner = run.user.flatMap { $0.isEmpty ? nil : $0 } ?? "unknown"
                models[name] = Model(name: name, team: team, owner: owner, stage: .development, tags: ["source": "mlflow"])
            }

            let total = 2 + data.experiments.count + models.count + runs.count + metrics.count
            var done = 0
            func advance(_ kind: RecordKind, _ outcome: UpsertOutcome) {
                summary.add(outcome, for: kind)
                done += 1
                if done % 500 == 0 || done == total { progress?(done, total) }
            }

            if try writer.reader.team(named: team) == nil {
                advance(.team, try writer.upsert(Team(name: team, description: "Imported from MLflow")))
            }
            for experiment in data.experiments {
                let existing = try writer.reader.pipeline(named: experiment.name)
                advance(.pipeline, try writer.upsert(Pipeline(name: experiment.name, team: existing?.team ?? team, schedule: existing?.schedule,
                                                               description: existing?.description ?? "MLflow experiment")))
            }
            for name in models.keys.sorted() {
                guard var model = models[name] else { continue }
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
            var runModel: [String: String] = [:]
            for run in runs {
                guard let modelName = model(for: run), let pipeline = experimentName[run.experimentID] else { continue }
                let status = Self.status(run.status)
                let start = Self.date(run.startTime) ?? Date(timeIntervalSince1970: 0)
                let end = status.isFinished ? Self.date(run.endTime) : nil
                // A run keeps its pipeline and model for life: one imported before its version was
                // registered (so under its experiment's model) stays where it was.
                let existing = try stored(run.id)
                let error = status == .failed ? Self.errorTags.lazy.compactMap { run.tags[$0] }.first { !$0.isEmpty } : nil
                let mapped = PipelineRun(
                    externalID: "mlflow-\(run.id)", pipeline: existing?.pipeline ?? pipeline, model: existing?.model ?? modelName,
                    name: run.name, kind: .training, status: status, trigger: Self.trigger(run.tags),
                    startedBy: run.user, modelVersion: producedBy[run.id]?.version, queuedAt: start,
                    startedAt: status == .queued ? nil : start, finishedAt: end.map { max($0, start) },
                    commit: run.tags["mlflow.source.git.commit"], error: error)
                runModel[run.id] = mapped.model
                advance(.run, try writer.upsert(mapped))
            }
            for id in data.deletedRuns.sorted() where try writer.removeRun(externalID: "mlflow-\(id)") {
                summary.addRemoved(.run)
            }
            for metric in metrics {
                guard let modelName = runModel[metric.runID] else { continue }
                let at = Self.date(metric.timestamp) ?? Date(timeIntervalSince1970: 0)
                advance(.metric, try writer.upsert(MetricPoint(model: modelName, name: metric.key, at: at, value: metric.value)))
            }
            if let cursor, try writer.reader.importCursor(cursor.key) != cursor.position {
                try writer.setImportCursor(cursor.key, cursor.position)
            }
        }
        return summary
    }
}
