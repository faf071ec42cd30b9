import Foundation
import Portfolio
import PortfolioStore

/// A team's detail: its figures over the window (as `status --team` prints them), each
/// component's self-assessed level beside the level derived from evidence with the gap, both
/// levels' trend per quarter, its models (each a link), and the evidence behind each derived level.
enum TeamDetailBlocks {
    static func blocks(_ detail: TeamDetail, now: Date, zone: TimeZone) -> [DetailBlock] {
        let team = detail.team
        var blocks: [DetailBlock] = [.fields([
            DetailField("industry", team.industry ?? "—"),
            DetailField("lead", team.lead ?? "—"),
            DetailField("models", String(detail.models)),
            DetailField("about", team.description ?? "—", tone: .dim),
        ])]
        if let f = detail.figures {
            let days = detail.window?.days ?? FigureWindow.defaultDays
            blocks += [.spacer, .heading("Figures (last \(days) days; docs/METRICS.md)"), .fields([
                DetailField("production", "\(f.modelsInProduction) of \(f.modelsTotal) models · active critical alerts: \(f.activeCriticalAlerts)"),
                DetailField("value", "\(Format.money(f.valueInProduction))/yr in production · \(Format.money(f.valueAtRisk))/yr at risk",
                            tone: f.valueAtRisk > 0 ? .warn : .normal),
                DetailField("cost", "\(Format.money(f.computeCostInWindow)) compute in window · \(Format.money(f.annualizedCostOfProduction))/yr annualized · value/cost \(f.valueToCostRatio.map { String(format: "%.1fx", $0) } ?? "—")"),
                DetailField("deployments", String(format: "%.1f/wk", f.deploymentFrequencyPerWeek) + " (\(f.deploymentsInWindow))"
                            + " · lead time \(Format.hours(f.leadTimeHoursMedian)) · change failure \(Format.percent(f.changeFailureRate))"
                            + " · restore \(Format.hours(f.timeToRestoreHoursMedian))"),
            ])]
        }

        let byComponent = Dictionary(grouping: detail.assessments, by: \.component)
        let derived = Dictionary(detail.maturity.map { ($0.component, $0) }) { first, _ in first }
        blocks += [.spacer, .heading("Components: assessed beside derived from evidence (0 none … 4 fully automated; docs/MATURITY.md)")]
        let rows: [[TableCell]] = MaturityComponent.allCases.map { component in
            let history = (byComponent[component] ?? []).sorted { $0.assessedAt < $1.assessedAt }
            let latest = history.last
            let assessedCell = latest.map { TableCell(level: $0.level, previous: history.dropLast().last?.level) }
                ?? TableCell("—", tone: .dim)
            let figure = derived[component]
            let derivedCell = figure.map { TableCell(level: $0.derivedLevel, previous: nil) } ?? TableCell("—", tone: .dim)
            let gap: TableCell
            if let g = figure?.gap {
                gap = TableCell(g == 0 ? "0" : (g > 0 ? "+\(g)" : "\(g)"), tone: g < 0 ? .warn : g > 0 ? .ok : .normal)
            } else {
                gap = TableCell("—", tone: .dim)
            }
            let derivedTrend = detail.derivedTrend.map { $0.levels[component].map(String.init) ?? "—" }.joined(separator: " → ")
            return [TableCell(component.label), assessedCell, derivedCell, gap,
                    TableCell(derivedTrend.isEmpty ? "—" : derivedTrend),
                    TableCell(history.isEmpty ? "not assessed" : history.suffix(4).map { String($0.level) }.joined(separator: " → "),
                              tone: history.isEmpty ? .dim : .normal),
                    TableCell(latest.map { Format.date($0.assessedAt, zone: zone) } ?? "—", tone: .dim)]
        }
        blocks.append(.table(TableView(
            columns: [TableColumn("COMPONENT", min: 10, max: 26, priority: 10), TableColumn("ASSESSED", min: 8, max: 8, priority: 9),
                      TableColumn("DERIVED", min: 7, max: 7, priority: 9), TableColumn("GAP", min: 3, max: 3, align: .right, priority: 9),
                      TableColumn("DERIVED BY QUARTER", min: 12, max: 20, priority: 8, flexible: true),
                      TableColumn("ASSESSED BY QUARTER", min: 12, max: 20, priority: 7, flexible: true),
                      TableColumn("ASSESSED ON", min: 11, max: 11, priority: 5)],
            rows: rows, selectedRow: nil)))
        if let first = detail.derivedTrend.first, let last = detail.derivedTrend.last {
            blocks.append(.paragraph("Derived by quarter: the 90 days ending \(Format.date(first.end, zone: zone)) … \(Format.date(last.end, zone: zone)).",
                                     .dim, indent: 2))
        }
        blocks += [.spacer, .heading("Models (\(detail.models))")]
        blocks.append(.table(ModelsTable.linked(detail.modelList, now: now).withEmptyText("no models")))
        if detail.models > detail.modelList.count {
            blocks.append(.note("the first \(detail.modelList.count) of \(detail.models); :team \(team.name) scopes the Models panel to all of them", .dim))
        }
        for component in MaturityComponent.allCases {
            let latest = (byComponent[component] ?? []).max(by: { $0.assessedAt < $1.assessedAt })
            let figure = derived[component]
            let title = "\(component.label): derived \(figure.map { String($0.derivedLevel) } ?? "—"), assessed \(latest.map { String($0.level) } ?? "—")"
            blocks += [.spacer, .heading(title)]
            if let figure {
                for line in figure.evidence.lines { blocks.append(.paragraph(line, .normal, indent: 2)) }
                if let next = figure.evidence.nextLevel { blocks.append(.paragraph(next, .dim, indent: 2)) }
            }
            blocks.append(.paragraph("self-assessment: " + (latest?.evidence ?? "no evidence recorded"),
                                     latest?.evidence == nil ? .dim : .normal, indent: 2))
        }
        return blocks
    }
}
