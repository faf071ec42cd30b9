import Portfolio

/// The order in which the screens list a vocabulary's values, as one SQL `CASE` per vocabulary, so
/// a panel's default order, its sorts and the details views agree on it.
enum SQLRank {
    /// Most urgent first: critical 0, warning 1, info 2.
    static func severity(_ column: String) -> String { rank(column, Severity.allCases.sorted(by: >)) }

    /// production 0, staging 1, development 2, archived 3.
    static func stage(_ column: String) -> String { rank(column, [Stage.production, .staging, .development, .archived]) }

    /// What needs someone first: open 0, acknowledged 1, snoozed 2, resolved 3.
    static func alertStatus(_ column: String) -> String { rank(column, [AlertStatus.open, .acknowledged, .snoozed, .resolved]) }

    /// `CASE column WHEN 'first' THEN 0 … ELSE n-1 END`: the last value is the ELSE, so the
    /// stage rank is, to the letter, the expression of the index `models_rank` (v2) — SQLite uses
    /// an expression index only for the same expression, and with an extra `WHEN` the Models
    /// panel sorted all its models on every refresh. (The store's CHECKs admit no other value.)
    private static func rank<V: Vocabulary>(_ column: String, _ order: [V]) -> String {
        "CASE \(column) " + order.dropLast().enumerated().map { "WHEN '\($0.element.rawValue)' THEN \($0.offset) " }.joined()
            + "ELSE \(order.count - 1) END"
    }
}
