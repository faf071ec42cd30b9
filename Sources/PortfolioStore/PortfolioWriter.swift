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
    private var teamIDs: [String: Int64] = [:]
    private var modelIDs: [String: Int64] = [:]
    private var pipelineIDs: [String: Int64] = [:]

    init(db: Database, features: SchemaFeatures) {
        self.db = db
        self.reader = PortfolioReader(db: db, features: features)
    }

    // MARK: - Keys to ids (cached for the transaction)

    private func teamID(_ name: String) throws -> Int64 {
        if let id = teamIDs[name] { return id }
        guard let id = try reader.teamID(name) else { throw StoreError.notFound(what: "team", key: name) }
        teamIDs[name] = id
        return id
    }

    private func modelID(_ name: String) throws -> Int64 {
        if let id = modelIDs[name] { return id }
        guard let id = try reader.modelID(name) else { throw StoreError.notFound(what: "model", key: name) }
        modelIDs[name] = id
        return id
    }

    private func pipelineID(_ name: String) throws -> Int64 {
        if let id = pipelineIDs[name] { return id }
        guard let id = try reader.pipelineID(name) else { throw StoreError.notFound(what: "pipeline", key: name) }
        pipelineIDs[name] = id
        return id
    }

    // MARK: - Upserts

    @discardableResult
    public func upsert(_ team: Team) throws -> UpsertOutcome {
        let existing = try reader.team(named: team.name)
        if existing == team { return .unchanged }
        try db.executeCached("""
            INSERT INTO teams (name, industry, lead, description) VALUES (?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET industry = excluded.industry, lead = excluded.lead,
                description = excluded.description
            """, [team.name, team.industry, team.lead, team.description])
        return existing == nil ? .created : .updated
    }

    @discardableResult
    public func upsert(_ pipeline: Pipeline) throws -> UpsertOutcome {
        let existing = try reader.pipeline(named: pipeline.name)
        if existing == pipeline { return .unchanged }
        try db.executeCached("""
            INSERT INTO pipelines (name, team_id, schedule, description) VALUES (?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET team_id = excluded.team_id, schedule = excluded.schedule,
                description = excluded.description
            """, [pipeline.name, try teamID(pipeline.team), pipeline.schedule, pipeline.description])
        return existing == nil ? .created : .updated
    }

    @discardableResult
    public func upsert(_ model: Model) throws -> UpsertOutcome {
        let existing = try reader.model(named: model.name)
        if existing == model { return .unchanged }
        let arguments: StatementArguments = [
            model.name, try teamID(model.team), model.owner, model.useCase, model.stage.rawValue, model.version,
            model.riskTier?.rawValue, model.businessValue, model.servingCostPerMonth, model.createdAt?.storeSeconds,
        ]
        try db.executeCached("""
            INSERT INTO models (name, team_id, owner, use_case, stage, version, risk_tier, business_value,
                serving_cost_per_month, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(name) DO UPDATE SET team_id = excluded.team_id, owner = excluded.owner,
                use_case = excluded.use_case, stage = excluded.stage, version = excluded.version,
                risk_tier = excluded.risk_tier, business_value = excluded.business_value,
                serving_cost_per_month = excluded.serving_cost_per_month, created_at = excluded.created_at
            """, arguments)
        let id = try modelID(model.name)
        if existing?.tags != model.tags {
            try db.executeCached("DELETE FROM model_tags WHERE model_id = ?", [id])
            for (key, value) in model.tags.sorted(by: { $0.key < $1.key }) {
                try db.executeCached("INSERT INTO model_tags (model_id, key, value) VALUES (?, ?, ?)", [id, key, value])
            }
        }
        if existing?.versions != model.versions {
            try db.executeCached("DELETE FROM model_versions WHERE model_id = ?", [id])
            for (position, v) in model.versions.enumerated() {
                try db.executeCached("""
                    INSERT INTO model_versions (model_id, position, version, created_at, stage, approval_status,
                        approved_by, approved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, [id, position, v.version, v.createdAt.storeSeconds, v.stage?.rawValue,
                                     v.approvalStatus.rawValue, v.approvedBy, v.approvedAt?.storeSeconds])
            }
        }
        return existing == nil ? .created : .updated
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
        let existing = try reader.run(externalID: run.externalID)
        if existing == run { return .unchanged }
        if let existing {
            try Self.keep("run", run.externalID, [("pipeline", existing.pipeline, run.pipeline), ("model", existing.model, run.model),
                                                  ("kind", existing.kind.rawValue, run.kind.rawValue)])
        }
        let arguments: StatementArguments = [
            run.externalID, try pipelineID(run.pipeline), try modelID(run.model), run.name, run.kind.rawValue,
            run.status.rawValue, run.trigger.rawValue, run.startedBy, run.modelVersion, run.isRollback,
            run.queuedAt.storeSeconds, run.startedAt?.storeSeconds, run.finishedAt?.storeSeconds, run.commit,
            run.computeCost, run.error,
        ]
        try db.executeCached("""
            INSERT INTO pipeline_runs (external_id, pipeline_id, model_id, name, kind, status, trigger, started_by,
                model_version, is_rollback, queued_at, started_at, finished_at, commit_sha, compute_cost, error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(external_id) DO UPDATE SET pipeline_id = excluded.pipeline_id, model_id = excluded.model_id,
                name = excluded.name, kind = excluded.kind, status = excluded.status, trigger = excluded.trigger,
                started_by = excluded.started_by, model_version = excluded.model_version,
                is_rollback = excluded.is_rollback, queued_at = excluded.queued_at, started_at = excluded.started_at,
                finished_at = excluded.finished_at, commit_sha = excluded.commit_sha,
                compute_cost = excluded.compute_cost, error = excluded.error
            """, arguments)
        if existing?.steps != run.steps {
            let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM pipeline_runs WHERE external_id = ?"),
                                        arguments: [run.externalID])!
            try db.executeCached("DELETE FROM run_steps WHERE run_id = ?", [id])
            for (position, step) in run.steps.enumerated() {
                try db.executeCached("""
                    INSERT INTO run_steps (run_id, position, name, status, started_at, finished_at, error)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, [id, position, step.name, step.status.rawValue, step.startedAt?.storeSeconds,
                                     step.finishedAt?.storeSeconds, step.error])
            }
        }
        return existing == nil ? .created : .updated
    }

    @discardableResult
    public func upsert(_ point: MetricPoint) throws -> UpsertOutcome {
        let existing = try reader.metricValue(model: point.model, name: point.name, at: point.at)
        if existing == point.value { return .unchanged }
        try db.executeCached("""
            INSERT INTO metric_points (model_id, name, at, value) VALUES (?, ?, ?, ?)
            ON CONFLICT(model_id, name, at) DO UPDATE SET value = excluded.value
            """, [try modelID(point.model), point.name, point.at.storeSeconds, point.value])
        return existing == nil ? .created : .updated
    }

    @discardableResult
    public func upsert(_ alert: DriftAlert) throws -> UpsertOutcome {
        let existing = try reader.alert(externalID: alert.externalID)
        if existing == alert { return .unchanged }
        if let existing {
            try Self.keep("alert", alert.externalID, [("model", existing.model, alert.model), ("feature", existing.feature, alert.feature)])
        }
        let arguments: StatementArguments = [
            alert.externalID, try modelID(alert.model), alert.feature, alert.method.rawValue, alert.score,
            alert.threshold, alert.severity.rawValue, alert.status.rawValue, alert.assignee,
            alert.openedAt.storeSeconds, alert.snoozedUntil?.storeSeconds, alert.resolvedAt?.storeSeconds,
        ]
        try db.executeCached("""
            INSERT INTO drift_alerts (external_id, model_id, feature, method, score, threshold, severity, status,
                assignee, opened_at, snoozed_until, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(external_id) DO UPDATE SET model_id = excluded.model_id, feature = excluded.feature,
                method = excluded.method, score = excluded.score, threshold = excluded.threshold,
                severity = excluded.severity, status = excluded.status, assignee = excluded.assignee,
                opened_at = excluded.opened_at, snoozed_until = excluded.snoozed_until,
                resolved_at = excluded.resolved_at
            """, arguments)
        if existing?.events != alert.events {
            let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM drift_alerts WHERE external_id = ?"),
                                        arguments: [alert.externalID])!
            try db.executeCached("DELETE FROM alert_events WHERE alert_id = ?", [id])
            for (seq, event) in alert.events.enumerated() {
                try db.executeCached("""
                    INSERT INTO alert_events (alert_id, seq, kind, at, actor, note) VALUES (?, ?, ?, ?, ?, ?)
                    """, [id, seq, event.kind.rawValue, event.at.storeSeconds, event.actor, event.note])
            }
        }
        return existing == nil ? .created : .updated
    }

    @discardableResult
    public func upsert(_ assessment: MaturityAssessment) throws -> UpsertOutcome {
        let existing = try reader.assessment(
            team: assessment.team, component: assessment.component, at: assessment.assessedAt)
        if existing == assessment { return .unchanged }
        try db.executeCached("""
            INSERT INTO maturity_assessments (team_id, component, assessed_at, level, assessor, evidence)
            VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT(team_id, component, assessed_at) DO UPDATE SET level = excluded.level,
                assessor = excluded.assessor, evidence = excluded.evidence
            """, [try teamID(assessment.team), assessment.component.rawValue,
                             assessment.assessedAt.storeSeconds, assessment.level, assessment.assessor,
                             assessment.evidence])
        return existing == nil ? .created : .updated
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
