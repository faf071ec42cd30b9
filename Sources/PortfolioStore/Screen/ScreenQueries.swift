import Foundation
import GRDB
import Portfolio

/// What every panel's query shares: an alert's status as of now. Each panel's window is in its
/// own file beside this one (`ModelWindow`, `RunWindow`, `AlertWindow`, `TeamWindow`); each
/// returns only what is shown — a window of rows by LIMIT/OFFSET over an indexed order, and
/// aggregates computed in SQL.
extension PortfolioReader {
    /// An alert's status at `now`: a snooze that has run out is open again (see `AlertLifecycle`).
    /// `now` is a number from our own clock, never user text, so it is written into the SQL.
    static func effectiveStatus(_ now: Date) -> String {
        "(CASE WHEN a.status = 'snoozed' AND a.snoozed_until <= \(now.storeSeconds) THEN 'open' ELSE a.status END)"
    }

    static func isActive(_ now: Date) -> String {
        isActive(at: "\(now.storeSeconds)")
    }

    /// The same with `now` an SQL expression (a parameter, for a statement prepared once).
    static func isActive(at now: String) -> String {
        "(a.status IN ('open', 'acknowledged') OR (a.status = 'snoozed' AND a.snoozed_until <= \(now)))"
    }
}
