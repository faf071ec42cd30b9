import GRDB

/// Which objects of later migrations a store holds: the one rule for every query that has a
/// faster way through one of them. A store opened read-only (another user's, or a file this
/// user may not migrate) can predate them, and each such query then takes the way that needs
/// none — as it read before that migration — with the same rows. Read once when the store is
/// opened (a read-write open has migrated, so it holds them all).
public struct SchemaFeatures: Sendable, Hashable {
    public enum Feature: String, Sendable, CaseIterable {
        /// v2: runs and alerts counted by triggers, so a footer's total never counts a table.
        case rowCounts = "row_counts"
        /// v5: the kept totals (and the snoozed alerts by deadline that come with them).
        case keptTotals = "model_totals"
        /// v6: the runs' search index, for `/` on runs.
        case runSearch = "run_search"
        /// v7 and v9: the runs in the order of a sort column, for `s` on runs.
        case runsByKind = "runs_by_kind"
        case runsByTrigger = "runs_by_trigger"
        case runsByError = "runs_by_error"
        /// v11: where incremental importers stand in the sources they follow.
        case importCursors = "import_cursors"
        /// v12: the runs' window figures by day, so a window reads its days, not its runs.
        case runDays = "run_days"
        /// v13: each succeeded deployment's lead-time and failure facts, stored when known.
        case deploymentFacts = "deployment_facts"
        /// v14: each alert's first assignment, note and response, stored when its timeline changes.
        case alertFacts = "alert_facts"
        /// v15: who acted for each team by day, so people are counted per person, not per event.
        case actorDays = "actor_days"
        /// v16: each team's alerts counted by status and severity, so its active alerts are a few rows.
        case alertTeamCounts = "alert_team_counts"
        /// v16: each model's metric series with its latest point, so "has a metric in the window"
        /// looks at the model's few series.
        case metricSeries = "metric_series"
        /// v16: each model's latest automatic evaluation and deployment run.
        case automaticRunSeries = "automatic_run_series"
        /// v16: the last day each of a team's people acted.
        case actorLast = "actor_last"
        /// v17: each alert resolution's time to restore, stored when its timeline changes.
        case restorationFacts = "restoration_facts"
        /// v19: run_days summed by week, so a window's whole weeks are a row each.
        case runWeeks = "run_weeks"
        /// v20: the alerts' answers by team and week, so a window's whole weeks of alerts are a
        /// row per team and week (and the alerts not settled in their week, an index of their own).
        case alertWeeks = "alert_weeks"
    }

    let present: Set<Feature>

    public func has(_ feature: Feature) -> Bool { present.contains(feature) }

    static func read(_ db: Database) throws -> SchemaFeatures {
        let names = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master"))
        return SchemaFeatures(present: Set(Feature.allCases.filter { names.contains($0.rawValue) }))
    }
}
