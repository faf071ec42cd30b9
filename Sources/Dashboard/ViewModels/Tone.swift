import Portfolio

/// What a piece of text means, for the theme to colour: never a colour itself.
public enum Tone: String, Sendable, Hashable, CaseIterable {
    case normal, dim, accent, ok, warn, critical, info
}

/// A status symbol that goes with a word, so status never rests on colour alone. Render picks the
/// Unicode or ASCII glyph.
public enum StatusSymbol: String, Sendable, Hashable, CaseIterable {
    case ok, failed, running, queued, cancelled, warning, critical, info, snoozed, resolved, rollback
    /// A model that costs more a year than it earns.
    case loss
}

extension RunStatus {
    public var tone: Tone {
        switch self {
        case .succeeded: .ok
        case .failed: .critical
        case .running: .info
        case .queued, .cancelled: .dim
        }
    }

    public var symbol: StatusSymbol {
        switch self {
        case .succeeded: .ok
        case .failed: .failed
        case .running: .running
        case .queued: .queued
        case .cancelled: .cancelled
        }
    }
}

extension Severity {
    public var tone: Tone {
        switch self {
        case .critical: .critical
        case .warning: .warn
        case .info: .info
        }
    }

    /// Four letters, for narrow columns.
    public var short: String {
        switch self {
        case .critical: "crit"
        case .warning: "warn"
        case .info: "info"
        }
    }

    public var symbol: StatusSymbol {
        switch self {
        case .critical: .critical
        case .warning: .warning
        case .info: .info
        }
    }
}

extension AlertStatus {
    public var tone: Tone {
        switch self {
        case .open: .warn
        case .acknowledged: .accent
        case .snoozed, .resolved: .dim
        }
    }

    /// Five letters at most, for narrow columns.
    public var short: String {
        switch self {
        case .open: "open"
        case .acknowledged: "acked"
        case .snoozed: "snooz"
        case .resolved: "done"
        }
    }
}

extension Stage {
    public var tone: Tone {
        switch self {
        case .production: .ok
        case .staging: .info
        case .development: .normal
        case .archived: .dim
        }
    }

    /// Short label for narrow columns.
    public var short: String {
        switch self {
        case .production: "prod"
        case .staging: "staging"
        case .development: "dev"
        case .archived: "archived"
        }
    }
}
