import GRDB
import Portfolio

/// An alert from a row of `drift_alerts a` with its model's name as `model_name` and, where the
/// query computes it, its status as of now as `effective_status` (a snooze that ran out is open):
/// the only place. Its events are rows of `alert_events`, read where they are shown.
extension DriftAlert: FetchableRecord {
    public init(row: Row) {
        let status: AlertStatus = row.hasColumn("effective_status") ? row.word("effective_status", or: .open) : row.word("status", or: .open)
        self.init(externalID: row["external_id"], model: row["model_name"], feature: row["feature"],
                  method: row.word("method", or: .psi), score: row["score"], threshold: row["threshold"],
                  severity: row.word("severity", or: .info), status: status, assignee: row["assignee"],
                  openedAt: row.time("opened_at"), snoozedUntil: row.time("snoozed_until"), resolvedAt: row.time("resolved_at"))
    }
}

/// An event from a row of `alert_events`: the only place.
extension AlertEvent: FetchableRecord {
    public init(row: Row) {
        self.init(kind: row.word("kind", or: .note), at: row.time("at"), actor: row["actor"], note: row["note"])
    }
}
