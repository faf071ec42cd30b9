import GRDB

/// A table that triggers keep from the base tables (counts, totals, the runs' search index), with
/// the rows it should hold worked out from scratch: what `refill` puts in it after a bulk load
/// (the generator, `doctor --repair`), and what `doctor` compares it with. Money is compared to
/// the cent: sums kept by adding and taking away can differ from a fresh sum far below a cent.
public struct KeptTable: Sendable {
    let table: String
    /// What its rows count, for messages: `the alerts`.
    let what: String
    let columns: [String]
    let money: Set<String>
    /// Columns no two rows share all of, compared with `=` so that matching a large kept table
    /// goes through an index SQLite builds for the comparison instead of pairing every two rows.
    var key: [String] = []
    /// The rows it should hold, from the base tables, with `columns` as column names.
    let rows: String
    /// The rows that matter: a count taken back to 0 may stay as a row.
    let matters: String

    private func select(from source: String) -> String {
        "SELECT \(columns.joined(separator: ", ")) FROM \(source) WHERE \(matters)"
    }

    /// The rows it should hold that matter.
    var expectedRows: String { select(from: "(\(rows))") }
    /// The rows it holds that matter.
    var keptRows: String { select(from: table) }

    /// The rows of `these` with no equal row in `those`: money within half a cent (rounding both
    /// to cents would part 12.345000001 from 12.344999999), every other column the same.
    func unmatched(_ these: String, in those: String) -> String {
        guard !money.isEmpty else { return "\(these) EXCEPT \(those)" }
        let match = columns.map {
            money.contains($0) ? "abs(a.\($0) - b.\($0)) < 0.005" : key.contains($0) ? "a.\($0) = b.\($0)" : "a.\($0) IS b.\($0)"
        }.joined(separator: " AND ")
        return "SELECT * FROM (\(these)) a WHERE NOT EXISTS (SELECT 1 FROM (\(those)) b WHERE \(match))"
    }

    func exists(_ db: Database) throws -> Bool { try db.tableExists(table) }

    /// The tables the store's writers write, which the kept tables are worked out from.
    public static let baseTables = ["teams", "pipelines", "models", "model_tags", "model_versions", "pipeline_runs", "run_steps",
                             "metric_points", "drift_alerts", "alert_events", "maturity_assessments"]

    /// The text a run is found by with `/` (aliases r, p, m: the run, its pipeline, its model): the
    /// words migration v6 keeps in run_search for every run (a test holds the two equal), and
    /// what a filter matches where run_search cannot answer. Changing it needs a new migration
    /// that rebuilds run_search and its triggers.
    static let runSearchText = """
        r.status || ' ' || p.name || ' ' || coalesce(r.name, '') || ' ' || m.name || ' ' || r.kind || ' ' || r.trigger \
        || ' ' || coalesce(r.error, '') || ' ' || r.external_id
        """

    /// An alert that counts towards value at risk while its snooze runs: critical and not resolved.
    static let holdsRisk = "(a.severity = 'critical' AND a.status IN ('open', 'acknowledged', 'snoozed'))"
    /// What a model adds to value at risk while it holds a critical alert.
    static let riskValue = "(CASE WHEN m.stage = 'production' THEN coalesce(m.business_value, 0) ELSE 0 END)"

    static let modelCriticalRows = """
        SELECT m.id AS model_id, m.team_id AS team_id, count(*) AS alerts, \(riskValue) AS value
        FROM drift_alerts a JOIN models m ON m.id = a.model_id WHERE \(holdsRisk) GROUP BY m.id
        """

    static let all = [
        KeptTable(table: "row_counts", what: "the runs and alerts it counts", columns: ["name", "rows"], money: [],
                   rows: "SELECT 'pipeline_runs' AS name, count(*) AS rows FROM pipeline_runs UNION ALL SELECT 'drift_alerts', count(*) FROM drift_alerts",
                   matters: "1"),
        KeptTable(table: "alert_counts", what: "the alerts it counts by status and severity", columns: ["status", "severity", "alerts"], money: [],
                   rows: "SELECT status, severity, count(*) AS alerts FROM drift_alerts GROUP BY status, severity",
                   matters: "alerts <> 0"),
        KeptTable(table: "model_totals", what: "the models it totals by team and stage",
                   columns: ["team_id", "stage", "models", "value", "serving"], money: ["value", "serving"],
                   rows: """
                       SELECT team_id, stage, count(*) AS models, sum(coalesce(business_value, 0)) AS value,
                         sum(coalesce(serving_cost_per_month, 0)) AS serving FROM models GROUP BY team_id, stage
                       """,
                   matters: "models <> 0 OR round(value, 2) <> 0 OR round(serving, 2) <> 0"),
        KeptTable(table: "model_critical", what: "the models holding an active critical alert",
                   columns: ["model_id", "team_id", "alerts", "value"], money: ["value"], rows: modelCriticalRows, matters: "alerts > 0"),
        KeptTable(table: "risk_totals", what: "the value at risk of each team's models", columns: ["team_id", "value"], money: ["value"],
                   rows: "SELECT team_id, sum(value) AS value FROM (\(modelCriticalRows)) GROUP BY team_id",
                   matters: "round(value, 2) <> 0"),
        KeptTable(table: "run_search", what: "the runs' text", columns: ["rowid", "text"], money: [],
                   rows: """
                       SELECT r.id AS rowid, \(runSearchText) AS text
                       FROM pipeline_runs r JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id
                       """,
                   matters: "1"),
        KeptTable(table: "run_days", what: "the runs it sums by day",
                   columns: ["day", "team_id", "production", "finish_day", "runs", "automatic", "cost", "finished", "succeeded"], money: ["cost"],
                   key: ["day", "team_id", "production", "finish_day"],
                   rows: """
                       SELECT day, team_id, production, finish_day, count(*) AS runs, sum(automatic) AS automatic, sum(cost) AS cost,
                         sum(finished) AS finished, sum(succeeded) AS succeeded
                       FROM run_day_facts GROUP BY day, team_id, production, finish_day
                       """,
                   matters: "runs <> 0 OR automatic <> 0 OR round(cost, 2) <> 0 OR finished <> 0 OR succeeded <> 0"),
        // After run_days, which it is worked out from.
        KeptTable(table: "run_weeks", what: "the runs it sums by week",
                   columns: ["team_id", "production", "week", "late", "runs", "automatic", "cost", "finished", "succeeded"], money: ["cost"],
                   key: ["week", "team_id", "production", "late"],
                   rows: "SELECT team_id, production, week, late, runs, automatic, cost, finished, succeeded FROM run_week_rows",
                   matters: "runs <> 0 OR automatic <> 0 OR round(cost, 2) <> 0 OR finished <> 0 OR succeeded <> 0"),
        KeptTable(table: "deployment_facts", what: "the succeeded deployments' lead-time and failure facts",
                   columns: ["run_id", "model_id", "finished_at", "first_training_at", "failure_at"], money: [], key: ["run_id"],
                   rows: "SELECT run_id, model_id, finished_at, first_training_at, failure_at FROM deployment_fact_rows", matters: "1"),
        KeptTable(table: "alert_facts", what: "the alerts' first assignment, note and response",
                   columns: ["alert_id", "model_id", "opened_at", "assigned_now", "first_assigned_at", "first_note_at", "first_response_at"],
                   money: [], key: ["alert_id"],
                   rows: """
                       SELECT alert_id, model_id, opened_at, assigned_now, first_assigned_at, first_note_at, first_response_at
                       FROM alert_fact_rows
                       """,
                   matters: "1"),
        // After alert_facts, which it is worked out from.
        KeptTable(table: "alert_weeks", what: "the alerts' answers it sums by team and week",
                   columns: ["week", "team_id", "assigned", "noted", "seconds"], money: [], key: ["week", "team_id"],
                   rows: "SELECT week, team_id, assigned, noted, seconds FROM alert_week_rows", matters: "1"),
        KeptTable(table: "actor_days", what: "who acted for each team by day", columns: ["team_id", "person", "day", "acts"], money: [],
                   key: ["team_id", "person", "day"],
                   rows: """
                       SELECT team_id, person, day, count(*) AS acts FROM (
                         SELECT team_id, person, day FROM actor_event_facts UNION ALL SELECT team_id, person, day FROM actor_run_facts)
                       GROUP BY team_id, person, day
                       """,
                   matters: "acts <> 0"),
        KeptTable(table: "alert_team_counts", what: "the alerts it counts by team, status and severity",
                   columns: ["team_id", "status", "severity", "alerts"], money: [],
                   rows: "SELECT team_id, status, severity, count(*) AS alerts FROM alert_team_facts GROUP BY team_id, status, severity",
                   matters: "alerts <> 0"),
        KeptTable(table: "metric_series", what: "the models' metric series and their latest points",
                   columns: ["model_id", "name", "last_at"], money: [], key: ["model_id", "name"],
                   rows: "SELECT model_id, name, last_at FROM metric_series_rows", matters: "1"),
        KeptTable(table: "automatic_run_series", what: "the models' latest automatic evaluation and deployment runs",
                   columns: ["model_id", "kind", "last_at"], money: [], key: ["model_id", "kind"],
                   rows: "SELECT model_id, kind, last_at FROM automatic_run_series_rows", matters: "1"),
        KeptTable(table: "restoration_facts", what: "the alert resolutions' times to restore",
                   columns: ["alert_id", "seq", "model_id", "severity", "resolved_at", "began_at"], money: [], key: ["alert_id", "seq"],
                   rows: "SELECT alert_id, seq, model_id, severity, resolved_at, began_at FROM restoration_fact_rows", matters: "1"),
        // After actor_days, which it is worked out from.
        KeptTable(table: "actor_last", what: "the last day each of a team's people acted",
                   columns: ["team_id", "person", "last_day"], money: [], key: ["team_id", "person"],
                   rows: "SELECT team_id, person, last_day FROM actor_last_rows", matters: "1"),
    ]

    /// Every kept table emptied and filled from scratch, in order (risk_totals after model_critical,
    /// run_weeks after run_days, alert_weeks after alert_facts, actor_last after actor_days).
    static let refillSQL = all.map { kept in
        "DELETE FROM \(kept.table);\nINSERT INTO \(kept.table) (\(kept.columns.joined(separator: ", "))) \(kept.rows);"
    }.joined(separator: "\n")

    /// Runs `refillSQL` with the kept tables' own triggers (those that keep one kept table from
    /// another) set aside, and puts them back: the refill fills each anyway, and they worked each
    /// row again as it was written — alert_facts' a team's week per alert, 200k times on the
    /// benchmark's 100k alerts.
    static func refill(_ db: Database) throws {
        let triggers = try setTriggersAside(db, on: all.map(\.table))
        try db.execute(sql: refillSQL)
        try putBack(triggers, db)
    }

    /// Drops the triggers on `tables` (every trigger when nil), in the caller's transaction, and
    /// returns them, in the order they were made, for `putBack`.
    static func setTriggersAside(_ db: Database, on tables: [String]?) throws -> [(name: String, sql: String)] {
        let on = tables.map { " AND tbl_name IN (\($0.map { "'\($0)'" }.joined(separator: ", ")))" } ?? ""
        let triggers = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'\(on) ORDER BY rowid")
            .map { (name: $0["name"] as String, sql: $0["sql"] as String) }
        for trigger in triggers { try db.execute(sql: "DROP TRIGGER \(trigger.name.quotedDatabaseIdentifier)") }
        return triggers
    }

    /// Creates again triggers `setTriggersAside` dropped, from their own text.
    static func putBack(_ triggers: [(name: String, sql: String)], _ db: Database) throws {
        for trigger in triggers { try db.execute(sql: trigger.sql) }
    }
}
