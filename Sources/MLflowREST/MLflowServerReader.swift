import Foundation
import PortfolioStore

/// Reads what Oversight needs from a tracking server's REST API 2.0, page by page, into
/// `MLflowData`'s terms: experiments, the registry, runs (searched with a filter, every lifecycle
/// stage, oldest first) and metric histories.
struct MLflowServerReader {
    let connection: MLflowConnection
    /// Runs asked per page of a search (MLflow's own default page is 1,000).
    var pageSize = 1000

    /// Every active experiment.
    func experiments() throws -> [MLflowData.Experiment] {
        var experiments: [MLflowData.Experiment] = []
        var token: String?
        repeat {
            var body: [String: Any] = ["max_results": 1000, "view_type": "ACTIVE_ONLY"]
            if let token { body["page_token"] = token }
            let page: MLflowAnswers.Experiments = try connection.post("experiments/search", body)
            experiments += (page.experiments ?? []).filter { ($0.lifecycle_stage ?? "active") == "active" }
                .map { MLflowData.Experiment(id: $0.experiment_id, name: $0.name) }
            token = page.next_page_token.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return experiments.sorted { ($0.id.count, $0.id) < ($1.id.count, $1.id) }
    }

    /// The whole registry: every version with its tags, the models' aliases and tags.
    func registry(into data: inout MLflowData) throws {
        var token: String?
        repeat {
            var query = [("max_results", "1000")]
            if let token { query.append(("page_token", token)) }
            let page: MLflowAnswers.RegisteredModels = try connection.get("registered-models/search", query)
            for model in page.registered_models ?? [] {
                for alias in model.aliases ?? [] {
                    data.aliases[model.name, default: [:]][alias.version, default: []].insert(alias.alias.lowercased())
                }
                if let tags = model.tags, !tags.isEmpty { data.modelTags[model.name] = tags.dictionary }
            }
            token = page.next_page_token.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        repeat {
            var query = [("max_results", "1000")]
            if let token { query.append(("page_token", token)) }
            let page: MLflowAnswers.ModelVersions = try connection.get("model-versions/search", query)
            for version in page.model_versions ?? [] where version.current_stage != "Deleted_Internal" {
                guard let number = Int64(version.version) else { continue }
                data.versions.append(MLflowData.Version(model: version.name, version: number, creationTime: version.creation_timestamp?.value,
                                                        stage: version.current_stage, runID: version.run_id.flatMap { $0.isEmpty ? nil : $0 },
                                                        user: version.user_id, tags: version.tags?.dictionary ?? [:]))
            }
            token = page.next_page_token.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
    }

    /// One run by id; nil when the server no longer holds it (purged).
    func run(_ id: String) throws -> MLflowAnswers.Run? {
        do {
            let answer: MLflowAnswers.OneRun = try connection.get("runs/get", [("run_id", id)])
            return answer.run
        } catch let error as MLflowServerError where error.kind == .notFound {
            return nil
        }
    }

    /// Every run of `experiments` that `filter` selects (all of them when nil) in `view`
    /// (ACTIVE_ONLY, DELETED_ONLY or ALL), oldest first, a page at a time to `each`.
    func searchRuns(experiments: [String], filter: String?, view: String, order: String = "ASC",
                    limit: Int? = nil, each: ([MLflowAnswers.Run]) throws -> Void) throws {
        // MLflow caps the experiments one search may name; ask for them in groups.
        for start in stride(from: 0, to: experiments.count, by: 100) {
            let group = Array(experiments[start..<min(experiments.count, start + 100)])
            var token: String?
            repeat {
                var body: [String: Any] = ["experiment_ids": group, "max_results": limit ?? pageSize, "run_view_type": view,
                                           "order_by": ["attributes.start_time \(order)"]]
                if let filter { body["filter"] = filter }
                if let token { body["page_token"] = token }
                let page: MLflowAnswers.Runs = try connection.post("runs/search", body)
                try each(page.runs ?? [])
                token = limit == nil ? page.next_page_token.flatMap { $0.isEmpty ? nil : $0 } : nil
            } while token != nil
        }
    }

    /// Whether the server answers MLflow's bulk history (`/ajax-api/2.0/mlflow/metrics/get-history-bulk`,
    /// what its own UI reads: one key's history of up to 100 runs per request; MLflow 1.27 and
    /// later). Where it does not, the documented `get-history` is asked per run and key.
    final class Capabilities: @unchecked Sendable {
        var bulkHistory: Bool?
    }

    let capabilities = Capabilities()
    /// MLflow's caps on the bulk history: runs per request, points per answer.
    static let bulkRuns = 100
    static let bulkPoints = 25_000

    /// The whole history of each (run, metric) pair; a run the server no longer holds gives none.
    func histories(_ pairs: [(run: String, key: String)]) throws -> [MLflowData.Metric] {
        guard capabilities.bulkHistory != false else { return try historiesOneByOne(pairs) }
        var metrics: [MLflowData.Metric] = []
        var again: [(run: String, key: String)] = []
        for (key, runs) in Dictionary(grouping: pairs, by: \.key).sorted(by: { $0.key < $1.key }) {
            let ids = runs.map(\.run)
            for start in stride(from: 0, to: ids.count, by: Self.bulkRuns) {
                let group = Array(ids[start..<min(ids.count, start + Self.bulkRuns)])
                let page: MLflowAnswers.History
                do {
                    page = try connection.get("metrics/get-history-bulk", group.map { ("run_id", $0) } + [("metric_key", key)], prefix: "ajax-api")
                    capabilities.bulkHistory = true
                } catch let error as MLflowServerError where capabilities.bulkHistory == nil && [.version, .notFound].contains(error.kind) {
                    capabilities.bulkHistory = false
                    return try historiesOneByOne(pairs)
                }
                let points = page.metrics ?? []
                // At the cap the answer may be cut: those runs are read one by one.
                if points.count >= Self.bulkPoints {
                    again += group.map { ($0, key) }
                    continue
                }
                metrics += points.compactMap { point in
                    point.run_id.map { MLflowData.Metric(runID: $0, key: point.key, value: point.value?.value ?? .nan,
                                                         timestamp: point.timestamp?.value ?? 0, step: point.step?.value ?? 0) }
                }
            }
        }
        return metrics + (try historiesOneByOne(again))
    }

    /// The documented `metrics/get-history`, per run and key, several asked at once.
    private func historiesOneByOne(_ pairs: [(run: String, key: String)]) throws -> [MLflowData.Metric] {
        var metrics: [MLflowData.Metric] = []
        let answers: [MLflowAnswers.History?] = try connection.getMany(
            "metrics/get-history", pairs.map { [("run_id", $0.run), ("metric_key", $0.key), ("max_results", "25000")] })
        for (pair, answer) in zip(pairs, answers) {
            guard var page = answer else { continue }
            while true {
                metrics += (page.metrics ?? []).map {
                    MLflowData.Metric(runID: pair.run, key: $0.key, value: $0.value?.value ?? .nan, timestamp: $0.timestamp?.value ?? 0,
                                      step: $0.step?.value ?? 0)
                }
                guard let token = page.next_page_token, !token.isEmpty else { break }
                page = try connection.get("metrics/get-history", [("run_id", pair.run), ("metric_key", pair.key),
                                                                   ("max_results", "25000"), ("page_token", token)])
            }
        }
        return metrics
    }

    /// A run as `MLflowData` holds it.
    static func run(_ answer: MLflowAnswers.Run) -> MLflowData.Run {
        let tags = answer.data?.tags?.dictionary ?? [:]
        return MLflowData.Run(id: answer.info.id, experimentID: answer.info.experiment_id, name: answer.info.run_name ?? tags["mlflow.runName"],
                              user: answer.info.user_id, status: answer.info.status ?? "", startTime: answer.info.start_time?.value,
                              endTime: answer.info.end_time?.value, tags: tags)
    }
}
