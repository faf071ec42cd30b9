import Foundation
import GRDB
import Portfolio

/// What `list` prints beyond the panels' windows: the assessments, and alerts' events.
extension PortfolioReader {
    /// The timelines of the given alerts, oldest event first, keyed by external id.
    public func alertEvents(externalIDs: [String]) throws -> [String: [AlertEvent]] {
        var result: [String: [AlertEvent]] = [:]
        for chunk in stride(from: 0, to: externalIDs.count, by: 500).map({ Array(externalIDs[$0..<min($0 + 500, externalIDs.count)]) }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.external_id, e.kind, e.at, e.actor, e.note FROM alert_events e JOIN drift_alerts a ON a.id = e.alert_id
                WHERE a.external_id IN (\(marks)) ORDER BY a.external_id, e.seq
                """, arguments: StatementArguments(chunk))
            for row in rows { result[row["external_id"], default: []].append(AlertEvent(row: row)) }
        }
        return result
    }

    /// Every assessment, newest first, for `list maturity`.
    public func assessments(limit: Int? = nil) throws -> [MaturityAssessment] {
        try Row.fetchAll(db, sql: """
            SELECT a.*, t.name AS team_name FROM maturity_assessments a JOIN teams t ON t.id = a.team_id
            ORDER BY a.assessed_at DESC, t.name, a.component LIMIT ?
            """, arguments: [limit ?? -1]).map(MaturityAssessment.init(row:))
    }
}
