import Foundation
import GRDB

/// How a panel's rows are narrowed and ordered, applied in SQL so that only the visible window
/// is ever fetched: a case-insensitive text filter over the panel's columns, and a sort column.
public struct PanelQuery: Sendable, Hashable {
    /// Text every shown row contains in one of its columns; empty shows all.
    public var filter: String
    /// The column sorted by; nil is the panel's default order.
    public var sort: SortKey?
    public var descending: Bool
    /// Scope every panel to one team (`:team NAME`); nil for the whole portfolio.
    public var team: String?
    /// Scope to models in one stage (`:stage NAME`): models, and the runs and alerts of such models.
    public var stage: String?
    /// Scope alerts to one severity (`:severity NAME`).
    public var severity: String?

    public init(filter: String = "", sort: SortKey? = nil, descending: Bool = false, team: String? = nil,
                stage: String? = nil, severity: String? = nil) {
        self.filter = filter
        self.sort = sort
        self.descending = descending
        self.team = team
        self.stage = stage
        self.severity = severity
    }

    /// The filter as a `LIKE` pattern, with the pattern characters in the text taken literally.
    var likePattern: String { "%" + Self.likeLiteral(filter) + "%" }

    /// `text` for a `LIKE … ESCAPE '\'` pattern: its `%`, `_` and `\\` match themselves.
    static func likeLiteral(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }

    /// `WHERE …` for a panel whose searchable text is `haystack` and whose team column is `teamColumn`.
    /// `also` is a further condition on the filter (a search index's candidates). The team is
    /// matched by `teamColumn` (a team name) or, better for SQLite, by `teamIDColumn` compared with
    /// the named team's id: that lets it start from the team's models' index, where a name looked up
    /// per row made it read every run (6 s for a team's runs on the 1M-run store, 50 ms by id).
    func whereClause(haystack: String, teamColumn: String = "", teamIDColumn: String? = nil, stageColumn: String? = nil,
                     severityColumn: String? = nil, also: (sql: String, arguments: StatementArguments)? = nil)
        -> (sql: String, arguments: StatementArguments) {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let also, !filter.isEmpty {
            conditions.append(also.sql)
            arguments += also.arguments
        }
        if !filter.isEmpty {
            conditions.append("(\(haystack)) LIKE ? ESCAPE '\\'")
            arguments += [likePattern]
        }
        if let team {
            conditions.append(teamIDColumn.map { "\($0) = (SELECT id FROM teams WHERE name = ?)" } ?? "\(teamColumn) = ?")
            arguments += [team]
        }
        if let stage, let stageColumn {
            conditions.append("\(stageColumn) = ?")
            arguments += [stage]
        }
        if let severity, let severityColumn {
            conditions.append("\(severityColumn) = ?")
            arguments += [severity]
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    /// `ORDER BY …`: the chosen column (ties broken by the default order), or the default order.
    func orderClause(defaultOrder: String) -> String {
        guard let sort else { return "ORDER BY " + defaultOrder }
        return "ORDER BY " + sort.terms.map { "\($0) \(descending ? "DESC" : "ASC")" }.joined(separator: ", ") + ", " + defaultOrder
    }

    /// The runs' sort, if the sort is one.
    var runSort: RunSort? {
        if case let .run(sort)? = sort { sort } else { nil }
    }

    /// The models' sort, if the sort is one.
    var modelSort: ModelSort? {
        if case let .model(sort)? = sort { sort } else { nil }
    }
}
