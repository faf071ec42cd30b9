import Foundation
import GRDB

/// The keys a detail view can be opened by (`:model NAME`, `:run ID`, `:alert ID`, a team's
/// name), for Tab completion in the dashboard and in the shell: those starting with what was typed, in order, read through each key's unique
/// index as a range — so a million runs cost what the few candidates cost.
extension PortfolioReader {
    public enum KeyKind: Sendable {
        case model, run, alert, team

        var table: (name: String, column: String) {
            switch self {
            case .model: ("models", "name")
            case .team: ("teams", "name")
            case .run: ("pipeline_runs", "external_id")
            case .alert: ("drift_alerts", "external_id")
            }
        }
    }

    /// At most `limit` keys of `kind` that start with `prefix` (as typed: keys are compared by
    /// their bytes, as the index orders them).
    public func keys(_ kind: KeyKind, startingWith prefix: String, limit: Int) throws -> [String] {
        let (table, column) = kind.table
        // Every key starting with `prefix` sorts at or after it and before prefix + U+10FFFF.
        return try String.fetchAll(db, sql: """
            SELECT \(column) FROM \(table) WHERE \(column) >= ? AND \(column) < ? ORDER BY \(column) LIMIT ?
            """, arguments: [prefix, prefix + "\u{10FFFF}", max(0, limit)])
    }

    /// At most `limit` people the store knows — model owners, alert assignees, the actors of
    /// alert events, who started runs — whose name starts with `prefix` in any case, in order.
    public func people(startingWith prefix: String, limit: Int) throws -> [String] {
        let pattern = PanelQuery.likeLiteral(prefix) + "%"
        return try String.fetchAll(db, sql: """
            SELECT name FROM (
              SELECT owner AS name FROM models UNION SELECT assignee FROM drift_alerts
              UNION SELECT actor FROM alert_events UNION SELECT started_by FROM pipeline_runs)
            WHERE name LIKE ? ESCAPE '\\' AND trim(name) <> '' ORDER BY name LIMIT ?
            """, arguments: [pattern, max(0, limit)])
    }
}
