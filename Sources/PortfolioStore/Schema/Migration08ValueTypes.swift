import GRDB

extension StoreSchema {
    /// v8: a value of the wrong type from another SQLite client — text in a number column, a blob in
    /// a text column, 1.5 as a time — traps every reader (GRDB decodes a column to its declared Swift
    /// type or stops the program), so the store refuses one on every insert and update, naming the
    /// table: one check per typed column of the base tables. The kept tables are written by triggers
    /// only; `doctor` checks them, and names the column of any wrong value written before v8.
    /// Frozen: the text that shipped. A change to the schema is a new migration. Each table's two
    /// triggers run one check, written once here (`typeChecks`); the text they make is the one
    /// that shipped, byte for byte (MigrationTextTests holds its hash).
    static let v8 = Migration("v8-value-types", sql: [
        typeChecks("teams", [
            "typeof(NEW.name) = 'blob'",
            "typeof(NEW.industry) = 'blob'",
            "typeof(NEW.lead) = 'blob'",
            "typeof(NEW.description) = 'blob'",
        ]),
        typeChecks("pipelines", [
            "typeof(NEW.name) = 'blob'",
            "(NEW.team_id IS NOT NULL AND typeof(NEW.team_id) <> 'integer')",
            "typeof(NEW.schedule) = 'blob'",
            "typeof(NEW.description) = 'blob'",
        ]),
        typeChecks("models", [
            "typeof(NEW.name) = 'blob'",
            "(NEW.team_id IS NOT NULL AND typeof(NEW.team_id) <> 'integer')",
            "typeof(NEW.owner) = 'blob'",
            "typeof(NEW.use_case) = 'blob'",
            "typeof(NEW.stage) = 'blob'",
            "typeof(NEW.version) = 'blob'",
            "typeof(NEW.risk_tier) = 'blob'",
            "(NEW.business_value IS NOT NULL AND typeof(NEW.business_value) NOT IN ('real', 'integer'))",
            "(NEW.serving_cost_per_month IS NOT NULL AND typeof(NEW.serving_cost_per_month) NOT IN ('real', 'integer'))",
            "(NEW.created_at IS NOT NULL AND typeof(NEW.created_at) <> 'integer')",
        ]),
        typeChecks("model_tags", [
            "(NEW.model_id IS NOT NULL AND typeof(NEW.model_id) <> 'integer')",
            "typeof(NEW.key) = 'blob'",
            "typeof(NEW.value) = 'blob'",
        ]),
        typeChecks("model_versions", [
            "(NEW.model_id IS NOT NULL AND typeof(NEW.model_id) <> 'integer')",
            "(NEW.position IS NOT NULL AND typeof(NEW.position) <> 'integer')",
            "typeof(NEW.version) = 'blob'",
            "(NEW.created_at IS NOT NULL AND typeof(NEW.created_at) <> 'integer')",
            "typeof(NEW.stage) = 'blob'",
            "typeof(NEW.approval_status) = 'blob'",
            "typeof(NEW.approved_by) = 'blob'",
            "(NEW.approved_at IS NOT NULL AND typeof(NEW.approved_at) <> 'integer')",
        ]),
        typeChecks("pipeline_runs", [
            "typeof(NEW.external_id) = 'blob'",
            "(NEW.pipeline_id IS NOT NULL AND typeof(NEW.pipeline_id) <> 'integer')",
            "(NEW.model_id IS NOT NULL AND typeof(NEW.model_id) <> 'integer')",
            "typeof(NEW.name) = 'blob'",
            "typeof(NEW.kind) = 'blob'",
            "typeof(NEW.status) = 'blob'",
            "typeof(NEW.trigger) = 'blob'",
            "typeof(NEW.started_by) = 'blob'",
            "typeof(NEW.model_version) = 'blob'",
            "(NEW.is_rollback IS NOT NULL AND typeof(NEW.is_rollback) <> 'integer')",
            "(NEW.queued_at IS NOT NULL AND typeof(NEW.queued_at) <> 'integer')",
            "(NEW.started_at IS NOT NULL AND typeof(NEW.started_at) <> 'integer')",
            "(NEW.finished_at IS NOT NULL AND typeof(NEW.finished_at) <> 'integer')",
            "typeof(NEW.commit_sha) = 'blob'",
            "(NEW.compute_cost IS NOT NULL AND typeof(NEW.compute_cost) NOT IN ('real', 'integer'))",
            "typeof(NEW.error) = 'blob'",
        ]),
        typeChecks("run_steps", [
            "(NEW.run_id IS NOT NULL AND typeof(NEW.run_id) <> 'integer')",
            "(NEW.position IS NOT NULL AND typeof(NEW.position) <> 'integer')",
            "typeof(NEW.name) = 'blob'",
            "typeof(NEW.status) = 'blob'",
            "(NEW.started_at IS NOT NULL AND typeof(NEW.started_at) <> 'integer')",
            "(NEW.finished_at IS NOT NULL AND typeof(NEW.finished_at) <> 'integer')",
            "typeof(NEW.error) = 'blob'",
        ]),
        typeChecks("metric_points", [
            "(NEW.model_id IS NOT NULL AND typeof(NEW.model_id) <> 'integer')",
            "typeof(NEW.name) = 'blob'",
            "(NEW.at IS NOT NULL AND typeof(NEW.at) <> 'integer')",
            "(NEW.value IS NOT NULL AND typeof(NEW.value) NOT IN ('real', 'integer'))",
        ]),
        typeChecks("drift_alerts", [
            "typeof(NEW.external_id) = 'blob'",
            "(NEW.model_id IS NOT NULL AND typeof(NEW.model_id) <> 'integer')",
            "typeof(NEW.feature) = 'blob'",
            "typeof(NEW.method) = 'blob'",
            "(NEW.score IS NOT NULL AND typeof(NEW.score) NOT IN ('real', 'integer'))",
            "(NEW.threshold IS NOT NULL AND typeof(NEW.threshold) NOT IN ('real', 'integer'))",
            "typeof(NEW.severity) = 'blob'",
            "typeof(NEW.status) = 'blob'",
            "typeof(NEW.assignee) = 'blob'",
            "(NEW.opened_at IS NOT NULL AND typeof(NEW.opened_at) <> 'integer')",
            "(NEW.snoozed_until IS NOT NULL AND typeof(NEW.snoozed_until) <> 'integer')",
            "(NEW.resolved_at IS NOT NULL AND typeof(NEW.resolved_at) <> 'integer')",
        ]),
        typeChecks("alert_events", [
            "(NEW.alert_id IS NOT NULL AND typeof(NEW.alert_id) <> 'integer')",
            "(NEW.seq IS NOT NULL AND typeof(NEW.seq) <> 'integer')",
            "typeof(NEW.kind) = 'blob'",
            "(NEW.at IS NOT NULL AND typeof(NEW.at) <> 'integer')",
            "typeof(NEW.actor) = 'blob'",
            "typeof(NEW.note) = 'blob'",
        ]),
        typeChecks("maturity_assessments", [
            "(NEW.team_id IS NOT NULL AND typeof(NEW.team_id) <> 'integer')",
            "typeof(NEW.component) = 'blob'",
            "(NEW.assessed_at IS NOT NULL AND typeof(NEW.assessed_at) <> 'integer')",
            "(NEW.level IS NOT NULL AND typeof(NEW.level) <> 'integer')",
            "typeof(NEW.assessor) = 'blob'",
            "typeof(NEW.evidence) = 'blob'",
        ]),
    ].joined(separator: "\n"))

    /// A table's checks, run before each insert and each update: a value of the wrong type aborts.
    private static func typeChecks(_ table: String, _ wrong: [String]) -> String {
        ["insert", "update"].map { event in """
            CREATE TRIGGER \(table)_\(event)_types BEFORE \(event.uppercased()) ON \(table) BEGIN
                SELECT RAISE(ABORT, '\(table): a value of the wrong type (a number column holds text or a blob, a time or count is not a whole number, or text is a blob); docs/DATA-FORMAT.md')
                WHERE \(wrong.joined(separator: "\n      OR "));
            END;
            """ }.joined(separator: "\n")
    }
}
