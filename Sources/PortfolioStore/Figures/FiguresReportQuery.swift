import Foundation
import GRDB
import Portfolio

extension PortfolioReader {
    /// Every figure of the portfolio and of each team, and each team's maturity, derived beside
    /// assessed. The one computation behind the dashboard header, the Maturity panel and
    /// `oversight status` (docs/METRICS.md, docs/MATURITY.md). Its window figures read what the
    /// store keeps by day, deployment, alert, resolution and person (migrations v12–v17; "How window
    /// figures are read"), ~0.1 s on a store of a million runs, which is why the interactive dashboard
    /// computes them off its loop (`DashboardEngine`). Its five parts are read one after another
    /// here, in this transaction; `PortfolioStore.figures` reads them at once.
    public func figures(_ window: FigureWindow) throws -> FiguresReport {
        let teamOf = try teamOfModel()
        return Self.assemble(window, Dictionary(uniqueKeysWithValues: try FigurePart.allCases.map {
            ($0, try read($0, window, teamOf: teamOf))
        }))
    }

    /// The window figures' five reads, independent of each other.
    public enum FigurePart: CaseIterable, Sendable {
        /// The teams, their current and cost figures, and the latest assessments.
        case teams
        /// The window's deployments and restorations, for the DORA figures.
        case dora
        /// The maturity evidence of runs and production models.
        case runEvidence
        /// The maturity evidence of alerts.
        case alertEvidence
        /// The maturity evidence of people acting.
        case peopleEvidence
    }

    /// What one part reads (the fields of its part; the others empty).
    public struct FigurePiece: Sendable {
        var teams: [(id: Int64, name: String)] = []
        var byTeam: [Int64: Figures] = [:]
        var deployments: [Deployment] = []
        var restorations: [Restoration] = []
        var assessed: [Int64: [MaturityComponent: Int]] = [:]
        var evidence: [Int64: TeamEvidence] = [:]
    }

    /// Reads one part of the window figures; `teamOf` is `teamOfModel()` when already read.
    public func read(_ part: FigurePart, _ window: FigureWindow, teamOf: ModelTeams? = nil) throws -> FigurePiece {
        var piece = FigurePiece()
        switch part {
        case .teams:
            piece.teams = try teamsByName()
            try currentFigures(asOf: window.asOf, into: &piece.byTeam)
            try costFigures(window, teamOf: teamOf, into: &piece.byTeam)
            piece.assessed = try latestAssessedLevels()
        case .dora:
            piece.deployments = try deploymentsInWindow(window, teamOf: teamOf)
            piece.restorations = try restorationsInWindow(window, teamOf: teamOf)
        case .runEvidence:
            try addRunEvidence(asOf: window.asOf, teamOf: teamOf, into: &piece.evidence)
        case .alertEvidence:
            try addAlertEvidence(asOf: window.asOf, teamOf: teamOf, into: &piece.evidence)
        case .peopleEvidence:
            try addPeopleEvidence(asOf: window.asOf, into: &piece.evidence)
        }
        return piece
    }

    /// The report from its parts.
    public static func assemble(_ window: FigureWindow, _ pieces: [FigurePart: FigurePiece]) -> FiguresReport {
        let main = pieces[.teams] ?? FigurePiece(), dora = pieces[.dora] ?? FigurePiece()
        var byTeam = main.byTeam
        Self.addDORA(window, dora.deployments, dora.restorations, into: &byTeam)
        var report = Self.report(window, teams: main.teams, byTeam: byTeam, includesWindowFigures: true)
        Self.applyDORA(&report.portfolio, window, dora.deployments, dora.restorations)

        var evidence = pieces[.runEvidence]?.evidence ?? [:]
        for (id, alerts) in pieces[.alertEvidence]?.evidence ?? [:] {
            evidence[id, default: TeamEvidence()].takeAlertEvidence(from: alerts)
        }
        for (id, people) in pieces[.peopleEvidence]?.evidence ?? [:] {
            evidence[id, default: TeamEvidence()].people = people.people
        }
        var maturity: [MaturityFigure] = []
        for (id, name) in main.teams {
            let e = evidence[id] ?? TeamEvidence()
            for component in MaturityComponent.allCases {
                maturity.append(MaturityFigure(
                    team: name, component: component, assessedLevel: main.assessed[id]?[component],
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
