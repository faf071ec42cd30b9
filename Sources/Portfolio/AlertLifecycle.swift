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

    /// The alert after `action` by `actor` at `now`, its new event appended; or why not.
    public static func apply(_ action: AlertAction, to alert: DriftAlert, actor: String, at now: Date) throws(LifecycleError) -> DriftAlert {
        var alert = alert
        let status = effectiveStatus(alert.status, snoozedUntil: alert.snoozedUntil, now: now)
        let name = "alert \(alert.externalID)"
        var note: String?
        switch action {
        case .acknowledge:
            guard status != .resolved else { throw LifecycleError(message: "\(name) is resolved; reopen it before acknowledging") }
            guard status != .acknowledged else { throw LifecycleError(message: "\(name) is already acknowledged") }
            alert.status = .acknowledged
            alert.snoozedUntil = nil
        case let .assign(person):
            let person = person.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !person.isEmpty else { throw LifecycleError(message: "assign needs a name") }
            guard status != .resolved else { throw LifecycleError(message: "\(name) is resolved; reopen it before assigning") }
            alert.assignee = person
            note = "assigned to \(person)"
        case let .note(text):
            let text = text.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else { throw LifecycleError(message: "a note needs some text") }
            note = text
        case let .snooze(until):
            guard status != .resolved else { throw LifecycleError(message: "\(name) is resolved; there is nothing to snooze") }
            guard until > now else { throw LifecycleError(message: "a snooze must end in the future") }
            alert.status = .snoozed
            alert.snoozedUntil = until
            note = "until \(ISOTime.format(until))"
        case let .resolve(text):
            guard status != .resolved else { throw LifecycleError(message: "\(name) is already resolved") }
            alert.status = .resolved
            alert.resolvedAt = max(now, alert.openedAt)
            alert.snoozedUntil = nil
            note = text.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        case .reopen:
            guard alert.status == .resolved || alert.status == .snoozed else {
                throw LifecycleError(message: "\(name) is \(status.rawValue); only a resolved or snoozed alert can be reopened")
            }
            alert.status = .open
            alert.resolvedAt = nil
            alert.snoozedUntil = nil
        }
        alert.events.append(AlertEvent(kind: action.eventKind, at: now, actor: actor, note: note))
        return alert
    }
}
