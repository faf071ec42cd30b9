import Foundation
import PortfolioStore

/// Follows an MLflow tracking server by URL (`import --format mlflow URL`): each pass reads what
/// changed since the last one and writes it through `MLflowMapping`, the file importer's mapping.
///
/// The first pass reads every run. A later one reads the runs that started or ended since the
/// newest time the last pass saw (less `overlap`, for clients whose clocks lag), every run still
/// RUNNING or SCHEDULED (for new metrics), and the ids of deleted runs (to take them out); the
/// experiments and the registry are read whole each pass (they are small, and setting an alias or
/// a version's tag does not move MLflow's `last_updated_timestamp`). Where the last pass stood is
/// kept in the store (`import_cursors`) and moves in the transaction that writes what was read.
/// A pass of up to `batchRuns` runs is one transaction, so a failure anywhere leaves the store as
/// it was; a larger one (a first import of a big server) commits every `batchRuns` runs, and the
/// cursor only with the last batch, so a failed pass is read again whole by the next (what it
/// already wrote comes back unchanged).
public final class MLflowServerImporter {
    public let store: PortfolioStore
    /// The team new pipelines and models belong to.
    public var team: String
    /// Experiments to read, by name; all when empty.
    public let experimentNames: [String]
    /// Runs written per transaction on a large pass.
    public static let batchRuns = 2000
    /// How far before the last pass's newest time a pass looks again, in milliseconds.
    public var overlap: Int64 = 10 * 60 * 1000
    let connection: MLflowConnection
    let reader: MLflowServerReader
    /// Which experiment each run a version came from belongs to (and who ran it): learned once.
    private var versionRuns: [String: (experiment: String, user: String?)?] = [:]

    /// Called with (runs read, the part of the runs' time span read) on a first pass.
    public typealias Progress = (Int, Double) -> Void

    /// What `pass` did: the summary, and the transactions it committed.
    public struct Pass: Sendable {
        public var summary: ImportSummary
        public var batches: Int
    }

    public init(store: PortfolioStore, url: String, credentials: MLflowCredentials, team: String = "MLflow", experiments: [String] = [],
                retries: Int = 4, backoff: Double = 0.5, pageSize: Int = 1000) throws {
        self.store = store
        self.team = team
        self.experimentNames = experiments
        connection = try MLflowConnection(url: url, credentials: credentials, retries: retries, backoff: backoff)
        reader = MLflowServerReader(connection: connection, pageSize: pageSize)
    }

    /// The server as messages show it: its URL without credentials.
    public var server: String { connection.shown }

    /// `url` as messages show it, without the credentials it may hold.
    public static func shown(_ url: String) -> String {
        URLComponents(string: url).map(MLflowConnection.shown) ?? url
    }

    /// The cursor's key in the store: the server and the experiments followed.
    var cursorKey: String {
        "mlflow " + connection.shown + (experimentNames.isEmpty ? "" : " experiments=" + experimentNames.sorted().joined(separator: ","))
    }

    /// One pass: reads what changed since the last and writes it.
    public func pass(progress: Progress? = nil) throws -> Pass {
        let since = try store.read { try $0.importCursor(cursorKey) }.flatMap(Self.since)
        let mapping = MLflowMapping(store: store, team: team)

        let all = try reader.experiments()
        var experiments = all
        if !experimentNames.isEmpty {
            let byName = Dictionary(experiments.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
            if let missing = experimentNames.first(where: { byName[$0] == nil }) {
                let known = experiments.map(\.name).sorted().prefix(10).joined(separator: ", ")
                throw MLflowServerError(.notFound, "\(server) has no active experiment named '\(missing)' (it has: \(known.isEmpty ? "none" : known))")
            }
            experiments = experimentNames.compactMap { byName[$0] }
        }
        let ids = experiments.map(\.id)
        var base = MLflowData()
        base.experiments = experiments
        try reader.registry(into: &base)
        try learnVersionRuns(base.versions, experiments: all)
        // With --experiment, only the versions made by runs of those experiments.
        if !experimentNames.isEmpty {
            base.versions = base.versions.filter { version in
                guard let run = version.runID, let known = versionRuns[run] ?? nil else { return false }
                return ids.contains(known.experiment)
            }
        }
        base.versionRuns = Dictionary(uniqueKeysWithValues: versionRuns.compactMap { id, known in
            known.map { (id, MLflowData.Run(id: id, experimentID: $0.experiment, name: nil, user: $0.user, status: "", startTime: nil,
                                            endTime: nil, tags: [:])) }
        })

        var pending = base
        var summary = ImportSummary(files: [server])
        var seen = Set<String>()
        var newest = since ?? 0
        var batches = 0
        var written = 0
        var runsRead = 0
        func flush(last: Bool) throws {
            if !last && pending.runs.isEmpty { return }
            let position = "{\"since_ms\":\(newest)}"
            summary.merge(try mapping.write(pending, source: server, cursor: last ? (cursorKey, position) : nil))
            summary.files = [server]
            batches += 1
            written += pending.runs.count
            pending = base
        }
        func take(_ page: [MLflowAnswers.Run]) throws {
            var wanted: [(run: String, key: String)] = []
            for answer in page where seen.insert(answer.info.id).inserted {
                let run = MLflowServerReader.run(answer)
                newest = max(newest, run.startTime ?? 0, run.endTime ?? 0)
                guard answer.info.lifecycle_stage != "deleted" else {
                    pending.deletedRuns.append(run.id)
                    continue
                }
                runsRead += 1
                pending.runs.append(run)
                wanted += Set((answer.data?.metrics ?? []).map(\.key)).sorted().map { (run.id, $0) }
            }
            pending.metrics += try reader.histories(wanted)
            if pending.runs.count >= Self.batchRuns { try flush(last: false) }
        }

        do {
            if let since {
                let from = since > Int64.min + overlap ? since - overlap : Int64.min
                try reader.searchRuns(experiments: ids, filter: "attributes.start_time >= \(from)", view: "ALL", each: take)
                try reader.searchRuns(experiments: ids, filter: "attributes.end_time >= \(from)", view: "ALL", each: take)
                for status in ["RUNNING", "SCHEDULED"] {
                    try reader.searchRuns(experiments: ids, filter: "attributes.status = '\(status)'", view: "ACTIVE_ONLY", each: take)
                }
                try reader.searchRuns(experiments: ids, filter: nil, view: "DELETED_ONLY") { page in
                    pending.deletedRuns += page.map(\.info.id).filter { !seen.contains($0) }
                }
            } else {
                // Progress: how much of the span from the oldest run to the newest has been read.
                var span: (first: Int64, last: Int64)?
                try reader.searchRuns(experiments: ids, filter: nil, view: "ALL", order: "DESC", limit: 1) { page in
                    if let last = page.first?.info.start_time?.value { span = (last, last) }
                }
                try reader.searchRuns(experiments: ids, filter: nil, view: "ALL") { page in
                    if let first = page.first?.info.start_time?.value, let known = span, runsRead == 0 { span = (min(first, known.first), known.last) }
                    try take(page)
                    if let span, let reached = page.last?.info.start_time?.value, span.last > span.first {
                        // In doubles: a server's times may be anything, and Int64 subtraction could trap.
                        progress?(runsRead, (Double(reached) - Double(span.first)) / (Double(span.last) - Double(span.first)))
                    }
                }
            }
            try flush(last: true)
        } catch var error as MLflowServerError where written > 0 {
            error.written = written
            throw error
        }
        return Pass(summary: summary, batches: batches)
    }

    /// Learns the experiment and user of the runs that made `versions` and are not yet known (a
    /// run's experiment never changes, so once per run per process): from the store for a run an
    /// earlier pass wrote, else from the server (nil for a run deleted or purged).
    private func learnVersionRuns(_ versions: [MLflowData.Version], experiments: [MLflowData.Experiment]) throws {
        let unknown = Set(versions.compactMap(\.runID)).subtracting(versionRuns.keys).sorted()
        guard !unknown.isEmpty else { return }
        let experimentID = Dictionary(experiments.map { ($0.name, $0.id) }, uniquingKeysWith: { first, _ in first })
        let stored = try store.read { reader in
            try unknown.compactMap { id in try reader.run(externalID: "mlflow-\(id)").map { (id, $0) } }
        }
        for (id, run) in stored {
            if let experiment = experimentID[run.pipeline] { versionRuns[id] = (experiment, run.startedBy) }
        }
        for id in unknown where versionRuns[id] == nil {
            if let answer = try reader.run(id), answer.info.lifecycle_stage != "deleted" {
                versionRuns[id] = (answer.info.experiment_id, answer.info.user_id)
            } else {
                versionRuns[id] = .some(nil)
            }
        }
    }

    /// The time a cursor's position holds.
    static func since(_ position: String) -> Int64? {
        guard let data = position.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let value = object["since_ms"] as? NSNumber
        else { return nil }
        return value.int64Value
    }
}
