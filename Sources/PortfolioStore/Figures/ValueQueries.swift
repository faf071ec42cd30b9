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
    /// and running runs, compute cost and the annualized cost of production — per team id.
    func valueFigures(_ window: FigureWindow, into figures: inout [Int64: Figures]) throws {
        let (start, end) = window.bounds
        let now = window.asOf
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
            figures[id, default: Figures()].annualizedCostOfProduction = row["serving"]
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
            let productionCost: Double = row["production_cost"]
            figures[id, default: Figures()].annualizedCostOfProduction += 365 / Double(window.days) * productionCost
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
