import Foundation

/// A lifecycle action that the alert's state does not allow, in words for the user.
public struct LifecycleError: Error, CustomStringConvertible, Equatable, Sendable {
    public var message: String
    public var description: String { message }
}

/// The rules of a drift alert's lifecycle: which actions each status allows, and what each does.
///
/// - open → acknowledged, snoozed, resolved; acknowledged → snoozed, resolved;
///   snoozed → acknowledged, resolved, reopened (to open), snoozed again (a new deadline);
///   resolved → reopened only.
/// - Assigning works on any unresolved alert; a note works on any alert, resolved ones included.
/// - A snoozed alert whose deadline has passed counts as open.
public enum AlertLifecycle {
    /// The status an alert really has at `now`: a snooze that has run out is open again.
    public static func effectiveStatus(_ status: AlertStatus, snoozedUntil: Date?, now: Date) -> AlertStatus {
        if status == .snoozed, let until = snoozedUntil, until <= now { return .open }
        return status
    }

    /// Why an alert in `status` (its stored one, `stored`, for reopening a snooze that has run
    /// out) does not allow `kind`, in words for the user; nil when it does. Asked before a prompt
    /// opens, so no typed text is lost to a refusal.
    public static func refusal(_ kind: AlertActionKind, alert id: String, status: AlertStatus, stored: AlertStatus) -> String? {
        let name = "alert \(id)"
        switch kind {
        case .acknowledge:
            if status == .resolved { return "\(name) is resolved; reopen it before acknowledging" }
            if status == .acknowledged { return "\(name) is already acknowledged" }
        case .assign:
            if status == .resolved { return "\(name) is resolved; reopen it before assigning" }
        case .note:
            break
        case .snooze:
            if status == .resolved { return "\(name) is resolved; there is nothing to snooze" }
        case .resolve:
            if status == .resolved { return "\(name) is already resolved" }
        case .reopen:
            if stored != .resolved, stored != .snoozed {
                return "\(name) is \(status.rawValue); only a resolved or snoozed alert can be reopened"
            }
        }
        return nil
    }

    /// The alert after `action` by `actor` at `now`, its new event appended; or why not.
    public static func apply(_ action: AlertAction, to alert: DriftAlert, actor: String, at now: Date) throws(LifecycleError) -> DriftAlert {
        var alert = alert
        let status = effectiveStatus(alert.status, snoozedUntil: alert.snoozedUntil, now: now)
        // What was typed is checked first: an empty name is refused whatever the status.
        switch action {
        case let .assign(person) where person.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty:
            throw LifecycleError(message: "assign needs a name")
        case let .note(text) where text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty:
            throw LifecycleError(message: "a note needs some text")
        default:
            break
        }
        if let refusal = refusal(action.kind, alert: alert.externalID, status: status, stored: alert.status) {
            throw LifecycleError(message: refusal)
        }
        var note: String?
        switch action {
        case .acknowledge:
            alert.status = .acknowledged
            alert.snoozedUntil = nil
        case let .assign(person):
            let person = person.trimmingCharacters(in: .whitespacesAndNewlines)
            alert.assignee = person
            note = "assigned to \(person)"
        case let .note(text):
            note = text.trimmingCharacters(in: .whitespacesAndNewlines)
        case let .snooze(until):
            guard until > now else { throw LifecycleError(message: "a snooze must end in the future") }
            alert.status = .snoozed
            alert.snoozedUntil = until
            note = "until \(ISOTime.format(until))"
        case let .resolve(text):
            alert.status = .resolved
            alert.resolvedAt = max(now, alert.openedAt)
            alert.snoozedUntil = nil
            note = text.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        case .reopen:
            alert.status = .open
            alert.resolvedAt = nil
            alert.snoozedUntil = nil
        }
        alert.events.append(AlertEvent(kind: action.eventKind, at: now, actor: actor, note: note))
        return alert
    }
}
