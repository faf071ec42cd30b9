import Foundation
import GRDB
import Portfolio

/// Reads whole entities (with their children) inside one read transaction, by their keys.
/// The screens' windows and summaries are in `Screen/ScreenQueries.swift`, the figures in `Figures/`.
public struct PortfolioReader {
    let db: Database
    /// Which faster ways through later migrations' objects this store offers (`SchemaFeatures`).
    let features: SchemaFeatures

    // MARK: - Keys to ids

    public func teamID(_ name: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM teams WHERE name = ?"), arguments: [name])
    }

    public func modelID(_ name: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM models WHERE name = ?"), arguments: [name])
    }

    func pipelineID(_ name: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM pipelines WHERE name = ?"), arguments: [name])
    }

    public func teamNames() throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT name FROM teams"))
    }

    public func modelNames() throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT name FROM models"))
    }

    public func pipelineNames() throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT name FROM pipelines"))
    }

    // MARK: - Entities

    public func team(named name: String) throws -> Team? {
        try db.fetchRow("SELECT * FROM teams WHERE name = ?", [name]).map {
            Team(name: $0["name"], industry: $0["industry"], lead: $0["lead"], description: $0["description"])
        }
    }

    public func pipeline(named name: String) throws -> Pipeline? {
        try db.fetchRow("""
            SELECT p.*, t.name AS team FROM pipelines p JOIN teams t ON t.id = p.team_id WHERE p.name = ?
            """, [name]).map {
            Pipeline(name: $0["name"], team: $0["team"], schedule: $0["schedule"], description: $0["description"])
        }
    }

    public func model(named name: String) throws -> Model? {
        guard let row = try db.fetchRow("""
            SELECT m.*, t.name AS team FROM models m JOIN teams t ON t.id = m.team_id WHERE m.name = ?
            """, [name])
        else { return nil }
        let id: Int64 = row["id"]
        let tags = try db.fetchRows("SELECT key, value FROM model_tags WHERE model_id = ?", [id])
        let versions = try db.fetchRows("""
            SELECT * FROM model_versions WHERE model_id = ? ORDER BY position
            """, [id]).map { v in
            ModelVersion(
                version: v["version"], createdAt: Date(storeSeconds: v["created_at"]),
                stage: (v["stage"] as String?).flatMap(Stage.init(rawValue:)),
                approvalStatus: ApprovalStatus(rawValue: v["approval_status"]) ?? .pending,
                approvedBy: v["approved_by"], approvedAt: (v["approved_at"] as Int64?).map(Date.init(storeSeconds:)))
        }
        return Model(
            name: row["name"], team: row["team"], owner: row["owner"], useCase: row["use_case"],
            stage: Stage(rawValue: row["stage"]) ?? .development, version: row["version"],
            riskTier: (row["risk_tier"] as String?).flatMap(RiskTier.init(rawValue:)),
            businessValue: row["business_value"], servingCostPerMonth: row["serving_cost_per_month"],
            tags: Dictionary(uniqueKeysWithValues: tags.map { ($0["key"], $0["value"]) }),
            createdAt: (row["created_at"] as Int64?).map(Date.init(storeSeconds:)),
            versions: versions)
    }

    public func run(externalID: String) throws -> PipelineRun? {
        guard let row = try db.fetchRow("""
            SELECT r.*, p.name AS pipeline, m.name AS model FROM pipeline_runs r
            JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id
            WHERE r.external_id = ?
            """, [externalID])
        else { return nil }
        return try run(from: row)
    }

    func run(from row: Row) throws -> PipelineRun {
        let steps = try db.fetchRows("""
            SELECT * FROM run_steps WHERE run_id = ? ORDER BY position
            """, [row["id"] as Int64]).map { s in
            RunStep(
                name: s["name"], status: StepStatus(rawValue: s["status"]) ?? .queued,
                startedAt: (s["started_at"] as Int64?).map(Date.init(storeSeconds:)),
                finishedAt: (s["finished_at"] as Int64?).map(Date.init(storeSeconds:)),
                error: s["error"])
        }
        return PipelineRun(
            externalID: row["external_id"], pipeline: row["pipeline"], model: row["model"], name: row["name"],
            kind: RunKind(rawValue: row["kind"]) ?? .training, status: RunStatus(rawValue: row["status"]) ?? .queued,
            trigger: RunTrigger(rawValue: row["trigger"]) ?? .manual, startedBy: row["started_by"],
            modelVersion: row["model_version"], isRollback: row["is_rollback"],
            queuedAt: Date(storeSeconds: row["queued_at"]),
            startedAt: (row["started_at"] as Int64?).map(Date.init(storeSeconds:)),
            finishedAt: (row["finished_at"] as Int64?).map(Date.init(storeSeconds:)),
            commit: row["commit_sha"], computeCost: row["compute_cost"], error: row["error"], steps: steps)
    }

    public func alert(externalID: String) throws -> DriftAlert? {
        guard let row = try db.fetchRow("""
            SELECT a.*, m.name AS model FROM drift_alerts a JOIN models m ON m.id = a.model_id
            WHERE a.external_id = ?
            """, [externalID])
        else { return nil }
        let events = try db.fetchRows("""
            SELECT * FROM alert_events WHERE alert_id = ? ORDER BY seq
            """, [row["id"] as Int64]).map { e in
            AlertEvent(
                kind: AlertEventKind(rawValue: e["kind"]) ?? .note, at: Date(storeSeconds: e["at"]),
                actor: e["actor"], note: e["note"])
        }
        return DriftAlert(
            externalID: row["external_id"], model: row["model"], feature: row["feature"],
            method: DriftMethod(rawValue: row["method"]) ?? .psi, score: row["score"], threshold: row["threshold"],
            severity: Severity(rawValue: row["severity"]) ?? .info, status: AlertStatus(rawValue: row["status"]) ?? .open,
            assignee: row["assignee"], openedAt: Date(storeSeconds: row["opened_at"]),
            snoozedUntil: (row["snoozed_until"] as Int64?).map(Date.init(storeSeconds:)),
            resolvedAt: (row["resolved_at"] as Int64?).map(Date.init(storeSeconds:)), events: events)
    }

    public func metricValue(model: String, name: String, at: Date) throws -> Double? {
        try Double.fetchOne(db.cachedStatement(sql: """
            SELECT value FROM metric_points p JOIN models m ON m.id = p.model_id
            WHERE m.name = ? AND p.name = ? AND p.at = ?
            """), arguments: [model, name, at.storeSeconds])
    }

    /// A metric's points, oldest first, optionally only the newest `limit`.
    public func metricSeries(model: String, name: String, limit: Int? = nil) throws -> [MetricPoint] {
        let rows = try db.fetchRows("""
            SELECT p.at, p.value FROM metric_points p JOIN models m ON m.id = p.model_id
            WHERE m.name = ? AND p.name = ? ORDER BY p.at DESC LIMIT ?
            """, [model, name, limit ?? -1])
        return rows.reversed().map {
            MetricPoint(model: model, name: name, at: Date(storeSeconds: $0["at"]), value: $0["value"])
        }
    }

    public func assessment(team: String, component: MaturityComponent, at: Date) throws -> MaturityAssessment? {
        try db.fetchRow("""
            SELECT a.* FROM maturity_assessments a JOIN teams t ON t.id = a.team_id
            WHERE t.name = ? AND a.component = ? AND a.assessed_at = ?
            """, [team, component.rawValue, at.storeSeconds]).map {
            MaturityAssessment(
                team: team, component: component, level: $0["level"], assessedAt: Date(storeSeconds: $0["assessed_at"]),
                assessor: $0["assessor"], evidence: $0["evidence"])
        }
    }

    /// Rows per table, for summaries and tests.
    public func rowCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in PortfolioReader.tables {
            counts[table] = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM \(table)")) ?? 0
        }
        return counts
    }

    /// Rows of a table counted by the triggers of migration v2-scale-indexes (`pipeline_runs`,
    /// `drift_alerts`), or by counting when the store predates it (opened read-only, unmigrated).
    func countedRows(_ table: String) throws -> Int {
        if features.has(.rowCounts),
           let rows = try Int.fetchOne(db.cachedStatement(sql: "SELECT rows FROM row_counts WHERE name = ?"), arguments: [table]) {
            return rows
        }
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
    }

    static let tables = [
        "teams", "pipelines", "models", "model_tags", "model_versions", "pipeline_runs", "run_steps",
        "metric_points", "drift_alerts", "alert_events", "maturity_assessments",
    ]

    /// The time of the newest thing that happened in the store (not counting snooze deadlines,
    /// which lie in the future), or nil for an empty store. Each part is a `max` over one indexed
    /// column (migration v2-scale-indexes), which SQLite answers with one B-tree descent: this runs
    /// on every refresh and must not scan history.
    public func newestEventTime() throws -> Date? {
        let seconds = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT max(t) FROM (
                SELECT max(coalesce(finished_at, started_at, queued_at)) AS t FROM pipeline_runs
                UNION ALL SELECT max(at) FROM metric_points
                UNION ALL SELECT max(at) FROM alert_events
                UNION ALL SELECT max(opened_at) FROM drift_alerts
                UNION ALL SELECT max(resolved_at) FROM drift_alerts
                UNION ALL SELECT max(assessed_at) FROM maturity_assessments
                UNION ALL SELECT max(created_at) FROM model_versions
                UNION ALL SELECT max(approved_at) FROM model_versions
            )
            """))
        return seconds.map(Date.init(storeSeconds:))
    }
}
