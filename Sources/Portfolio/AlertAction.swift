import Foundation

/// Something a person (or a script) does to a drift alert; each becomes one event on its timeline.
public enum AlertAction: Sendable, Hashable {
    case acknowledge
    case assign(to: String)
    case note(String)
    case snooze(until: Date)
    case resolve(note: String?)
    case reopen

    public var eventKind: AlertEventKind {
        switch self {
        case .acknowledge: .acknowledged
        case .assign: .assigned
        case .note: .note
        case .snooze: .snoozed
        case .resolve: .resolved
        case .reopen: .reopened
        }
    }

    /// `acknowledged`, `assigned to Chloe`, … for messages.
    public var pastTense: String {
        switch self {
        case .acknowledge: "acknowledged"
        case let .assign(to): "assigned to \(to)"
        case .note: "noted"
        case let .snooze(until): "snoozed until \(ISOTime.format(until))"
        case .resolve: "resolved"
        case .reopen: "reopened"
        }
    }
}
