import GRDB

extension StoreSchema {
    /// v18: the newest metric point's time read from `metric_series` (v16: each series' latest
    /// point) through an index on its `last_at`, instead of from `metric_points_at` (v2), which
    /// goes. `newestEventTime` needs the newest point on every refresh, and that index was
    /// its only reader; it cost every point written an insert into an index as long as the points
    /// (~0.35 s of the writer's CPU on the benchmark's million-line CI fleet, 770k points:
    /// docs/BENCHMARKS.md), while `metric_series` changes once per series each time a batch
    /// settles its series and, written row by row, once per point that is its series' newest. The
    /// maximum is the same: a series' `last_at` is the latest of its points, and `doctor` checks
    /// that it is.
    /// Frozen: the text that shipped. A change to the schema is a new migration.
    static let v18 = Migration("v18-points-by-time", sql: """
        DROP INDEX metric_points_at;
        CREATE INDEX metric_series_last_at ON metric_series(last_at);
        """)
}
