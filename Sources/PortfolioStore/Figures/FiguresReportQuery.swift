import Foundation
import GRDB
import Portfolio

extension PortfolioReader {
    /// Every figure of the portfolio and of each team, and each team's maturity, derived beside
    /// assessed. The one computation behind the dashboard header, the Maturity panel and
    /// `oversight status` (docs/METRICS.md, docs/MATURITY.md).
    public func figures(_ window: FigureWindow) throws -> FiguresReport {
        let teams = try teamsByName()
        var byTeam: [Int64: Figures] = [:]
        try valueFigures(window, into: &byTeam)
        let samples = try doraFigures(window, into: &byTeam)
        for id in byTeam.keys { Self.finish(&byTeam[id]!) }

        var portfolio = Figures()
        for (id, _) in teams {
            let f = byTeam[id] ?? Figures()
            portfolio.modelsInProduction += f.modelsInProduction
            portfolio.modelsTotal += f.modelsTotal
            portfolio.activeCriticalAlerts += f.activeCriticalAlerts
            portfolio.activeWarningAlerts += f.activeWarningAlerts
            portfolio.activeAlerts += f.activeAlerts
            portfolio.failedRunsLast24h += f.failedRunsLast24h
            portfolio.runningRuns += f.runningRuns
            portfolio.valueInProduction += f.valueInProduction
            portfolio.valueAtRisk += f.valueAtRisk
            portfolio.computeCostInWindow += f.computeCostInWindow
            portfolio.annualizedCostOfProduction += f.annualizedCostOfProduction
        }
        Self.applyDORA(&portfolio, window, samples.deployments, samples.restorations)
        Self.finish(&portfolio)

        let evidence = try teamEvidence(asOf: window.asOf)
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
        return FiguresReport(window: window, portfolio: portfolio,
                             teams: teams.map { TeamFigures(name: $0.name, figures: byTeam[$0.id] ?? Figures()) },
                             maturity: maturity)
    }

    static func finish(_ figures: inout Figures) {
        figures.valueToCostRatio = figures.annualizedCostOfProduction > 0
            ? figures.valueInProduction / figures.annualizedCostOfProduction : nil
    }
}
