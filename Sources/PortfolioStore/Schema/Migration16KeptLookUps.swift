import GRDB

extension StoreSchema {
    /// v16: what the window figures still looked up once per alert, per production model or per
    /// person of the portfolio, or sorted by team, kept so that each is a few rows.
    ///
    /// `alert_team_counts` counts the alerts of each team by status and severity (`alert_counts`
    /// of v5, by team), so each team's active alerts are a few rows, not every active alert joined
    /// to its model. `alert_team_facts` says once which team, status and severity an alert counts
    /// under; triggers take away what it says before a write and add it after (an alert changing
    /// model, status or severity, a model changing team), and drop a count that is spent.
    ///
    /// `metric_series` holds each model's metric series (model, name) with its latest point, so
    /// "a production model has a metric (or a `drift.` metric) in the window" looks at the model's
    /// few series: one whose latest point is inside the window has one; one whose latest point is
    /// at or before the window's start has none; only one whose latest point is after the window's
    /// end (an as-of in the past) is asked with one seek into metric_points' key (model, name, at).
    /// The metric_points key alone cannot answer for a model without walking its names' points.
    /// A point's insert raises its series' latest point; a delete or update works the series out
    /// again from `metric_series_rows` (one seek: the latest point of a (model, name) is the end of
    /// its key range).
    ///
    /// `automatic_run_series` does the same for each model's automatically triggered evaluation
    /// and deployment runs (the latest start of each kind, through runs_automatic), and
    /// `actor_last` for each team's people (the last day each acted, from v15's actor_days: kept
    /// by triggers on actor_days itself), so "has an automatic evaluation in the window" and "has
    /// a day in the window" are one row each, with a seek only when the latest is past the window.
    ///
    /// `run_days_by_team` covers run_days in team order, so a window's whole days are summed team
    /// by team as they are walked, without sorting the window's rows by team.
    /// Frozen: the text that shipped. A change to the schema is a new migration. What the triggers
    /// run is written once for the counts (`addAlerts`, `takeAlerts`) and once for the three kept
    /// latest rows (`raise`, `workOut`); the text they make is the one that shipped, byte for byte
    /// (MigrationTextTests holds its hash).
    static let v16 = Migration("v16-kept-look-ups", sql: """
        CREATE VIEW alert_team_facts AS
          SELECT a.id AS alert_id, a.model_id, m.team_id, a.status, a.severity
          FROM drift_alerts a JOIN models m ON m.id = a.model_id;

        CREATE TABLE alert_team_counts (
            team_id INTEGER NOT NULL, status TEXT NOT NULL, severity TEXT NOT NULL, alerts INTEGER NOT NULL,
            PRIMARY KEY (team_id, status, severity)) WITHOUT ROWID;
        INSERT INTO alert_team_counts (team_id, status, severity, alerts)
          SELECT team_id, status, severity, count(*) FROM alert_team_facts GROUP BY team_id, status, severity;

        CREATE TRIGGER drift_alerts_insert_team_counts AFTER INSERT ON drift_alerts BEGIN
        \(addAlerts("", "alert_id = NEW.id"))
        END;
        CREATE TRIGGER drift_alerts_delete_team_counts BEFORE DELETE ON drift_alerts BEGIN
        \(takeAlerts("alert_id = OLD.id"))
        END;
        CREATE TRIGGER drift_alerts_update_team_counts_before BEFORE UPDATE OF id, model_id, status, severity ON drift_alerts
          WHEN OLD.id IS NOT NEW.id OR OLD.model_id IS NOT NEW.model_id OR OLD.status IS NOT NEW.status
            OR OLD.severity IS NOT NEW.severity BEGIN
        \(takeAlerts("alert_id = OLD.id"))
        END;
        CREATE TRIGGER drift_alerts_update_team_counts_after AFTER UPDATE OF id, model_id, status, severity ON drift_alerts
          WHEN OLD.id IS NOT NEW.id OR OLD.model_id IS NOT NEW.model_id OR OLD.status IS NOT NEW.status
            OR OLD.severity IS NOT NEW.severity BEGIN
        \(addAlerts("", "alert_id = NEW.id"))
        END;
        CREATE TRIGGER models_update_team_counts_before BEFORE UPDATE OF id, team_id ON models
          WHEN OLD.id IS NOT NEW.id OR OLD.team_id IS NOT NEW.team_id BEGIN
        \(addAlerts("-", "model_id = OLD.id"))
            DELETE FROM alert_team_counts WHERE alerts <= 0 AND team_id = OLD.team_id;
        END;
        CREATE TRIGGER models_update_team_counts_after AFTER UPDATE OF id, team_id ON models
          WHEN OLD.id IS NOT NEW.id OR OLD.team_id IS NOT NEW.team_id BEGIN
        \(addAlerts("", "model_id = NEW.id"))
        END;

        CREATE VIEW metric_series_rows AS
          SELECT model_id, name, max(at) AS last_at FROM metric_points GROUP BY model_id, name;

        CREATE TABLE metric_series (
            model_id INTEGER NOT NULL, name TEXT NOT NULL, last_at INTEGER NOT NULL,
            PRIMARY KEY (model_id, name)) WITHOUT ROWID;
        INSERT INTO metric_series (model_id, name, last_at) SELECT model_id, name, last_at FROM metric_series_rows;

        CREATE TRIGGER metric_points_insert_series AFTER INSERT ON metric_points BEGIN
        \(raise("metric_series", ("model_id", "name"), "last_at", "NEW.model_id, NEW.name, NEW.at"))
        END;
        CREATE TRIGGER metric_points_delete_series AFTER DELETE ON metric_points BEGIN
        \(workOut("metric_series", ("model_id", "name"), "last_at", of: ["OLD"]))
        END;
        CREATE TRIGGER metric_points_update_series AFTER UPDATE OF model_id, name, at ON metric_points
          WHEN OLD.model_id IS NOT NEW.model_id OR OLD.name IS NOT NEW.name OR OLD.at IS NOT NEW.at BEGIN
        \(workOut("metric_series", ("model_id", "name"), "last_at", of: ["OLD", "NEW"]))
        END;

        CREATE VIEW automatic_run_series_rows AS
          SELECT model_id, kind, max(coalesce(started_at, queued_at)) AS last_at FROM pipeline_runs
          WHERE trigger <> 'manual' AND kind IN ('evaluation', 'deployment') AND coalesce(started_at, queued_at) IS NOT NULL
          GROUP BY model_id, kind;

        CREATE TABLE automatic_run_series (
            model_id INTEGER NOT NULL, kind TEXT NOT NULL, last_at INTEGER NOT NULL,
            PRIMARY KEY (model_id, kind)) WITHOUT ROWID;
        INSERT INTO automatic_run_series (model_id, kind, last_at) SELECT model_id, kind, last_at FROM automatic_run_series_rows;

        CREATE TRIGGER pipeline_runs_insert_automatic AFTER INSERT ON pipeline_runs
          WHEN NEW.trigger <> 'manual' AND NEW.kind IN ('evaluation', 'deployment') AND coalesce(NEW.started_at, NEW.queued_at) IS NOT NULL BEGIN
        \(raise("automatic_run_series", ("model_id", "kind"), "last_at", "NEW.model_id, NEW.kind, coalesce(NEW.started_at, NEW.queued_at)"))
        END;
        CREATE TRIGGER pipeline_runs_delete_automatic AFTER DELETE ON pipeline_runs
          WHEN OLD.trigger <> 'manual' AND OLD.kind IN ('evaluation', 'deployment') BEGIN
        \(workOut("automatic_run_series", ("model_id", "kind"), "last_at", of: ["OLD"]))
        END;
        CREATE TRIGGER pipeline_runs_update_automatic AFTER UPDATE OF model_id, kind, trigger, queued_at, started_at ON pipeline_runs
          WHEN OLD.model_id IS NOT NEW.model_id OR OLD.kind IS NOT NEW.kind OR OLD.trigger IS NOT NEW.trigger
            OR OLD.queued_at IS NOT NEW.queued_at OR OLD.started_at IS NOT NEW.started_at BEGIN
        \(workOut("automatic_run_series", ("model_id", "kind"), "last_at", of: ["OLD", "NEW"]))
        END;

        CREATE VIEW actor_last_rows AS
          SELECT team_id, person, max(day) AS last_day FROM actor_days GROUP BY team_id, person;

        CREATE TABLE actor_last (
            team_id INTEGER NOT NULL, person NOT NULL, last_day INTEGER NOT NULL,
            PRIMARY KEY (team_id, person)) WITHOUT ROWID;
        INSERT INTO actor_last (team_id, person, last_day) SELECT team_id, person, last_day FROM actor_last_rows;

        CREATE TRIGGER actor_days_insert_last AFTER INSERT ON actor_days BEGIN
        \(raise("actor_last", ("team_id", "person"), "last_day", "NEW.team_id, NEW.person, NEW.day"))
        END;
        CREATE TRIGGER actor_days_delete_last AFTER DELETE ON actor_days BEGIN
        \(workOut("actor_last", ("team_id", "person"), "last_day", of: ["OLD"]))
        END;
        CREATE TRIGGER actor_days_update_last AFTER UPDATE OF team_id, person, day ON actor_days
          WHEN OLD.team_id IS NOT NEW.team_id OR OLD.person IS NOT NEW.person OR OLD.day IS NOT NEW.day BEGIN
        \(workOut("actor_last", ("team_id", "person"), "last_day", of: ["OLD", "NEW"]))
        END;

        CREATE INDEX run_days_by_team ON run_days(team_id, production, day, finish_day, runs, automatic, cost, finished, succeeded);
        """)

    /// Adds the alerts `which` selects to their team's count by status and severity (`sign` "-"
    /// takes them away).
    private static func addAlerts(_ sign: String, _ which: String) -> String {
        """
            INSERT INTO alert_team_counts (team_id, status, severity, alerts)
              SELECT team_id, status, severity, \(sign)count(*) FROM alert_team_facts WHERE \(which) GROUP BY team_id, status, severity
              ON CONFLICT (team_id, status, severity) DO UPDATE SET alerts = alerts + excluded.alerts;
        """
    }

    /// Takes those alerts away, and the counts left with none.
    private static func takeAlerts(_ which: String) -> String {
        """
        \(addAlerts("-", which))
            DELETE FROM alert_team_counts WHERE alerts <= 0
              AND (team_id, status, severity) IN (SELECT team_id, status, severity FROM alert_team_facts WHERE \(which));
        """
    }

    /// Raises a kept latest row (`table` keyed by `key`, its latest in `last`) to `values` when later.
    private static func raise(_ table: String, _ key: (String, String), _ last: String, _ values: String) -> String {
        """
            INSERT INTO \(table) (\(key.0), \(key.1), \(last)) VALUES (\(values))
              ON CONFLICT (\(key.0), \(key.1)) DO UPDATE SET \(last) = max(\(last), excluded.\(last));
        """
    }

    /// Works out again, from the view `table`_rows, the kept latest rows of the keys of `rows`
    /// (OLD, or OLD and NEW).
    private static func workOut(_ table: String, _ key: (String, String), _ last: String, of rows: [String]) -> String {
        let match = rows.map { "\(key.0) = \($0).\(key.0) AND \(key.1) = \($0).\(key.1)" }
        let select = match.map { "SELECT \(key.0), \(key.1), \(last) FROM \(table)_rows WHERE \($0)" }
        return """
                DELETE FROM \(table) WHERE \(rows.count == 1 ? match[0] : match.map { "(\($0))" }.joined(separator: " OR "));
                INSERT INTO \(table) (\(key.0), \(key.1), \(last))
                  \(select.joined(separator: "\n      UNION "));
            """
    }
}
