import GRDB

/// Keeps the kept tables through a batch of event writes (runs, metric points, alerts) made with
/// the triggers of the tables those events write set aside, as a bulk load does, but for a store
/// that already holds data: the writes note what they touch, and `settle` brings each kept table
/// up to them with a few statements over the batch instead of a trigger program per row.
///
/// Why: a run written with its triggers cost ~190 µs in SQLite alone, ~20 µs without (measured
/// with prepared statements on the 10k-run store; BENCHMARKS.md, "Writes at the disk's pace"). Most of the
/// difference is the runs' search index: FTS5 writes its pending terms to disk at every statement
/// savepoint, and every statement that fires a trigger opens one, so each run became a segment.
///
/// What each kept table gets, in terms of the rows the batch touched (the runs and alerts it
/// wrote, the metric series it added points to), from the views that define the kept tables' rows
/// (the migrations'), which the triggers read too; the few conditions the triggers spell out
/// themselves (which runs count towards automatic_run_series, which runs and alerts move
/// deployment_facts) are said again here, and `KeptBatchTests` holds the two ways equal:
/// - sums (run_days, actor_days, alert_counts, alert_team_counts, row_counts): the touched rows'
///   facts before the batch (noted before each first change) taken away, their facts after added;
/// - latest or derived rows (run_search, automatic_run_series, metric_series, deployment_facts,
///   alert_facts, restoration_facts, model_critical): worked out again for the touched runs, models
///   and alerts.
/// - alert_weeks (v20): each team and week a touched settled alert was in (noted before its first
///   change) or is in now, worked out again from its alerts, once per batch; alert_facts' triggers, which
///   would work it out for every alert fact rewritten, are set aside with the others.
/// actor_last, risk_totals and run_weeks are kept from actor_days, model_critical and run_days by
/// their own triggers, which stay in place. A test holds every kept table equal to its view after batches of every
/// kind of change (`KeptBatchTests`), and `doctor` checks them as always.
///
/// The triggers are dropped and created again from their own text inside the write transaction,
/// so no other connection ever sees the store without them.
///
/// The tables' CHECKs are off for the batch too: every value a batch writes is checked before it
/// is written (vocabulary words and time order, by `RunRecord.run` for the ingest and
/// `RecordDecoder` for the import), and each `x IN (…)` CHECK opened a temporary b-tree per row
/// (BulkLoad's finding; a quarter of an import's writing). Turning checks back on expires every
/// prepared statement, so none prepared during the batch is reused without them.
final class KeptBatch {
    /// The tables the batch writes, whose triggers it sets aside. (run_steps has only the type
    /// checks every table has, which a trigger program per step made a quarter of an import's
    /// writing; the steps an import writes are typed by its decoder.)
    static let writtenTables = ["pipeline_runs", "run_steps", "metric_points", "drift_alerts", "alert_events"]
    /// Kept tables whose own triggers keep another (alert_facts keeps alert_weeks, v20), set
    /// aside too: `settle` rewrites the batch's alert facts, and their triggers worked a team's
    /// week out again for each (~0.4 ms an alert on a million runs), where `settle` works out
    /// each touched team and week once.
    static let settledTables = ["alert_facts"]

    // The statements over the kept_batch_ tables read them first (`CROSS JOIN` keeps that order):
    // SQLite knows nothing of their size, and otherwise walked every run of a kind or trigger.

    /// The runs that count towards automatic_run_series (as its view, automatic_run_series_rows,
    /// counts them), each with its time.
    static let automaticRuns = """
        SELECT id, model_id, kind, coalesce(started_at, queued_at) AS at FROM pipeline_runs
        WHERE trigger <> 'manual' AND kind IN ('evaluation', 'deployment') AND coalesce(started_at, queued_at) IS NOT NULL
        """
    /// What the runs whose id is `ids` may change in deployment_facts by: their model's version
    /// (its first deployment and first training), and the start of a failed or rolled-back
    /// deployment, which may be the failure of the model's deployments of the week before it.
    /// Migration v13's triggers recompute that week for every deployment and training run; no
    /// other run is a failure (deployment_fact_rows), and with a thousand models' runs in a
    /// batch that week's deployments were most of its settling (docs/BENCHMARKS.md).
    static func deploymentRunKeys(_ ids: String) -> String {
        """
        SELECT model_id, model_version, CASE WHEN kind = 'deployment' AND (status = 'failed' OR is_rollback = 1) THEN coalesce(started_at, queued_at) END, NULL
        FROM pipeline_runs WHERE id \(ids) AND +kind IN ('deployment', 'training')
        """
    }

    /// What the alerts whose id is `ids` may change in deployment_facts by (as migration v13's
    /// triggers on alerts read it).
    static func deploymentAlertKeys(_ ids: String) -> String {
        "SELECT model_id, NULL, NULL, opened_at FROM drift_alerts WHERE id \(ids) AND severity = 'critical'"
    }

    private let db: Database
    /// Whether the store has v20's alert_weeks to keep (a store being migrated may not yet).
    private let keepsAlertWeeks: Bool
    private var triggers: [(name: String, sql: String)] = []
    private let cacheSize: Int
    /// Runs and alerts touched since the last `settle`, and whether each existed before it.
    private var runs: [Int64: Bool] = [:]
    private var alerts: Set<Int64> = []
    private var createdRuns = 0
    private var createdAlerts = 0
    /// The newest new point of each metric series touched: series only grow by new points.
    private var series: [SeriesKey: Int64] = [:]

    private struct SeriesKey: Hashable {
        var model: Int64
        var name: StoreText
    }

    /// Sets the triggers aside for the rest of the caller's write transaction.
    init(_ db: Database) throws {
        self.db = db
        keepsAlertWeeks = try db.tableExists("alert_weeks")
        // A bulk write's pages stay in memory until the commit instead of spilling to the WAL
        // mid-transaction (a seventh of an ingest in a profile); given back by `restore`.
        cacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2_000
        try db.execute(sql: """
            CREATE TEMP TABLE IF NOT EXISTS kept_batch_runs (id INTEGER PRIMARY KEY, existed INTEGER NOT NULL);
            CREATE TEMP TABLE IF NOT EXISTS kept_batch_alerts (id INTEGER PRIMARY KEY);
            CREATE TEMP TABLE IF NOT EXISTS kept_batch_run_days (day, team_id, production, finish_day, runs, automatic, cost, finished, succeeded);
            CREATE TEMP TABLE IF NOT EXISTS kept_batch_actors (team_id, person, day, acts);
            CREATE TEMP TABLE IF NOT EXISTS kept_batch_alert_counts (team_id, status, severity, alerts);
            CREATE TEMP TABLE IF NOT EXISTS kept_batch_alert_weeks (team_id, week);
            CREATE TEMP TABLE IF NOT EXISTS kept_batch_automatic (run_id, model_id, kind, at, sign);
            CREATE TEMP TABLE IF NOT EXISTS kept_batch_deployment_keys (model_id, model_version, started, opened);
            CREATE TEMP TABLE IF NOT EXISTS kept_batch_deployments (id INTEGER PRIMARY KEY);
            CREATE TEMP TABLE IF NOT EXISTS kept_batch_search (id INTEGER PRIMARY KEY, existed INTEGER NOT NULL);
            DELETE FROM kept_batch_search;
            """)
        try clear()
        triggers = try KeptTable.setTriggersAside(db, on: Self.writtenTables + Self.settledTables)
        // Last, once nothing above can fail: a batch that failed to begin has nothing to give back.
        try db.execute(sql: "PRAGMA cache_size = -65536")
        try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
    }

    /// Settles what is pending and puts the triggers back.
    func restore() throws {
        try settle(series: true)
        try KeptTable.putBack(triggers, db)
        triggers = []
        try abandon()
    }

    /// Puts the checks back and gives back the page cache: all there is to undo when the
    /// transaction is rolled back (which puts the triggers back by itself).
    func abandon() throws {
        try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        try db.execute(sql: "PRAGMA cache_size = \(cacheSize)")
    }

    // MARK: - What the writes note

    /// Before run `id`, which the store holds, is changed: its facts as they were.
    func runChanging(_ id: Int64) throws {
        guard runs[id] == nil else { return }
        runs[id] = true
        try db.cachedStatement(sql: "INSERT INTO kept_batch_runs (id, existed) VALUES (?, 1)").execute(arguments: [id])
        try db.cachedStatement(sql: """
            INSERT INTO kept_batch_run_days SELECT day, team_id, production, finish_day, -1, -automatic, -cost, -finished, -succeeded
            FROM run_day_facts WHERE run_id = ?
            """).execute(arguments: [id])
        try db.cachedStatement(sql: "INSERT INTO kept_batch_actors SELECT team_id, person, day, -1 FROM actor_run_facts WHERE run_id = ?")
            .execute(arguments: [id])
        try db.cachedStatement(sql: "INSERT INTO kept_batch_automatic SELECT id, model_id, kind, at, -1 FROM (\(Self.automaticRuns)) WHERE id = ?")
            .execute(arguments: [id])
        try db.cachedStatement(sql: "INSERT INTO kept_batch_deployment_keys \(Self.deploymentRunKeys("= ?"))").execute(arguments: [id])
    }

    /// After run `id` was written (created, or changed after `runChanging`).
    func runWritten(_ id: Int64, created: Bool) throws {
        guard runs[id] == nil else { return }
        runs[id] = false
        if created { createdRuns += 1 }
        try db.cachedStatement(sql: "INSERT INTO kept_batch_runs (id, existed) VALUES (?, 0)").execute(arguments: [id])
    }

    /// A new point of metric series (`model`, `name`) at `at`.
    func pointCreated(model: Int64, name: String, at: Int64) {
        let key = SeriesKey(model: model, name: StoreText(name))
        // One look-up through the dictionary's in-place access: hashing the name was most of it.
        Self.raise(&series[key, default: .min], to: at)
    }

    private static func raise(_ last: inout Int64, to at: Int64) {
        if last < at { last = at }
    }

    /// Before alerts `ids`, which the store holds, may change: their facts as they were.
    func alertsChanging(_ ids: [Int64]) throws {
        for id in ids where alerts.insert(id).inserted {
            try db.cachedStatement(sql: "INSERT INTO kept_batch_alerts (id) VALUES (?)").execute(arguments: [id])
            try db.cachedStatement(sql: "INSERT INTO kept_batch_alert_counts SELECT team_id, status, severity, -1 FROM alert_team_facts WHERE alert_id = ?")
                .execute(arguments: [id])
            try db.cachedStatement(sql: "INSERT INTO kept_batch_actors SELECT team_id, person, day, -1 FROM actor_event_facts WHERE alert_id = ?")
                .execute(arguments: [id])
            try db.cachedStatement(sql: "INSERT INTO kept_batch_deployment_keys \(Self.deploymentAlertKeys("= ?"))").execute(arguments: [id])
            if keepsAlertWeeks {
                try db.cachedStatement(sql: "INSERT INTO kept_batch_alert_weeks SELECT team_id, week FROM alert_week_facts WHERE alert_id = ?")
                    .execute(arguments: [id])
            }
        }
    }

    /// After alert `id` was written (created, or changed after `alertsChanging`).
    func alertWritten(_ id: Int64, created: Bool) throws {
        guard alerts.insert(id).inserted else { return }
        if created { createdAlerts += 1 }
        try db.cachedStatement(sql: "INSERT INTO kept_batch_alerts (id) VALUES (?)").execute(arguments: [id])
    }

    // MARK: - Settling

    /// Brings every kept table up to the writes noted since the last call.
    func settle() throws {
        try settle(series: series.count >= Self.seriesHeld)
    }

    /// Runs whose search text is written once they are this many, or when the batch ends, rather
    /// than each chunk: FTS5 makes a segment of each write and merges them, and once it is written
    /// in a transaction every later statement with a statement journal calls its savepoint method
    /// (5% of an ingest's writing in a profile; a CI fleet's million lines 13.4 → 12.8 s).
    private static let searchHeld = 262_144
    private var searchRuns = 0

    /// Series noted before their upserts: a chunk of points touches most of the same series as
    /// the chunk before (an import's point chunks upserted each model's series anew each time,
    /// a twentieth of its writing), so they are held across chunks up to this many (~100 bytes
    /// each). Since v18 each upsert that raises a series' newest point also moves it in
    /// `metric_series_last_at`: a CI fleet's million lines over 70k series upserted each series
    /// again every time 65,536 were held, once now (docs/BENCHMARKS.md).
    private static let seriesHeld = 262_144

    private func settle(series flushSeries: Bool) throws {
        defer { runs = [:]; alerts = []; createdRuns = 0; createdAlerts = 0 }
        if !runs.isEmpty { try settleRuns() }
        if !alerts.isEmpty { try settleAlerts() }
        if !runs.isEmpty || !alerts.isEmpty {
            // Sums: what the touched rows add now, less what they added before.
            try execute("""
                INSERT INTO actor_days (team_id, person, day, acts)
                  SELECT team_id, person, day, sum(acts) FROM kept_batch_actors GROUP BY team_id, person, day HAVING sum(acts) <> 0
                  ON CONFLICT (team_id, person, day) DO UPDATE SET acts = acts + excluded.acts;
                DELETE FROM actor_days WHERE acts <= 0
                  AND (team_id, person, day) IN (SELECT team_id, person, day FROM kept_batch_actors);
                """)
            // A deployment's facts read its model's runs of its version (only the version's first
            // succeeded deployment has a first training), its failures and rollbacks in the week
            // after, and the critical alerts opened in that week: worked out again for the touched
            // runs; for each version a touched run had or has, its first succeeded deployment now
            // and the one that was first (the one whose kept first training is set: a deployment
            // that was first with none, and is no longer, keeps none); and the succeeded
            // deployments in the week before a touched run or critical alert, before and after.
            // (The triggers re-read every deployment of the version instead: the same facts, but
            // per chunk a cost that grows with the history.)
            try execute("""
                INSERT INTO kept_batch_deployment_keys \(Self.deploymentRunKeys("IN (SELECT id FROM kept_batch_runs)"));
                INSERT INTO kept_batch_deployment_keys \(Self.deploymentAlertKeys("IN (SELECT id FROM kept_batch_alerts)"));
                INSERT OR IGNORE INTO kept_batch_deployments (id)
                  SELECT id FROM kept_batch_runs
                  UNION SELECT first FROM (SELECT (SELECT p.id FROM pipeline_runs p
                      WHERE p.model_id = k.model_id AND p.model_version = k.model_version AND p.kind = 'deployment' AND p.status = 'succeeded'
                        AND p.finished_at IS NOT NULL
                      ORDER BY p.finished_at, p.id LIMIT 1) AS first
                    FROM (SELECT DISTINCT model_id, model_version FROM kept_batch_deployment_keys WHERE model_version IS NOT NULL) k)
                    WHERE first IS NOT NULL
                  UNION SELECT p.id FROM kept_batch_deployment_keys k CROSS JOIN pipeline_runs p CROSS JOIN deployment_facts f
                    ON p.model_id = k.model_id AND p.model_version = k.model_version AND p.kind = 'deployment'
                    AND f.run_id = p.id AND f.first_training_at IS NOT NULL
                  UNION SELECT p.id FROM kept_batch_deployment_keys k CROSS JOIN pipeline_runs p
                    ON p.model_id = k.model_id AND p.kind = 'deployment' AND p.status = 'succeeded'
                    AND p.finished_at >= coalesce(k.started, k.opened) - 604800 AND p.finished_at < coalesce(k.started, k.opened);
                DELETE FROM deployment_facts WHERE run_id IN (SELECT id FROM kept_batch_runs);
                INSERT INTO deployment_facts (run_id, model_id, finished_at, first_training_at, failure_at)
                  SELECT d.run_id, d.model_id, d.finished_at, d.first_training_at, d.failure_at
                  FROM kept_batch_deployments t CROSS JOIN deployment_fact_rows d ON d.run_id = t.id WHERE true
                  ON CONFLICT (run_id) DO UPDATE SET model_id = excluded.model_id, finished_at = excluded.finished_at,
                    first_training_at = excluded.first_training_at, failure_at = excluded.failure_at;
                """)
        }
        if searchRuns > 0, flushSeries || searchRuns >= Self.searchHeld {
            try execute("""
                DELETE FROM run_search WHERE rowid IN (SELECT id FROM kept_batch_search WHERE existed);
                INSERT INTO run_search (rowid, text) SELECT r.id, \(KeptTable.runSearchText)
                  FROM kept_batch_search t CROSS JOIN pipeline_runs r ON r.id = t.id JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id;
                DELETE FROM kept_batch_search;
                """)
            searchRuns = 0
        }
        if flushSeries, !series.isEmpty {
            defer { series = [:] }
            let upsert = try db.cachedStatement(sql: """
                INSERT INTO metric_series (model_id, name, last_at) VALUES (?, ?, ?)
                  ON CONFLICT (model_id, name) DO UPDATE SET last_at = max(last_at, excluded.last_at)
                """)
            for (key, last) in series { try upsert.write([.int(key.model), .text(key.name.text), .int(last)]) }
        }
        try clear()
    }

    private func settleRuns() throws {
        try execute("""
            INSERT INTO kept_batch_run_days SELECT day, team_id, production, finish_day, 1, automatic, cost, finished, succeeded
              FROM run_day_facts WHERE run_id IN (SELECT id FROM kept_batch_runs);
            INSERT INTO run_days (day, team_id, production, finish_day, runs, automatic, cost, finished, succeeded)
              SELECT day, team_id, production, finish_day, sum(runs), sum(automatic), sum(cost), sum(finished), sum(succeeded)
              FROM kept_batch_run_days GROUP BY day, team_id, production, finish_day
              HAVING sum(runs) <> 0 OR sum(automatic) <> 0 OR sum(cost) <> 0 OR sum(finished) <> 0 OR sum(succeeded) <> 0
              ON CONFLICT (day, team_id, production, finish_day) DO UPDATE SET runs = runs + excluded.runs,
                automatic = automatic + excluded.automatic, cost = cost + excluded.cost,
                finished = finished + excluded.finished, succeeded = succeeded + excluded.succeeded;
            INSERT INTO kept_batch_actors SELECT f.team_id, f.person, f.day, 1 FROM kept_batch_runs t CROSS JOIN actor_run_facts f ON f.run_id = t.id;
            INSERT INTO kept_batch_search (id, existed) SELECT id, existed FROM kept_batch_runs WHERE true
              ON CONFLICT (id) DO UPDATE SET existed = existed OR excluded.existed;
            """)
        searchRuns += runs.count
        // A model's latest automatic run only moves on by the runs written, except where a run
        // that counted before no longer counts at the same time: those series are worked out again.
        try execute("""
            INSERT INTO kept_batch_automatic SELECT a.id, a.model_id, a.kind, a.at, 1 FROM kept_batch_runs t CROSS JOIN (\(Self.automaticRuns)) a ON a.id = t.id;
            INSERT INTO automatic_run_series (model_id, kind, last_at)
              SELECT model_id, kind, max(at) FROM kept_batch_automatic WHERE sign = 1 GROUP BY model_id, kind
              ON CONFLICT (model_id, kind) DO UPDATE SET last_at = max(last_at, excluded.last_at);
            """)
        let moved = try Row.fetchAll(db, sql: """
            SELECT DISTINCT model_id, kind FROM (
              SELECT run_id, model_id, kind, at FROM kept_batch_automatic WHERE sign = -1
              EXCEPT SELECT run_id, model_id, kind, at FROM kept_batch_automatic WHERE sign = 1)
            """)
        for key in moved {
            let arguments: StatementArguments = [key["model_id"] as Int64, key["kind"] as String]
            try db.cachedStatement(sql: "DELETE FROM automatic_run_series WHERE model_id = ? AND kind = ?").execute(arguments: arguments)
            try db.cachedStatement(sql: """
                INSERT INTO automatic_run_series (model_id, kind, last_at)
                  SELECT model_id, kind, last_at FROM automatic_run_series_rows WHERE model_id = ? AND kind = ?
                """).execute(arguments: arguments)
        }
        try db.cachedStatement(sql: "UPDATE row_counts SET rows = rows + ? WHERE name = 'pipeline_runs'").execute(arguments: [createdRuns])
    }

    private func settleAlerts() throws {
        try execute("""
            INSERT INTO kept_batch_alert_counts SELECT team_id, status, severity, 1 FROM alert_team_facts
              WHERE alert_id IN (SELECT id FROM kept_batch_alerts);
            INSERT INTO kept_batch_actors SELECT team_id, person, day, 1 FROM actor_event_facts WHERE alert_id IN (SELECT id FROM kept_batch_alerts);
            INSERT INTO alert_counts (status, severity, alerts)
              SELECT status, severity, sum(alerts) FROM kept_batch_alert_counts GROUP BY status, severity HAVING sum(alerts) <> 0
              ON CONFLICT (status, severity) DO UPDATE SET alerts = alerts + excluded.alerts;
            INSERT INTO alert_team_counts (team_id, status, severity, alerts)
              SELECT team_id, status, severity, sum(alerts) FROM kept_batch_alert_counts GROUP BY team_id, status, severity HAVING sum(alerts) <> 0
              ON CONFLICT (team_id, status, severity) DO UPDATE SET alerts = alerts + excluded.alerts;
            DELETE FROM alert_facts WHERE alert_id IN (SELECT id FROM kept_batch_alerts);
            INSERT INTO alert_facts (alert_id, model_id, opened_at, assigned_now, first_assigned_at, first_note_at, first_response_at)
              SELECT alert_id, model_id, opened_at, assigned_now, first_assigned_at, first_note_at, first_response_at FROM alert_fact_rows
              WHERE alert_id IN (SELECT id FROM kept_batch_alerts);
            DELETE FROM restoration_facts WHERE alert_id IN (SELECT id FROM kept_batch_alerts);
            INSERT INTO restoration_facts (alert_id, seq, model_id, severity, resolved_at, began_at)
              SELECT alert_id, seq, model_id, severity, resolved_at, began_at FROM restoration_fact_rows
              WHERE alert_id IN (SELECT id FROM kept_batch_alerts);
            """)
        if keepsAlertWeeks { try settleAlertWeeks() }
        for model in try Int64.fetchAll(db, sql: "SELECT DISTINCT model_id FROM drift_alerts WHERE id IN (SELECT id FROM kept_batch_alerts)") {
            try db.cachedStatement(sql: "DELETE FROM model_critical WHERE model_id = ?").execute(arguments: [model])
            try db.cachedStatement(sql: """
                INSERT INTO model_critical (model_id, team_id, alerts, value)
                  SELECT model_id, team_id, alerts, value FROM (\(KeptTable.modelCriticalRows)) WHERE model_id = ?
                """).execute(arguments: [model])
        }
        try db.cachedStatement(sql: "UPDATE row_counts SET rows = rows + ? WHERE name = 'drift_alerts'").execute(arguments: [createdAlerts])
    }

    /// v20's triggers' statement for one team (?1) and week (?2).
    private static let rebuildAlertWeek = StoreSchema.rebuild("SELECT ?1 AS team_id, ?2 AS week")

    /// alert_weeks brought up to the batch's alert facts: each team and week a settled alert was
    /// in (noted by `alertsChanging`) or is in now worked out again from its alerts, as v20's
    /// triggers work out one (with their statement), a bound key at a time: with the keys in a
    /// table SQLite walked every alert fact of ±4·10¹² s (the view's bound on times reads to it as
    /// a range). Only settled alerts are in a week's row, so an alert that was and is unsettled (a
    /// drift check opening an alert no one has answered: most of a CI fleet's) changes none.
    private func settleAlertWeeks() throws {
        try db.cachedStatement(sql: "INSERT INTO kept_batch_alert_weeks SELECT team_id, week FROM alert_week_facts WHERE alert_id IN (SELECT id FROM kept_batch_alerts)")
            .execute()
        for key in try Row.fetchAll(db, sql: "SELECT DISTINCT team_id, week FROM kept_batch_alert_weeks") {
            // Whole numbers as the view gives them; anything else is no week's row.
            guard let team = Int64.fromDatabaseValue(key[0]), let week = Int64.fromDatabaseValue(key[1]) else { continue }
            try db.cachedStatement(sql: "DELETE FROM alert_weeks WHERE week = ? AND team_id = ?").execute(arguments: [week, team])
            try db.cachedStatement(sql: Self.rebuildAlertWeek).execute(arguments: [team, week])
        }
    }

    private func clear() throws {
        try execute("""
            DELETE FROM kept_batch_runs;
            DELETE FROM kept_batch_alerts;
            DELETE FROM kept_batch_run_days;
            DELETE FROM kept_batch_actors;
            DELETE FROM kept_batch_alert_counts;
            DELETE FROM kept_batch_alert_weeks;
            DELETE FROM kept_batch_automatic;
            DELETE FROM kept_batch_deployment_keys;
            DELETE FROM kept_batch_deployments;
            """)
    }

    /// Runs statements that each end a line with `;`, each prepared once for the connection:
    /// a chunk settles with the same dozen statements every time.
    private func execute(_ sql: String) throws {
        for statement in sql.components(separatedBy: ";\n") where !statement.allSatisfy(\.isWhitespace) {
            try db.cachedStatement(sql: statement).execute()
        }
    }
}
