import GRDB

extension StoreSchema {
    /// v1: the portfolio's tables — teams, pipelines, models with their tags and versions, runs with
    /// their steps, metric points, drift alerts with their events, maturity assessments — with the
    /// vocabularies as CHECK constraints and the indexes each screen's first version read by.
    /// Frozen: the text that shipped. A change to the schema is a new migration.
    static let v1 = Migration("v1-portfolio", sql: """
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
            stage TEXT NOT NULL CHECK (stage IN ('development','staging','production','archived')),
            version TEXT,
            risk_tier TEXT CHECK (risk_tier IS NULL OR risk_tier IN ('low','medium','high')),
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
            stage TEXT CHECK (stage IS NULL OR stage IN ('development','staging','production','archived')),
            approval_status TEXT NOT NULL CHECK (approval_status IN ('pending','approved','rejected')),
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
            kind TEXT NOT NULL CHECK (kind IN ('training','evaluation','deployment','data_validation')),
            status TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed','cancelled')),
            trigger TEXT NOT NULL CHECK (trigger IN ('schedule','commit','manual','drift','api')),
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
            status TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed','cancelled','skipped')),
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
            method TEXT NOT NULL CHECK (method IN ('psi','ks','chi2','z','js','wasserstein')),
            score REAL NOT NULL,
            threshold REAL NOT NULL,
            severity TEXT NOT NULL CHECK (severity IN ('info','warning','critical')),
            status TEXT NOT NULL CHECK (status IN ('open','acknowledged','snoozed','resolved')),
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
            kind TEXT NOT NULL CHECK (kind IN ('opened','acknowledged','assigned','note','snoozed','resolved','reopened','escalated')),
            at INTEGER NOT NULL,
            actor TEXT,
            note TEXT,
            PRIMARY KEY (alert_id, seq)
        ) WITHOUT ROWID;
        CREATE TABLE maturity_assessments (
            team_id INTEGER NOT NULL REFERENCES teams(id),
            component TEXT NOT NULL CHECK (component IN ('infrastructure_automation','ci_cd','model_monitoring','governance','collaboration')),
            assessed_at INTEGER NOT NULL,
            level INTEGER NOT NULL CHECK (level BETWEEN 0 AND 4),
            assessor TEXT,
            evidence TEXT,
            PRIMARY KEY (team_id, component, assessed_at)
        ) WITHOUT ROWID;
        """)
}
