extension TeamSchema {
    /// v1: the team store — its identity and change counter (bumped once by each writing
    /// transaction, which holds the counter's row lock until it commits: writers take turns, and a
    /// change number is never seen before the changes below it), the deleted rows' keys by change,
    /// and the eleven record tables with the local store's columns (as of its v9 shape), each row
    /// stamped with the change that last wrote it. Vocabulary CHECKs, foreign keys and unique
    /// names are kept by every writer's own local store, whose transaction these changes come from.
    /// Frozen: the text that shipped. A change to the schema is a new migration.
    static let v1 = Migration(id: "v1-team-store", sql: """
        CREATE TABLE oversight_store (
            id integer PRIMARY KEY CHECK (id = 1),
            store_id text NOT NULL,
            change_seq bigint NOT NULL
        );
        INSERT INTO oversight_store (id, store_id, change_seq) VALUES (1, gen_random_uuid()::text, 0);
        CREATE TABLE oversight_deleted (
            change_seq bigint NOT NULL,
            tbl text NOT NULL,
            key jsonb NOT NULL
        );
        CREATE INDEX oversight_deleted_by_change ON oversight_deleted (change_seq);
        CREATE TABLE teams (
            id bigint PRIMARY KEY,
            name text NOT NULL,
            industry text,
            lead text,
            description text,
            change_seq bigint NOT NULL
        );
        CREATE TABLE pipelines (
            id bigint PRIMARY KEY,
            name text NOT NULL,
            team_id bigint NOT NULL,
            schedule text,
            description text,
            change_seq bigint NOT NULL
        );
        CREATE TABLE models (
            id bigint PRIMARY KEY,
            name text NOT NULL,
            team_id bigint NOT NULL,
            owner text NOT NULL,
            use_case text,
            stage text NOT NULL,
            version text,
            risk_tier text,
            business_value double precision,
            serving_cost_per_month double precision,
            created_at bigint,
            change_seq bigint NOT NULL
        );
        CREATE TABLE model_tags (
            model_id bigint NOT NULL,
            key text NOT NULL,
            value text NOT NULL,
            change_seq bigint NOT NULL,
            PRIMARY KEY (model_id, key)
        );
        CREATE TABLE model_versions (
            model_id bigint NOT NULL,
            position bigint NOT NULL,
            version text NOT NULL,
            created_at bigint NOT NULL,
            stage text,
            approval_status text NOT NULL,
            approved_by text,
            approved_at bigint,
            change_seq bigint NOT NULL,
            PRIMARY KEY (model_id, position)
        );
        CREATE TABLE pipeline_runs (
            id bigint PRIMARY KEY,
            external_id text NOT NULL,
            pipeline_id bigint NOT NULL,
            model_id bigint NOT NULL,
            name text,
            kind text NOT NULL,
            status text NOT NULL,
            "trigger" text NOT NULL,
            started_by text,
            model_version text,
            is_rollback bigint NOT NULL,
            queued_at bigint NOT NULL,
            started_at bigint,
            finished_at bigint,
            commit_sha text,
            compute_cost double precision,
            error text,
            change_seq bigint NOT NULL
        );
        CREATE TABLE run_steps (
            run_id bigint NOT NULL,
            position bigint NOT NULL,
            name text NOT NULL,
            status text NOT NULL,
            started_at bigint,
            finished_at bigint,
            error text,
            change_seq bigint NOT NULL,
            PRIMARY KEY (run_id, position)
        );
        CREATE TABLE metric_points (
            model_id bigint NOT NULL,
            name text NOT NULL,
            at bigint NOT NULL,
            value double precision NOT NULL,
            change_seq bigint NOT NULL,
            PRIMARY KEY (model_id, name, at)
        );
        CREATE TABLE drift_alerts (
            id bigint PRIMARY KEY,
            external_id text NOT NULL,
            model_id bigint NOT NULL,
            feature text NOT NULL,
            method text NOT NULL,
            score double precision NOT NULL,
            threshold double precision NOT NULL,
            severity text NOT NULL,
            status text NOT NULL,
            assignee text,
            opened_at bigint NOT NULL,
            snoozed_until bigint,
            resolved_at bigint,
            change_seq bigint NOT NULL
        );
        CREATE TABLE alert_events (
            alert_id bigint NOT NULL,
            seq bigint NOT NULL,
            kind text NOT NULL,
            at bigint NOT NULL,
            actor text,
            note text,
            change_seq bigint NOT NULL,
            PRIMARY KEY (alert_id, seq)
        );
        CREATE TABLE maturity_assessments (
            team_id bigint NOT NULL,
            component text NOT NULL,
            assessed_at bigint NOT NULL,
            level bigint NOT NULL,
            assessor text,
            evidence text,
            change_seq bigint NOT NULL,
            PRIMARY KEY (team_id, component, assessed_at)
        );
        CREATE INDEX teams_by_change ON teams (change_seq);
        CREATE INDEX pipelines_by_change ON pipelines (change_seq);
        CREATE INDEX models_by_change ON models (change_seq);
        CREATE INDEX model_tags_by_change ON model_tags (change_seq);
        CREATE INDEX model_versions_by_change ON model_versions (change_seq);
        CREATE INDEX pipeline_runs_by_change ON pipeline_runs (change_seq);
        CREATE INDEX run_steps_by_change ON run_steps (change_seq);
        CREATE INDEX metric_points_by_change ON metric_points (change_seq);
        CREATE INDEX drift_alerts_by_change ON drift_alerts (change_seq);
        CREATE INDEX alert_events_by_change ON alert_events (change_seq);
        CREATE INDEX maturity_assessments_by_change ON maturity_assessments (change_seq);
        """)
}
