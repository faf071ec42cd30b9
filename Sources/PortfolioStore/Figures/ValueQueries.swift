import Foundation
import GRDB
import Portfolio

/// A model's team, and whether the model is in production: what the window figures need of each
/// model to sum its runs, deployments and alerts by team.
public struct ModelTeam: Sendable {
    public var team: Int64
    public var production: Bool
}

/// Each model's `ModelTeam`, by model id.
public typealias ModelTeams = IDTable<ModelTeam>

/// Counts, business value and cost per team (docs/METRICS.md). Each is one aggregate query,
/// grouped by team; window figures are bounded by the window through the runs' time indexes.
extension PortfolioReader {
    /// The store's teams, by name: (id, name).
    func teamsByName() throws -> [(id: Int64, name: String)] {
        try Row.fetchAll(db, sql: "SELECT id, name FROM teams ORDER BY name").map { ($0["id"], $0["name"]) }
    }

    /// Each model's team and whether it is in production (only `team`'s models when given), so
    /// that a window's many rows are matched to their teams in memory rather than by a look-up
    /// each.
    func teamOfModel(team: Int64? = nil) throws -> ModelTeams {
        var teams = ModelTeams(blank: ModelTeam(team: 0, production: false))
        try db.forEachRow("SELECT id, team_id, stage = 'production' FROM models\(team == nil ? "" : " WHERE team_id = :t")",
                          arguments: ["t": team]) { row in
            teams.set(row.int64(0), ModelTeam(team: row.int64(1), production: row.bool(2)))
        }
        return teams
    }

    /// Models, production models, value in production and value at risk, active alerts, failed
    /// and running runs, serving cost — the store's current state, per team id: from the totals
    /// kept by team (model_totals, risk_totals, model_critical of v5; alert_team_counts of v16),
    /// less what the snoozes still running take away, as `currentTotals` reads the portfolio's;
    /// its money to the cent, as there. A few rows per team on any store.
    func currentFigures(asOf now: Date, into figures: inout [Int64: Figures]) throws {
        guard features.has(.alertTeamCounts), features.has(.keptTotals) else { return try currentFiguresByRow(asOf: now, into: &figures) }
        let end = now.storeSeconds
        for row in try Row.fetchAll(db, sql: """
            SELECT team_id, sum(models) AS total, sum(CASE WHEN stage = 'production' THEN models ELSE 0 END) AS prod,
              round(sum(CASE WHEN stage = 'production' THEN value ELSE 0 END), 2) AS value,
              round(12 * sum(CASE WHEN stage = 'production' THEN serving ELSE 0 END), 2) AS serving
            FROM model_totals GROUP BY team_id
            """) {
            Self.addModelTotals(row, into: &figures)
        }
        // Value at risk less the models whose every active critical alert is still snoozed.
        var snoozedValue: [Int64: Double] = [:]
        for row in try SQLRequest<Row>(literal: """
            SELECT team_id, sum(value) AS value FROM (\(Self.riskStillSnoozed(end))) GROUP BY team_id
            """).fetchAll(db) {
            snoozedValue[row["team_id"]] = row["value"]
        }
        for row in try Row.fetchAll(db, sql: "SELECT team_id, value FROM risk_totals") {
            let id: Int64 = row["team_id"]
            figures[id, default: Figures()].valueAtRisk = SafeNumbers.cents(row.amount("value") - (snoozedValue[id] ?? 0))
        }
        // Active = open + acknowledged + snoozed − still snoozed: snoozes that ran out count as open.
        // Summed here, wrapping, not by SQLite's sum(), which fails on a kept count another client
        // set near Int64's bounds.
        for row in try SQLRequest<Row>(literal: """
            SELECT team_id, severity, alerts AS n FROM alert_team_counts WHERE status IN ('open', 'acknowledged', 'snoozed')
            UNION ALL
            SELECT m.team_id, s.severity, -1 FROM (\(Self.stillSnoozed(end))) s JOIN models m ON m.id = s.model_id
            """).fetchAll(db) {
            let id: Int64 = row["team_id"], alerts: Int = row["n"]
            figures[id, default: Figures()].activeAlerts &+= alerts
            switch Severity(rawValue: row["severity"]) {
            case .critical: figures[id, default: Figures()].activeCriticalAlerts &+= alerts
            case .warning: figures[id, default: Figures()].activeWarningAlerts &+= alerts
            default: break
            }
        }
        try runningAndFailedRuns(end, into: &figures)
    }

    /// One team's models, production models, value in production and serving cost per year, from
    /// a row of `team_id`, `total`, `prod`, `value` and `serving` (kept totals or counted).
    private static func addModelTotals(_ row: Row, into figures: inout [Int64: Figures]) {
        let id: Int64 = row["team_id"]
        figures[id, default: Figures()].modelsTotal = row["total"]
        figures[id, default: Figures()].modelsInProduction = row["prod"]
        figures[id, default: Figures()].valueInProduction = row.amount("value")
        figures[id, default: Figures()].servingCostPerYearOfProduction = row.amount("serving")
    }

    /// The same current state per team counted from the models and alerts themselves: a store
    /// opened read-only before v16, and the reference its test compares with.
    func currentFiguresByRow(asOf now: Date, into figures: inout [Int64: Figures]) throws {
        let end = now.storeSeconds
        for row in try Row.fetchAll(db, sql: """
            SELECT team_id, count(*) AS total, sum(stage = 'production') AS prod,
              sum(CASE WHEN stage = 'production' THEN coalesce(business_value, 0) ELSE 0 END) AS value,
              sum(CASE WHEN stage = 'production' THEN 12 * coalesce(serving_cost_per_month, 0) ELSE 0 END) AS serving
            FROM models GROUP BY team_id
            """) {
            Self.addModelTotals(row, into: &figures)
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT m.team_id, sum(coalesce(m.business_value, 0)) AS value FROM models m
            WHERE m.stage = 'production' AND EXISTS (
              SELECT 1 FROM drift_alerts a WHERE a.model_id = m.id AND a.severity = 'critical' AND \(Self.isActive(now)))
            GROUP BY m.team_id
            """) {
            figures[row["team_id"], default: Figures()].valueAtRisk = row.amount("value")
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT m.team_id, count(*) AS active, sum(a.severity = 'critical') AS critical, sum(a.severity = 'warning') AS warning
            FROM drift_alerts a JOIN models m ON m.id = a.model_id
            WHERE \(Self.isActive(now)) GROUP BY m.team_id
            """) {
            figures[row["team_id"], default: Figures()].activeAlerts = row["active"]
            figures[row["team_id"], default: Figures()].activeCriticalAlerts = row["critical"]
            figures[row["team_id"], default: Figures()].activeWarningAlerts = row["warning"]
        }
        try runningAndFailedRuns(end, into: &figures)
    }

    /// Runs failed in the 24 hours up to `end` and runs running, per team: through the runs'
    /// status index, a few hundred rows on any store.
    private func runningAndFailedRuns(_ end: Int64, into figures: inout [Int64: Figures]) throws {
        for row in try Row.fetchAll(db, sql: """
            SELECT m.team_id, sum(r.status = 'failed') AS failed, sum(r.status = 'running') AS running
            FROM pipeline_runs r JOIN models m ON m.id = r.model_id
            WHERE (r.status = 'failed' AND r.finished_at > ? AND r.finished_at <= ?) OR r.status = 'running'
            GROUP BY m.team_id
            """, arguments: [end - 86_400, end]) {
            figures[row["team_id"], default: Figures()].failedRunsLast24h = row["failed"]
            figures[row["team_id"], default: Figures()].runningRuns = row["running"]
        }
    }

    /// The current state of the whole portfolio, or of one team, without grouping by team: what
    /// every dashboard reload needs, read from the totals kept by triggers (model_totals,
    /// risk_totals, alert_counts; migration v5) and the few snoozes still running, so it costs the
    /// same on any store. The same figures as `currentFiguresByRow(asOf:into:)` summed over teams; a
    /// test holds the two equal. A store opened read-only before v5 counts instead.
    func currentTotals(asOf now: Date, team: Int64? = nil) throws -> Figures {
        guard features.has(.keptTotals) else {
            var byTeam: [Int64: Figures] = [:]
            try currentFiguresByRow(asOf: now, into: &byTeam)
            var figures = Figures()
            for (id, teamFigures) in byTeam where team == nil || id == team { figures.add(teamFigures) }
            return figures
        }
        let end = now.storeSeconds
        let ofTeam: SQL = team.map { team -> SQL in " AND team_id = \(team)" } ?? ""
        // Value at risk counts a model while it holds a critical alert that is open, acknowledged
        // or snoozed; those whose only such alerts are still snoozed are taken away (their alerts
        // counted through the model's index: SQLite chose alerts_window, every snoozed alert).
        let models = try SQLRequest<Row>(literal: """
            SELECT
              (SELECT coalesce(sum(models), 0) FROM model_totals WHERE stage = 'production'\(ofTeam)) AS prod,
              (SELECT coalesce(sum(models), 0) FROM model_totals WHERE 1\(ofTeam)) AS total,
              (SELECT round(coalesce(sum(value), 0), 2) FROM model_totals WHERE stage = 'production'\(ofTeam)) AS value,
              (SELECT round(12 * coalesce(sum(serving), 0), 2) FROM model_totals WHERE stage = 'production'\(ofTeam)) AS serving,
              round((SELECT coalesce(sum(value), 0) FROM risk_totals WHERE 1\(ofTeam))
                - (SELECT coalesce(sum(value), 0) FROM (\(Self.riskStillSnoozed(end))) WHERE 1\(ofTeam)), 2) AS at_risk
            """).fetchOne(db)!
        var figures = Figures()
        figures.modelsInProduction = models["prod"]
        figures.modelsTotal = models["total"]
        figures.valueInProduction = models.amount("value")
        figures.servingCostPerYearOfProduction = models.amount("serving")
        figures.valueAtRisk = models.amount("at_risk")
        if team == nil {
            // Active = open + acknowledged + snoozed − still snoozed: snoozes that ran out count as open.
            // Summed here, wrapping, as above.
            let kept = try Row.fetchAll(db, sql: """
                SELECT severity, alerts AS n FROM alert_counts WHERE status IN ('open', 'acknowledged', 'snoozed')
                """)
            let snoozed = try SQLRequest<Row>(literal: "SELECT severity, count(*) AS n FROM (\(Self.stillSnoozed(end))) GROUP BY severity").fetchAll(db)
            var active: [String: Int] = [:]
            for row in kept { active[row["severity"], default: 0] &+= row["n"] as Int }
            for row in snoozed { active[row["severity"], default: 0] &-= row["n"] as Int }
            figures.activeAlerts = active.values.reduce(0, &+)
            figures.activeCriticalAlerts = active["critical"] ?? 0
            figures.activeWarningAlerts = active["warning"] ?? 0
        } else {
            // A team's through its models: the cost is the team's alerts.
            let alerts = try Row.fetchOne(db, sql: """
                SELECT count(*) AS active, coalesce(sum(a.severity = 'critical'), 0) AS critical,
                  coalesce(sum(a.severity = 'warning'), 0) AS warning
                FROM drift_alerts a JOIN models m ON m.id = a.model_id WHERE \(Self.isActive(now)) AND m.team_id = :t
                """, arguments: ["t": team])!
            figures.activeAlerts = alerts["active"]
            figures.activeCriticalAlerts = alerts["critical"]
            figures.activeWarningAlerts = alerts["warning"]
        }
        let runModels = team == nil ? "" : " JOIN models m ON m.id = r.model_id"
        let runs = try Row.fetchOne(db, sql: """
            SELECT coalesce(sum(r.status = 'failed'), 0) AS failed, coalesce(sum(r.status = 'running'), 0) AS running
            FROM pipeline_runs r\(runModels)
            WHERE ((r.status = 'failed' AND r.finished_at > :s AND r.finished_at <= :e) OR r.status = 'running')\(team == nil ? "" : " AND m.team_id = :t")
            """, arguments: ["t": team, "s": end - 86_400, "e": end])!
        figures.failedRunsLast24h = runs["failed"]
        figures.runningRuns = runs["running"]
        return figures
    }

    /// The models of model_critical whose every active critical alert is still snoozed at `now`:
    /// what value at risk takes away from risk_totals. Columns: model_id, team_id, value.
    static func riskStillSnoozed(_ now: Int64) -> SQL {
        """
        SELECT c.model_id, c.team_id, c.value FROM model_critical c
        WHERE c.model_id IN (SELECT model_id FROM (\(stillSnoozed(now, severity: .critical))))
          AND c.alerts = (SELECT count(*) FROM drift_alerts a INDEXED BY alerts_by_model WHERE a.model_id = c.model_id AND a.status = 'snoozed'
            AND a.severity = 'critical' AND (a.snoozed_until IS NULL OR a.snoozed_until > \(now)))
        """
    }

    /// The alerts (of a severity) whose snooze still runs at `now` — a deadline after
    /// now, or none — as two ranges of alerts_snoozed (an OR of the two made SQLite scan it all).
    /// Columns: id, severity, model_id, opened_at.
    static func stillSnoozed(_ now: Int64, severity: Severity? = nil) -> SQL {
        let also: SQL = severity.map { severity -> SQL in " AND a.severity = \(severity.rawValue)" } ?? ""
        let select: SQL = "SELECT a.id, a.severity, a.model_id, a.opened_at FROM drift_alerts a INDEXED BY alerts_snoozed WHERE a.status = 'snoozed'"
        return "\(select) AND a.snoozed_until > \(now)\(also) UNION ALL \(select) AND a.snoozed_until IS NULL\(also)"
    }

    /// The compute cost of runs started in the window, of all models and of production models, per team id.
    func costFigures(_ window: FigureWindow, teamOf known: ModelTeams? = nil, into figures: inout [Int64: Figures]) throws {
        for (id, totals) in try runWindowTotals(window, teamOf: known) {
            figures[id, default: Figures()].computeCostInWindow = totals.cost
            figures[id, default: Figures()].productionComputeCostInWindow = totals.productionCost
        }
    }

    /// The SQL for one model's compute cost in the window (runs started in it), for the Models panel.
    static func modelWindowCost(_ window: FigureWindow) -> String {
        let (start, end) = window.bounds
        return """
            (SELECT coalesce(sum(r.compute_cost), 0) FROM pipeline_runs r WHERE r.model_id = m.id
               AND coalesce(r.started_at, r.queued_at) > \(start) AND coalesce(r.started_at, r.queued_at) <= \(end)
               AND r.started_at IS NOT NULL)
            """
    }
}
