import Foundation
import GRDB
import Portfolio

/// The Maturity panel's window and count, and the team names `:team` completes.
extension PortfolioReader {
    static let teamHaystack = "t.name || ' ' || coalesce(t.industry, '') || ' ' || coalesce(t.lead, '')"

    public func teamCount(_ query: PanelQuery = PanelQuery()) throws -> Int {
        let clause = query.whereClause(haystack: Self.teamHaystack, teamColumn: "t.name")
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM teams t \(clause.sql)", arguments: clause.arguments) ?? 0
    }

    /// Every team's name, A to Z (`:team` completion).
    public func sortedTeamNames() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM teams ORDER BY name")
    }

    /// Each shown team's latest assessment per component, and the one before it (the trend).
    public func teamMaturity(offset: Int = 0, limit: Int? = nil, query: PanelQuery = PanelQuery()) throws -> [TeamMaturity] {
        let clause = query.whereClause(haystack: Self.teamHaystack, teamColumn: "t.name")
        let order = query.orderClause(defaultOrder: TeamSort.name.sql)
        let teams = try Row.fetchAll(db, sql: "SELECT t.id, t.name, t.industry FROM teams t \(clause.sql) \(order) LIMIT ? OFFSET ?",
                                     arguments: clause.arguments + [limit ?? -1, offset])
        // One prepared statement per (team, component), each one index seek for two rows: the cost
        // is the rows shown, however long the history (a windowed query over all shown teams' history
        // measured slower on the large store; docs/BENCHMARKS.md).
        let latest = try db.cachedStatement(sql: """
            SELECT level, assessed_at FROM maturity_assessments WHERE team_id = ? AND component = ?
            ORDER BY assessed_at DESC LIMIT 2
            """)
        return try teams.map { team in
            var entries: [MaturityComponent: TeamMaturity.Entry] = [:]
            for component in MaturityComponent.allCases {
                let rows = try Row.fetchAll(latest, arguments: [team["id"] as Int64, component.rawValue])
                guard let first = rows.first else { continue }
                entries[component] = .init(level: first["level"], previousLevel: rows.dropFirst().first?["level"],
                                           assessedAt: Date(storeSeconds: first["assessed_at"]))
            }
            return TeamMaturity(team: team["name"], industry: team["industry"], entries: entries)
        }
    }
}
