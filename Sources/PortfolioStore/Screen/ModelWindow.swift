import Foundation
import GRDB
import Portfolio

/// The Models panel's window and count (and `list models`).
extension PortfolioReader {
    /// The words a model's row shows, and the full words behind its abbreviations (`prod` is
    /// production; the ALERTS column's `crit` is its worst active alert, critical), so `/` finds
    /// what the user reads.
    static func modelHaystack(_ now: Date) -> String {
        """
        m.name || ' ' || t.name || ' ' || m.owner || ' ' || m.stage || ' ' || coalesce(m.version, '') || ' ' || coalesce(\
        \(worstActiveSeverity(now)), '')
        """
    }

    /// The model row `m`'s most urgent active alert's severity, or NULL (the ALERTS column).
    static func worstActiveSeverity(_ now: Date) -> String {
        """
        (SELECT a.severity FROM drift_alerts a WHERE a.model_id = m.id AND \(isActive(now))
         ORDER BY \(SQLRank.severity("a.severity")) LIMIT 1)
        """
    }

    /// The model row `m`'s active alerts of one severity (through the index alerts_by_model).
    static func activeCount(_ now: Date, _ severity: String) -> String {
        "(SELECT count(*) FROM drift_alerts a WHERE a.model_id = m.id AND a.severity = '\(severity)' AND \(isActive(now)))"
    }

    public func modelCount(now: Date = Date(), _ query: PanelQuery = PanelQuery()) throws -> Int {
        if query.filter.isEmpty, query.team == nil, query.stage == nil {
            return try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM models")) ?? 0
        }
        let clause = query.whereClause(haystack: Self.modelHaystack(now), teamColumn: "t.name", stageColumn: "m.stage")
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM models m JOIN teams t ON t.id = m.team_id \(clause.sql)",
                                arguments: clause.arguments) ?? 0
    }

    /// Production first, then staging, development, archived; most valuable first within a stage.
    public func modelSummaries(now: Date = Date(), windowDays: Int = FigureWindow.defaultDays, offset: Int = 0, limit: Int? = nil,
                               query: PanelQuery = PanelQuery()) throws -> [ModelSummary] {
        let window = FigureWindow(asOf: now, days: windowDays)
        let clause = query.whereClause(haystack: Self.modelHaystack(now), teamColumn: "t.name", stageColumn: "m.stage")
        let order = query.orderClause(defaultOrder: "\(ModelSort.stage.sql), \(ModelSort.value.sql) DESC, m.name")
        let figures = """
            SELECT m.*, t.name AS team_name,
              \(Self.activeCount(now, "critical")) AS active_critical,
              \(Self.activeCount(now, "warning")) AS active_warning,
              \(Self.activeCount(now, "info")) AS active_info,
              (SELECT r.status FROM pipeline_runs r WHERE r.model_id = m.id
                 ORDER BY coalesce(r.started_at, r.queued_at) DESC LIMIT 1) AS last_status,
              12 * coalesce(m.serving_cost_per_month, 0) + 365.0 / \(window.days) * \(Self.modelWindowCost(window)) AS annual_cost
            """
        let sql: String
        if query.modelSort?.needsEveryModelsFigures == true {
            // Sorting by a per-model figure needs it for every model.
            sql = figures + " FROM models m JOIN teams t ON t.id = m.team_id \(clause.sql) \(order) LIMIT ? OFFSET ?"
        } else {
            // The window first (the default order is the index models_rank), then the per-model
            // figures for the rows shown only.
            sql = figures + "\n" + """
                FROM (SELECT m.id FROM models m JOIN teams t ON t.id = m.team_id \(clause.sql) \(order) LIMIT ? OFFSET ?) w
                JOIN models m ON m.id = w.id JOIN teams t ON t.id = m.team_id \(order)
                """
        }
        return try ModelSummary.fetchAll(db, sql: sql, arguments: clause.arguments + [limit ?? -1, offset])
    }
}
