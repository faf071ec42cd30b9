import GRDB

extension StoreSchema {
    /// v17: each alert resolution's time to restore, stored when its alert's timeline changes, so
    /// the DORA restorations of a window read that window's critical resolutions through one index
    /// and nothing else (docs/METRICS.md, "How window figures are read").
    ///
    /// `restoration_fact_rows` says once what a `resolved` event restores: its alert, the alert's
    /// model and severity, when it was resolved, and when the episode it ends began — the first
    /// `opened` or `reopened` event after the alert's previous resolution, or the alert's opening
    /// when its timeline holds no such event and no earlier resolution (NULL otherwise, and such a
    /// resolution is not a restoration). None depends on the as-of time or on the window.
    /// `restoration_facts` holds them, worked out again by triggers for the one alert a write of it
    /// or of its events changes; `restoration_facts_window` covers the window's read, critical
    /// ones first. An event of another kind cannot change them, but its insert still works the
    /// alert out again: an `INSERT OR REPLACE` of one over a resolution fires no delete trigger
    /// (recursive triggers are off by default), and the resolution must still go.
    ///
    /// `model_versions_approval` covers "the production model's current version is approved by
    /// the window's end", one seek per model: the table's key is (model, position), so the look-up
    /// read every version of the model, and in a fresh process the table's pages are twice the
    /// index's.
    /// Frozen: the text that shipped. A change to the schema is a new migration. When an episode
    /// began (`episodeBegan`) and what the triggers run (`workOut`) are written once; the text
    /// they make is the one that shipped, byte for byte (MigrationTextTests holds its hash).
    static let v17 = Migration("v17-restoration-facts", sql: """
        CREATE VIEW restoration_fact_rows AS
          SELECT e.alert_id, e.seq, a.model_id, a.severity, e.at AS resolved_at,
            \(episodeBegan) AS began_at
          FROM alert_events e JOIN drift_alerts a ON a.id = e.alert_id
          WHERE +e.kind = 'resolved';

        CREATE TABLE restoration_facts (
            alert_id INTEGER NOT NULL, seq INTEGER NOT NULL, model_id INTEGER, severity TEXT,
            resolved_at INTEGER, began_at INTEGER,
            PRIMARY KEY (alert_id, seq)) WITHOUT ROWID;
        CREATE INDEX restoration_facts_window ON restoration_facts(severity, resolved_at, model_id, began_at);
        INSERT INTO restoration_facts (alert_id, seq, model_id, severity, resolved_at, began_at)
          SELECT alert_id, seq, model_id, severity, resolved_at, began_at FROM restoration_fact_rows;

        CREATE TRIGGER drift_alerts_insert_restorations AFTER INSERT ON drift_alerts BEGIN
        \(workOut("alert_id = NEW.id"))
        END;
        CREATE TRIGGER drift_alerts_update_restorations AFTER UPDATE OF id, model_id, severity, opened_at ON drift_alerts
          WHEN OLD.id IS NOT NEW.id OR OLD.model_id IS NOT NEW.model_id OR OLD.severity IS NOT NEW.severity
            OR OLD.opened_at IS NOT NEW.opened_at BEGIN
        \(workOut("alert_id IN (OLD.id, NEW.id)", onItsOwnLine: true))
        END;
        CREATE TRIGGER drift_alerts_delete_restorations AFTER DELETE ON drift_alerts BEGIN
            DELETE FROM restoration_facts WHERE alert_id = OLD.id;
        END;
        CREATE TRIGGER alert_events_insert_restorations AFTER INSERT ON alert_events BEGIN
        \(workOut("alert_id = NEW.alert_id"))
        END;
        CREATE TRIGGER alert_events_delete_restorations AFTER DELETE ON alert_events
          WHEN OLD.kind IN ('opened', 'reopened', 'resolved') BEGIN
        \(workOut("alert_id = OLD.alert_id"))
        END;
        CREATE TRIGGER alert_events_update_restorations AFTER UPDATE OF alert_id, seq, kind, at ON alert_events
          WHEN OLD.alert_id IS NOT NEW.alert_id OR OLD.seq IS NOT NEW.seq OR OLD.kind IS NOT NEW.kind OR OLD.at IS NOT NEW.at BEGIN
        \(workOut("alert_id IN (OLD.alert_id, NEW.alert_id)", onItsOwnLine: true))
        END;

        CREATE INDEX model_versions_approval ON model_versions(model_id, version, approval_status, approved_at);
        """)

    /// When the episode that a `resolved` event `e` of alert `a` ends began: the first `opened` or
    /// `reopened` event after the alert's previous resolution, or its opening when its timeline
    /// holds neither and no earlier resolution. `restorationsByRow` reads the same for a store
    /// without v17, so the two cannot differ. Its continued lines stand where v17's view has them.
    static let episodeBegan = """
        coalesce(
              (SELECT s.at FROM alert_events s
                 WHERE s.alert_id = e.alert_id AND +s.kind IN ('opened', 'reopened') AND s.seq < e.seq
                   AND s.seq > coalesce((SELECT max(p.seq) FROM alert_events p
                                          WHERE p.alert_id = e.alert_id AND +p.kind = 'resolved' AND p.seq < e.seq), -1)
                 ORDER BY s.seq LIMIT 1),
              CASE WHEN NOT EXISTS (SELECT 1 FROM alert_events p
                                     WHERE p.alert_id = e.alert_id AND +p.kind = 'resolved' AND p.seq < e.seq)
                   THEN a.opened_at END)
        """

    /// The restorations of the alerts `which` selects, worked out again.
    private static func workOut(_ which: String, onItsOwnLine: Bool = false) -> String {
        """
            DELETE FROM restoration_facts WHERE \(which);
            INSERT INTO restoration_facts (alert_id, seq, model_id, severity, resolved_at, began_at)
              SELECT alert_id, seq, model_id, severity, resolved_at, began_at FROM restoration_fact_rows\(onItsOwnLine ? "\n      " : " ")WHERE \(which);
        """
    }
}
