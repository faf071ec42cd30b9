import GRDB

extension StoreSchema {
    /// v6, as it first shipped: `/` on the Pipeline Runs panel without reading every run — an FTS5
    /// table of each run's search text (`KeptTable.runSearchText`, the same words) with the trigram
    /// tokenizer, which answers `LIKE '%text%'` of three characters or more from its index, kept by
    /// triggers. The price is a larger file (the text is stored, so SQLite can check each candidate).
    /// A later edit dropped the per-row column sizes (`columnsize = 0`); v9 brings every store there.
    /// Frozen: the text that shipped. A change to the schema is a new migration.
    static let v6 = Migration("v6-run-search", sql: """
        CREATE VIRTUAL TABLE run_search USING fts5(text, tokenize = 'trigram', detail = 'none');
        INSERT INTO run_search (rowid, text) SELECT r.id, r.status || ' ' || p.name || ' ' || coalesce(r.name, '') || ' ' || m.name || ' ' || r.kind || ' ' || r.trigger || ' ' || coalesce(r.error, '') || ' ' || r.external_id
        FROM pipeline_runs r JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id WHERE 1;
        CREATE TRIGGER pipeline_runs_insert_search AFTER INSERT ON pipeline_runs BEGIN
            INSERT INTO run_search (rowid, text) SELECT r.id, r.status || ' ' || p.name || ' ' || coalesce(r.name, '') || ' ' || m.name || ' ' || r.kind || ' ' || r.trigger || ' ' || coalesce(r.error, '') || ' ' || r.external_id
        FROM pipeline_runs r JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id WHERE r.id = NEW.id;
        END;
        CREATE TRIGGER pipeline_runs_update_search
          AFTER UPDATE OF status, name, kind, trigger, error, external_id, pipeline_id, model_id ON pipeline_runs BEGIN
            DELETE FROM run_search WHERE rowid = OLD.id;
            INSERT INTO run_search (rowid, text) SELECT r.id, r.status || ' ' || p.name || ' ' || coalesce(r.name, '') || ' ' || m.name || ' ' || r.kind || ' ' || r.trigger || ' ' || coalesce(r.error, '') || ' ' || r.external_id
        FROM pipeline_runs r JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id WHERE r.id = NEW.id;
        END;
        CREATE TRIGGER pipeline_runs_delete_search AFTER DELETE ON pipeline_runs BEGIN
            DELETE FROM run_search WHERE rowid = OLD.id;
        END;
        CREATE TRIGGER models_rename_search AFTER UPDATE OF name ON models WHEN OLD.name IS NOT NEW.name BEGIN
            DELETE FROM run_search WHERE rowid IN (SELECT id FROM pipeline_runs WHERE model_id = NEW.id);
            INSERT INTO run_search (rowid, text) SELECT r.id, r.status || ' ' || p.name || ' ' || coalesce(r.name, '') || ' ' || m.name || ' ' || r.kind || ' ' || r.trigger || ' ' || coalesce(r.error, '') || ' ' || r.external_id
        FROM pipeline_runs r JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id WHERE r.model_id = NEW.id;
        END;
        CREATE TRIGGER pipelines_rename_search AFTER UPDATE OF name ON pipelines WHEN OLD.name IS NOT NEW.name BEGIN
            DELETE FROM run_search WHERE rowid IN (SELECT id FROM pipeline_runs WHERE pipeline_id = NEW.id);
            INSERT INTO run_search (rowid, text) SELECT r.id, r.status || ' ' || p.name || ' ' || coalesce(r.name, '') || ' ' || m.name || ' ' || r.kind || ' ' || r.trigger || ' ' || coalesce(r.error, '') || ' ' || r.external_id
        FROM pipeline_runs r JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id WHERE r.pipeline_id = NEW.id;
        END;
        """)
}
