import GRDB

extension StoreSchema {
    /// v9: one shape for every store, whichever build made it. v5, v6 and v7 were edited after they
    /// first shipped (see their files), so stores made by different builds differ for the same
    /// migration names: v5's three model triggers as upserts, v6's search table without column
    /// sizes, v7's indexes (status dropped; kind, trigger, duration and error). Each object below is
    /// put in its final text where a store has another text or none; what is already so is left
    /// alone, so a store that has it all costs nothing. The search table, when made again, is
    /// filled again. Frozen like the others: what a store should hold beyond this is a new migration.
    static let v9 = Migration("v9-one-shape") { db in
        try db.execute(sql: "DROP INDEX IF EXISTS runs_by_status_time")
        for object in convergedObjects {
            let current = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = ?", arguments: [object.name])
            guard current != object.sql else { continue }
            if current != nil { try db.execute(sql: "DROP \(object.type.uppercased()) \(object.name)") }
            try db.execute(sql: object.sql)
            if object.name == "run_search" { try db.execute(sql: runSearchFill) }
        }
    }

    struct ConvergedObject {
        let type: String
        let name: String
        let sql: String
    }

    static let convergedObjects = [
        ConvergedObject(type: "trigger", name: "models_insert_totals", sql: """
            CREATE TRIGGER models_insert_totals AFTER INSERT ON models BEGIN
                INSERT INTO model_totals (team_id, stage, models, value, serving)
              VALUES (NEW.team_id, NEW.stage, 1, coalesce(NEW.business_value, 0), coalesce(NEW.serving_cost_per_month, 0))
              ON CONFLICT (team_id, stage) DO UPDATE SET models = models + excluded.models,
                value = value + excluded.value, serving = serving + excluded.serving;
            END
            """),
        ConvergedObject(type: "trigger", name: "models_delete_totals", sql: """
            CREATE TRIGGER models_delete_totals AFTER DELETE ON models BEGIN
                INSERT INTO model_totals (team_id, stage, models, value, serving)
              VALUES (OLD.team_id, OLD.stage, -1, -coalesce(OLD.business_value, 0), -coalesce(OLD.serving_cost_per_month, 0))
              ON CONFLICT (team_id, stage) DO UPDATE SET models = models + excluded.models,
                value = value + excluded.value, serving = serving + excluded.serving;
                DELETE FROM model_critical WHERE model_id = OLD.id;
            END
            """),
        ConvergedObject(type: "trigger", name: "models_update_totals", sql: """
            CREATE TRIGGER models_update_totals AFTER UPDATE OF team_id, stage, business_value, serving_cost_per_month ON models
              WHEN OLD.team_id IS NOT NEW.team_id OR OLD.stage IS NOT NEW.stage
                OR OLD.business_value IS NOT NEW.business_value OR OLD.serving_cost_per_month IS NOT NEW.serving_cost_per_month BEGIN
                INSERT INTO model_totals (team_id, stage, models, value, serving)
              VALUES (OLD.team_id, OLD.stage, -1, -coalesce(OLD.business_value, 0), -coalesce(OLD.serving_cost_per_month, 0))
              ON CONFLICT (team_id, stage) DO UPDATE SET models = models + excluded.models,
                value = value + excluded.value, serving = serving + excluded.serving;
                INSERT INTO model_totals (team_id, stage, models, value, serving)
              VALUES (NEW.team_id, NEW.stage, 1, coalesce(NEW.business_value, 0), coalesce(NEW.serving_cost_per_month, 0))
              ON CONFLICT (team_id, stage) DO UPDATE SET models = models + excluded.models,
                value = value + excluded.value, serving = serving + excluded.serving;
                UPDATE model_critical SET team_id = NEW.team_id, value = (CASE WHEN NEW.stage = 'production' THEN coalesce(NEW.business_value, 0) ELSE 0 END) WHERE model_id = NEW.id;
            END
            """),
        ConvergedObject(type: "table", name: "run_search", sql: """
            CREATE VIRTUAL TABLE run_search USING fts5(text, tokenize = 'trigram', detail = 'none', columnsize = 0)
            """),
        ConvergedObject(type: "index", name: "runs_by_kind", sql: """
            CREATE INDEX runs_by_kind ON pipeline_runs(kind, coalesce(started_at, queued_at))
            """),
        ConvergedObject(type: "index", name: "runs_by_trigger", sql: """
            CREATE INDEX runs_by_trigger ON pipeline_runs(trigger, coalesce(started_at, queued_at))
            """),
        ConvergedObject(type: "index", name: "runs_by_duration", sql: """
            CREATE INDEX runs_by_duration ON pipeline_runs((finished_at - started_at), coalesce(started_at, queued_at))
            """),
        ConvergedObject(type: "index", name: "runs_by_error", sql: """
            CREATE INDEX runs_by_error ON pipeline_runs(error, coalesce(started_at, queued_at))
              WHERE error IS NOT NULL AND error <> ''
            """),
    ]

    static let runSearchFill = """
    INSERT INTO run_search (rowid, text) SELECT r.id, r.status || ' ' || p.name || ' ' || coalesce(r.name, '') || ' ' || m.name || ' ' || r.kind || ' ' || r.trigger || ' ' || coalesce(r.error, '') || ' ' || r.external_id
    FROM pipeline_runs r JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id WHERE 1
    """
}
