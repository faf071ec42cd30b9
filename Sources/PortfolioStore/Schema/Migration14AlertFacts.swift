import GRDB

extension StoreSchema {
    /// v14: how each alert was answered, stored when its timeline changes, so maturity's alert
    /// evidence reads the window's alerts through one index and nothing else (docs/MATURITY.md).
    ///
    /// `alert_fact_rows` says once what an alert's facts are: its model, when it opened, whether
    /// it has an assignee now, and the times of its first `assigned` event, first `note` and first
    /// response (acknowledged, assigned, note, snoozed or resolved). None depends on the as-of
    /// time: by as_of an alert was assigned when it has an assignee or its first assignment is at
    /// or before as_of, and its first response by as_of is the first response when that is at or
    /// before as_of. `alert_facts` holds them, worked out again by triggers for the one alert a
    /// write of it or of its events changes; `alert_facts_opened` covers the window's read.
    /// Frozen: the text that shipped. A change to the schema is a new migration. The statement the
    /// triggers run (`refresh`) is written once; the text it makes is the one that shipped, byte
    /// for byte (MigrationTextTests holds its hash).
    static let v14 = Migration("v14-alert-facts", sql: """
        CREATE VIEW alert_fact_rows AS
          SELECT a.id AS alert_id, a.model_id, a.opened_at,
            (a.assignee IS NOT NULL AND trim(a.assignee) <> '') AS assigned_now,
            (SELECT min(x.at) FROM alert_events x WHERE x.alert_id = a.id AND +x.kind = 'assigned') AS first_assigned_at,
            (SELECT min(x.at) FROM alert_events x WHERE x.alert_id = a.id AND +x.kind = 'note') AS first_note_at,
            (SELECT min(x.at) FROM alert_events x WHERE x.alert_id = a.id
               AND +x.kind IN ('acknowledged', 'assigned', 'note', 'snoozed', 'resolved')) AS first_response_at
          FROM drift_alerts a;

        CREATE TABLE alert_facts (
            alert_id INTEGER PRIMARY KEY, model_id INTEGER, opened_at INTEGER, assigned_now INTEGER,
            first_assigned_at INTEGER, first_note_at INTEGER, first_response_at INTEGER);
        CREATE INDEX alert_facts_opened ON alert_facts(
            opened_at, model_id, assigned_now, first_assigned_at, first_note_at, first_response_at);
        INSERT INTO alert_facts (alert_id, model_id, opened_at, assigned_now, first_assigned_at, first_note_at, first_response_at)
          SELECT alert_id, model_id, opened_at, assigned_now, first_assigned_at, first_note_at, first_response_at FROM alert_fact_rows;

        CREATE TRIGGER drift_alerts_insert_facts AFTER INSERT ON drift_alerts BEGIN
        \(refresh("alert_id = NEW.id"))
        END;
        CREATE TRIGGER drift_alerts_update_facts AFTER UPDATE OF id, model_id, opened_at, assignee ON drift_alerts
          WHEN OLD.id IS NOT NEW.id OR OLD.model_id IS NOT NEW.model_id OR OLD.opened_at IS NOT NEW.opened_at
            OR OLD.assignee IS NOT NEW.assignee BEGIN
            DELETE FROM alert_facts WHERE alert_id = OLD.id;
        \(refresh("alert_id = NEW.id"))
        END;
        CREATE TRIGGER drift_alerts_delete_facts AFTER DELETE ON drift_alerts BEGIN
            DELETE FROM alert_facts WHERE alert_id = OLD.id;
        END;
        CREATE TRIGGER alert_events_insert_facts AFTER INSERT ON alert_events BEGIN
        \(refresh("alert_id = NEW.alert_id"))
        END;
        CREATE TRIGGER alert_events_delete_facts AFTER DELETE ON alert_events BEGIN
        \(refresh("alert_id = OLD.alert_id"))
        END;
        CREATE TRIGGER alert_events_update_facts AFTER UPDATE OF alert_id, kind, at ON alert_events
          WHEN OLD.alert_id IS NOT NEW.alert_id OR OLD.kind IS NOT NEW.kind OR OLD.at IS NOT NEW.at BEGIN
        \(refresh("alert_id IN (OLD.alert_id, NEW.alert_id)"))
        END;
        """)

    /// The triggers' statement: the facts of the alerts `alerts` names, worked out again.
    private static func refresh(_ alerts: String) -> String {
        """
            INSERT INTO alert_facts (alert_id, model_id, opened_at, assigned_now, first_assigned_at, first_note_at, first_response_at)
              SELECT alert_id, model_id, opened_at, assigned_now, first_assigned_at, first_note_at, first_response_at
              FROM alert_fact_rows WHERE \(alerts)
              ON CONFLICT (alert_id) DO UPDATE SET model_id = excluded.model_id, opened_at = excluded.opened_at,
                assigned_now = excluded.assigned_now, first_assigned_at = excluded.first_assigned_at,
                first_note_at = excluded.first_note_at, first_response_at = excluded.first_response_at;
        """
    }
}
