/// How urgent a drift alert is; ordered from least to most urgent.
public enum Severity: String, Vocabulary, Comparable {
    case info, warning, critical

    public var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .critical: 2
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
}
