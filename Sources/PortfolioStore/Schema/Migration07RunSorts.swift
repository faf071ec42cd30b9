import GRDB

extension StoreSchema {
    /// v7, as it first shipped: `s` on the Pipeline Runs panel without sorting every run — runs by
    /// status, kind and trigger with the time, so each value's newest runs are read in order and
    /// merged; runs by pipeline with the time (replacing runs_by_pipeline), so a sort by pipeline name
    /// reads pipelines by name and each one's runs newest first. Later edits kept kind and trigger,
    /// dropped status (an index on a million runs costs generation seconds; status sorts well enough
    /// through runs_by_status) and added duration and error; v9 brings every store to that set.
    /// Frozen: the text that shipped. A change to the schema is a new migration.
    static let v7 = Migration("v7-run-sorts", sql: """
        CREATE INDEX runs_by_status_time ON pipeline_runs(status, coalesce(started_at, queued_at));
        CREATE INDEX runs_by_kind ON pipeline_runs(kind, coalesce(started_at, queued_at));
        CREATE INDEX runs_by_trigger ON pipeline_runs(trigger, coalesce(started_at, queued_at));
        DROP INDEX runs_by_pipeline;
        CREATE INDEX runs_by_pipeline ON pipeline_runs(pipeline_id, coalesce(started_at, queued_at));
        """)
}
