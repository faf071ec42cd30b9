import Foundation
import GRDB
import Portfolio

/// The DORA figures for ML per team (docs/METRICS.md): the window's succeeded deployments with,
/// for each, its lead time and whether it failed; and the window's critical-alert restorations.
/// Deployments and restorations are read with their facts stored (migrations v13 and v17).
extension PortfolioReader {
    struct Deployment: Hashable {
        var team: Int64
        var leadHours: Double?
        var failed: Bool
    }

    /// Seven days, in seconds: how long after a deployment a failure counts against it (written
    /// as 604800 in migration v13's deployment_fact_rows).
    static let failureHorizon: Int64 = 7 * 86_400

    /// Comparisons of the expression index `coalesce(started_at, queued_at)` with another run's
    /// column are written `d.finished_at + 1` / `+ 0`: compared with a bare column, SQLite applies
    /// the column's affinity and no longer uses that bound of the index (a model's whole history
    /// is then walked per deployment). Times are whole seconds, so `>= x + 1` is `> x`.
    static let deploymentsSQL = """
            SELECT m.team_id, d.finished_at,
              (d.model_version IS NOT NULL AND NOT EXISTS (
                 SELECT 1 FROM pipeline_runs e
                 WHERE e.model_id = d.model_id AND e.model_version = d.model_version AND e.kind = 'deployment'
                   AND e.status = 'succeeded'
                   AND (e.finished_at < d.finished_at OR (e.finished_at = d.finished_at AND e.id < d.id)))) AS first_of_version,
              (SELECT min(coalesce(t.started_at, t.queued_at)) FROM pipeline_runs t
                 WHERE t.model_id = d.model_id AND t.model_version = d.model_version AND t.kind = 'training'
                   AND coalesce(t.started_at, t.queued_at) <= d.finished_at + 0) AS first_training,
              -- +f.kind: the model's runs in the 7 days (runs_by_model), never an index by kind.
              (EXISTS (
                 SELECT 1 FROM pipeline_runs f
                 WHERE f.model_id = d.model_id AND +f.kind = 'deployment' AND (f.status = 'failed' OR f.is_rollback = 1)
                   AND coalesce(f.started_at, f.queued_at) >= d.finished_at + 1
                   AND coalesce(f.started_at, f.queued_at) <= min(d.finished_at + :horizon, :end))
               OR EXISTS (
                 SELECT 1 FROM drift_alerts a
                 WHERE a.model_id = d.model_id AND a.severity = 'critical'
                   AND a.opened_at > d.finished_at AND a.opened_at <= min(d.finished_at + :horizon, :end))) AS failed
            FROM pipeline_runs d JOIN models m ON m.id = d.model_id
            WHERE d.status = 'succeeded' AND d.finished_at > :start AND d.finished_at <= :end AND d.kind = 'deployment'
            """

    static func deploymentArguments(_ window: FigureWindow) -> StatementArguments {
        ["start": window.bounds.start, "end": window.bounds.end, "horizon": failureHorizon]
    }

    /// The window's succeeded deployments: from deployment_facts (v13), where each one's facts
    /// were worked out when written, or (a store opened read-only before v13) from the runs.
    /// `teamOf` is `teamOfModel()` when the caller has read it already.
    func deploymentsInWindow(_ window: FigureWindow, teamOf known: ModelTeams? = nil) throws -> [Deployment] {
        guard features.has(.deploymentFacts) else { return try deploymentsByRow(window) }
        let (start, end) = window.bounds
        // Read by position (ColumnValues) and matched to teams in memory: tens of thousands of rows.
        let teamOf = try known ?? teamOfModel()
        var deployments: [Deployment] = []
        try db.forEachRow("""
            SELECT f.model_id, f.finished_at, f.first_training_at, f.failure_at
            FROM deployment_facts f WHERE f.finished_at > :s AND f.finished_at <= :e
            """, arguments: ["s": start, "e": end]) { row in
            guard let team = teamOf[row.int64(0)]?.team else { return }
            let finished = row.int64(1)
            let lead = row.optionalInt64(2).map { SafeNumbers.difference(finished, $0) / 3600 }
            deployments.append(Deployment(team: team, leadHours: lead, failed: row.optionalInt64(3).map { $0 <= end } ?? false))
        }
        return deployments
    }

    /// The same deployments with their facts worked out from the runs and alerts, one deployment
    /// at a time; the differential test holds the two equal.
    func deploymentsByRow(_ window: FigureWindow) throws -> [Deployment] {
        return try Row.fetchAll(db, sql: Self.deploymentsSQL, arguments: Self.deploymentArguments(window)).map { row in
            let finished: Int64 = row["finished_at"]
            let first: Bool = row["first_of_version"]
            let training: Int64? = row["first_training"]
            let lead = first ? training.map { SafeNumbers.difference(finished, $0) / 3600 } : nil
            return Deployment(team: row["team_id"], leadHours: lead, failed: row["failed"])
        }
    }

    struct Restoration {
        var team: Int64
        var hours: Double
    }

    /// Each resolution of a critical alert in the window, with when its episode began as v17's
    /// view has it (`StoreSchema.episodeBegan`).
    static let restorationsSQL = """
            SELECT m.team_id, e.at AS resolved_at,
              \(StoreSchema.episodeBegan) AS began_at
            FROM alert_events e JOIN drift_alerts a ON a.id = e.alert_id JOIN models m ON m.id = a.model_id
            WHERE e.kind = 'resolved' AND e.at > ? AND e.at <= ? AND a.severity = 'critical'
            """

    static let restorationFactsSQL = """
        SELECT model_id, resolved_at, began_at FROM restoration_facts
        WHERE severity = 'critical' AND resolved_at > ? AND resolved_at <= ?
        """

    /// The window's restorations: from restoration_facts (v17), the window's critical
    /// resolutions through one index with their teams matched in memory, or (a store opened
    /// read-only before v17) from each resolution's timeline; the differential test holds the two
    /// equal. `teamOf` is `teamOfModel()` when the caller has read it already.
    func restorationsInWindow(_ window: FigureWindow, teamOf known: ModelTeams? = nil) throws -> [Restoration] {
        guard features.has(.restorationFacts) else { return try restorationsByRow(window) }
        let (start, end) = window.bounds
        let teamOf = try known ?? teamOfModel()
        var restorations: [Restoration] = []
        let rows = try Row.fetchCursor(db, sql: Self.restorationFactsSQL, arguments: [start, end])
        while let row = try rows.next() {
            guard let model: Int64 = row[0], let team = teamOf[model]?.team, let resolved: Int64 = row[1], let began: Int64 = row[2] else { continue }
            restorations.append(Restoration(team: team, hours: max(0, SafeNumbers.difference(resolved, began)) / 3600))
        }
        return restorations
    }

    /// The same restorations worked out from each resolution's timeline.
    func restorationsByRow(_ window: FigureWindow) throws -> [Restoration] {
        let (start, end) = window.bounds
        return try Row.fetchAll(db, sql: Self.restorationsSQL, arguments: [start, end]).compactMap { row in
            let resolved: Int64 = row["resolved_at"]
            guard let began: Int64 = row["began_at"] else { return nil }
            return Restoration(team: row["team_id"], hours: max(0, SafeNumbers.difference(resolved, began)) / 3600)
        }
    }

    /// Fills the DORA figures of each team from the window's deployments and restorations.
    static func addDORA(_ window: FigureWindow, _ deployments: [Deployment], _ restorations: [Restoration],
                        into figures: inout [Int64: Figures]) {
        let deployed = Dictionary(grouping: deployments, by: \.team), restored = Dictionary(grouping: restorations, by: \.team)
        for id in Set(deployed.keys).union(restored.keys) {
            Self.applyDORA(&figures[id, default: Figures()], window, deployed[id] ?? [], restored[id] ?? [])
        }
    }

    static func applyDORA(_ figures: inout Figures, _ window: FigureWindow, _ deployments: [Deployment], _ restorations: [Restoration]) {
        figures.deploymentsInWindow = deployments.count
        figures.deploymentFrequencyPerWeek = Double(deployments.count * 7) / Double(window.days)
        let leads = deployments.compactMap(\.leadHours)
        figures.leadTimeHoursMedian = Statistics.median(leads)
        figures.leadTimeSamples = leads.count
        figures.failedChanges = deployments.filter(\.failed).count
        figures.changeFailureRate = deployments.isEmpty ? nil : Double(figures.failedChanges) / Double(deployments.count)
        figures.timeToRestoreHoursMedian = Statistics.median(restorations.map(\.hours))
        figures.restoreSamples = restorations.count
    }

    /// `EXPLAIN QUERY PLAN` of the two row-by-row window queries (what a store before v13 and v17
    /// reads), for a test that they use indexes.
    func deploymentPlanForTests(_ window: FigureWindow) throws -> String {
        try queryPlan(Self.deploymentsSQL, Self.deploymentArguments(window))
    }

    func restorationPlanForTests(_ window: FigureWindow) throws -> String {
        try queryPlan(Self.restorationsSQL, [window.bounds.start, window.bounds.end])
    }

    func queryPlan(_ sql: String, _ arguments: StatementArguments) throws -> String {
        try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments)
            .map { $0["detail"] as String }.joined(separator: "\n")
    }
}
