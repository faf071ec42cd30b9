import GRDB

extension StoreSchema {
    /// v13: what DORA needs of each succeeded deployment, stored when it becomes known, so a
    /// window reads its deployments and nothing else (docs/METRICS.md, "DORA for ML").
    ///
    /// `deployment_fact_rows` says once what a deployment's facts are: when it finished; when its
    /// model version's first training run started, if it is that version's first succeeded
    /// deployment (its lead time is the difference); and the first failure signal in the 7 days
    /// (604 800 s) after it — a failed or rolled-back deployment of the model starting, or a
    /// critical alert on it opening. None of them depends on the as-of time: a deployment failed
    /// by as_of exactly when its first signal is at or before as_of. `deployment_facts` holds them,
    /// and triggers work them out again for the deployments a write can change: a deployment or
    /// training run changes its own facts and those of its version's deployments; a failure
    /// signal those of its model's deployments in the 7 days before it. `runs_deployed` finds
    /// those deployments of a model by finish time.
    /// Frozen: the text that shipped. A change to the schema is a new migration. The statement each
    /// trigger ends with (`refresh`), and the deployments a run's version or a failure signal
    /// touches (`sameVersion`, `signalled`; an alert's insert and delete say the latter inline, at
    /// another indentation), are written once; the text they make is the one that shipped, byte
    /// for byte (MigrationTextTests holds its hash).
    static let v13 = Migration("v13-deployment-facts", sql: """
        CREATE INDEX runs_deployed ON pipeline_runs(model_id, finished_at) WHERE kind = 'deployment' AND status = 'succeeded';

        CREATE VIEW deployment_fact_rows AS
          SELECT d.id AS run_id, d.model_id, d.model_version, d.finished_at,
            CASE WHEN d.model_version IS NOT NULL AND NOT EXISTS (
                   SELECT 1 FROM pipeline_runs e
                   WHERE e.model_id = d.model_id AND e.model_version = d.model_version AND e.kind = 'deployment'
                     AND e.status = 'succeeded'
                     AND (e.finished_at < d.finished_at OR (e.finished_at = d.finished_at AND e.id < d.id)))
                 THEN (SELECT min(coalesce(t.started_at, t.queued_at)) FROM pipeline_runs t
                       WHERE t.model_id = d.model_id AND t.model_version = d.model_version AND t.kind = 'training'
                         AND coalesce(t.started_at, t.queued_at) <= d.finished_at + 0) END AS first_training_at,
            (SELECT min(signal) FROM (
               SELECT min(coalesce(f.started_at, f.queued_at)) AS signal FROM pipeline_runs f
               WHERE f.model_id = d.model_id AND +f.kind = 'deployment' AND (f.status = 'failed' OR f.is_rollback = 1)
                 AND coalesce(f.started_at, f.queued_at) >= d.finished_at + 1
                 AND coalesce(f.started_at, f.queued_at) <= d.finished_at + 604800
               UNION ALL
               SELECT min(a.opened_at) FROM drift_alerts a
               WHERE a.model_id = d.model_id AND a.severity = 'critical'
                 AND a.opened_at > d.finished_at AND a.opened_at <= d.finished_at + 604800)) AS failure_at
          FROM pipeline_runs d
          WHERE d.kind = 'deployment' AND d.status = 'succeeded' AND d.finished_at IS NOT NULL;

        CREATE TABLE deployment_facts (
            run_id INTEGER PRIMARY KEY, model_id INTEGER NOT NULL, finished_at INTEGER NOT NULL,
            first_training_at INTEGER, failure_at INTEGER);
        CREATE INDEX deployment_facts_finished ON deployment_facts(finished_at, model_id, first_training_at, failure_at);
        INSERT INTO deployment_facts (run_id, model_id, finished_at, first_training_at, failure_at)
          SELECT run_id, model_id, finished_at, first_training_at, failure_at FROM deployment_fact_rows;

        CREATE TRIGGER pipeline_runs_insert_deployments AFTER INSERT ON pipeline_runs
          WHEN NEW.kind IN ('deployment', 'training') BEGIN
        \(refresh("""

                    SELECT NEW.id
                    UNION \(sameVersion("NEW"))
                    UNION \(signalled("NEW.model_id", "coalesce(NEW.started_at, NEW.queued_at)"))
            """))
        END;
        CREATE TRIGGER pipeline_runs_delete_deployments AFTER DELETE ON pipeline_runs
          WHEN OLD.kind IN ('deployment', 'training') BEGIN
            DELETE FROM deployment_facts WHERE run_id = OLD.id;
        \(refresh("""

                    \(sameVersion("OLD"))
                    UNION \(signalled("OLD.model_id", "coalesce(OLD.started_at, OLD.queued_at)"))
            """))
        END;
        CREATE TRIGGER pipeline_runs_update_deployments
          AFTER UPDATE OF model_id, model_version, kind, status, is_rollback, queued_at, started_at, finished_at ON pipeline_runs
          WHEN (OLD.kind IN ('deployment', 'training') OR NEW.kind IN ('deployment', 'training'))
            AND (OLD.model_id IS NOT NEW.model_id OR OLD.model_version IS NOT NEW.model_version OR OLD.kind IS NOT NEW.kind
              OR OLD.status IS NOT NEW.status OR OLD.is_rollback IS NOT NEW.is_rollback OR OLD.queued_at IS NOT NEW.queued_at
              OR OLD.started_at IS NOT NEW.started_at OR OLD.finished_at IS NOT NEW.finished_at) BEGIN
            DELETE FROM deployment_facts WHERE run_id = OLD.id;
        \(refresh("""

                    SELECT NEW.id
                    UNION \(sameVersion("OLD"))
                    UNION \(signalled("OLD.model_id", "coalesce(OLD.started_at, OLD.queued_at)"))
                    UNION \(sameVersion("NEW"))
                    UNION \(signalled("NEW.model_id", "coalesce(NEW.started_at, NEW.queued_at)"))
            """))
        END;

        CREATE TRIGGER drift_alerts_insert_deployments AFTER INSERT ON drift_alerts WHEN NEW.severity = 'critical' BEGIN
        \(refresh("""
            SELECT id FROM pipeline_runs WHERE model_id = NEW.model_id AND kind = 'deployment' AND status = 'succeeded'
                    AND finished_at >= NEW.opened_at - 604800 AND finished_at < NEW.opened_at
            """))
        END;
        CREATE TRIGGER drift_alerts_delete_deployments AFTER DELETE ON drift_alerts WHEN OLD.severity = 'critical' BEGIN
        \(refresh("""
            SELECT id FROM pipeline_runs WHERE model_id = OLD.model_id AND kind = 'deployment' AND status = 'succeeded'
                    AND finished_at >= OLD.opened_at - 604800 AND finished_at < OLD.opened_at
            """))
        END;
        CREATE TRIGGER drift_alerts_update_deployments AFTER UPDATE OF severity, opened_at, model_id ON drift_alerts
          WHEN (OLD.severity = 'critical' OR NEW.severity = 'critical')
            AND (OLD.severity IS NOT NEW.severity OR OLD.opened_at IS NOT NEW.opened_at OR OLD.model_id IS NOT NEW.model_id) BEGIN
        \(refresh("""

                    \(signalled("OLD.model_id", "OLD.opened_at"))
                    UNION \(signalled("NEW.model_id", "NEW.opened_at"))
            """))
        END;
        """)

    /// Each trigger's closing statement: the facts of the deployments `runs` selects, worked out
    /// again. A `runs` that begins with a line break stands on the lines below `WHERE run_id IN (`,
    /// as the run triggers' lists do.
    private static func refresh(_ runs: String) -> String {
        """
            INSERT INTO deployment_facts (run_id, model_id, finished_at, first_training_at, failure_at)
              SELECT run_id, model_id, finished_at, first_training_at, failure_at FROM deployment_fact_rows
              WHERE run_id IN (\(runs))
              ON CONFLICT (run_id) DO UPDATE SET model_id = excluded.model_id, finished_at = excluded.finished_at,
                first_training_at = excluded.first_training_at, failure_at = excluded.failure_at;
        """
    }

    /// The deployments of `row`'s model version: a training run changes their lead times.
    private static func sameVersion(_ row: String) -> String {
        "SELECT id FROM pipeline_runs WHERE model_id = \(row).model_id AND model_version = \(row).model_version AND kind = 'deployment'"
    }

    /// The succeeded deployments of `model` in the 7 days before `time`: a failure signal then
    /// may be their first.
    private static func signalled(_ model: String, _ time: String) -> String {
        """
        SELECT id FROM pipeline_runs WHERE model_id = \(model) AND kind = 'deployment' AND status = 'succeeded'
                  AND finished_at >= \(time) - 604800 AND finished_at < \(time)
        """
    }
}
