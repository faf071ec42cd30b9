import GRDB
import Portfolio

/// The store's versioned migrations. Registered in order and never edited once shipped: a change
/// to the schema is a new migration.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-portfolio", migrate: createPortfolio)
        migrator.registerMigration("v2-scale-indexes", migrate: addScaleIndexes)
        migrator.registerMigration("v3-figures-indexes", migrate: createFiguresIndexes)
        migrator.registerMigration("v4-refresh-figures", migrate: addRefreshFigures)
        return migrator
    }

    /// `CHECK (column IN ('a','b'))` for a vocabulary.
    private static func check<V: Vocabulary>(_ column: String, _ type: V.Type, nullable: Bool = false) -> String {
        let list = V.allCases.map { "'\($0.rawValue)'" }.joined(separator: ",")
        return nullable
            ? "CHECK (\(column) IS NULL OR \(column) IN (\(list)))"
            : "CHECK (\(column) IN (\(list)))"
    }

    private static func createPortfolio(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE teams (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                industry TEXT,
                lead TEXT,
                description TEXT
            );
            CREATE TABLE pipelines (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                team_id INTEGER NOT NULL REFERENCES teams(id),
                schedule TEXT,
                description TEXT
            );
            CREATE INDEX pipelines_team ON pipelines(team_id);
            CREATE TABLE models (
                id INTEGER PRIMARY KEY,
                name TEXT NOT NULL UNIQUE,
                team_id INTEGER NOT NULL REFERENCES teams(id),
                owner TEXT NOT NULL,
                use_case TEXT,
                stage TEXT NOT NULL \(check("stage", Stage.self)),
                version TEXT,
                risk_tier TEXT \(check("risk_tier", RiskTier.self, nullable: true)),
                business_value REAL,
                serving_cost_per_month REAL,
                created_at INTEGER
            );
            CREATE INDEX models_team ON models(team_id);
            CREATE INDEX models_stage ON models(stage, business_value);
            CREATE TABLE model_tags (
                model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
                key TEXT NOT NULL,
                value TEXT NOT NULL,
                PRIMARY KEY (model_id, key)
            ) WITHOUT ROWID;
            CREATE TABLE model_versions (
                model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                version TEXT NOT NULL,
                created_at INTEGER NOT NULL,
                stage TEXT \(check("stage", Stage.self, nullable: true)),
                approval_status TEXT NOT NULL \(check("approval_status", ApprovalStatus.self)),
                approved_by TEXT,
                approved_at INTEGER,
                PRIMARY KEY (model_id, position)
            ) WITHOUT ROWID;
            CREATE TABLE pipeline_runs (
                id INTEGER PRIMARY KEY,
                external_id TEXT NOT NULL UNIQUE,
                pipeline_id INTEGER NOT NULL REFERENCES pipelines(id),
                model_id INTEGER NOT NULL REFERENCES models(id),
                name TEXT,
                kind TEXT NOT NULL \(check("kind", RunKind.self)),
                status TEXT NOT NULL \(check("status", RunStatus.self)),
                trigger TEXT NOT NULL \(check("trigger", RunTrigger.self)),
                started_by TEXT,
                model_version TEXT,
                is_rollback INTEGER NOT NULL DEFAULT 0,
                queued_at INTEGER NOT NULL,
                started_at INTEGER,
                finished_at INTEGER,
                commit_sha TEXT,
                compute_cost REAL,
                error TEXT,
                CHECK (started_at IS NULL OR started_at >= queued_at),
                CHECK (finished_at IS NULL OR finished_at >= coalesce(started_at, queued_at))
            );
            CREATE INDEX runs_recent ON pipeline_runs(coalesce(started_at, queued_at));
            CREATE INDEX runs_by_model ON pipeline_runs(model_id, coalesce(started_at, queued_at));
            CREATE INDEX runs_by_status ON pipeline_runs(status, finished_at);
            CREATE INDEX runs_by_pipeline ON pipeline_runs(pipeline_id);
            CREATE TABLE run_steps (
                run_id INTEGER NOT NULL REFERENCES pipeline_runs(id) ON DELETE CASCADE,
                position INTEGER NOT NULL,
                name TEXT NOT NULL,
                status TEXT NOT NULL \(check("status", StepStatus.self)),
                started_at INTEGER,
                finished_at INTEGER,
                error TEXT,
                PRIMARY KEY (run_id, position),
                CHECK (finished_at IS NULL OR started_at IS NULL OR finished_at >= started_at)
            ) WITHOUT ROWID;
            CREATE TABLE metric_points (
                model_id INTEGER NOT NULL REFERENCES models(id) ON DELETE CASCADE,
                name TEXT NOT NULL,
                at INTEGER NOT NULL,
                value REAL NOT NULL,
                PRIMARY KEY (model_id, name, at)
            ) WITHOUT ROWID;
            CREATE TABLE drift_alerts (
                id INTEGER PRIMARY KEY,
                external_id TEXT NOT NULL UNIQUE,
                model_id INTEGER NOT NULL REFERENCES models(id),
                feature TEXT NOT NULL,
                method TEXT NOT NULL \(check("method", DriftMethod.self)),
                score REAL NOT NULL,
                threshold REAL NOT NULL,
                severity TEXT NOT NULL \(check("severity", Severity.self)),
                status TEXT NOT NULL \(check("status", AlertStatus.self)),
                assignee TEXT,
                opened_at INTEGER NOT NULL,
                snoozed_until INTEGER,
                resolved_at INTEGER
            );
            CREATE INDEX alerts_by_status ON drift_alerts(status, severity, opened_at);
            CREATE INDEX alerts_by_model ON drift_alerts(model_id, status);
            CREATE TABLE alert_events (
                alert_id INTEGER NOT NULL REFERENCES drift_alerts(id) ON DELETE CASCADE,
                seq INTEGER NOT NULL,
                kind TEXT NOT NULL \(check("kind", AlertEventKind.self)),
                at INTEGER NOT NULL,
                actor TEXT,
                note TEXT,
                PRIMARY KEY (alert_id, seq)
            ) WITHOUT ROWID;
            CREATE TABLE maturity_assessments (
                team_id INTEGER NOT NULL REFERENCES teams(id),
                component TEXT NOT NULL \(check("component", MaturityComponent.self)),
                assessed_at INTEGER NOT NULL,
                level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
                assessor TEXT,
                evidence TEXT,
                PRIMARY KEY (team_id, component, assessed_at)
            ) WITHOUT ROWID;
            """)
    }

    /// What keeps a refresh O(what is shown) on a store of millions of rows (docs/BENCHMARKS.md):
    /// - the newest event of every table by an index, so "data changed … ago" is a few B-tree
    ///   descents (`max` over an indexed column) instead of scans of every run, point and event;
    /// - the models panel's default order as an index, so its window is read, not sorted;
    /// - the alerts panel's groups (status, severity) in opening order with the snooze deadline,
    ///   so each group's first rows and the active-alert KPIs are read from the index alone (it
    ///   replaces alerts_by_status, its prefix);
    /// - the rows of the two big tables counted by triggers, so the footers' totals never count
    ///   a table (`row_counts`; a store opened read-only before this migration counts instead).
    private static func addScaleIndexes(_ db: Database) throws {
        try db.execute(sql: """
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

    /// Indexes for the figures (docs/METRICS.md), so they stay bounded by their window: a model
    /// version's training and deployment runs, alert events by kind and time (resolutions and
    /// people in a window), and a model's alerts by opening time.
    private static func createFiguresIndexes(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX runs_by_version ON pipeline_runs(model_id, model_version, kind, coalesce(started_at, queued_at))
              WHERE model_version IS NOT NULL;
            CREATE INDEX alert_events_by_kind ON alert_events(kind, at);
            CREATE INDEX alerts_by_model_opened ON drift_alerts(model_id, opened_at);
            """)
    }

    /// What keeps the current-state figures of every refresh (docs/METRICS.md) bounded on a
    /// store of a million runs, each measured there:
    /// - the active critical alerts' models in a partial index, for value at risk (partial, so the
    ///   alerts panel's queries — equality on status and severity — keep alerts_window: a full
    ///   index on these columns won their plans and made them slower);
    /// - production models' value and serving cost in models_stage, so their sums read the index;
    /// - runs' compute cost in runs_by_model, so each shown model's cost in the window (COST/YR)
    ///   reads index entries, not rows;
    /// - alerts counted per status and severity by triggers (`alert_counts`), so the active
    ///   counts never count the active alerts (a store opened read-only before this migration
    ///   counts instead).
    private static func addRefreshFigures(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX \(activeCriticalIndex) ON drift_alerts(model_id, status, snoozed_until, severity)
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
            """)
    }

    static let activeCriticalIndex = "alerts_active_critical"
}
