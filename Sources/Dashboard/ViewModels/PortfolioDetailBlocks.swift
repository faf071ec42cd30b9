import Foundation
import Portfolio
import PortfolioStore

/// The portfolio overview (`:overview`, `snapshot --detail portfolio`): every figure of
/// `oversight status` — the portfolio's, then per team — and each team's maturity gaps.
enum PortfolioDetailBlocks {
    static func ratio(_ value: Double?) -> String { value.map { String(format: "%.1fx", $0) } ?? "—" }

    static func blocks(_ report: FiguresReport, zone: TimeZone) -> [DetailBlock] {
        let p = report.portfolio
        let window = report.window
        let start = window.asOf.addingTimeInterval(-Double(window.days) * 86_400)
        var blocks: [DetailBlock] = [
            .heading("Portfolio (window \(window.days) days: \(Format.dateTime(start, zone: zone)) … \(Format.dateTime(window.asOf, zone: zone)); docs/METRICS.md)"),
            .fields([
                DetailField("production", "\(p.modelsInProduction) of \(p.modelsTotal) models · \(Format.money(p.valueInProduction))/yr of value"),
                DetailField("alerts", "active: \(p.activeCriticalAlerts) critical, \(p.activeWarningAlerts) warning, \(p.activeAlerts) in all",
                            tone: p.activeCriticalAlerts > 0 ? .critical : .normal),
                DetailField("value at risk", "\(Format.money(p.valueAtRisk))/yr (production models with an active critical alert)",
                            tone: p.valueAtRisk > 0 ? .warn : .ok),
                DetailField("deployments", String(format: "%.1f a week", p.deploymentFrequencyPerWeek) + " (\(p.deploymentsInWindow) succeeded)"),
                DetailField("lead time", "\(Format.hours(p.leadTimeHoursMedian)) median over \(p.leadTimeSamples) version(s)"),
                DetailField("change failure", "\(Format.percent(p.changeFailureRate)) (\(p.failedChanges) of \(p.deploymentsInWindow) followed by a failure within 7 days)",
                            tone: (p.changeFailureRate ?? 0) > 0.15 ? .warn : .normal),
                DetailField("time to restore", "\(Format.hours(p.timeToRestoreHoursMedian)) median over \(p.restoreSamples) critical resolution(s)"),
                DetailField("cost", "\(Format.money(p.computeCostInWindow)) compute in the window · \(Format.money(p.annualizedCostOfProduction))/yr annualized for production"),
                DetailField("value/cost", ratio(p.valueToCostRatio), tone: .accent),
            ]),
            .spacer, .heading("By team"),
        ]
        if !report.includesWindowFigures {
            blocks.insert(.paragraph("Computing the window figures (DORA, cost) and derived maturity in the background; they appear here when ready.",
                                     .warn, indent: 2), at: 1)
        }
        let right = { (title: String, min: Int) in TableColumn(title, min: min, max: 10, align: .right, priority: 7) }
        var teamFigures = TableView(
            columns: [TableColumn("TEAM", min: 10, max: 32, priority: 10, flexible: true), right("PROD", 4), right("CRIT", 4),
                      right("VALUE/YR", 8), right("AT RISK", 7), right("DEPLOY/WK", 9), right("LEAD", 5), right("CFR", 6),
                      right("RESTORE", 7), right("COST", 6), right("VALUE/COST", 10)],
            rows: report.teams.map { t in
                let f = t.figures
                return [TableCell(t.name), TableCell("\(f.modelsInProduction)"),
                        TableCell("\(f.activeCriticalAlerts)", tone: f.activeCriticalAlerts > 0 ? .critical : .normal),
                        TableCell(Format.money(f.valueInProduction)),
                        TableCell(Format.money(f.valueAtRisk), tone: f.valueAtRisk > 0 ? .warn : .normal),
                        TableCell(String(format: "%.1f", f.deploymentFrequencyPerWeek)), TableCell(Format.hours(f.leadTimeHoursMedian)),
                        TableCell(Format.percent(f.changeFailureRate)), TableCell(Format.hours(f.timeToRestoreHoursMedian)),
                        TableCell(Format.money(f.computeCostInWindow)), TableCell(ratio(f.valueToCostRatio))]
            }, selectedRow: nil, emptyText: "no teams")
        teamFigures.rowTargets = report.teams.map { .team($0.name) }
        blocks.append(.table(teamFigures))

        blocks += [.spacer, .heading("Maturity: assessed/derived and the gap (docs/MATURITY.md)")]
        let byTeam = Dictionary(grouping: report.maturity, by: \.team)
        blocks.append(.table(TableView(
            columns: [TableColumn("TEAM", min: 10, max: 32, priority: 10, flexible: true)]
                + MaturityComponent.allCases.map { TableColumn($0.shortLabel, min: 6, max: 9, priority: 8) },
            rows: report.teams.map { t in
                [TableCell(t.name)] + MaturityComponent.allCases.map { component in
                    guard let m = byTeam[t.name]?.first(where: { $0.component == component }) else { return TableCell("—", tone: .dim) }
                    return MaturityTable.cell(assessed: m.assessedLevel, derived: m.derivedLevel)
                }
            }, selectedRow: nil, emptyText: "no teams")))
        blocks.append(.paragraph("Enter on a team in the Maturity panel shows the evidence behind each derived level.", .dim, indent: 2))
        return blocks
    }
}
