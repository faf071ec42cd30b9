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
    private var models: [StoreText: (id: Int64, team: String)] = [:]
    private var pipelines: [StoreText: Int64] = [:]
    private var lastModel: (name: StoreText, model: (id: Int64, team: String))?

    /// The statements every event uses, prepared once the triggers are set aside and held here
    /// (a cache look-up hashes the SQL text each time).
    private let storedRun: Statement, insertRun: Statement
    /// UPDATEs of the columns a stored run's lines changed, by the set of columns.
    private var updateRuns: [Int: Statement] = [:]

    /// A run this batch wrote, held until the chunk settles: most runs start and end within a
    /// chunk (a CI fleet's do), and are then written once instead of inserted and updated, with
    /// no look-up of the row for their second line.
    private struct HeldRun {
        var run: PipelineRun
        var pipelineID: Int64
        var modelID: Int64
        /// For a run the store held before: its row and what it was.
        var stored: (rowID: Int64, run: PipelineRun)?
    }
    private var heldRuns: [HeldRun] = []
    /// Each held run's place in `heldRuns`, by its id.
    private var held: [StoreText: Int] = [:]

    init(_ writer: PortfolioWriter) throws {
        self.writer = writer
        kept = try KeptBatch(writer.db)
        let columns = PipelineRun.columns.joined(separator: ", "), marks = PipelineRun.columns.map { _ in "?" }.joined(separator: ", ")
        storedRun = try writer.db.makeStatement(sql: PipelineRun.selection + ", r.id\n" + PipelineRun.joins + " WHERE r.external_id = ?")
        insertRun = try writer.db.makeStatement(sql: "INSERT INTO pipeline_runs (\(columns)) VALUES (\(marks))")
    }

    /// Brings the kept tables up to the batch and puts their triggers and checks back.
    func finish() throws {
        try writeHeldRuns()
        try kept.restore()
    }

    /// Puts the checks back (and the page cache): all there is to undo when the transaction is
    /// rolled back instead.
    func abandon() throws {
        try kept.abandon()
    }

    /// Brings the kept tables up to the events written so far (each chunk: bounded notes).
    func settle() throws {
        try writeHeldRuns()
        try kept.settle()
    }

    // MARK: - Names

    private func model(_ name: String) throws -> (id: Int64, team: String) {
        // A fleet sends a model's lines together (a run's end, then its metric points): the model
        // of the line before is asked first, without hashing its name.
        let key = StoreText(name)
        if let last = lastModel, last.name == key { return last.model }
        let model = try lookUpModel(key)
        lastModel = (key, model)
        return model
    }

    private func lookUpModel(_ key: StoreText) throws -> (id: Int64, team: String) {
        let name = key.text
        if let model = models[key] { return model }
        guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT m.id, t.name FROM models m JOIN teams t ON t.id = m.team_id WHERE m.name = ?"),
                                         arguments: [name])
        else { throw RecordError(field: "model", message: "no model named '\(name)' in the store; add it with `oversight import` first") }
        let model = (id: row[0] as Int64, team: row[1] as String)
        models[key] = model
        return model
    }

    private func pipelineID(_ name: String) throws -> Int64? {
        if let id = pipelines[StoreText(name)] { return id }
        let id = try writer.reader.pipelineID(name)
        if let id { pipelines[StoreText(name)] = id }
        return id
    }

    // MARK: - Events

    func record(_ event: RunRecord, now: Date) throws -> RecordOutcome {
        try event.check()
        let model = try model(event.model)
        let heldIndex = event.id.flatMap { held[StoreText($0)] }
        // Most runs' first lines are new to the store: asked first whether it holds one at all.
        let stored = try heldIndex == nil ? event.id.flatMap { id in try storedRun.yieldsRow([.text(id)]) ? try Row.fetchOne(storedRun, arguments: [id]) : nil }
            .map { (rowID: $0[16] as Int64, run: PipelineRun(row: $0)) } : nil
        let existing = heldIndex.map { heldRuns[$0].run } ?? stored?.run
        let id = event.id ?? "run-\(UUID().uuidString.lowercased())"
        let run = try event.run(id: id, from: existing, now: now)
        if let existing {
            guard existing != run else { return RecordOutcome(outcome: .unchanged, key: id) }
            try PortfolioWriter.keep("run", id, [("pipeline", existing.pipeline, run.pipeline), ("model", existing.model, run.model),
                                                 ("kind", existing.kind.rawValue, run.kind.rawValue)])
        }
        if let heldIndex {
            heldRuns[heldIndex].run = run.asStored
            return RecordOutcome(outcome: .updated, key: id)
        }
        var createdPipeline: String?
        if let pipeline = try pipelineID(event.pipeline) {
            // Held until the chunk settles (the same pipeline for a stored run: `keep` above).
            held[StoreText(id)] = heldRuns.count
            heldRuns.append(HeldRun(run: run.asStored, pipelineID: pipeline, modelID: model.id,
                                    stored: stored))
        } else {
            // A new pipeline with its first run: both or neither. The held runs go first, so that
            // runs keep the row ids of the order their first lines came in.
            // (Its id is cached only once both are in: a rolled-back id must not be reused.)
            try writeHeldRunsOrFail()
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

    /// The store failed writing the held runs while a line was written: not that line's error
    /// (the lines before it counted runs that are not in the store), but the whole batch's.
    struct HeldRunsNotWritten: Error {
        var error: any Error
    }

    private func writeHeldRunsOrFail() throws {
        do {
            try writeHeldRuns()
        } catch {
            throw HeldRunsNotWritten(error: error)
        }
    }

    /// Writes the held runs: a run new to the store once, in its last state; a stored run's
    /// columns that changed, so only the indexes over them are rewritten (an UPDATE of every
    /// column rewrote all thirteen).
    private func writeHeldRuns() throws {
        defer { held = [:]; heldRuns = [] }
        for held in heldRuns {
            let values = held.run.columnValues(pipelineID: held.pipelineID, modelID: held.modelID)
            guard let stored = held.stored else {
                try insertRun.write(values)
                try kept.runWritten(db.lastInsertedRowID, created: true)
                continue
            }
            let before = stored.run.columnValues(pipelineID: held.pipelineID, modelID: held.modelID)
            let changed = values.indices.filter { values[$0] != before[$0] }
            guard !changed.isEmpty else { continue }
            try kept.runChanging(stored.rowID)
            try updateStatement(changed).write(changed.map { values[$0] } + [.int(stored.rowID)])
            try kept.runWritten(stored.rowID, created: false)
        }
    }

    /// The UPDATE of the columns at `changed` (positions in `PipelineRun.columns`), prepared once.
    private func updateStatement(_ changed: [Int]) throws -> Statement {
        let key = changed.reduce(0) { $0 | 1 << $1 }
        if let statement = updateRuns[key] { return statement }
        let assignments = changed.map { "\(PipelineRun.columns[$0]) = ?" }.joined(separator: ", ")
        let statement = try db.makeStatement(sql: "UPDATE pipeline_runs SET \(assignments) WHERE id = ?")
        updateRuns[key] = statement
        return statement
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
