import Foundation
import GRDB
import Portfolio

/// Counts, business value and cost per team (docs/METRICS.md). Each is one aggregate query,
/// grouped by team; window figures are bounded by the window through the runs' time indexes.
extension PortfolioReader {
    /// The store's teams, by name: (id, name).
    func teamsByName() throws -> [(id: Int64, name: String)] {
        try Row.fetchAll(db, sql: "SELECT id, name FROM teams ORDER BY name").map { ($0["id"], $0["name"]) }
    }

    /// Models, production models, value in production and value at risk, active alerts, failed
    /// and running runs, serving cost — the store's current state, per team id. Each is read
    /// through an index in milliseconds on the largest store, so every refresh computes them.
    func currentFigures(asOf now: Date, into figures: inout [Int64: Figures]) throws {
        let end = now.storeSeconds
        for row in try Row.fetchAll(db, sql: """
            SELECT team_id, count(*) AS total, sum(stage = 'production') AS prod,
              sum(CASE WHEN stage = 'production' THEN coalesce(business_value, 0) ELSE 0 END) AS value,
              sum(CASE WHEN stage = 'production' THEN 12 * coalesce(serving_cost_per_month, 0) ELSE 0 END) AS serving
            FROM models GROUP BY team_id
            """) {
            let id: Int64 = row["team_id"]
            figures[id, default: Figures()].modelsTotal = row["total"]
            figures[id, default: Figures()].modelsInProduction = row["prod"]
            figures[id, default: Figures()].valueInProduction = row["value"]
            figures[id, default: Figures()].servingCostPerYearOfProduction = row["serving"]
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT m.team_id, sum(coalesce(m.business_value, 0)) AS value FROM models m
            WHERE m.stage = 'production' AND EXISTS (
              SELECT 1 FROM drift_alerts a WHERE a.model_id = m.id AND a.severity = 'critical' AND \(Self.isActive(now)))
            GROUP BY m.team_id
            """) {
            figures[row["team_id"], default: Figures()].valueAtRisk = row["value"]
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
    /// every dashboard reload needs, read from indexes and counts (alert_counts, alerts_active_critical,
    /// runs_by_status, models_stage) in a few milliseconds on the 1M-run store. The same figures
    /// as `currentFigures(asOf:into:)` summed over teams; a test holds the two equal.
    func currentTotals(asOf now: Date, team: Int64? = nil) throws -> Figures {
        let end = now.storeSeconds
        let ofTeam = team == nil ? "" : " AND m.team_id = :t"
        // Alerts and runs need their model only to know its team.
        let alertModels = team == nil ? "" : " JOIN models m ON m.id = a.model_id"
        let runModels = team == nil ? "" : " JOIN models m ON m.id = r.model_id"
        // A store opened read-only before migration v4 has neither alert_counts nor the index.
        let v4 = try db.tableExists("alert_counts")
        // The active critical alerts' models from their partial index (its WHERE terms written
        // out so SQLite may use it; named, because without statistics it prefers alerts_window).
        let activeCritical = """
            SELECT a.model_id FROM drift_alerts a\(v4 ? " INDEXED BY \(StoreSchema.activeCriticalIndex)" : "")
            WHERE a.severity = 'critical' AND a.status IN ('open', 'acknowledged', 'snoozed')
              AND (a.status <> 'snoozed' OR a.snoozed_until <= \(end))
            """
        let row = try Row.fetchOne(db, sql: """
            SELECT
              (SELECT count(*) FROM models m WHERE m.stage = 'production'\(ofTeam)) AS prod,
              (SELECT count(*) FROM models m WHERE 1\(ofTeam)) AS total,
              (SELECT coalesce(sum(coalesce(m.business_value, 0)), 0) FROM models m WHERE m.stage = 'production'\(ofTeam)) AS value,
              (SELECT coalesce(sum(12 * coalesce(m.serving_cost_per_month, 0)), 0) FROM models m
                 WHERE m.stage = 'production'\(ofTeam)) AS serving,
              (SELECT coalesce(sum(coalesce(m.business_value, 0)), 0) FROM models m WHERE m.stage = 'production'\(ofTeam)
                 AND m.id IN (\(activeCritical))) AS at_risk
            """, arguments: ["t": team])!
        // The portfolio's active alerts from alert_counts (an OR over statuses made SQLite collect
        // and sort 20k rowids); a team's through its models.
        let alerts = try Row.fetchOne(db, sql: team == nil ? """
            SELECT \(Self.activeCount(nil, end, counted: v4)) AS active, \(Self.activeCount("critical", end, counted: v4)) AS critical,
              \(Self.activeCount("warning", end, counted: v4)) AS warning
            """ : """
            SELECT count(*) AS active, coalesce(sum(a.severity = 'critical'), 0) AS critical,
              coalesce(sum(a.severity = 'warning'), 0) AS warning
            FROM drift_alerts a\(alertModels) WHERE \(Self.isActive(now))\(ofTeam)
            """, arguments: ["t": team])!
        let runs = try Row.fetchOne(db, sql: """
            SELECT coalesce(sum(r.status = 'failed'), 0) AS failed, coalesce(sum(r.status = 'running'), 0) AS running
            FROM pipeline_runs r\(runModels)
            WHERE ((r.status = 'failed' AND r.finished_at > :s AND r.finished_at <= :e) OR r.status = 'running')\(ofTeam)
            """, arguments: ["t": team, "s": end - 86_400, "e": end])!
        var figures = Figures()
        figures.modelsInProduction = row["prod"]
        figures.modelsTotal = row["total"]
        figures.valueInProduction = row["value"]
        figures.servingCostPerYearOfProduction = row["serving"]
        figures.valueAtRisk = row["at_risk"]
        figures.activeAlerts = alerts["active"]
        figures.activeCriticalAlerts = alerts["critical"]
        figures.activeWarningAlerts = alerts["warning"]
        figures.failedRunsLast24h = runs["failed"]
        figures.runningRuns = runs["running"]
        return figures
    }

    /// Active alerts (of one severity): open and acknowledged ones from `alert_counts` (kept by
    /// triggers), snoozed ones whose snooze ran out from alerts_window's entries; without
    /// `alert_counts` (a store opened read-only before migration v4), counted per status from
    /// alerts_window alone.
    private static func activeCount(_ severity: String?, _ now: Int64, counted: Bool) -> String {
        let scope = severity.map { " AND severity = '\($0)'" } ?? ""
        let expiredSnoozes = "(SELECT count(*) FROM drift_alerts WHERE status = 'snoozed'\(scope) AND snoozed_until <= \(now))"
        let openOrAcknowledged = counted
            ? "(SELECT coalesce(sum(alerts), 0) FROM alert_counts WHERE status IN ('open', 'acknowledged')\(scope))"
            : "(SELECT count(*) FROM drift_alerts WHERE status = 'open'\(scope)) + (SELECT count(*) FROM drift_alerts WHERE status = 'acknowledged'\(scope))"
        return "(\(openOrAcknowledged) + \(expiredSnoozes))"
    }

    /// The compute cost of runs started in the window, of all models and of production models, per team id.
    func costFigures(_ window: FigureWindow, into figures: inout [Int64: Figures]) throws {
        let (start, end) = window.bounds
        for row in try Row.fetchAll(db, sql: """
            SELECT m.team_id, sum(coalesce(r.compute_cost, 0)) AS cost,
              sum(CASE WHEN m.stage = 'production' THEN coalesce(r.compute_cost, 0) ELSE 0 END) AS production_cost
            FROM pipeline_runs r JOIN models m ON m.id = r.model_id
            WHERE coalesce(r.started_at, r.queued_at) > ? AND coalesce(r.started_at, r.queued_at) <= ?
              AND r.started_at IS NOT NULL
            GROUP BY m.team_id
            """, arguments: [start, end]) {
            let id: Int64 = row["team_id"]
            figures[id, default: Figures()].computeCostInWindow = row["cost"]
            figures[id, default: Figures()].productionComputeCostInWindow = row["production_cost"]
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
