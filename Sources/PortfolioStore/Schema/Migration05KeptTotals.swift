import GRDB

extension StoreSchema {
    /// v5, as it first shipped: the totals every refresh shows, kept by triggers so that reading them
    /// costs the same on any store — `model_totals` (models, business value and serving cost per team
    /// and stage), `model_critical` (the models holding a critical alert that is open, acknowledged or
    /// snoozed, with what each adds to value at risk) and `risk_totals` (that per team); each shown
    /// model's alerts and runs in alerts_by_model and runs_by_model alone (read through the rows, they
    /// overflowed SQLite's page cache on a large store); `alerts_snoozed`, the snoozed alerts by
    /// deadline, so the few still snoozed are read as a range (active = open + acknowledged + snoozed
    /// − still snoozed: a run-out snooze counts as open). Money is REAL and read rounded to cents.
    /// A later edit rewrote three model triggers as upserts; v9 brings every store to that text.
    /// Frozen: the text that shipped. A change to the schema is a new migration.
    static let v5 = Migration("v5-kept-totals", sql: """
        DROP INDEX alerts_active_critical;
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
        INSERT INTO model_totals (team_id, stage, models, value, serving)
          SELECT team_id, stage, count(*), sum(coalesce(business_value, 0)), sum(coalesce(serving_cost_per_month, 0))
          FROM models GROUP BY team_id, stage;
        CREATE TRIGGER models_insert_totals AFTER INSERT ON models BEGIN
            INSERT INTO model_totals (team_id, stage, models, value, serving)
              VALUES (NEW.team_id, NEW.stage, 1, coalesce(NEW.business_value, 0), coalesce(NEW.serving_cost_per_month, 0))
              ON CONFLICT (team_id, stage) DO UPDATE SET models = models + 1,
                value = value + excluded.value, serving = serving + excluded.serving;
        END;
        CREATE TRIGGER models_delete_totals AFTER DELETE ON models BEGIN
            UPDATE model_totals SET models = models - 1, value = value - coalesce(OLD.business_value, 0),
              serving = serving - coalesce(OLD.serving_cost_per_month, 0)
              WHERE team_id = OLD.team_id AND stage = OLD.stage;
            DELETE FROM model_critical WHERE model_id = OLD.id;
        END;
        CREATE TRIGGER models_update_totals AFTER UPDATE OF team_id, stage, business_value, serving_cost_per_month ON models
          WHEN OLD.team_id IS NOT NEW.team_id OR OLD.stage IS NOT NEW.stage
            OR OLD.business_value IS NOT NEW.business_value OR OLD.serving_cost_per_month IS NOT NEW.serving_cost_per_month BEGIN
            UPDATE model_totals SET models = models - 1, value = value - coalesce(OLD.business_value, 0),
              serving = serving - coalesce(OLD.serving_cost_per_month, 0)
              WHERE team_id = OLD.team_id AND stage = OLD.stage;
            INSERT INTO model_totals (team_id, stage, models, value, serving)
              VALUES (NEW.team_id, NEW.stage, 1, coalesce(NEW.business_value, 0), coalesce(NEW.serving_cost_per_month, 0))
              ON CONFLICT (team_id, stage) DO UPDATE SET models = models + 1,
                value = value + excluded.value, serving = serving + excluded.serving;
            UPDATE model_critical SET team_id = NEW.team_id, value = (CASE WHEN NEW.stage = 'production' THEN coalesce(NEW.business_value, 0) ELSE 0 END) WHERE model_id = NEW.id;
        END;

        CREATE TABLE model_critical (
            model_id INTEGER PRIMARY KEY, team_id INTEGER NOT NULL, alerts INTEGER NOT NULL, value REAL NOT NULL);
        CREATE TABLE risk_totals (team_id INTEGER PRIMARY KEY, value REAL NOT NULL);
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
        INSERT INTO model_critical (model_id, team_id, alerts, value)
          SELECT m.id, m.team_id, count(*), (CASE WHEN m.stage = 'production' THEN coalesce(m.business_value, 0) ELSE 0 END) FROM drift_alerts a JOIN models m ON m.id = a.model_id
          WHERE (a.severity = 'critical' AND a.status IN ('open', 'acknowledged', 'snoozed')) GROUP BY m.id;
        CREATE TRIGGER drift_alerts_insert_critical AFTER INSERT ON drift_alerts WHEN (NEW.severity = 'critical' AND NEW.status IN ('open', 'acknowledged', 'snoozed')) BEGIN
            INSERT INTO model_critical (model_id, team_id, alerts, value)
              SELECT id, team_id, 1, (CASE WHEN models.stage = 'production' THEN coalesce(models.business_value, 0) ELSE 0 END) FROM models WHERE id = NEW.model_id
              ON CONFLICT (model_id) DO UPDATE SET alerts = alerts + 1;
        END;
        CREATE TRIGGER drift_alerts_delete_critical AFTER DELETE ON drift_alerts WHEN (OLD.severity = 'critical' AND OLD.status IN ('open', 'acknowledged', 'snoozed')) BEGIN
            UPDATE model_critical SET alerts = alerts - 1 WHERE model_id = OLD.model_id;
            DELETE FROM model_critical WHERE model_id = OLD.model_id AND alerts <= 0;
        END;
        CREATE TRIGGER drift_alerts_update_critical AFTER UPDATE OF status, severity, model_id ON drift_alerts
          WHEN (OLD.severity = 'critical' AND OLD.status IN ('open', 'acknowledged', 'snoozed')) IS NOT (NEW.severity = 'critical' AND NEW.status IN ('open', 'acknowledged', 'snoozed')) OR ((OLD.severity = 'critical' AND OLD.status IN ('open', 'acknowledged', 'snoozed')) AND OLD.model_id IS NOT NEW.model_id) BEGIN
            UPDATE model_critical SET alerts = alerts - 1 WHERE model_id = OLD.model_id AND (OLD.severity = 'critical' AND OLD.status IN ('open', 'acknowledged', 'snoozed'));
            DELETE FROM model_critical WHERE model_id = OLD.model_id AND alerts <= 0;
            INSERT INTO model_critical (model_id, team_id, alerts, value)
              SELECT id, team_id, 1, (CASE WHEN models.stage = 'production' THEN coalesce(models.business_value, 0) ELSE 0 END) FROM models WHERE id = NEW.model_id AND (NEW.severity = 'critical' AND NEW.status IN ('open', 'acknowledged', 'snoozed'))
              ON CONFLICT (model_id) DO UPDATE SET alerts = alerts + 1;
        END;
        """)
}
