import GRDB

extension StoreSchema {
    /// v12: the runs' window figures by UTC day, so a figure over a window reads the window's
    /// days, not its rows (docs/METRICS.md, "How window figures are read").
    ///
    /// `run_day_facts` says once what a run adds to its day: its day (of `coalesce(started_at,
    /// queued_at)`, floored, also before 1970), its model's team and whether that model is in
    /// production now, whether it was triggered automatically, its compute cost when it started,
    /// and — for an evaluation or deployment of a production model that ended succeeded or failed —
    /// that it finished (and succeeded) on `finish_day`. `run_days` holds those summed by day, team,
    /// production and finish day; a window adds its whole days from here and reads its two partial
    /// edge days, and the runs of whole days that finished on the as-of day, from the runs.
    /// Keeping finish days apart makes "finished by as_of" exact at any as_of without reading
    /// the runs still in flight then.
    ///
    /// Triggers keep it: a run's contribution is taken away before it changes or goes and added
    /// after it is written (read through the view, so the two can never disagree), and a model
    /// that changes team or stage moves its runs. `runs_automatic` finds a production model's
    /// automatic evaluation or deployment in a window with one look-up.
    /// Frozen: the text that shipped. A change to the schema is a new migration. The statement each
    /// trigger runs (`addToDays`) and what a run's change is (`runChange`) are written once; the
    /// text they make is the one that shipped, byte for byte (MigrationTextTests holds its hash).
    static let v12 = Migration("v12-run-days", sql: """
        CREATE VIEW run_day_facts AS
          SELECT r.id AS run_id, r.model_id, r.status, r.kind, r.finished_at,
            coalesce(r.started_at, r.queued_at) AS started,
            coalesce(r.started_at, r.queued_at) / 86400 - (coalesce(r.started_at, r.queued_at) % 86400 < 0) AS day,
            m.team_id, m.stage = 'production' AS production,
            CASE WHEN m.stage = 'production' AND r.kind IN ('evaluation', 'deployment')
                   AND r.status IN ('succeeded', 'failed') AND r.finished_at IS NOT NULL
                 THEN r.finished_at / 86400 - (r.finished_at % 86400 < 0)
                 ELSE coalesce(r.started_at, r.queued_at) / 86400 - (coalesce(r.started_at, r.queued_at) % 86400 < 0) END AS finish_day,
            r.trigger <> 'manual' AS automatic,
            CASE WHEN r.started_at IS NOT NULL THEN coalesce(r.compute_cost, 0) ELSE 0 END AS cost,
            (m.stage = 'production' AND r.kind IN ('evaluation', 'deployment')
              AND r.status IN ('succeeded', 'failed') AND r.finished_at IS NOT NULL) AS finished,
            (m.stage = 'production' AND r.kind IN ('evaluation', 'deployment')
              AND r.status = 'succeeded' AND r.finished_at IS NOT NULL) AS succeeded
          FROM pipeline_runs r JOIN models m ON m.id = r.model_id;

        CREATE TABLE run_days (
            day INTEGER NOT NULL, team_id INTEGER NOT NULL, production INTEGER NOT NULL, finish_day INTEGER NOT NULL,
            runs INTEGER NOT NULL, automatic INTEGER NOT NULL, cost REAL NOT NULL,
            finished INTEGER NOT NULL, succeeded INTEGER NOT NULL,
            PRIMARY KEY (day, team_id, production, finish_day)) WITHOUT ROWID;
        INSERT INTO run_days (day, team_id, production, finish_day, runs, automatic, cost, finished, succeeded)
          SELECT day, team_id, production, finish_day, count(*), sum(automatic), sum(cost), sum(finished), sum(succeeded)
          FROM run_day_facts GROUP BY day, team_id, production, finish_day;

        CREATE TRIGGER pipeline_runs_insert_days AFTER INSERT ON pipeline_runs BEGIN
        \(addToDays("1, automatic, cost, finished, succeeded", "run_id = NEW.id"))
        END;
        CREATE TRIGGER pipeline_runs_delete_days BEFORE DELETE ON pipeline_runs BEGIN
        \(addToDays("-1, -automatic, -cost, -finished, -succeeded", "run_id = OLD.id"))
        END;
        CREATE TRIGGER pipeline_runs_update_days_before
          BEFORE \(runChange) BEGIN
        \(addToDays("-1, -automatic, -cost, -finished, -succeeded", "run_id = OLD.id"))
        END;
        CREATE TRIGGER pipeline_runs_update_days_after
          AFTER \(runChange) BEGIN
        \(addToDays("1, automatic, cost, finished, succeeded", "run_id = NEW.id"))
        END;
        CREATE TRIGGER models_update_days_before BEFORE UPDATE OF team_id, stage ON models
          WHEN OLD.team_id IS NOT NEW.team_id OR OLD.stage IS NOT NEW.stage BEGIN
        \(addToDays("-count(*), -sum(automatic), -sum(cost), -sum(finished), -sum(succeeded)",
                    "model_id = OLD.id GROUP BY day, team_id, production, finish_day"))
        END;
        CREATE TRIGGER models_update_days_after AFTER UPDATE OF team_id, stage ON models
          WHEN OLD.team_id IS NOT NEW.team_id OR OLD.stage IS NOT NEW.stage BEGIN
        \(addToDays("count(*), sum(automatic), sum(cost), sum(finished), sum(succeeded)",
                    "model_id = NEW.id GROUP BY day, team_id, production, finish_day"))
        END;

        CREATE INDEX runs_automatic ON pipeline_runs(model_id, kind, coalesce(started_at, queued_at)) WHERE trigger <> 'manual';
        """)

    /// A change to a run that moves what it adds to its day.
    private static let runChange = """
        UPDATE OF model_id, kind, status, trigger, queued_at, started_at, finished_at, compute_cost ON pipeline_runs
          WHEN OLD.model_id IS NOT NEW.model_id OR OLD.kind IS NOT NEW.kind OR OLD.status IS NOT NEW.status OR OLD.trigger IS NOT NEW.trigger
            OR OLD.queued_at IS NOT NEW.queued_at OR OLD.started_at IS NOT NEW.started_at OR OLD.finished_at IS NOT NEW.finished_at OR OLD.compute_cost IS NOT NEW.compute_cost
        """

    /// Adds `values` (runs, automatic, cost, finished, succeeded) of the run_day_facts `facts`
    /// selects to their days' rows.
    private static func addToDays(_ values: String, _ facts: String) -> String {
        """
            INSERT INTO run_days (day, team_id, production, finish_day, runs, automatic, cost, finished, succeeded)
              SELECT day, team_id, production, finish_day, \(values)
              FROM run_day_facts WHERE \(facts)
              ON CONFLICT (day, team_id, production, finish_day) DO UPDATE SET runs = runs + excluded.runs,
                automatic = automatic + excluded.automatic, cost = cost + excluded.cost,
                finished = finished + excluded.finished, succeeded = succeeded + excluded.succeeded;
        """
    }
}
