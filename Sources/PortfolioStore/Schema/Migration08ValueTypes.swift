import GRDB

extension StoreSchema {
    /// v8: a value of the wrong type from another SQLite client — text in a number column, a blob in
    /// a text column, 1.5 as a time — traps every reader (GRDB decodes a column to its declared Swift
    /// type or stops the program), so the store refuses one on every insert and update, naming the
    /// table: one check per typed column of the base tables. The kept tables are written by triggers
    /// only; `doctor` checks them, and names the column of any wrong value written before v8.
    /// Frozen: the text that shipped. A change to the schema is a new migration.
    static let v8 = Migration("v8-value-types", sql: """
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
