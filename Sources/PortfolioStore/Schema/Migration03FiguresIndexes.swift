import GRDB

extension StoreSchema {
    /// v3: indexes for the figures (docs/METRICS.md), so each stays bounded by its window: a model
    /// version's training and deployment runs, alert events by kind and time (resolutions and people
    /// in a window), a model's alerts by opening time. (It shipped on a branch beside v2; a store
    /// made there ran v3 before v2, which GRDB applies afterwards: the two touch different objects.)
    /// Frozen: the text that shipped. A change to the schema is a new migration.
    static let v3 = Migration("v3-figures-indexes", sql: """
        CREATE INDEX runs_by_version ON pipeline_runs(model_id, model_version, kind, coalesce(started_at, queued_at))
          WHERE model_version IS NOT NULL;
        CREATE INDEX alert_events_by_kind ON alert_events(kind, at);
        CREATE INDEX alerts_by_model_opened ON drift_alerts(model_id, opened_at);
        """)
}
