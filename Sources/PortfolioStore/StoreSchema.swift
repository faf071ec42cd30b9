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
        migrator.registerMigration("v5-kept-totals", migrate: addKeptTotals)
        migrator.registerMigration("v6-run-search", migrate: addRunSearch)
        migrator.registerMigration("v7-run-sorts", migrate: addRunSorts)
        migrator.registerMigration("v8-value-types", migrate: refuseWrongTypes)
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

    /// An alert that counts towards value at risk while its snooze runs: critical and not resolved.
    private static func holdsRisk(_ row: String) -> String {
        "(\(row).severity = 'critical' AND \(row).status IN ('open', 'acknowledged', 'snoozed'))"
    }

    /// What a model adds to value at risk while it holds a critical alert.
    private static func riskValue(_ row: String) -> String {
        "(CASE WHEN \(row).stage = 'production' THEN coalesce(\(row).business_value, 0) ELSE 0 END)"
    }

    /// `model_totals` from scratch.
    private static let fillModelTotals = """
        INSERT INTO model_totals (team_id, stage, models, value, serving)
          SELECT team_id, stage, count(*), sum(coalesce(business_value, 0)), sum(coalesce(serving_cost_per_month, 0))
          FROM models GROUP BY team_id, stage
        """

    /// `model_critical` and `risk_totals` from scratch.
    private static let fillModelCritical = """
        INSERT INTO model_critical (model_id, team_id, alerts, value)
          SELECT m.id, m.team_id, count(*), \(riskValue("m")) FROM drift_alerts a JOIN models m ON m.id = a.model_id
          WHERE \(holdsRisk("a")) GROUP BY m.id;
        INSERT INTO risk_totals (team_id, value) SELECT team_id, sum(value) FROM model_critical GROUP BY team_id
        """

    /// Adds (`sign` "+") or takes away ("-") one model row (NEW or OLD) in model_totals.
    private static func countModel(_ row: String, _ sign: String) -> String {
        """
        INSERT INTO model_totals (team_id, stage, models, value, serving)
          VALUES (\(row).team_id, \(row).stage, \(sign)1, \(sign)coalesce(\(row).business_value, 0), \(sign)coalesce(\(row).serving_cost_per_month, 0))
          ON CONFLICT (team_id, stage) DO UPDATE SET models = models + excluded.models,
            value = value + excluded.value, serving = serving + excluded.serving
        """
    }

    /// The totals every refresh shows, kept by triggers so reading them costs the same on any
    /// store (docs/BENCHMARKS.md; each was a scan of models or of active alerts, milliseconds on
    /// the 1M-run store and growing with it):
    /// - `model_totals`: models, business value and serving cost per team and stage;
    /// - `model_critical`: the models holding a critical alert that is open, acknowledged or
    ///   snoozed, with what each adds to value at risk; `risk_totals` sums that per team;
    /// - each shown model's alerts and runs (the Models panel's ACTIVE, worst severity, last run
    ///   and COST/YR) in alerts_by_model and runs_by_model alone: read through the rows, they were
    ///   500 pages a refresh on the 1M-run store, more than SQLite's page cache keeps;
    /// - `alerts_snoozed`: the snoozed alerts by deadline, so the few whose snooze still runs are
    ///   read as a range. A snooze that has run out counts as open (AlertLifecycle), and run-out
    ///   snoozes pile up with time; so active = open + acknowledged + snoozed − still snoozed, and
    ///   value at risk subtracts the models whose only critical alerts are still snoozed.
    /// Sums of money are kept as REAL and read rounded to cents: adding and taking away the same
    /// value can leave a rounding error far below a cent.
    private static func addKeptTotals(_ db: Database) throws {
        let holds = holdsRisk("NEW"), held = holdsRisk("OLD")
        try db.execute(sql: """
            DROP INDEX \(activeCriticalIndex);
            DROP INDEX alerts_by_model;
            CREATE INDEX alerts_by_model ON drift_alerts(model_id, status, severity, snoozed_until);
            DROP INDEX runs_by_model;
            CREATE INDEX runs_by_model ON pipeline_runs(
                model_id, coalesce(started_at, queued_at), started_at, queued_at, compute_cost, status);
            CREATE INDEX alerts_snoozed ON drift_alerts(snoozed_until, severity, model_id, opened_at, status)
              WHERE status = 'snoozed';

            CREATE TABLE model_totals (
                team_id INTEGER NOT NULL, stage TEXT NOT NULL,
                models INTEGER NOT NULL, value REAL NOT NULL, serving REAL NOT NULL,
                PRIMARY KEY (team_id, stage)) WITHOUT ROWID;
            CREATE TABLE model_critical (
                model_id INTEGER PRIMARY KEY, team_id INTEGER NOT NULL, alerts INTEGER NOT NULL, value REAL NOT NULL);
            CREATE TABLE risk_totals (team_id INTEGER PRIMARY KEY, value REAL NOT NULL);
            \(fillModelTotals);
            \(fillModelCritical);

            CREATE TRIGGER models_insert_totals AFTER INSERT ON models BEGIN
                \(countModel("NEW", ""));
            END;
            CREATE TRIGGER models_delete_totals AFTER DELETE ON models BEGIN
                \(countModel("OLD", "-"));
                DELETE FROM model_critical WHERE model_id = OLD.id;
            END;
            CREATE TRIGGER models_update_totals AFTER UPDATE OF team_id, stage, business_value, serving_cost_per_month ON models
              WHEN OLD.team_id IS NOT NEW.team_id OR OLD.stage IS NOT NEW.stage
                OR OLD.business_value IS NOT NEW.business_value OR OLD.serving_cost_per_month IS NOT NEW.serving_cost_per_month BEGIN
                \(countModel("OLD", "-"));
                \(countModel("NEW", ""));
                UPDATE model_critical SET team_id = NEW.team_id, value = \(riskValue("NEW")) WHERE model_id = NEW.id;
            END;
            CREATE TRIGGER model_critical_insert AFTER INSERT ON model_critical BEGIN
                INSERT INTO risk_totals (team_id, value) VALUES (NEW.team_id, NEW.value)
                  ON CONFLICT (team_id) DO UPDATE SET value = value + excluded.value;
            END;
            CREATE TRIGGER model_critical_delete AFTER DELETE ON model_critical BEGIN
                UPDATE risk_totals SET value = value - OLD.value WHERE team_id = OLD.team_id;
            END;
            CREATE TRIGGER model_critical_update AFTER UPDATE OF team_id, value ON model_critical BEGIN
                UPDATE risk_totals SET value = value - OLD.value WHERE team_id = OLD.team_id;
                INSERT INTO risk_totals (team_id, value) VALUES (NEW.team_id, NEW.value)
                  ON CONFLICT (team_id) DO UPDATE SET value = value + excluded.value;
            END;
            CREATE TRIGGER drift_alerts_insert_critical AFTER INSERT ON drift_alerts WHEN \(holds) BEGIN
                INSERT INTO model_critical (model_id, team_id, alerts, value)
                  SELECT id, team_id, 1, \(riskValue("models")) FROM models WHERE id = NEW.model_id
                  ON CONFLICT (model_id) DO UPDATE SET alerts = alerts + 1;
            END;
            CREATE TRIGGER drift_alerts_delete_critical AFTER DELETE ON drift_alerts WHEN \(held) BEGIN
                UPDATE model_critical SET alerts = alerts - 1 WHERE model_id = OLD.model_id;
                DELETE FROM model_critical WHERE model_id = OLD.model_id AND alerts <= 0;
            END;
            CREATE TRIGGER drift_alerts_update_critical AFTER UPDATE OF status, severity, model_id ON drift_alerts
              WHEN \(held) IS NOT \(holds) OR (\(held) AND OLD.model_id IS NOT NEW.model_id) BEGIN
                UPDATE model_critical SET alerts = alerts - 1 WHERE model_id = OLD.model_id AND \(held);
                DELETE FROM model_critical WHERE model_id = OLD.model_id AND alerts <= 0;
                INSERT INTO model_critical (model_id, team_id, alerts, value)
                  SELECT id, team_id, 1, \(riskValue("models")) FROM models WHERE id = NEW.model_id AND \(holds)
                  ON CONFLICT (model_id) DO UPDATE SET alerts = alerts + 1;
            END;
            """)
    }

    /// The text a run is found by with `/` (aliases r, p, m: the run, its pipeline, its model).
    /// run_search holds it for every run: changing it needs a migration that rebuilds run_search.
    static let runSearchText = """
        r.status || ' ' || p.name || ' ' || coalesce(r.name, '') || ' ' || m.name || ' ' || r.kind || ' ' || r.trigger \
        || ' ' || coalesce(r.error, '') || ' ' || r.external_id
        """

    /// The runs' search text of the runs chosen by `condition`, for run_search.
    static func runSearchRows(where condition: String) -> String {
        """
        INSERT INTO run_search (rowid, text) SELECT r.id, \(runSearchText)
        FROM pipeline_runs r JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id WHERE \(condition)
        """
    }

    /// The triggers that keep run_search in step with runs, pipelines and models; the generator
    /// drops them for its bulk load and fills run_search once at the end.
    static let runSearchTriggers = """
        CREATE TRIGGER pipeline_runs_insert_search AFTER INSERT ON pipeline_runs BEGIN
            \(runSearchRows(where: "r.id = NEW.id"));
        END;
        CREATE TRIGGER pipeline_runs_update_search
          AFTER UPDATE OF status, name, kind, trigger, error, external_id, pipeline_id, model_id ON pipeline_runs BEGIN
            DELETE FROM run_search WHERE rowid = OLD.id;
            \(runSearchRows(where: "r.id = NEW.id"));
        END;
        CREATE TRIGGER pipeline_runs_delete_search AFTER DELETE ON pipeline_runs BEGIN
            DELETE FROM run_search WHERE rowid = OLD.id;
        END;
        CREATE TRIGGER models_rename_search AFTER UPDATE OF name ON models WHEN OLD.name IS NOT NEW.name BEGIN
            DELETE FROM run_search WHERE rowid IN (SELECT id FROM pipeline_runs WHERE model_id = NEW.id);
            \(runSearchRows(where: "r.model_id = NEW.id"));
        END;
        CREATE TRIGGER pipelines_rename_search AFTER UPDATE OF name ON pipelines WHEN OLD.name IS NOT NEW.name BEGIN
            DELETE FROM run_search WHERE rowid IN (SELECT id FROM pipeline_runs WHERE pipeline_id = NEW.id);
            \(runSearchRows(where: "r.pipeline_id = NEW.id"));
        END;
        """

    /// `/` on the Pipeline Runs panel without reading every run: an FTS5 table of each run's search
    /// text with the trigram tokenizer, which answers `LIKE '%text%'` (three characters or more)
    /// from its index. On the 1M-run store a filter's count went from 3.7 s to milliseconds
    /// (docs/BENCHMARKS.md); the price is about a quarter more file (the text is stored, so SQLite
    /// can check each candidate) and the time to build it.
    private static func addRunSearch(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIRTUAL TABLE run_search USING fts5(text, tokenize = 'trigram', detail = 'none', columnsize = 0);
            \(runSearchRows(where: "1"));
            \(runSearchTriggers)
            """)
    }

    /// `s` on the Pipeline Runs panel without sorting every run (3 s per sort on the 1M-run store):
    /// runs by kind and by trigger with the time, so each value's newest runs are read in order and
    /// merged; runs by pipeline with the time (replacing runs_by_pipeline), so a sort by pipeline
    /// name reads pipelines by name and each one's runs newest first, as a sort by model name does
    /// through runs_by_model; runs by duration, read in either direction (ties of one duration are
    /// few, so SQLite sorts only those); runs with an error by its text, a partial index (most runs
    /// have none: they are one tie, read from the time index). Status sorts through runs_by_status
    /// in ~0.1 s: each index on a million runs costs generation ~5 s (docs/BENCHMARKS.md).
    private static func addRunSorts(_ db: Database) throws {
        try db.execute(sql: """
            CREATE INDEX runs_by_kind ON pipeline_runs(kind, coalesce(started_at, queued_at));
            CREATE INDEX runs_by_trigger ON pipeline_runs(trigger, coalesce(started_at, queued_at));
            CREATE INDEX runs_by_duration ON pipeline_runs((finished_at - started_at), coalesce(started_at, queued_at));
            CREATE INDEX runs_by_error ON pipeline_runs(error, coalesce(started_at, queued_at))
              WHERE error IS NOT NULL AND error <> '';
            DROP INDEX runs_by_pipeline;
            CREATE INDEX runs_by_pipeline ON pipeline_runs(pipeline_id, coalesce(started_at, queued_at));
            """)
    }

    /// A value of the wrong type from another SQLite client — text in a number column, a blob in
    /// a text column, 1.5 as a time — traps every reader (GRDB decodes a column to its declared
    /// Swift type or stops the program), so the store refuses one on every insert and update,
    /// naming the table. Literal SQL, frozen: one check per typed column of the base tables. The
    /// kept tables are written by triggers only; `doctor` checks them, and names the column of any
    /// wrong value written before this migration.
    private static func refuseWrongTypes(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TRIGGER teams_insert_types BEFORE INSERT ON teams BEGIN
                SELECT RAISE(ABORT, 'teams: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE typeof(NEW.name) = 'blob'
                  OR typeof(NEW.industry) = 'blob'
                  OR typeof(NEW.lead) = 'blob'
                  OR typeof(NEW.description) = 'blob';
            END;
            CREATE TRIGGER teams_update_types BEFORE UPDATE ON teams BEGIN
                SELECT RAISE(ABORT, 'teams: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE typeof(NEW.name) = 'blob'
                  OR typeof(NEW.industry) = 'blob'
                  OR typeof(NEW.lead) = 'blob'
                  OR typeof(NEW.description) = 'blob';
            END;
            CREATE TRIGGER pipelines_insert_types BEFORE INSERT ON pipelines BEGIN
                SELECT RAISE(ABORT, 'pipelines: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE typeof(NEW.name) = 'blob'
                  OR (NEW.team_id IS NOT NULL AND typeof(NEW.team_id) <> 'integer')
                  OR typeof(NEW.schedule) = 'blob'
                  OR typeof(NEW.description) = 'blob';
            END;
            CREATE TRIGGER pipelines_update_types BEFORE UPDATE ON pipelines BEGIN
                SELECT RAISE(ABORT, 'pipelines: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE typeof(NEW.name) = 'blob'
                  OR (NEW.team_id IS NOT NULL AND typeof(NEW.team_id) <> 'integer')
                  OR typeof(NEW.schedule) = 'blob'
                  OR typeof(NEW.description) = 'blob';
            END;
            CREATE TRIGGER models_insert_types BEFORE INSERT ON models BEGIN
                SELECT RAISE(ABORT, 'models: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE typeof(NEW.name) = 'blob'
                  OR (NEW.team_id IS NOT NULL AND typeof(NEW.team_id) <> 'integer')
                  OR typeof(NEW.owner) = 'blob'
                  OR typeof(NEW.use_case) = 'blob'
                  OR typeof(NEW.stage) = 'blob'
                  OR typeof(NEW.version) = 'blob'
                  OR typeof(NEW.risk_tier) = 'blob'
                  OR (NEW.business_value IS NOT NULL AND typeof(NEW.business_value) NOT IN ('real', 'integer'))
                  OR (NEW.serving_cost_per_month IS NOT NULL AND typeof(NEW.serving_cost_per_month) NOT IN ('real', 'integer'))
                  OR (NEW.created_at IS NOT NULL AND typeof(NEW.created_at) <> 'integer');
            END;
            CREATE TRIGGER models_update_types BEFORE UPDATE ON models BEGIN
                SELECT RAISE(ABORT, 'models: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE typeof(NEW.name) = 'blob'
                  OR (NEW.team_id IS NOT NULL AND typeof(NEW.team_id) <> 'integer')
                  OR typeof(NEW.owner) = 'blob'
                  OR typeof(NEW.use_case) = 'blob'
                  OR typeof(NEW.stage) = 'blob'
                  OR typeof(NEW.version) = 'blob'
                  OR typeof(NEW.risk_tier) = 'blob'
                  OR (NEW.business_value IS NOT NULL AND typeof(NEW.business_value) NOT IN ('real', 'integer'))
                  OR (NEW.serving_cost_per_month IS NOT NULL AND typeof(NEW.serving_cost_per_month) NOT IN ('real', 'integer'))
                  OR (NEW.created_at IS NOT NULL AND typeof(NEW.created_at) <> 'integer');
            END;
            CREATE TRIGGER model_tags_insert_types BEFORE INSERT ON model_tags BEGIN
                SELECT RAISE(ABORT, 'model_tags: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE (NEW.model_id IS NOT NULL AND typeof(NEW.model_id) <> 'integer')
                  OR typeof(NEW.key) = 'blob'
                  OR typeof(NEW.value) = 'blob';
            END;
            CREATE TRIGGER model_tags_update_types BEFORE UPDATE ON model_tags BEGIN
                SELECT RAISE(ABORT, 'model_tags: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE (NEW.model_id IS NOT NULL AND typeof(NEW.model_id) <> 'integer')
                  OR typeof(NEW.key) = 'blob'
                  OR typeof(NEW.value) = 'blob';
            END;
            CREATE TRIGGER model_versions_insert_types BEFORE INSERT ON model_versions BEGIN
                SELECT RAISE(ABORT, 'model_versions: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE (NEW.model_id IS NOT NULL AND typeof(NEW.model_id) <> 'integer')
                  OR (NEW.position IS NOT NULL AND typeof(NEW.position) <> 'integer')
                  OR typeof(NEW.version) = 'blob'
                  OR (NEW.created_at IS NOT NULL AND typeof(NEW.created_at) <> 'integer')
                  OR typeof(NEW.stage) = 'blob'
                  OR typeof(NEW.approval_status) = 'blob'
                  OR typeof(NEW.approved_by) = 'blob'
                  OR (NEW.approved_at IS NOT NULL AND typeof(NEW.approved_at) <> 'integer');
            END;
            CREATE TRIGGER model_versions_update_types BEFORE UPDATE ON model_versions BEGIN
                SELECT RAISE(ABORT, 'model_versions: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE (NEW.model_id IS NOT NULL AND typeof(NEW.model_id) <> 'integer')
                  OR (NEW.position IS NOT NULL AND typeof(NEW.position) <> 'integer')
                  OR typeof(NEW.version) = 'blob'
                  OR (NEW.created_at IS NOT NULL AND typeof(NEW.created_at) <> 'integer')
                  OR typeof(NEW.stage) = 'blob'
                  OR typeof(NEW.approval_status) = 'blob'
                  OR typeof(NEW.approved_by) = 'blob'
                  OR (NEW.approved_at IS NOT NULL AND typeof(NEW.approved_at) <> 'integer');
            END;
            CREATE TRIGGER pipeline_runs_insert_types BEFORE INSERT ON pipeline_runs BEGIN
                SELECT RAISE(ABORT, 'pipeline_runs: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE typeof(NEW.external_id) = 'blob'
                  OR (NEW.pipeline_id IS NOT NULL AND typeof(NEW.pipeline_id) <> 'integer')
                  OR (NEW.model_id IS NOT NULL AND typeof(NEW.model_id) <> 'integer')
                  OR typeof(NEW.name) = 'blob'
                  OR typeof(NEW.kind) = 'blob'
                  OR typeof(NEW.status) = 'blob'
                  OR typeof(NEW.trigger) = 'blob'
                  OR typeof(NEW.started_by) = 'blob'
                  OR typeof(NEW.model_version) = 'blob'
                  OR (NEW.is_rollback IS NOT NULL AND typeof(NEW.is_rollback) <> 'integer')
                  OR (NEW.queued_at IS NOT NULL AND typeof(NEW.queued_at) <> 'integer')
                  OR (NEW.started_at IS NOT NULL AND typeof(NEW.started_at) <> 'integer')
                  OR (NEW.finished_at IS NOT NULL AND typeof(NEW.finished_at) <> 'integer')
                  OR typeof(NEW.commit_sha) = 'blob'
                  OR (NEW.compute_cost IS NOT NULL AND typeof(NEW.compute_cost) NOT IN ('real', 'integer'))
                  OR typeof(NEW.error) = 'blob';
            END;
            CREATE TRIGGER pipeline_runs_update_types BEFORE UPDATE ON pipeline_runs BEGIN
                SELECT RAISE(ABORT, 'pipeline_runs: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE typeof(NEW.external_id) = 'blob'
                  OR (NEW.pipeline_id IS NOT NULL AND typeof(NEW.pipeline_id) <> 'integer')
                  OR (NEW.model_id IS NOT NULL AND typeof(NEW.model_id) <> 'integer')
                  OR typeof(NEW.name) = 'blob'
                  OR typeof(NEW.kind) = 'blob'
                  OR typeof(NEW.status) = 'blob'
                  OR typeof(NEW.trigger) = 'blob'
                  OR typeof(NEW.started_by) = 'blob'
                  OR typeof(NEW.model_version) = 'blob'
                  OR (NEW.is_rollback IS NOT NULL AND typeof(NEW.is_rollback) <> 'integer')
                  OR (NEW.queued_at IS NOT NULL AND typeof(NEW.queued_at) <> 'integer')
                  OR (NEW.started_at IS NOT NULL AND typeof(NEW.started_at) <> 'integer')
                  OR (NEW.finished_at IS NOT NULL AND typeof(NEW.finished_at) <> 'integer')
                  OR typeof(NEW.commit_sha) = 'blob'
                  OR (NEW.compute_cost IS NOT NULL AND typeof(NEW.compute_cost) NOT IN ('real', 'integer'))
                  OR typeof(NEW.error) = 'blob';
            END;
            CREATE TRIGGER run_steps_insert_types BEFORE INSERT ON run_steps BEGIN
                SELECT RAISE(ABORT, 'run_steps: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE (NEW.run_id IS NOT NULL AND typeof(NEW.run_id) <> 'integer')
                  OR (NEW.position IS NOT NULL AND typeof(NEW.position) <> 'integer')
                  OR typeof(NEW.name) = 'blob'
                  OR typeof(NEW.status) = 'blob'
                  OR (NEW.started_at IS NOT NULL AND typeof(NEW.started_at) <> 'integer')
                  OR (NEW.finished_at IS NOT NULL AND typeof(NEW.finished_at) <> 'integer')
                  OR typeof(NEW.error) = 'blob';
            END;
            CREATE TRIGGER run_steps_update_types BEFORE UPDATE ON run_steps BEGIN
                SELECT RAISE(ABORT, 'run_steps: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE (NEW.run_id IS NOT NULL AND typeof(NEW.run_id) <> 'integer')
                  OR (NEW.position IS NOT NULL AND typeof(NEW.position) <> 'integer')
                  OR typeof(NEW.name) = 'blob'
                  OR typeof(NEW.status) = 'blob'
                  OR (NEW.started_at IS NOT NULL AND typeof(NEW.started_at) <> 'integer')
                  OR (NEW.finished_at IS NOT NULL AND typeof(NEW.finished_at) <> 'integer')
                  OR typeof(NEW.error) = 'blob';
            END;
            CREATE TRIGGER metric_points_insert_types BEFORE INSERT ON metric_points BEGIN
                SELECT RAISE(ABORT, 'metric_points: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE (NEW.model_id IS NOT NULL AND typeof(NEW.model_id) <> 'integer')
                  OR typeof(NEW.name) = 'blob'
                  OR (NEW.at IS NOT NULL AND typeof(NEW.at) <> 'integer')
                  OR (NEW.value IS NOT NULL AND typeof(NEW.value) NOT IN ('real', 'integer'));
            END;
            CREATE TRIGGER metric_points_update_types BEFORE UPDATE ON metric_points BEGIN
                SELECT RAISE(ABORT, 'metric_points: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE (NEW.model_id IS NOT NULL AND typeof(NEW.model_id) <> 'integer')
                  OR typeof(NEW.name) = 'blob'
                  OR (NEW.at IS NOT NULL AND typeof(NEW.at) <> 'integer')
                  OR (NEW.value IS NOT NULL AND typeof(NEW.value) NOT IN ('real', 'integer'));
            END;
            CREATE TRIGGER drift_alerts_insert_types BEFORE INSERT ON drift_alerts BEGIN
                SELECT RAISE(ABORT, 'drift_alerts: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE typeof(NEW.external_id) = 'blob'
                  OR (NEW.model_id IS NOT NULL AND typeof(NEW.model_id) <> 'integer')
                  OR typeof(NEW.feature) = 'blob'
                  OR typeof(NEW.method) = 'blob'
                  OR (NEW.score IS NOT NULL AND typeof(NEW.score) NOT IN ('real', 'integer'))
                  OR (NEW.threshold IS NOT NULL AND typeof(NEW.threshold) NOT IN ('real', 'integer'))
                  OR typeof(NEW.severity) = 'blob'
                  OR typeof(NEW.status) = 'blob'
                  OR typeof(NEW.assignee) = 'blob'
                  OR (NEW.opened_at IS NOT NULL AND typeof(NEW.opened_at) <> 'integer')
                  OR (NEW.snoozed_until IS NOT NULL AND typeof(NEW.snoozed_until) <> 'integer')
                  OR (NEW.resolved_at IS NOT NULL AND typeof(NEW.resolved_at) <> 'integer');
            END;
            CREATE TRIGGER drift_alerts_update_types BEFORE UPDATE ON drift_alerts BEGIN
                SELECT RAISE(ABORT, 'drift_alerts: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE typeof(NEW.external_id) = 'blob'
                  OR (NEW.model_id IS NOT NULL AND typeof(NEW.model_id) <> 'integer')
                  OR typeof(NEW.feature) = 'blob'
                  OR typeof(NEW.method) = 'blob'
                  OR (NEW.score IS NOT NULL AND typeof(NEW.score) NOT IN ('real', 'integer'))
                  OR (NEW.threshold IS NOT NULL AND typeof(NEW.threshold) NOT IN ('real', 'integer'))
                  OR typeof(NEW.severity) = 'blob'
                  OR typeof(NEW.status) = 'blob'
                  OR typeof(NEW.assignee) = 'blob'
                  OR (NEW.opened_at IS NOT NULL AND typeof(NEW.opened_at) <> 'integer')
                  OR (NEW.snoozed_until IS NOT NULL AND typeof(NEW.snoozed_until) <> 'integer')
                  OR (NEW.resolved_at IS NOT NULL AND typeof(NEW.resolved_at) <> 'integer');
            END;
            CREATE TRIGGER alert_events_insert_types BEFORE INSERT ON alert_events BEGIN
                SELECT RAISE(ABORT, 'alert_events: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE (NEW.alert_id IS NOT NULL AND typeof(NEW.alert_id) <> 'integer')
                  OR (NEW.seq IS NOT NULL AND typeof(NEW.seq) <> 'integer')
                  OR typeof(NEW.kind) = 'blob'
                  OR (NEW.at IS NOT NULL AND typeof(NEW.at) <> 'integer')
                  OR typeof(NEW.actor) = 'blob'
                  OR typeof(NEW.note) = 'blob';
            END;
            CREATE TRIGGER alert_events_update_types BEFORE UPDATE ON alert_events BEGIN
                SELECT RAISE(ABORT, 'alert_events: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE (NEW.alert_id IS NOT NULL AND typeof(NEW.alert_id) <> 'integer')
                  OR (NEW.seq IS NOT NULL AND typeof(NEW.seq) <> 'integer')
                  OR typeof(NEW.kind) = 'blob'
                  OR (NEW.at IS NOT NULL AND typeof(NEW.at) <> 'integer')
                  OR typeof(NEW.actor) = 'blob'
                  OR typeof(NEW.note) = 'blob';
            END;
            CREATE TRIGGER maturity_assessments_insert_types BEFORE INSERT ON maturity_assessments BEGIN
                SELECT RAISE(ABORT, 'maturity_assessments: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE (NEW.team_id IS NOT NULL AND typeof(NEW.team_id) <> 'integer')
                  OR typeof(NEW.component) = 'blob'
                  OR (NEW.assessed_at IS NOT NULL AND typeof(NEW.assessed_at) <> 'integer')
                  OR (NEW.level IS NOT NULL AND typeof(NEW.level) <> 'integer')
                  OR typeof(NEW.assessor) = 'blob'
                  OR typeof(NEW.evidence) = 'blob';
            END;
            CREATE TRIGGER maturity_assessments_update_types BEFORE UPDATE ON maturity_assessments BEGIN
                SELECT RAISE(ABORT, 'maturity_assessments: a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE (NEW.team_id IS NOT NULL AND typeof(NEW.team_id) <> 'integer')
                  OR typeof(NEW.component) = 'blob'
                  OR (NEW.assessed_at IS NOT NULL AND typeof(NEW.assessed_at) <> 'integer')
                  OR (NEW.level IS NOT NULL AND typeof(NEW.level) <> 'integer')
                  OR typeof(NEW.assessor) = 'blob'
                  OR typeof(NEW.evidence) = 'blob';
            END;
            """)
    }
}
