import Foundation
import GRDB
import Portfolio

/// The writers pipelines and monitors call, one event each, keyed by an external id so that
/// calling again updates rather than duplicates. Each runs inside the caller's write transaction.
extension PortfolioWriter {
    /// Records a run: creates it, or updates the run with the same id as it progresses. A pipeline
    /// not seen before is created for the model's team; an unknown model is refused.
    public func record(_ event: RunRecord, now: Date) throws -> RecordOutcome {
        try event.check()
        guard let model = try reader.model(named: event.model) else {
            throw RecordError(field: "model", message: "no model named '\(event.model)' in the store; add it with `oversight import` first")
        }
        var createdPipeline: String?
        if try reader.pipeline(named: event.pipeline) == nil {
            try upsert(Pipeline(name: event.pipeline, team: model.team, description: "created by a writer for \(model.name)"))
            createdPipeline = event.pipeline
        }
        let id = event.id ?? "run-\(UUID().uuidString.lowercased())"
        let run = try event.run(id: id, from: try event.id.flatMap { try reader.run(externalID: $0) }, now: now)
        return RecordOutcome(outcome: try upsert(run), key: id, createdPipeline: createdPipeline)
    }

    public func record(_ event: MetricRecord, now: Date) throws -> RecordOutcome {
        try event.check()
        guard try reader.modelID(event.model) != nil else {
            throw RecordError(field: "model", message: "no model named '\(event.model)' in the store; add it with `oversight import` first")
        }
        let point = try event.point(now: now)
        return RecordOutcome(outcome: try upsert(point), key: "\(event.model) \(event.name) \(ISOTime.format(point.at))")
    }

    /// Records a drift check. An alert with the given id is updated; otherwise an active alert on
    /// the same model and feature is updated instead of opening a duplicate; otherwise a new one opens.
    public func record(_ event: DriftRecord, now: Date) throws -> RecordOutcome {
        try Self.nonBlank([("id", event.id), ("model", event.model), ("feature", event.feature), ("actor", event.actor)])
        guard try reader.modelID(event.model) != nil else {
            throw RecordError(field: "model", message: "no model named '\(event.model)' in the store; add it with `oversight import` first")
        }
        let evidence = event.evidence
        guard evidence.score.isFinite else { throw RecordError(field: "score", message: "expected a finite number; got \(evidence.score)") }
        guard evidence.threshold.isFinite else {
            throw RecordError(field: "threshold", message: "expected a finite number; got \(evidence.threshold)")
        }
        let severity = event.severity ?? evidence.derivedSeverity
        let actor = event.actor ?? "drift-monitor"
        let activeID = try String.fetchOne(db.cachedStatement(sql: """
            SELECT a.external_id FROM drift_alerts a JOIN models m ON m.id = a.model_id
            WHERE m.name = ? AND a.feature = ? AND \(PortfolioReader.isActive(at: "?"))
            ORDER BY a.opened_at DESC LIMIT 1
            """), arguments: [event.model, event.feature, now.storeSeconds])
        // The alert with the check's id, else the model's active one on the feature: read once,
        // without its events.
        let stored = try event.id.flatMap { try reader.alertWithoutEvents(externalID: $0) }
        if let id = event.id, let stored {
            // A new check under an existing id must be about the same model and feature.
            try Self.keep("alert", id, [("model", stored.alert.model, event.model), ("feature", stored.alert.feature, event.feature)])
        }
        let targetID = stored == nil ? activeID : event.id
        if let targetID, let found = try stored ?? reader.alertWithoutEvents(externalID: targetID) {
            var alert = found.alert
            if alert.evidence == evidence && alert.severity == severity { return RecordOutcome(outcome: .unchanged, key: targetID) }
            (alert.evidence, alert.severity) = (evidence, severity)
            let note = AlertEvent(kind: .note, at: now, actor: actor, note: "new check: \(evidence); severity \(severity.rawValue)")
            if try !recordCheck(onAlertRow: found.rowID, alert, note: note) {
                guard var whole = try reader.alert(externalID: targetID) else { throw AlertActionError.unknownAlert(targetID) }
                (whole.evidence, whole.severity) = (evidence, severity)
                whole.events.append(note)
                try upsert(whole)
            }
            return RecordOutcome(outcome: .updated, key: targetID)
        }
        let id = event.id ?? "drift-\(event.model)-\(event.feature)-\(now.storeSeconds)"
        let alert = DriftAlert(externalID: id, model: event.model, feature: event.feature, method: evidence.method,
                               score: evidence.score, threshold: evidence.threshold, severity: severity, status: .open, openedAt: now,
                               events: [AlertEvent(kind: .opened, at: now, actor: actor, note: "\(evidence); severity \(severity.rawValue)")])
        return RecordOutcome(outcome: try upsert(alert), key: id)
    }

    /// Refuses empty or blank text where a name or id is given: `--id ""` would name nothing.
    static func nonBlank(_ fields: [(name: String, value: String?)]) throws {
        if let blank = fields.first(where: { $0.value?.isBlank ?? false }) {
            throw RecordError(field: blank.name, message: "expected non-empty text; got '\(blank.value ?? "")'")
        }
    }
}

extension MetricRecord {
    /// Refuses what the event alone shows is wrong, before its model is looked up.
    func check() throws {
        try PortfolioWriter.nonBlank([("model", model), ("name", name)])
    }

    /// The point this event records (`now` when it gives no time); refuses a value that is not finite.
    func point(now: Date) throws -> MetricPoint {
        guard value.isFinite else { throw RecordError(field: "value", message: "expected a finite number; got \(value)") }
        return MetricPoint(model: model, name: name, at: at ?? now, value: value)
    }
}

extension RunRecord {
    /// Refuses what the event alone shows is wrong, before anything is looked up or written.
    func check() throws {
        try PortfolioWriter.nonBlank([("id", id), ("pipeline", pipeline), ("model", model), ("name", name), ("started_by", startedBy)])
        if finished != nil, !status.isFinished {
            throw RecordError(field: "finished", message: "a \(status.rawValue) run has not finished; leave out the finish time or give a final status (succeeded, failed or cancelled)")
        }
    }

    /// The run this event makes of `existing` (what the store holds under its id; nil for a new
    /// run called `id`): what it gives replaces, what it leaves out is kept, and what its status
    /// implies is filled in. The one place both `record` and the ingest's batch writer take it from.
    func run(id: String, from existing: PipelineRun?, now: Date) throws -> PipelineRun {
        var run = existing ?? PipelineRun(externalID: id, pipeline: pipeline, model: model, kind: kind, status: status,
                                          queuedAt: started ?? now)
        run.pipeline = pipeline
        run.model = model
        run.kind = kind
        run.status = status
        if let name { run.name = name }
        if let trigger { run.trigger = trigger }
        if let commit { run.commit = commit }
        if let error { run.error = error }
        if let startedBy { run.startedBy = startedBy }
        if let started { run.startedAt = started }
        if let finished { run.finishedAt = finished }
        // Fill in what the status implies, so a bare `--status running` then `--status succeeded` works.
        switch status {
        case .queued:
            break
        case .running:
            if run.startedAt == nil { run.startedAt = now }
            run.finishedAt = nil
        case .succeeded, .failed, .cancelled:
            if run.startedAt == nil, status != .cancelled { run.startedAt = min(now, run.finishedAt ?? now) }
            if run.finishedAt == nil, status != .cancelled || run.startedAt != nil { run.finishedAt = max(now, run.startedAt ?? now) }
        }
        if let started = run.startedAt, started < run.queuedAt { run.queuedAt = started }
        if let started = run.startedAt, let finished = run.finishedAt, finished < started {
            throw RecordError(field: "finished", message: "expected a time not before started (\(ISOTime.format(started))): a duration is never negative; got \(ISOTime.format(finished))")
        }
        // A run cancelled before it started: the table's CHECK, said in the event's words.
        if run.startedAt == nil, let finished = run.finishedAt, finished < run.queuedAt {
            throw RecordError(field: "finished", message: "expected a time not before the run was queued (\(ISOTime.format(run.queuedAt))); got \(ISOTime.format(finished))")
        }
        return run
    }
}
