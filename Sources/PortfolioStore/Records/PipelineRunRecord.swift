import GRDB
import Portfolio

/// A run from a row of `pipeline_runs r` joined to its pipeline and model (`PipelineRun.selection`):
/// the only place. Its steps are rows of `run_steps`, read where they are shown (a run's detail).
extension PipelineRun: FetchableRecord {
    /// The columns `init(row:)` reads, and the joins that give them.
    static let selection = """
        SELECT r.external_id, r.name, p.name AS pipeline_name, m.name AS model_name, r.kind, r.status,
               r.trigger, r.started_by, r.model_version, r.is_rollback, r.queued_at, r.started_at, r.finished_at,
               r.commit_sha, r.compute_cost, r.error
        """
    static let joins = "FROM pipeline_runs r JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id"

    public init(row: Row) {
        self.init(externalID: row["external_id"], pipeline: row["pipeline_name"], model: row["model_name"], name: row["name"],
                  kind: row.word("kind", or: .training), status: row.word("status", or: .queued),
                  trigger: row.word("trigger", or: .manual), startedBy: row["started_by"], modelVersion: row["model_version"],
                  isRollback: row["is_rollback"], queuedAt: row.time("queued_at"), startedAt: row.time("started_at"),
                  finishedAt: row.time("finished_at"), commit: row["commit_sha"], computeCost: row["compute_cost"],
                  error: row["error"])
    }
}

/// A step from a row of `run_steps`: the only place.
extension RunStep: FetchableRecord {
    public init(row: Row) {
        self.init(name: row["name"], status: row.word("status", or: .queued), startedAt: row.time("started_at"),
                  finishedAt: row.time("finished_at"), error: row["error"])
    }
}
