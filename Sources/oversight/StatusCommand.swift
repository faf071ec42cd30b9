import ArgumentParser
import Dashboard
import Foundation
import Portfolio
import PortfolioStore
import Render

/// `oversight status`: every header KPI, DORA figure and maturity level, computed by the same
/// function as the dashboard header (`PortfolioReader.figures`), as text or JSON.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Print the portfolio's figures: KPIs, DORA for ML, value and cost, maturity (derived beside assessed).",
        discussion: """
            The window is (as_of − DAYS, as_of]; --as-of moves "now" (and the bundled sample), but alert statuses \
            are the current ones. Definitions: docs/METRICS.md and docs/MATURITY.md.

            JSON figures are unrounded; an undefined figure (a median of nothing, a rate over no deployments) is null.
            """
    )

    @OptionGroup var storeOptions: ReadStoreOptions
    @OptionGroup var timeOptions: TimeOptions
    @OptionGroup var sampleOption: SampleOption
    @Flag(help: "Print JSON instead of text.") var json = false
    @Option(help: ArgumentHelp("The window of the window figures, in days.", valueName: "days")) var window = FigureWindow.defaultDays
    @Option(help: ArgumentHelp("Only this team's figures and maturity.", valueName: "name"), completion: StoreCompletion.keys(.team)) var team: String?

    func validate() throws {
        if !(1...FigureWindow.maximumDays).contains(window) {
            throw ValidationError("--window must be from 1 to \(FigureWindow.maximumDays) days (ten years); got \(window)")
        }
    }

    func run() throws {
        let asOf = try timeOptions.resolved()
        let opened = try storeOptions.openForReading(asOf: asOf, sample: sampleOption.sample, once: true)
        defer { opened.close() }
        if opened.isSample { Console.error("note: showing the \(opened.label)") }
        let report = try Self.report(opened.store, asOf: asOf ?? Date(), days: window, team: team)
        if json {
            Console.printJSON(report)
        } else {
            Console.block(Self.text(report), terminator: "")
        }
    }

    /// The figures, narrowed to `team` when given — matched ignoring case, or by the start of its
    /// name (an unknown one is an error naming the close matches); without `window`, those of the
    /// current state only (`check`: index reads, no window scan).
    static func report(_ store: PortfolioStore, asOf: Date, days: Int, team given: String?, window: Bool = true) throws -> FiguresReport {
        let figureWindow = FigureWindow(asOf: asOf, days: days)
        let team = try teamName(given, in: store)
        let report = try window ? store.figures(figureWindow) : store.read { try $0.currentFigures(figureWindow, team: team) }
        guard let team else { return report }
        guard let scoped = report.scoped(to: team) else { throw CommandFailure("no figures for team '\(team)'") }
        return scoped
    }

    /// The team `given` names: its name, any case, or the only one it begins; nil for none given.
    static func teamName(_ given: String?, in store: PortfolioStore) throws -> String? {
        guard let given else { return nil }
        let teams = try store.read { try $0.sortedTeamNames() }
        let match = NameMatch.resolve(given, among: teams)
        if let problem = NameMatch.problem(match, kind: "team", text: given, all: teams) { throw CommandFailure(problem) }
        guard case let .found(name) = match else { return nil }
        return name
    }

    // MARK: - Text

    static func money(_ value: Double) -> String { Format.money(value) }
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
    static func hours(_ value: Double?) -> String { value.map { String(format: "%.1f h", $0) } ?? "—" }
    static func rate(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
    static func ratio(_ value: Double?) -> String { value.map { String(format: "%.1f×", $0) } ?? "—" }

    static func text(_ report: FiguresReport) -> String {
        let p = report.portfolio
        let window = report.window
        let start = window.asOf.addingTimeInterval(-Double(window.days) * 86_400)
        var lines = ["as of \(ISOTime.format(window.asOf)) · window \(window.days) days (\(ISOTime.format(start)), \(ISOTime.format(window.asOf))]", ""]
        let rows: [(String, String)] = [
            ("models in production", "\(p.modelsInProduction) of \(p.modelsTotal)"),
            ("active critical alerts", "\(p.activeCriticalAlerts)"),
            ("active warning alerts", "\(p.activeWarningAlerts)"),
            ("failed runs (24 h)", "\(p.failedRunsLast24h)"),
            ("running runs", "\(p.runningRuns)"),
            ("value in production", "\(Format.money(p.valueInProduction))/yr"),
            ("value at risk", "\(Format.money(p.valueAtRisk))/yr"),
            ("deployment frequency", String(format: "%.2f/week (%d deployments)", p.deploymentFrequencyPerWeek, p.deploymentsInWindow)),
            ("lead time (median)", "\(hours(p.leadTimeHoursMedian)) over \(count(p.leadTimeSamples, "version"))"),
            ("change failure rate", "\(rate(p.changeFailureRate)) (\(p.failedChanges) of \(p.deploymentsInWindow))"),
            ("time to restore (median)", "\(hours(p.timeToRestoreHoursMedian)) over \(count(p.restoreSamples, "resolution"))"),
            ("compute cost in window", Format.money(p.computeCostInWindow)),
            ("annualized cost (production)", "\(Format.money(p.annualizedCostOfProduction))/yr"),
            ("value-to-cost ratio", ratio(p.valueToCostRatio)),
        ]
        let labelWidth = rows.map(\.0.count).max() ?? 0
        lines += rows.map { "  " + $0.0.padding(toLength: labelWidth, withPad: " ", startingAt: 0) + "  " + $0.1 }
        var text = lines.joined(separator: "\n") + "\n\n"

        let teams = TableView(
            columns: [column("TEAM")] + ["PROD", "CRIT", "VALUE/YR", "AT RISK", "DEPLOY/WK", "LEAD", "CFR", "RESTORE", "COST", "VALUE/COST"]
                .map { column($0, right: true) },
            rows: report.teams.map { t in
                let f = t.figures
                return [t.name, "\(f.modelsInProduction)", "\(f.activeCriticalAlerts)", Format.money(f.valueInProduction),
                        Format.money(f.valueAtRisk), String(format: "%.2f", f.deploymentFrequencyPerWeek), hours(f.leadTimeHoursMedian),
                        rate(f.changeFailureRate), hours(f.timeToRestoreHoursMedian), Format.money(f.computeCostInWindow),
                        ratio(f.valueToCostRatio)].map { TableCell($0) }
            }, selectedRow: nil, emptyText: "no teams")
        text += render(teams) + "\n"

        let byTeam = Dictionary(grouping: report.maturity, by: \.team)
        let maturity = TableView(
            columns: [column("MATURITY assessed/derived")] + MaturityComponent.allCases.map { column($0.shortLabel, right: true) },
            rows: report.teams.map { t in
                [TableCell(t.name)] + MaturityComponent.allCases.map { component in
                    let m = byTeam[t.name]?.first { $0.component == component }
                    return TableCell(m.map { "\($0.assessedLevel.map(String.init) ?? "—")/\($0.derivedLevel)" } ?? "—")
                }
            }, selectedRow: nil, emptyText: "no teams")
        text += render(maturity)
        return text
    }

    private static func column(_ title: String, right: Bool = false) -> TableColumn {
        TableColumn(title, min: 1, max: 80, align: right ? .right : .left)
    }

    private static func render(_ table: TableView) -> String {
        let glyphs = Glyphs.forLocale(ProcessInfo.processInfo.environment)
        var canvas = Canvas(width: TableWidget.naturalWidth(table, glyphs: glyphs), height: table.rows.count + 1, glyphs: glyphs)
        TableWidget.draw(&canvas, Rect(x: 0, y: 0, width: canvas.width, height: canvas.height), table)
        return TextOutput.plain(canvas)
    }
}
