import GRDB

extension StoreSchema {
    /// v4: the current-state figures of every refresh bounded on a store of a million runs: the
    /// active critical alerts' models in a partial index, for value at risk (partial, so the alerts
    /// panel's equality queries keep alerts_window: a full index on these columns won their plans and
    /// was slower); production models' value and serving cost in models_stage, so their sums read the
    /// index; runs' compute cost in runs_by_model, so a shown model's cost in the window reads index
    /// entries, not rows; alerts counted per status and severity by triggers (`alert_counts`).
    ///
    /// A build of one afternoon shipped `v4-active-critical-models` instead: the partial index
    /// alerts_active_critical without its severity column. A store made by it has that index
    /// dropped first (this migration creates it again with the column), and GRDB forgets the id.
    /// Frozen: the text that shipped. A change to the schema is a new migration.
    static let v4 = Migration("v4-refresh-figures", merging: ["v4-active-critical-models"]) { db, merged in
        if merged.contains("v4-active-critical-models") { try db.execute(sql: "DROP INDEX alerts_active_critical") }
        try db.execute(sql: v4SQL)
    }

    static let v4SQL = """
        CREATE INDEX alerts_active_critical ON drift_alerts(model_id, status, snoozed_until, severity)
          WHERE severity = 'critical' AND status IN ('open', 'acknowledged', 'snoozed');
        DROP INDEX models_stage;
        CREATE INDEX models_stage ON models(stage, business_value, serving_cost_per_month);
        DROP INDEX runs_by_model;
        CREATE INDEX runs_by_model ON pipeline_runs(model_id, coalesce(started_at, queued_at), started_at, compute_cost);
        CREATE TABLE alert_counts (
            status TEXT NOT NULL, severity TEXT NOT NULL, alerts INTEGER NOT NULL,
            PRIMARY KEY (status, severity)) WITHOUT ROWID;
        INSERT INTO alert_counts (status, severity, alerts) SELECT status, severity, count(*) FROM drift_alerts GROUP BY status, severity;
        CREATE TRIGGER drift_alerts_insert_by_status AFTER INSERT ON drift_alerts BEGIN
            INSERT INTO alert_counts (status, severity, alerts) VALUES (NEW.status, NEW.severity, 1)
              ON CONFLICT (status, severity) DO UPDATE SET alerts = alerts + 1;
        END;
        CREATE TRIGGER drift_alerts_delete_by_status AFTER DELETE ON drift_alerts BEGIN
            UPDATE alert_counts SET alerts = alerts - 1 WHERE status = OLD.status AND severity = OLD.severity;
        END;
        CREATE TRIGGER drift_alerts_update_by_status AFTER UPDATE OF status, severity ON drift_alerts
          WHEN OLD.status IS NOT NEW.status OR OLD.severity IS NOT NEW.severity BEGIN
            UPDATE alert_counts SET alerts = alerts - 1 WHERE status = OLD.status AND severity = OLD.severity;
            INSERT INTO alert_counts (status, severity, alerts) VALUES (NEW.status, NEW.severity, 1)
              ON CONFLICT (status, severity) DO UPDATE SET alerts = alerts + 1;
        END;
        """
}
