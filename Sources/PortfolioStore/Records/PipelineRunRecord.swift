import Foundation
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

    /// Read by position, in the order of `selection` (every query that makes runs starts with it).
    public init(row: Row) {
        self.init(externalID: row[0], pipeline: row[2], model: row[3], name: row[1],
                  kind: row.word(4, or: .training), status: row.word(5, or: .queued),
                  trigger: row.word(6, or: .manual), startedBy: row[7], modelVersion: row[8],
                  isRollback: row[9], queuedAt: row.time(10), startedAt: row.time(11),
                  finishedAt: row.time(12), commit: row[13], computeCost: row[14],
                  error: row[15])
    }
}

extension PipelineRun {
    /// The columns of `pipeline_runs` a run is written to, in the order of `columnValues`.
    static let columns = ["external_id", "pipeline_id", "model_id", "name", "kind", "status", "trigger", "started_by", "model_version",
                          "is_rollback", "queued_at", "started_at", "finished_at", "commit_sha", "compute_cost", "error"]

    /// The run's values for `columns`, with its pipeline's and model's row ids.
    func columnValues(pipelineID: Int64, modelID: Int64) -> [BulkValue] {
        [.text(externalID), .int(pipelineID), .int(modelID), .optional(name), .text(kind.rawValue), .text(status.rawValue),
         .text(trigger.rawValue), .optional(startedBy), .optional(modelVersion), .int(isRollback ? 1 : 0), .int(queuedAt.storeSeconds),
         .optional(startedAt?.storeSeconds), .optional(finishedAt?.storeSeconds), .optional(commit), computeCost.map(BulkValue.double) ?? .null,
         .optional(error)]
    }

    /// The run as `init(row:)` reads it back once `columnValues` are written: times in whole
    /// seconds, a cost that is not a number as none (SQLite stores NaN as NULL), and text up to a
    /// NUL character (both the C API's binding and GRDB's reading stop there). An ingest holds a
    /// run it wrote in this form, to answer its next line as the store would.
    var asStored: PipelineRun {
        func seconds(_ date: Date) -> Date { Date(storeSeconds: date.storeSeconds) }
        func text(_ value: String) -> String {
            value.utf8.contains(0) ? String(decoding: value.utf8.prefix { $0 != 0 }, as: UTF8.self) : value
        }
        var run = self
        run.externalID = text(externalID)
        run.name = name.map(text)
        run.startedBy = startedBy.map(text)
        run.modelVersion = modelVersion.map(text)
        run.commit = commit.map(text)
        run.error = error.map(text)
        run.queuedAt = seconds(queuedAt)
        run.startedAt = startedAt.map(seconds)
        run.finishedAt = finishedAt.map(seconds)
        if computeCost?.isNaN == true { run.computeCost = nil }
        run.steps = []
        return run
    }
}

/// A step from a row of `run_steps`: the only place.
extension RunStep: FetchableRecord {
    public init(row: Row) {
        self.init(name: row["name"], status: row.word("status", or: .queued), startedAt: row.time("started_at"),
                  finishedAt: row.time("finished_at"), error: row["error"])
    }
}
