import GRDB

extension StoreSchema {
    /// v15: who acted for each team, by UTC day, so maturity's people (distinct actors of alert
    /// events other than `opened`, and who started manual runs; docs/MATURITY.md) are counted from
    /// the team's people, not from every event and run of 90 days.
    ///
    /// `actor_event_facts` and `actor_run_facts` say once who acted, for which team (the alert's or
    /// run's model's) and on which day; `actor_days` counts their acts by team, person and day,
    /// kept by triggers that take away what the views say before a write and add it after (a model
    /// changing team, an alert changing model move their acts), and drop a day whose count is
    /// spent. A window asks each of a team's people whether they have a day inside it (one look-up
    /// each) and reads its two edge days' events and runs. `person` has no type, so no affinity
    /// turns a number into text: people are told apart exactly as `count(DISTINCT …)` does.
    /// Frozen: the text that shipped. A change to the schema is a new migration. The triggers'
    /// two statements (`addActs`, `takeActs`) are written once; the text they make is the one
    /// that shipped, byte for byte (MigrationTextTests holds its hash).
    static let v15 = Migration("v15-actor-days", sql: """
        CREATE VIEW actor_event_facts AS
          SELECT x.alert_id, x.seq, m.team_id, x.actor AS person, x.at AS acted_at, x.at / 86400 - (x.at % 86400 < 0) AS day
          FROM alert_events x JOIN drift_alerts a ON a.id = x.alert_id JOIN models m ON m.id = a.model_id
          WHERE x.kind IN ('acknowledged', 'assigned', 'note', 'snoozed', 'resolved', 'reopened', 'escalated')
            AND trim(coalesce(x.actor, '')) <> '';
        CREATE VIEW actor_run_facts AS
          SELECT r.id AS run_id, r.model_id, m.team_id, r.started_by AS person, coalesce(r.started_at, r.queued_at) AS acted_at,
            coalesce(r.started_at, r.queued_at) / 86400 - (coalesce(r.started_at, r.queued_at) % 86400 < 0) AS day
          FROM pipeline_runs r JOIN models m ON m.id = r.model_id
          WHERE r.trigger = 'manual' AND trim(coalesce(r.started_by, '')) <> '';

        CREATE TABLE actor_days (
            team_id INTEGER NOT NULL, person NOT NULL, day INTEGER NOT NULL, acts INTEGER NOT NULL,
            PRIMARY KEY (team_id, person, day)) WITHOUT ROWID;
        INSERT INTO actor_days (team_id, person, day, acts)
          SELECT team_id, person, day, count(*) FROM (
            SELECT team_id, person, day FROM actor_event_facts UNION ALL SELECT team_id, person, day FROM actor_run_facts)
          GROUP BY team_id, person, day;

        CREATE TRIGGER alert_events_insert_actors AFTER INSERT ON alert_events BEGIN
        \(addActs("actor_event_facts", "alert_id = NEW.alert_id AND seq = NEW.seq"))
        END;
        CREATE TRIGGER alert_events_delete_actors BEFORE DELETE ON alert_events BEGIN
        \(takeActs("actor_event_facts", "alert_id = OLD.alert_id AND seq = OLD.seq"))
        END;
        CREATE TRIGGER alert_events_update_actors_before BEFORE UPDATE OF alert_id, seq, kind, at, actor ON alert_events
          WHEN OLD.alert_id IS NOT NEW.alert_id OR OLD.seq IS NOT NEW.seq OR OLD.kind IS NOT NEW.kind OR OLD.at IS NOT NEW.at OR OLD.actor IS NOT NEW.actor BEGIN
        \(takeActs("actor_event_facts", "alert_id = OLD.alert_id AND seq = OLD.seq"))
        END;
        CREATE TRIGGER alert_events_update_actors_after AFTER UPDATE OF alert_id, seq, kind, at, actor ON alert_events
          WHEN OLD.alert_id IS NOT NEW.alert_id OR OLD.seq IS NOT NEW.seq OR OLD.kind IS NOT NEW.kind OR OLD.at IS NOT NEW.at OR OLD.actor IS NOT NEW.actor BEGIN
        \(addActs("actor_event_facts", "alert_id = NEW.alert_id AND seq = NEW.seq"))
        END;
        CREATE TRIGGER drift_alerts_update_actors_before BEFORE UPDATE OF id, model_id ON drift_alerts
          WHEN OLD.id IS NOT NEW.id OR OLD.model_id IS NOT NEW.model_id BEGIN
        \(takeActs("actor_event_facts", "alert_id = OLD.id"))
        END;
        CREATE TRIGGER drift_alerts_update_actors_after AFTER UPDATE OF id, model_id ON drift_alerts
          WHEN OLD.id IS NOT NEW.id OR OLD.model_id IS NOT NEW.model_id BEGIN
        \(addActs("actor_event_facts", "alert_id = NEW.id"))
        END;
        CREATE TRIGGER drift_alerts_delete_actors BEFORE DELETE ON drift_alerts BEGIN
        \(takeActs("actor_event_facts", "alert_id = OLD.id"))
        END;
        CREATE TRIGGER pipeline_runs_insert_actors AFTER INSERT ON pipeline_runs WHEN NEW.trigger = 'manual' BEGIN
        \(addActs("actor_run_facts", "run_id = NEW.id"))
        END;
        CREATE TRIGGER pipeline_runs_delete_actors BEFORE DELETE ON pipeline_runs WHEN OLD.trigger = 'manual' BEGIN
        \(takeActs("actor_run_facts", "run_id = OLD.id"))
        END;
        CREATE TRIGGER pipeline_runs_update_actors_before
          BEFORE UPDATE OF id, model_id, trigger, started_by, queued_at, started_at ON pipeline_runs
          WHEN (OLD.trigger = 'manual' OR NEW.trigger = 'manual') AND (OLD.id IS NOT NEW.id OR OLD.model_id IS NOT NEW.model_id OR OLD.trigger IS NOT NEW.trigger OR OLD.started_by IS NOT NEW.started_by OR OLD.queued_at IS NOT NEW.queued_at OR OLD.started_at IS NOT NEW.started_at) BEGIN
        \(takeActs("actor_run_facts", "run_id = OLD.id"))
        END;
        CREATE TRIGGER pipeline_runs_update_actors_after
          AFTER UPDATE OF id, model_id, trigger, started_by, queued_at, started_at ON pipeline_runs
          WHEN (OLD.trigger = 'manual' OR NEW.trigger = 'manual') AND (OLD.id IS NOT NEW.id OR OLD.model_id IS NOT NEW.model_id OR OLD.trigger IS NOT NEW.trigger OR OLD.started_by IS NOT NEW.started_by OR OLD.queued_at IS NOT NEW.queued_at OR OLD.started_at IS NOT NEW.started_at) BEGIN
        \(addActs("actor_run_facts", "run_id = NEW.id"))
        END;
        CREATE TRIGGER models_update_actors_before BEFORE UPDATE OF team_id ON models WHEN OLD.team_id IS NOT NEW.team_id BEGIN
        \(takeActs("actor_event_facts", "alert_id IN (SELECT id FROM drift_alerts WHERE model_id = OLD.id)"))
        \(takeActs("actor_run_facts", "model_id = OLD.id"))
        END;
        CREATE TRIGGER models_update_actors_after AFTER UPDATE OF team_id ON models WHEN OLD.team_id IS NOT NEW.team_id BEGIN
        \(addActs("actor_event_facts", "alert_id IN (SELECT id FROM drift_alerts WHERE model_id = NEW.id)"))
        \(addActs("actor_run_facts", "model_id = NEW.id"))
        END;
        """)

    /// Adds one act a day to the people of the facts (`actor_event_facts` or `actor_run_facts`)
    /// that `which` selects.
    private static func addActs(_ facts: String, _ which: String) -> String {
        """
            INSERT INTO actor_days (team_id, person, day, acts)
              SELECT team_id, person, day, count(*) FROM \(facts) WHERE \(which) GROUP BY team_id, person, day
              ON CONFLICT (team_id, person, day) DO UPDATE SET acts = acts + excluded.acts;
        """
    }

    /// Takes those acts away again, and the rows left with none.
    private static func takeActs(_ facts: String, _ which: String) -> String {
        """
            INSERT INTO actor_days (team_id, person, day, acts)
              SELECT team_id, person, day, -count(*) FROM \(facts) WHERE \(which) GROUP BY team_id, person, day
              ON CONFLICT (team_id, person, day) DO UPDATE SET acts = acts + excluded.acts;
            DELETE FROM actor_days WHERE acts <= 0
              AND (team_id, person, day) IN (SELECT team_id, person, day FROM \(facts) WHERE \(which));
        """
    }
}
