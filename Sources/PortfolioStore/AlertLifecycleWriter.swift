import Foundation
import GRDB
import Portfolio

/// A lifecycle action on an alert that cannot be applied: no such alert, or a transition the
/// lifecycle does not allow.
public enum AlertActionError: Error, CustomStringConvertible, Equatable {
    case unknownAlert(String)
    case notAllowed(LifecycleError)

    public var description: String {
        switch self {
        case let .unknownAlert(id): "no alert with id '\(id)' in the store"
        case let .notAllowed(error): error.message
        }
    }
}

extension PortfolioWriter {
    /// Applies one lifecycle action as one short change: the alert's new state and one appended
    /// event. Runs inside the caller's write transaction (IMMEDIATE, so concurrent writers queue
    /// behind the busy timeout instead of losing events).
    @discardableResult
    public func apply(_ action: AlertAction, toAlert externalID: String, actor: String, at now: Date) throws -> DriftAlert {
        guard let row = try db.fetchRow("SELECT id, status, assignee, snoozed_until, resolved_at, opened_at FROM drift_alerts WHERE external_id = ?",
                                        [externalID]),
              let current = try reader.alert(externalID: externalID)
        else { throw AlertActionError.unknownAlert(externalID) }
        let updated: DriftAlert
        do {
            updated = try AlertLifecycle.apply(action, to: current, actor: actor, at: now)
        } catch {
            throw AlertActionError.notAllowed(error)
        }
        let id: Int64 = row["id"]
        try db.executeCached("""
            UPDATE drift_alerts SET status = ?, assignee = ?, snoozed_until = ?, resolved_at = ? WHERE id = ?
            """, [updated.status.rawValue, updated.assignee, updated.snoozedUntil?.storeSeconds,
                  updated.resolvedAt?.storeSeconds, id])
        let event = updated.events.last!
        try db.executeCached("""
            INSERT INTO alert_events (alert_id, seq, kind, at, actor, note)
            VALUES (?, (SELECT coalesce(max(seq), -1) + 1 FROM alert_events WHERE alert_id = ?), ?, ?, ?, ?)
            """, [id, id, event.kind.rawValue, event.at.storeSeconds, event.actor, event.note])
        return updated
    }
}
