/// Finds which of a list of names a person meant: the exact name, else the one that matches
/// ignoring case, else the only one the text begins (`risk` → `Risk & Fraud Analytics`). When
/// none fits, the names that come close, for an error that helps.
public enum NameMatch {
    public enum Result: Equatable, Sendable {
        case found(String)
        case ambiguous([String])
        case none(suggestions: [String])
    }

    public static func resolve(_ text: String, among names: [String]) -> Result {
        if names.contains(text) { return .found(text) }
        let wanted = text.lowercased()
        let sameIgnoringCase = names.filter { $0.lowercased() == wanted }
        if sameIgnoringCase.count == 1 { return .found(sameIgnoringCase[0]) }
        let prefixed = names.filter { $0.lowercased().hasPrefix(wanted) }
        if prefixed.count == 1, !wanted.isEmpty { return .found(prefixed[0]) }
        if prefixed.count > 1, !wanted.isEmpty { return .ambiguous(prefixed) }
        // Close: one holds the other, or the text is a typo away from the name or from its start.
        let allowed = max(1, wanted.count / 4)
        let close = names.filter { name in
            let lower = name.lowercased()
            return lower.contains(wanted) || wanted.contains(lower) || distance(lower, wanted) <= allowed
                || (max(1, wanted.count - 1)...(wanted.count + 1)).contains { distance(String(lower.prefix($0)), wanted) <= allowed }
        }
        return .none(suggestions: Array(close.prefix(5)))
    }

    /// The error text for a result that found nothing: `no team named 'Rsk'; did you mean …`.
    public static func problem(_ result: Result, kind: String, text: String, all names: [String]) -> String? {
        switch result {
        case .found: nil
        case let .ambiguous(candidates):
            "'\(text)' could be the \(kind) \(candidates.map { "'\($0)'" }.joined(separator: " or ")); say which"
        case let .none(suggestions) where !suggestions.isEmpty:
            "no \(kind) named '\(text)'; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"
        case .none:
            "no \(kind) named '\(text)'; \(kind)s: \(names.joined(separator: ", "))"
        }
    }

    /// Edits between two names — insertions, deletions, substitutions and swaps of neighbours
    /// (`Alhpa`) — for names of a few dozen characters.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
