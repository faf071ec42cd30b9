import GRDB

extension StoreSchema {
    /// v16: the two reads of the window figures that still cost a look-up per alert or per metric
    /// point series of the portfolio.
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
    /// its key range). Frozen: the text that shipped. A change to the schema is a new migration.
    static let v16 = Migration("v16-team-alerts-metric-series", sql: """
        CREATE VIEW alert_team_facts AS
          SELECT a.id AS alert_id, a.model_id, m.team_id, a.status, a.severity
          FROM drift_alerts a JOIN models m ON m.id = a.model_id;

        CREATE TABLE alert_team_counts (
            team_id INTEGER NOT NULL, status TEXT NOT NULL, severity TEXT NOT NULL, alerts INTEGER NOT NULL,
            PRIMARY KEY (team_id, status, severity)) WITHOUT ROWID;
        INSERT INTO alert_team_counts (team_id, status, severity, alerts)
          SELECT team_id, status, severity, count(*) FROM alert_team_facts GROUP BY team_id, status, severity;

        CREATE TRIGGER drift_alerts_insert_team_counts AFTER INSERT ON drift_alerts BEGIN
            INSERT INTO alert_team_counts (team_id, status, severity, alerts)
              SELECT team_id, status, severity, count(*) FROM alert_team_facts WHERE alert_id = NEW.id GROUP BY team_id, status, severity
              ON CONFLICT (team_id, status, severity) DO UPDATE SET alerts = alerts + excluded.alerts;
        END;
        CREATE TRIGGER drift_alerts_delete_team_counts BEFORE DELETE ON drift_alerts BEGIN
            INSERT INTO alert_team_counts (team_id, status, severity, alerts)
              SELECT team_id, status, severity, -count(*) FROM alert_team_facts WHERE alert_id = OLD.id GROUP BY team_id, status, severity
              ON CONFLICT (team_id, status, severity) DO UPDATE SET alerts = alerts + excluded.alerts;
            DELETE FROM alert_team_counts WHERE alerts <= 0
              AND (team_id, status, severity) IN (SELECT team_id, status, severity FROM alert_team_facts WHERE alert_id = OLD.id);
        END;
        CREATE TRIGGER drift_alerts_update_team_counts_before BEFORE UPDATE OF id, model_id, status, severity ON drift_alerts
          WHEN OLD.id IS NOT NEW.id OR OLD.model_id IS NOT NEW.model_id OR OLD.status IS NOT NEW.status
            OR OLD.severity IS NOT NEW.severity BEGIN
            INSERT INTO alert_team_counts (team_id, status, severity, alerts)
              SELECT team_id, status, severity, -count(*) FROM alert_team_facts WHERE alert_id = OLD.id GROUP BY team_id, status, severity
              ON CONFLICT (team_id, status, severity) DO UPDATE SET alerts = alerts + excluded.alerts;
            DELETE FROM alert_team_counts WHERE alerts <= 0
              AND (team_id, status, severity) IN (SELECT team_id, status, severity FROM alert_team_facts WHERE alert_id = OLD.id);
        END;
        CREATE TRIGGER drift_alerts_update_team_counts_after AFTER UPDATE OF id, model_id, status, severity ON drift_alerts
          WHEN OLD.id IS NOT NEW.id OR OLD.model_id IS NOT NEW.model_id OR OLD.status IS NOT NEW.status
            OR OLD.severity IS NOT NEW.severity BEGIN
            INSERT INTO alert_team_counts (team_id, status, severity, alerts)
              SELECT team_id, status, severity, count(*) FROM alert_team_facts WHERE alert_id = NEW.id GROUP BY team_id, status, severity
              ON CONFLICT (team_id, status, severity) DO UPDATE SET alerts = alerts + excluded.alerts;
        END;
        CREATE TRIGGER models_update_team_counts_before BEFORE UPDATE OF id, team_id ON models
          WHEN OLD.id IS NOT NEW.id OR OLD.team_id IS NOT NEW.team_id BEGIN
            INSERT INTO alert_team_counts (team_id, status, severity, alerts)
              SELECT team_id, status, severity, -count(*) FROM alert_team_facts WHERE model_id = OLD.id GROUP BY team_id, status, severity
              ON CONFLICT (team_id, status, severity) DO UPDATE SET alerts = alerts + excluded.alerts;
            DELETE FROM alert_team_counts WHERE alerts <= 0 AND team_id = OLD.team_id;
        END;
        CREATE TRIGGER models_update_team_counts_after AFTER UPDATE OF id, team_id ON models
          WHEN OLD.id IS NOT NEW.id OR OLD.team_id IS NOT NEW.team_id BEGIN
            INSERT INTO alert_team_counts (team_id, status, severity, alerts)
              SELECT team_id, status, severity, count(*) FROM alert_team_facts WHERE model_id = NEW.id GROUP BY team_id, status, severity
              ON CONFLICT (team_id, status, severity) DO UPDATE SET alerts = alerts + excluded.alerts;
        END;

        CREATE VIEW metric_series_rows AS
          SELECT model_id, name, max(at) AS last_at FROM metric_points GROUP BY model_id, name;

        CREATE TABLE metric_series (
            model_id INTEGER NOT NULL, name TEXT NOT NULL, last_at INTEGER NOT NULL,
            PRIMARY KEY (model_id, name)) WITHOUT ROWID;
        INSERT INTO metric_series (model_id, name, last_at) SELECT model_id, name, last_at FROM metric_series_rows;

        CREATE TRIGGER metric_points_insert_series AFTER INSERT ON metric_points BEGIN
            INSERT INTO metric_series (model_id, name, last_at) VALUES (NEW.model_id, NEW.name, NEW.at)
              ON CONFLICT (model_id, name) DO UPDATE SET last_at = max(last_at, excluded.last_at);
        END;
        CREATE TRIGGER metric_points_delete_series AFTER DELETE ON metric_points BEGIN
            DELETE FROM metric_series WHERE model_id = OLD.model_id AND name = OLD.name;
            INSERT INTO metric_series (model_id, name, last_at)
              SELECT model_id, name, last_at FROM metric_series_rows WHERE model_id = OLD.model_id AND name = OLD.name;
        END;
        CREATE TRIGGER metric_points_update_series AFTER UPDATE OF model_id, name, at ON metric_points
          WHEN OLD.model_id IS NOT NEW.model_id OR OLD.name IS NOT NEW.name OR OLD.at IS NOT NEW.at BEGIN
            DELETE FROM metric_series WHERE (model_id = OLD.model_id AND name = OLD.name) OR (model_id = NEW.model_id AND name = NEW.name);
            INSERT INTO metric_series (model_id, name, last_at)
              SELECT model_id, name, last_at FROM metric_series_rows WHERE model_id = OLD.model_id AND name = OLD.name
              UNION SELECT model_id, name, last_at FROM metric_series_rows WHERE model_id = NEW.model_id AND name = NEW.name;
        END;
        """)
}
