import Foundation
import GRDB
import Portfolio

/// What each detail view shows, loaded on demand for one item.
extension PortfolioReader {
    /// At most this many related items of one kind (other alerts, triggered runs) in a detail view.
    static let relatedLimit = 20
    /// How many of an alert's events its detail shows, the newest.
    public static let timelineLimit = 500

    /// A model's detail; its metric series and cost over the `days` before `now` (at most
    /// `points` points a series: the newest).
    public func modelDetail(named name: String, now: Date = Date(), days: Int = FigureWindow.defaultDays, runs: Int = 12,
                            points: Int = 2_000) throws -> ModelDetail? {
        guard let model = try model(named: name), let id = try modelID(name) else { return nil }
        let window = FigureWindow(asOf: now, days: days)
        let recentRuns = try Row.fetchAll(db, sql: PipelineRun.selection + "\n" + PipelineRun.joins + """

            WHERE r.model_id = ? ORDER BY coalesce(r.started_at, r.queued_at) DESC, r.id DESC LIMIT ?
            """, arguments: [id, runs]).map(PipelineRun.init(row:))
        let alerts = try Row.fetchAll(db, sql: Self.alertSelect(now) + """

            WHERE a.model_id = ? AND a.status IN ('open', 'acknowledged', 'snoozed')
            ORDER BY \(SQLRank.severity("a.severity")), a.opened_at DESC
            """, arguments: [id]).map(DriftAlert.init(row:))
        let recentAlerts = try Row.fetchAll(db, sql: Self.alertSelect(now) + """

            WHERE a.model_id = ? AND a.status = 'resolved' ORDER BY a.resolved_at DESC LIMIT 5
            """, arguments: [id]).map(DriftAlert.init(row:))
        // The series' names from those kept (v16): DISTINCT over the points read every point of the model.
        let names = try String.fetchAll(db, sql: features.has(.metricSeries)
                                            ? "SELECT name FROM metric_series WHERE model_id = ? ORDER BY name"
                                            : "SELECT DISTINCT name FROM metric_points WHERE model_id = ? ORDER BY name",
                                        arguments: [id])
        let metrics = try names.map { metric in
            MetricSeries(name: metric, points: try metricSeries(model: name, name: metric, since: window.start, limit: points))
        }
        let teamOffset = try Int.fetchOne(db, sql: "SELECT count(*) FROM teams WHERE name < ?", arguments: [model.team]) ?? 0
        let maturity = try teamMaturity(offset: teamOffset, limit: 1).first { $0.team == model.team }
        let cost = try Double.fetchOne(db, sql: "SELECT \(Self.modelWindowCost(window)) FROM models m WHERE m.id = ?",
                                       arguments: [id]) ?? 0
        // The newest run per version (SQLite takes the bare column from the row of max()).
        let versionRuns = try Row.fetchAll(db, sql: """
            SELECT model_version, external_id, max(coalesce(started_at, queued_at)) FROM pipeline_runs
            WHERE model_id = ? AND model_version IS NOT NULL GROUP BY model_version
            """, arguments: [id])
        return ModelDetail(model: model, recentRuns: recentRuns, activeAlerts: alerts, recentAlerts: recentAlerts,
                           metrics: metrics, teamMaturity: maturity,
                           versionRuns: Dictionary(versionRuns.map { ($0[0] as String, $0[1] as String) }) { first, _ in first },
                           window: window, computeCostInWindow: cost)
    }

    public func runDetail(externalID: String, now: Date = Date(), history: Int = 20) throws -> RunDetail? {
        guard let run = try run(externalID: externalID), let pipelineID = try pipelineID(run.pipeline) else { return nil }
        let runs = try Row.fetchAll(db, sql: PipelineRun.selection + "\n" + PipelineRun.joins + """

            WHERE r.pipeline_id = ? ORDER BY coalesce(r.started_at, r.queued_at) DESC, r.id DESC LIMIT ?
            """, arguments: [pipelineID, history]).map(PipelineRun.init(row:))
        var trigger: DriftAlert?
        if run.trigger == .drift {
            let at = run.queuedAt.storeSeconds
            trigger = try Row.fetchOne(db, sql: Self.alertSelect(now) + """

                WHERE m.name = ? AND a.opened_at <= ? AND (a.resolved_at IS NULL OR a.resolved_at >= ?)
                ORDER BY a.opened_at DESC, a.id DESC LIMIT 1
                """, arguments: [run.model, at, at]).map(DriftAlert.init(row:))
        }
        return RunDetail(run: run, pipelineHistory: runs, triggeringAlert: trigger)
    }

    /// An alert's detail; the drifting feature's score history over the `days` before `now`.
    public func alertDetail(externalID: String, now: Date = Date(), days: Int = FigureWindow.defaultDays,
                            points: Int = 2_000) throws -> AlertDetail? {
        guard let (stored, rowID) = try alertWithoutEvents(externalID: externalID) else { return nil }
        var alert = stored
        // The newest events only: a monitor that notes every check can leave an alert a million,
        // and the detail is drawn whole on every frame.
        alert.events = try events(ofAlertRow: rowID, newest: Self.timelineLimit)
        let eventCount = alert.events.count < Self.timelineLimit ? alert.events.count
            : try Int.fetchOne(db, sql: "SELECT count(*) FROM alert_events WHERE alert_id = ?", arguments: [rowID]) ?? 0
        alert.status = AlertLifecycle.effectiveStatus(alert.status, snoozedUntil: alert.snoozedUntil, now: now)
        let window = FigureWindow(asOf: now, days: days)
        let history = try metricSeries(model: alert.model, name: "drift.\(alert.method.rawValue).\(alert.feature)",
                                       since: window.start, limit: points)
        let stage = try String.fetchOne(db, sql: "SELECT stage FROM models WHERE name = ?", arguments: [alert.model])
        let others = try Row.fetchAll(db, sql: Self.alertSelect(now) + """

            WHERE m.name = ? AND a.external_id <> ? AND a.status IN ('open', 'acknowledged', 'snoozed')
            ORDER BY \(SQLRank.severity("a.severity")), a.opened_at DESC LIMIT ?
            """, arguments: [alert.model, externalID, Self.relatedLimit]).map(DriftAlert.init(row:))
        let until = (alert.resolvedAt ?? now).storeSeconds
        let triggered = try Row.fetchAll(db, sql: PipelineRun.selection + "\n" + PipelineRun.joins + """

            WHERE m.name = ? AND r.trigger = 'drift' AND coalesce(r.queued_at, r.started_at) BETWEEN ? AND ?
            ORDER BY coalesce(r.started_at, r.queued_at) DESC, r.id DESC LIMIT ?
            """, arguments: [alert.model, alert.openedAt.storeSeconds, until, Self.relatedLimit]).map(PipelineRun.init(row:))
        return AlertDetail(alert: alert, eventCount: eventCount, history: history, modelStage: stage.flatMap(Stage.init(rawValue:)),
                           otherActiveAlerts: others, triggeredRuns: triggered, window: window)
    }

    /// A team's detail; `figures` is a report already computed for `now` (the dashboard's, kept
    /// fresh in the background), else the figures are computed here.
    public func teamDetail(named name: String, now: Date = Date(), figures computed: FiguresReport? = nil) throws -> TeamDetail? {
        guard let team = try team(named: name), let id = try teamID(name) else { return nil }
        let assessments = try MaturityAssessment.fetchAll(db, sql: """
            SELECT a.*, t.name AS team_name FROM maturity_assessments a JOIN teams t ON t.id = a.team_id
            WHERE a.team_id = ? ORDER BY a.component, a.assessed_at
            """, arguments: [id])
        let models = try Int.fetchOne(db, sql: "SELECT count(*) FROM models WHERE team_id = ?", arguments: [id]) ?? 0
        let window = FigureWindow(asOf: now)
        let full = if let computed, computed.includesWindowFigures { computed } else { try figures(window) }
        let report = full.scoped(to: name)
        var scope = PanelQuery()
        scope.team = name
        let modelList = try modelSummaries(now: now, limit: TeamDetail.modelLimit, query: scope)
        return TeamDetail(team: team, assessments: assessments, models: models, modelList: modelList,
                          figures: report?.portfolio, window: full.window,
                          maturity: report?.maturity ?? [], derivedTrend: try derivedMaturityTrend(team: name, asOf: now))
    }
}
