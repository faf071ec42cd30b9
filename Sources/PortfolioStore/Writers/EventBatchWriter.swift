import Foundation
import GRDB
import Portfolio

/// Writes a batch of ingest events — runs, metric points, drift checks — with what `record` does
/// for each (the same checks, outcomes and errors: the run's fields come from the same
/// `RunRecord.run(id:from:now:)`, a drift check goes through `record` itself), but at a bulk
/// load's pace: names resolved once per batch, statements prepared once and bound through
/// SQLite's C API, and the kept tables brought up to the batch by `KeptBatch` instead of a
/// trigger per row. It lives for one write transaction; `settle` is called after each chunk of
/// events, `finish` before the transaction ends.
final class EventBatchWriter {
    let writer: PortfolioWriter
    private let kept: KeptBatch
    private var db: Database { writer.db }
    private var models: [String: (id: Int64, team: String)] = [:]
    private var pipelines: [String: Int64] = [:]

    /// The statements every event uses, prepared once the triggers are set aside and held here
    /// (a cache look-up hashes the SQL text each time).
    private let storedRun: Statement, insertRun: Statement, updateRun: Statement

    init(_ writer: PortfolioWriter) throws {
        self.writer = writer
        kept = try KeptBatch(writer.db)
        let columns = PipelineRun.columns.joined(separator: ", "), marks = PipelineRun.columns.map { _ in "?" }.joined(separator: ", ")
        storedRun = try writer.db.makeStatement(sql: PipelineRun.selection + ", r.id\n" + PipelineRun.joins + " WHERE r.external_id = ?")
        insertRun = try writer.db.makeStatement(sql: "INSERT INTO pipeline_runs (\(columns)) VALUES (\(marks))")
        updateRun = try writer.db.makeStatement(sql: "UPDATE pipeline_runs SET (\(columns)) = (\(marks)) WHERE id = ?")
    }

    /// Brings the kept tables up to the batch and puts their triggers and checks back.
    func finish() throws {
        try kept.restore()
    }

    /// Puts the checks back (and the page cache): all there is to undo when the transaction is
    /// rolled back instead.
    func abandon() throws {
        try kept.abandon()
    }

    /// Brings the kept tables up to the events written so far (each chunk: bounded notes).
    func settle() throws {
        try kept.settle()
    }

    // MARK: - Names

    private func model(_ name: String) throws -> (id: Int64, team: String) {
        if let model = models[name] { return model }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT m.id, t.name FROM models m JOIN teams t ON t.id = m.team_id WHERE m.name = ?"),
                                         arguments: [name])
        else { throw RecordError(field: "model", message: "no model named '\(name)' in the store; add it with `oversight import` first") }
        let model = (id: row[0] as Int64, team: row[1] as String)
        models[name] = model
        return model
    }

    private func pipelineID(_ name: String) throws -> Int64? {
        if let id = pipelines[name] { return id }
        let id = try writer.reader.pipelineID(name)
        if let id { pipelines[name] = id }
        return id
    }

    // MARK: - Events

    func record(_ event: RunRecord, now: Date) throws -> RecordOutcome {
        try event.check()
        let model = try model(event.model)
        let stored = try event.id.flatMap { id in
            try Row.fetchOne(storedRun, arguments: [id])
        }
        let existing = stored.map(PipelineRun.init(row:))
        let id = event.id ?? "run-\(UUID().uuidString.lowercased())"
        let run = try event.run(id: id, from: existing, now: now)
        if let existing {
            guard existing != run else { return RecordOutcome(outcome: .unchanged, key: id) }
            try PortfolioWriter.keep("run", id, [("pipeline", existing.pipeline, run.pipeline), ("model", existing.model, run.model),
                                                 ("kind", existing.kind.rawValue, run.kind.rawValue)])
        }
        var createdPipeline: String?
        if let stored, let pipeline = try pipelineID(event.pipeline) {
            // The same pipeline (`keep` above): one statement, whole or not at all.
            let rowID: Int64 = stored[16]
            try kept.runChanging(rowID)
            try updateRun.write(run.columnValues(pipelineID: pipeline, modelID: model.id) + [.int(rowID)])
            try kept.runWritten(rowID, created: false)
        } else if let pipeline = try pipelineID(event.pipeline) {
            try insertRun.write(run.columnValues(pipelineID: pipeline, modelID: model.id))
            try kept.runWritten(db.lastInsertedRowID, created: true)
        } else {
            // A new pipeline with its first run: both or neither.
            // (Its id is cached only once both are in: a rolled-back id must not be reused.)
            try db.inSavepoint {
                try writer.upsert(Pipeline(name: event.pipeline, team: model.team, description: "created by a writer for \(event.model)"))
                guard let pipeline = try writer.reader.pipelineID(event.pipeline) else { throw StoreError.notFound(what: "pipeline", key: event.pipeline) }
                try insertRun.write(run.columnValues(pipelineID: pipeline, modelID: model.id))
                return .commit
            }
            createdPipeline = event.pipeline
            try kept.runWritten(db.lastInsertedRowID, created: true)
        }
        return RecordOutcome(outcome: existing == nil ? .created : .updated, key: id, createdPipeline: createdPipeline)
    }

    func record(_ event: MetricRecord, now: Date) throws -> UpsertOutcome {
        try event.check()
        let model = try model(event.model)
        let point = try event.point(now: now)
        let at = point.at.storeSeconds
        let outcome = try writer.writePoint(model: model.id, name: point.name, at: at, value: point.value)
        if outcome == .created { kept.pointCreated(model: model.id, name: point.name, at: at) }
        return outcome
    }

    /// A drift check, through `record` itself (few, and what they do depends on the alert's
    /// lifecycle): every alert it may change — the one with its id, any on its model and
    /// feature — has its facts noted first.
    func record(_ event: DriftRecord, now: Date) throws -> RecordOutcome {
        let model = try? model(event.model)
        if let model {
            try kept.alertsChanging(try Int64.fetchAll(db.cachedStatement(sql: """
                SELECT id FROM drift_alerts WHERE external_id = ? UNION SELECT id FROM drift_alerts WHERE model_id = ? AND feature = ?
                """), arguments: [event.id, model.id, event.feature]))
        }
        var written: RecordOutcome?
        try db.inSavepoint {
            written = try writer.record(event, now: now)
            return .commit
        }
        guard let outcome = written else { return RecordOutcome(outcome: .unchanged, key: event.id ?? "") }
        if outcome.outcome != .unchanged, let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM drift_alerts WHERE external_id = ?"),
                                                                      arguments: [outcome.key]) {
            try kept.alertWritten(id, created: outcome.outcome == .created)
        }
        return outcome
    }
}
