import Foundation

/// Something a person (or a script) does to a drift alert; each becomes one event on its timeline.
public enum AlertAction: Sendable, Hashable {
    case acknowledge
    case assign(to: String)
    case note(String)
    case snooze(until: Date)
    case resolve(note: String?)
    case reopen

    /// Which action, without what it carries.
    public var kind: AlertActionKind {
        switch self {
        case .acknowledge: .acknowledge
        case .assign: .assign
        case .note: .note
        case .snooze: .snooze
        case .resolve: .resolve
        case .reopen: .reopen
        }
    }

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

/// The kinds of lifecycle action, for asking which ones an alert's state allows before any is typed.
public enum AlertActionKind: Sendable, Hashable, CaseIterable {
    case acknowledge, assign, note, snooze, resolve, reopen
}
