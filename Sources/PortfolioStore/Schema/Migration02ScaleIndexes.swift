import GRDB

extension StoreSchema {
    /// v2: what keeps a refresh O(what is shown) on a store of millions of rows: the newest event of
    /// every table by an index (so "data changed … ago" is a few B-tree descents, not scans); the
    /// Models panel's default order as an index (its window is read, not sorted); the Drift Alerts
    /// panel's groups (status, severity) in opening order with the snooze deadline, so each group's
    /// first rows and the active-alert KPIs come from the index alone (it replaces alerts_by_status,
    /// its prefix); the rows of the two big tables counted by triggers (`row_counts`), so a footer's
    /// total never counts a table. Measured in docs/BENCHMARKS.md.
    /// Frozen: the text that shipped. A change to the schema is a new migration.
    static let v2 = Migration("v2-scale-indexes", sql: """
        CREATE INDEX runs_newest ON pipeline_runs(coalesce(finished_at, started_at, queued_at));
        CREATE INDEX metric_points_at ON metric_points(at);
        CREATE INDEX alert_events_at ON alert_events(at);
        CREATE INDEX alerts_opened ON drift_alerts(opened_at);
        CREATE INDEX alerts_resolved ON drift_alerts(resolved_at);
        CREATE INDEX alerts_window ON drift_alerts(status, severity, opened_at, snoozed_until);
        DROP INDEX alerts_by_status;
        CREATE INDEX model_versions_created ON model_versions(created_at);
        CREATE INDEX model_versions_approved ON model_versions(approved_at);
        CREATE INDEX maturity_assessed ON maturity_assessments(assessed_at);
        CREATE INDEX models_rank ON models(
            CASE stage WHEN 'production' THEN 0 WHEN 'staging' THEN 1 WHEN 'development' THEN 2 ELSE 3 END,
            coalesce(business_value, 0) DESC, name);
        CREATE TABLE row_counts (name TEXT PRIMARY KEY, rows INTEGER NOT NULL) WITHOUT ROWID;
        INSERT INTO row_counts (name, rows) SELECT 'pipeline_runs', count(*) FROM pipeline_runs;
        INSERT INTO row_counts (name, rows) SELECT 'drift_alerts', count(*) FROM drift_alerts;
        CREATE TRIGGER pipeline_runs_insert_counted AFTER INSERT ON pipeline_runs
            BEGIN UPDATE row_counts SET rows = rows + 1 WHERE name = 'pipeline_runs'; END;
        CREATE TRIGGER pipeline_runs_delete_counted AFTER DELETE ON pipeline_runs
            BEGIN UPDATE row_counts SET rows = rows - 1 WHERE name = 'pipeline_runs'; END;
        CREATE TRIGGER drift_alerts_insert_counted AFTER INSERT ON drift_alerts
            BEGIN UPDATE row_counts SET rows = rows + 1 WHERE name = 'drift_alerts'; END;
        CREATE TRIGGER drift_alerts_delete_counted AFTER DELETE ON drift_alerts
            BEGIN UPDATE row_counts SET rows = rows - 1 WHERE name = 'drift_alerts'; END;
        """)
}
