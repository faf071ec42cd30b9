import Foundation
import GRDB
import Portfolio

extension PortfolioReader {
    /// Every figure of the portfolio and of each team, and each team's maturity, derived beside
    /// assessed. The one computation behind the dashboard header, the Maturity panel and
    /// `oversight status` (docs/METRICS.md, docs/MATURITY.md). Its window figures read what the
    /// store keeps by day, deployment, alert and person (migrations v12–v15; "How window figures
    /// are read"), still over a second on a store of a million runs, which is why the interactive
    /// dashboard computes them off its loop (`DashboardEngine`).
    public func figures(_ window: FigureWindow) throws -> FiguresReport {
        let teams = try teamsByName()
        var byTeam: [Int64: Figures] = [:]
        try currentFigures(asOf: window.asOf, into: &byTeam)
        try costFigures(window, into: &byTeam)
        // Every model's team, read once for the deployments and the alerts (10k models: ~3 ms).
        let teamOf = try teamOfModel()
        let samples = try doraFigures(window, into: &byTeam, teamOf: teamOf)
        var report = Self.report(window, teams: teams, byTeam: byTeam, includesWindowFigures: true)
        Self.applyDORA(&report.portfolio, window, samples.deployments, samples.restorations)

        let evidence = try teamEvidence(asOf: window.asOf, teamOf: teamOf)
        let assessed = try latestAssessedLevels()
        var maturity: [MaturityFigure] = []
        for (id, name) in teams {
            let e = evidence[id] ?? TeamEvidence()
            for component in MaturityComponent.allCases {
                maturity.append(MaturityFigure(
                    team: name, component: component, assessedLevel: assessed[id]?[component],
                    derivedLevel: MaturityDerivation.level(component, e),
                    evidence: MaturityDerivation.evidence(component, e)))
            }
        }
        report.maturity = maturity
        return report
    }

    /// The figures of the store's current state only — counts, value in production, value at
    /// risk, active alerts, failed and running runs — for every refresh: the portfolio's, and
    /// `team`'s when given (the only entry of `teams`); the window figures and maturity are left
    /// out (`includesWindowFigures` false).
    public func currentFigures(_ window: FigureWindow, team: String? = nil) throws -> FiguresReport {
        var portfolio = try currentTotals(asOf: window.asOf)
        portfolio.finish(windowDays: window.days)
        var teams: [TeamFigures] = []
        if let team, let id = try teamID(team) {
            var figures = try currentTotals(asOf: window.asOf, team: id)
            figures.finish(windowDays: window.days)
            teams = [TeamFigures(name: team, figures: figures)]
        }
        return FiguresReport(window: window, portfolio: portfolio, teams: teams, includesWindowFigures: false)
    }

    /// The report of per-team figures, with the portfolio's counts and sums over them.
    private static func report(_ window: FigureWindow, teams: [(id: Int64, name: String)], byTeam: [Int64: Figures],
                               includesWindowFigures: Bool) -> FiguresReport {
        var portfolio = Figures()
        let teamFigures = teams.map { team -> TeamFigures in
            var figures = byTeam[team.id] ?? Figures()
            figures.finish(windowDays: window.days)
            portfolio.add(figures)
            return TeamFigures(name: team.name, figures: figures)
        }
        portfolio.finish(windowDays: window.days)
        return FiguresReport(window: window, portfolio: portfolio, teams: teamFigures, includesWindowFigures: includesWindowFigures)
    }
}
