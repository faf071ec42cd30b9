import Foundation
import GRDB
import Portfolio

/// What an upsert did to the store.
public enum UpsertOutcome: String, Sendable, Codable {
    case created, updated, unchanged
}

/// Writes whole entities inside one write transaction, keyed as docs/DATA-FORMAT.md says: an
/// entity equal to the stored one is left untouched, so writing the same data twice changes nothing.
public final class PortfolioWriter {
    let db: Database
    public let reader: PortfolioReader
    private var teamIDs: [StoreText: Int64] = [:]
    private var modelIDs: [StoreText: Int64] = [:]
    private var pipelineIDs: [StoreText: Int64] = [:]
    private var upsertStatements: [String: Statement] = [:]
    /// Each child table's delete and insert (`replaceChildren`), prepared once for the transaction.
    private var childStatements: [String: (delete: Statement, insert: Statement)] = [:]
    private var pointStatements: (insert: Statement, update: Statement)?
    /// While runs, metric points and alerts are written in a batch (`beginKeptBatch`): what they touch.
    private var kept: KeptBatch?
    /// Set while an import fills a store that held no record: none of the runs and alerts it
    /// writes is stored yet and it gives each key once (`ImportPlan`), so none is looked up
    /// (reading a run back with its steps to find it missing was a fifth of writing it).
    var recordsAreNew = false

    init(db: Database, features: SchemaFeatures) {
        self.db = db
        self.reader = PortfolioReader(db: db, features: features)
    }

    // MARK: - Keys to ids (cached for the transaction)

    private func teamID(_ name: String) throws -> Int64 {
        if let id = teamIDs[StoreText(name)] { return id }
        guard let id = try reader.teamID(name) else { throw StoreError.notFound(what: "team", key: name) }
        teamIDs[StoreText(name)] = id
        return id
    }

    func modelID(_ name: String) throws -> Int64 {
        if let id = modelIDs[StoreText(name)] { return id }
        guard let id = try reader.modelID(name) else { throw StoreError.notFound(what: "model", key: name) }
        modelIDs[StoreText(name)] = id
        return id
    }

    private func pipelineID(_ name: String) throws -> Int64 {
        if let id = pipelineIDs[StoreText(name)] { return id }
        guard let id = try reader.pipelineID(name) else { throw StoreError.notFound(what: "pipeline", key: name) }
        pipelineIDs[StoreText(name)] = id
        return id
    }

    // MARK: - Batches

    /// From here on, runs, metric points and alerts are written with their tables' triggers set
    /// aside, noting what they touch (`KeptBatch`); `settleKeptBatch` brings the kept tables up to
    /// them, `endKeptBatch` also puts the triggers back and must come before the transaction
    /// commits. Nothing else may be written until then: teams, pipelines, models and assessments
    /// may change what any kept table holds.
    ///
    /// Only for a transaction that ends at its first error: a write that fails after noting what
    /// it touched (inside a savepoint the caller rolls back and goes on from) would leave notes
    /// about rows that are not there. `ingest`, which goes on past a bad line, keeps its own
    /// `KeptBatch` (`EventBatchWriter`).
    func beginKeptBatch() throws {
        if kept == nil { kept = try KeptBatch(db) }
    }

    func settleKeptBatch() throws {
        try kept?.settle()
    }

    func endKeptBatch() throws {
        try kept?.restore()
        kept = nil
    }

    /// Puts back the connection's settings when the transaction is rolled back instead.
    func abandonKeptBatch() {
        try? kept?.abandon()
        kept = nil
    }

    // MARK: - Upserts

    /// Writes `record` when it differs from `existing` (what the store holds under its key) by
    /// `write`, and says what that did.
    private func changing<R: Equatable>(_ record: R, from existing: R?, _ write: () throws -> Void) rethrows -> UpsertOutcome {
        if existing == record { return .unchanged }
        try write()
        return existing == nil ? .created : .updated
    }

    /// One row of `table` by its `key` columns: inserted, or its other columns set (an upsert).
    /// `columns` lists every column written, the key's first.
    private func upsertRow(_ table: String, key: Int, _ columns: KeyValuePairs<String, (any DatabaseValueConvertible)?>) throws {
        try upsertStatement(table, key: key, names: columns.map(\.key)).execute(arguments: StatementArguments(columns.map(\.value)))
    }

    /// The upsert of `table` by its first `key` of `names` (each table is written with one list of
    /// columns, so its statement is made once).
    private func upsertStatement(_ table: String, key: Int, names: [String]) throws -> Statement {
        if let statement = upsertStatements[table] { return statement }
        let others = names.dropFirst(key).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        let statement = try db.makeStatement(sql: """
            INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))
            ON CONFLICT(\(names.prefix(key).joined(separator: ", "))) DO UPDATE SET \(others)
            """)
        upsertStatements[table] = statement
        return statement
    }

    /// A parent's child rows (a model's tags or versions, a run's steps, an alert's events) replaced
    /// by `rows`, each row's values after the parent's id and its position; a parent written just
    /// now (`new`) has none to take away.
    private func replaceChildren(_ table: String, of parent: (column: String, id: Int64), new: Bool = false, position: String?,
                                 positionsFrom first: Int64 = 0, columns: [String], _ rows: [[BulkValue]]) throws {
        let statements = try childStatements[table] ?? {
            let names = [parent.column] + (position.map { [$0] } ?? []) + columns
            let made = (delete: try db.makeStatement(sql: "DELETE FROM \(table) WHERE \(parent.column) = ?"),
                        insert: try db.makeStatement(sql: "INSERT INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))"))
            childStatements[table] = made
            return made
        }()
        if !new { try statements.delete.execute(arguments: [parent.id]) }
        // Bound through the C API, as the runs are: an import's steps by GRDB's arguments were a
        // tenth of its writing.
        for (index, row) in rows.enumerated() {
            try statements.insert.write([.int(parent.id)] + (position == nil ? [] : [.int(first + Int64(index))]) + row)
        }
    }

    /// A new check on the stored alert in row `rowID`: its method, score, threshold and severity
    /// set, and `note` added after its last event. Only those columns are written (an upsert that
    /// names every column rewrites all seven of the alerts' indexes), and no event is read (a
    /// long-lived alert has many). False, writing nothing, when the note's position would pass the
    /// largest integer: the caller then writes the alert whole.
    func recordCheck(onAlertRow rowID: Int64, _ alert: DriftAlert, note: AlertEvent) throws -> Bool {
        let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(seq) FROM alert_events WHERE alert_id = ?"), arguments: [rowID])
        let position = (last ?? -1).addingReportingOverflow(1)
        guard !position.overflow else { return false }
        try kept?.alertsChanging([rowID])
        try db.executeCached("UPDATE drift_alerts SET method = ?, score = ?, threshold = ?, severity = ? WHERE id = ?",
                             [alert.method.rawValue, alert.score, alert.threshold, alert.severity.rawValue, rowID])
        try kept?.alertWritten(rowID, created: false)
        try db.executeCached("INSERT INTO alert_events (alert_id, seq, kind, at, actor, note) VALUES (?, ?, ?, ?, ?, ?)",
                             [rowID, position.partialValue, note.kind.rawValue, note.at.storeSeconds, note.actor, note.note])
        return true
    }

    /// Where the events `after` add to the stored `before` begin (one past the alert's last
    /// `seq`), when `after` is `before` with events added; nil when it changes what was there, or
    /// when the positions would pass the largest integer.
    private func appendedPosition(alertRow: Int64, from before: [AlertEvent], to after: [AlertEvent]) throws -> Int64? {
        guard after.count > before.count, after.prefix(before.count).elementsEqual(before) else { return nil }
        let last = try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(seq) FROM alert_events WHERE alert_id = ?"), arguments: [alertRow])
        let first = (last ?? -1).addingReportingOverflow(1)
        guard !first.overflow, !first.partialValue.addingReportingOverflow(Int64(after.count - before.count)).overflow else { return nil }
        return first.partialValue
    }

    @discardableResult
    public func upsert(_ team: Team) throws -> UpsertOutcome {
        try changing(team, from: try reader.team(named: team.name)) {
            try upsertRow("teams", key: 1, ["name": team.name, "industry": team.industry, "lead": team.lead, "description": team.description])
        }
    }

    @discardableResult
    public func upsert(_ pipeline: Pipeline) throws -> UpsertOutcome {
        try changing(pipeline, from: try reader.pipeline(named: pipeline.name)) {
            try upsertRow("pipelines", key: 1, ["name": pipeline.name, "team_id": try teamID(pipeline.team),
                                                "schedule": pipeline.schedule, "description": pipeline.description])
        }
    }

    @discardableResult
    public func upsert(_ model: Model) throws -> UpsertOutcome {
        let existing = try reader.model(named: model.name)
        return try changing(model, from: existing) {
            try upsertRow("models", key: 1, [
                "name": model.name, "team_id": try teamID(model.team), "owner": model.owner, "use_case": model.useCase,
                "stage": model.stage.rawValue, "version": model.version, "risk_tier": model.riskTier?.rawValue,
                "business_value": model.businessValue, "serving_cost_per_month": model.servingCostPerMonth,
                "created_at": model.createdAt?.storeSeconds,
            ])
            let parent = (column: "model_id", id: try modelID(model.name))
            if existing?.tags != model.tags {
                try replaceChildren("model_tags", of: parent, position: nil, columns: ["key", "value"],
                                    model.tags.sorted { $0.key < $1.key }.map { [.text($0.key), .text($0.value)] })
            }
            if existing?.versions != model.versions {
                try replaceChildren("model_versions", of: parent, position: "position",
                                    columns: ["version", "created_at", "stage", "approval_status", "approved_by", "approved_at"],
                                    model.versions.map { [.text($0.version), .int($0.createdAt.storeSeconds), .optional($0.stage?.rawValue),
                                                          .text($0.approvalStatus.rawValue), .optional($0.approvedBy), .optional($0.approvedAt?.storeSeconds)] })
            }
        }
    }

    /// Refuses to change what a record is about: an id names one run (its pipeline, model and
    /// kind) or one alert (its model and feature) for life, so a writer reusing an id for another
    /// event gets an error naming the id, the field and both values instead of moving the record.
    static func keep(_ what: String, _ id: String, _ fields: [(name: String, stored: String, given: String)]) throws {
        guard let changed = fields.first(where: { $0.stored != $0.given }) else { return }
        throw RecordError(field: changed.name, message: """
            \(what) '\(id)' has \(changed.name) '\(changed.stored)'; refusing to change it to '\(changed.given)': \
            an id names one \(what) for life (its \(fields.map(\.name).joined(separator: ", "))); use a new id for another \(what)
            """)
    }

    @discardableResult
    public func upsert(_ run: PipelineRun) throws -> UpsertOutcome {
        let stored = recordsAreNew ? nil : try reader.runWithRowID(externalID: run.externalID)
        let existing = stored?.run
        if let existing, existing != run {
            try Self.keep("run", run.externalID, [("pipeline", existing.pipeline, run.pipeline), ("model", existing.model, run.model),
                                                  ("kind", existing.kind.rawValue, run.kind.rawValue)])
        }
        return try changing(run, from: existing) {
            if let stored { try kept?.runChanging(stored.rowID) }
            // The run's columns are declared once, with the ingest's batch writer (`PipelineRun.columns`).
            try upsertStatement("pipeline_runs", key: 1, names: PipelineRun.columns)
                .write(run.columnValues(pipelineID: try pipelineID(run.pipeline), modelID: try modelID(run.model)))
            let rowID = stored?.rowID ?? db.lastInsertedRowID
            try kept?.runWritten(rowID, created: stored == nil)
            if existing?.steps != run.steps {
                try replaceChildren("run_steps", of: ("run_id", rowID), new: stored == nil, position: "position",
                                    columns: ["name", "status", "started_at", "finished_at", "error"],
                                    run.steps.map { [.text($0.name), .text($0.status.rawValue), .optional($0.startedAt?.storeSeconds),
                                                     .optional($0.finishedAt?.storeSeconds), .optional($0.error)] })
            }
        }
    }

    @discardableResult
    public func upsert(_ point: MetricPoint) throws -> UpsertOutcome {
        try upsert(point, model: try modelID(point.model))
    }

    /// `upsert(point)` with its model's id already looked up (`modelID`).
    func upsert(_ point: MetricPoint, model: Int64) throws -> UpsertOutcome {
        let outcome = try writePoint(model: model, name: point.name, at: point.at.storeSeconds, value: point.value)
        if outcome == .created { kept?.pointCreated(model: model, name: point.name, at: point.at.storeSeconds) }
        return outcome
    }

    /// A metric point inserted when new, else its value set when it differs: one statement for a
    /// new point (most of an import's or a feed's records), by the model's id.
    func writePoint(model: Int64, name: String, at: Int64, value: Double) throws -> UpsertOutcome {
        let (insert, update) = try pointStatements ?? {
            let made = (insert: try db.makeStatement(sql: """
                            INSERT INTO metric_points (model_id, name, at, value) VALUES (?, ?, ?, ?) ON CONFLICT (model_id, name, at) DO NOTHING
                            """),
                        update: try db.makeStatement(sql: "UPDATE metric_points SET value = ? WHERE model_id = ? AND name = ? AND at = ? AND value IS NOT ?"))
            pointStatements = made
            return made
        }()
        try insert.write([.int(model), .text(name), .int(at), .double(value)])
        if db.changesCount > 0 { return .created }
        try update.write([.double(value), .int(model), .text(name), .int(at), .double(value)])
        return db.changesCount > 0 ? .updated : .unchanged
    }

    @discardableResult
    public func upsert(_ alert: DriftAlert) throws -> UpsertOutcome {
        let stored = recordsAreNew ? nil : try reader.alertWithRowID(externalID: alert.externalID)
        let existing = stored?.alert
        if let existing, existing != alert {
            try Self.keep("alert", alert.externalID, [("model", existing.model, alert.model), ("feature", existing.feature, alert.feature)])
        }
        return try changing(alert, from: existing) {
            if let stored { try kept?.alertsChanging([stored.rowID]) }
            try upsertRow("drift_alerts", key: 1, [
                "external_id": alert.externalID, "model_id": try modelID(alert.model), "feature": alert.feature,
                "method": alert.method.rawValue, "score": alert.score, "threshold": alert.threshold,
                "severity": alert.severity.rawValue, "status": alert.status.rawValue, "assignee": alert.assignee,
                "opened_at": alert.openedAt.storeSeconds, "snoozed_until": alert.snoozedUntil?.storeSeconds,
                "resolved_at": alert.resolvedAt?.storeSeconds,
            ])
            let rowID = stored?.rowID ?? db.lastInsertedRowID
            try kept?.alertWritten(rowID, created: stored == nil)
            let row = { (event: AlertEvent) -> [BulkValue] in [.text(event.kind.rawValue), .int(event.at.storeSeconds), .optional(event.actor), .optional(event.note)] }
            if let existing, let first = try appendedPosition(alertRow: rowID, from: existing.events, to: alert.events) {
                // A check or a step of the lifecycle adds events: only those are written, after the
                // alert's last. Rewriting every event fired each one's triggers, so each check on
                // a long-lived alert was slower than the one before.
                try replaceChildren("alert_events", of: ("alert_id", rowID), new: true, position: "seq", positionsFrom: first,
                                    columns: ["kind", "at", "actor", "note"], alert.events.dropFirst(existing.events.count).map(row))
            } else if existing?.events != alert.events {
                try replaceChildren("alert_events", of: ("alert_id", rowID), new: stored == nil, position: "seq",
                                    columns: ["kind", "at", "actor", "note"], alert.events.map(row))
            }
        }
    }

    @discardableResult
    public func upsert(_ assessment: MaturityAssessment) throws -> UpsertOutcome {
        try changing(assessment, from: try reader.assessment(team: assessment.team, component: assessment.component, at: assessment.assessedAt)) {
            try upsertRow("maturity_assessments", key: 3, [
                "team_id": try teamID(assessment.team), "component": assessment.component.rawValue,
                "assessed_at": assessment.assessedAt.storeSeconds, "level": assessment.level, "assessor": assessment.assessor,
                "evidence": assessment.evidence,
            ])
        }
    }

    /// Takes the run with `externalID` out of the store, with its steps (a source that deleted it);
    /// false when the store holds no such run. Its model's metric points stay: they are the
    /// model's series, not the run's.
    @discardableResult
    public func removeRun(externalID: String) throws -> Bool {
        try db.executeCached("DELETE FROM pipeline_runs WHERE external_id = ?", [externalID])
        return db.changesCount > 0
    }

    /// Records where an incremental importer stands in `source`.
    public func setImportCursor(_ source: String, _ position: String) throws {
        try db.executeCached("INSERT INTO import_cursors (source, position) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET position = excluded.position",
                             [source, position])
    }

    // MARK: - Whole-store edits

    /// Moves every stored time by `seconds` — used to make the bundled sample end "now".
    public func shiftTimes(by seconds: Int64) throws {
        let columns: [(String, [String])] = [
            ("models", ["created_at"]),
            ("model_versions", ["created_at", "approved_at"]),
            ("pipeline_runs", ["queued_at", "started_at", "finished_at"]),
            ("run_steps", ["started_at", "finished_at"]),
            ("metric_points", ["at"]),
            ("drift_alerts", ["opened_at", "snoozed_until", "resolved_at"]),
            ("alert_events", ["at"]),
            ("maturity_assessments", ["assessed_at"]),
        ]
        // Times are part of some primary keys (metric points, assessments); SQLite checks them row
        // by row, so move everything out of the way first, then to its place: no transient clash.
        let parking: Int64 = 1 << 40
        for step in [parking, seconds - parking] {
            for (table, names) in columns {
                let sets = names.map { "\($0) = \($0) + :shift" }.joined(separator: ", ")
                try db.executeCached("UPDATE \(table) SET \(sets)", ["shift": step])
            }
        }
    }
}
