import Foundation
import GRDB
import Portfolio

/// The writers pipelines and monitors call, one event each, keyed by an external id so that
/// calling again updates rather than duplicates. Each runs inside the caller's write transaction.
extension PortfolioWriter {
    /// Records a run: creates it, or updates the run with the same id as it progresses. A pipeline
    /// not seen before is created for the model's team; an unknown model is refused.
    public func record(_ event: RunRecord, now: Date) throws -> RecordOutcome {
        try Self.nonBlank([("id", event.id), ("pipeline", event.pipeline), ("model", event.model), ("name", event.name),
                           ("started_by", event.startedBy)])
        if event.finished != nil, !event.status.isFinished {
            throw RecordError(field: "finished", message: "a \(event.status.rawValue) run has not finished; leave out the finish time or give a final status (succeeded, failed or cancelled)")
        }
        guard let model = try reader.model(named: event.model) else {
            throw RecordError(field: "model", message: "no model named '\(event.model)' in the store; add it with `oversight import` first")
        }
        var createdPipeline: String?
        if try reader.pipeline(named: event.pipeline) == nil {
            try upsert(Pipeline(name: event.pipeline, team: model.team, description: "created by a writer for \(model.name)"))
            createdPipeline = event.pipeline
        }
        let id = event.id ?? "run-\(UUID().uuidString.lowercased())"
        let existing = try event.id.flatMap { try reader.run(externalID: $0) }
        var run = existing ?? PipelineRun(externalID: id, pipeline: event.pipeline, model: event.model, kind: event.kind,
                                          status: event.status, queuedAt: event.started ?? now)
        run.pipeline = event.pipeline
        run.model = event.model
        run.kind = event.kind
        run.status = event.status
        if let name = event.name { run.name = name }
        if let trigger = event.trigger { run.trigger = trigger }
        if let commit = event.commit { run.commit = commit }
        if let error = event.error { run.error = error }
        if let startedBy = event.startedBy { run.startedBy = startedBy }
        if let started = event.started { run.startedAt = started }
        if let finished = event.finished { run.finishedAt = finished }
        // Fill in what the status implies, so a bare `--status running` then `--status succeeded` works.
        switch event.status {
        case .queued:
            break
        case .running:
            if run.startedAt == nil { run.startedAt = now }
            run.finishedAt = nil
        case .succeeded, .failed, .cancelled:
            if run.startedAt == nil, event.status != .cancelled { run.startedAt = min(now, run.finishedAt ?? now) }
            if run.finishedAt == nil, event.status != .cancelled || run.startedAt != nil { run.finishedAt = max(now, run.startedAt ?? now) }
        }
        if let started = run.startedAt, started < run.queuedAt { run.queuedAt = started }
        if let started = run.startedAt, let finished = run.finishedAt, finished < started {
            throw RecordError(field: "finished", message: "expected a time not before started (\(ISOTime.format(started))): a duration is never negative; got \(ISOTime.format(finished))")
        }
        return RecordOutcome(outcome: try upsert(run), key: id, createdPipeline: createdPipeline)
    }

    public func record(_ event: MetricRecord, now: Date) throws -> RecordOutcome {
        try Self.nonBlank([("model", event.model), ("name", event.name)])
        guard try reader.modelID(event.model) != nil else {
            throw RecordError(field: "model", message: "no model named '\(event.model)' in the store; add it with `oversight import` first")
        }
        guard event.value.isFinite else { throw RecordError(field: "value", message: "expected a finite number; got \(event.value)") }
        let point = MetricPoint(model: event.model, name: event.name, at: event.at ?? now, value: event.value)
        return RecordOutcome(outcome: try upsert(point), key: "\(event.model) \(event.name) \(ISOTime.format(point.at))")
    }

    /// Records a drift check. An alert with the given id is updated; otherwise an active alert on
    /// the same model and feature is updated instead of opening a duplicate; otherwise a new one opens.
    public func record(_ event: DriftRecord, now: Date) throws -> RecordOutcome {
        try Self.nonBlank([("id", event.id), ("model", event.model), ("feature", event.feature), ("actor", event.actor)])
        guard try reader.modelID(event.model) != nil else {
            throw RecordError(field: "model", message: "no model named '\(event.model)' in the store; add it with `oversight import` first")
        }
        guard event.score.isFinite else { throw RecordError(field: "score", message: "expected a finite number; got \(event.score)") }
        guard event.threshold.isFinite else { throw RecordError(field: "threshold", message: "expected a finite number; got \(event.threshold)") }
        let severity = event.severity ?? DriftRecord.derivedSeverity(method: event.method, score: event.score, threshold: event.threshold)
        let actor = event.actor ?? "drift-monitor"
        let activeID = try String.fetchOne(db, sql: """
            SELECT a.external_id FROM drift_alerts a JOIN models m ON m.id = a.model_id
            WHERE m.name = ? AND a.feature = ? AND \(PortfolioReader.isActive(now))
            ORDER BY a.opened_at DESC LIMIT 1
            """, arguments: [event.model, event.feature])
        if let id = event.id, let stored = try reader.alert(externalID: id) {
            // A new check under an existing id must be about the same model and feature.
            try Self.keep("alert", id, [("model", stored.model, event.model), ("feature", stored.feature, event.feature)])
        }
        let targetID = try event.id.flatMap { try reader.alert(externalID: $0) != nil ? $0 : nil } ?? activeID
        let evidence = "\(event.method.rawValue) \(Self.number(event.score)) vs threshold \(Self.number(event.threshold))"
        if let targetID, var alert = try reader.alert(externalID: targetID) {
            let unchanged = alert.method == event.method && alert.score == event.score && alert.threshold == event.threshold
                && alert.severity == severity
            if unchanged { return RecordOutcome(outcome: .unchanged, key: targetID) }
            alert.method = event.method
            alert.score = event.score
            alert.threshold = event.threshold
            alert.severity = severity
            alert.events.append(AlertEvent(kind: .note, at: now, actor: actor, note: "new check: \(evidence); severity \(severity.rawValue)"))
            _ = try upsert(alert)
            return RecordOutcome(outcome: .updated, key: targetID)
        }
        let id = event.id ?? "drift-\(event.model)-\(event.feature)-\(now.storeSeconds)"
        let alert = DriftAlert(externalID: id, model: event.model, feature: event.feature, method: event.method,
                               score: event.score, threshold: event.threshold, severity: severity, status: .open, openedAt: now,
                               events: [AlertEvent(kind: .opened, at: now, actor: actor, note: "\(evidence); severity \(severity.rawValue)")])
        return RecordOutcome(outcome: try upsert(alert), key: id)
    }

    static func number(_ value: Double) -> String { String(format: "%g", value) }

    /// Refuses empty or blank text where a name or id is given: `--id ""` would name nothing.
    static func nonBlank(_ fields: [(name: String, value: String?)]) throws {
        if let blank = fields.first(where: { $0.value.map { $0.allSatisfy(\.isWhitespace) } ?? false }) {
            throw RecordError(field: blank.name, message: "expected non-empty text; got '\(blank.value ?? "")'")
        }
    }
}
