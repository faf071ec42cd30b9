import Foundation
import GRDB
import Portfolio

/// The Drift Alerts panel's window and count (and `list alerts`).
extension PortfolioReader {
    static func alertHaystack(_ now: Date) -> String {
        "a.severity || ' ' || \(effectiveStatus(now)) || ' ' || m.name || ' ' || a.feature || ' ' || a.method || ' ' " +
            "|| coalesce(a.assignee, '') || ' ' || a.external_id"
    }

    public func alertCount(now: Date = Date(), _ query: PanelQuery = PanelQuery()) throws -> Int {
        if query.filter.isEmpty, query.team == nil, query.stage == nil, query.severity == nil {
            return try countedRows("drift_alerts")
        }
        let clause = query.whereClause(haystack: Self.alertHaystack(now), teamIDColumn: "m.team_id", stageColumn: "m.stage", severityColumn: "a.severity")
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM drift_alerts a JOIN models m ON m.id = a.model_id \(clause.sql)",
                                arguments: clause.arguments) ?? 0
    }

    /// The columns `DriftAlert(row:)` reads, with the status as of `now`.
    static func alertSelect(_ now: Date) -> String {
        """
        SELECT a.*, \(effectiveStatus(now)) AS effective_status, m.name AS model_name
        FROM drift_alerts a JOIN models m ON m.id = a.model_id
        """
    }

    /// Active first (open, acknowledged, snoozed, then resolved), most severe first, newest first.
    public func alertSummaries(now: Date = Date(), offset: Int = 0, limit: Int? = nil,
                               query: PanelQuery = PanelQuery()) throws -> [DriftAlert] {
        let clause = query.whereClause(haystack: Self.alertHaystack(now), teamIDColumn: "m.team_id", stageColumn: "m.stage", severityColumn: "a.severity")
        if let limit, query.filter.isEmpty, query.team == nil, query.stage == nil, query.sort == nil {
            return try alertWindow(now: now, offset: offset, limit: limit, severity: query.severity)
        }
        let order = query.orderClause(defaultOrder: "\(AlertSort.status.sql), \(AlertSort.severity.sql), a.opened_at DESC, a.id DESC")
        return try Row.fetchAll(db, sql: Self.alertSelect(now) + """

            \(clause.sql) \(order)
            LIMIT ? OFFSET ?
            """, arguments: clause.arguments + [limit ?? -1, offset]).map(DriftAlert.init(row:))
    }

    /// The default alerts window without sorting every alert: each (effective status, severity)
    /// group's first `offset + limit` rows come from the index alerts_window in opening order, and
    /// only those are merged, and only the window's rows are read. Same rows, same order as the
    /// general query.
    func alertWindow(now: Date, offset: Int, limit: Int, severity: String?) throws -> [DriftAlert] {
        let seconds = now.storeSeconds
        let groups: [(rank: Int, condition: String)] = [
            (0, "a.status = 'open'"),
            (0, "a.status = 'snoozed' AND a.snoozed_until <= \(seconds)"),
            (1, "a.status = 'acknowledged'"),
            (2, "a.status = 'snoozed' AND (a.snoozed_until IS NULL OR a.snoozed_until > \(seconds))"),
            (3, "a.status = 'resolved'"),
        ]
        let severities = Severity.allCases.sorted(by: >).enumerated().filter { severity == nil || $0.element.rawValue == severity }
        let take = offset + limit
        // The snoozes still running are few and read by deadline (alerts_snoozed, migration v5);
        // in opening order they would be found among every snooze that ever ran out.
        let byDeadline = features.has(.keptTotals)
        let parts: [SQL] = groups.flatMap { group in
            severities.map { rank, severity -> SQL in
                group.rank == 2 && byDeadline ? """
                SELECT * FROM (SELECT id, 2 AS status_rank, \(rank) AS severity_rank, opened_at FROM (\(Self.stillSnoozed(seconds, severity: severity)))
                  ORDER BY opened_at DESC, id DESC LIMIT \(take))
                """ : """
                SELECT * FROM (SELECT a.id, \(group.rank) AS status_rank, \(rank) AS severity_rank, a.opened_at FROM drift_alerts a
                  WHERE \(sql: group.condition) AND a.severity = \(severity.rawValue) ORDER BY a.opened_at DESC, a.id DESC LIMIT \(take))
                """
            }
        }
        return try SQLRequest<Row>(literal: """
            SELECT a.*, \(sql: Self.effectiveStatus(now)) AS effective_status, m.name AS model_name
            FROM (SELECT * FROM (\(parts.joined(separator: " UNION ALL ")))
                  ORDER BY status_rank, severity_rank, opened_at DESC, id DESC LIMIT \(limit) OFFSET \(offset)) w
            JOIN drift_alerts a ON a.id = w.id JOIN models m ON m.id = a.model_id
            ORDER BY w.status_rank, w.severity_rank, w.opened_at DESC, w.id DESC
            """).fetchAll(db).map(DriftAlert.init(row:))
    }
}
