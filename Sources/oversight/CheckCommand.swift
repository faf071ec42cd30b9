import ArgumentParser
import Foundation
import PortfolioStore

/// `oversight check`: one line and an exit code for cron and CI gates — 2 while a critical alert
/// is active, 1 while a warning is (with --fail-on warning, the default), else 0. Active means
/// open or acknowledged (a snooze that has run out is open), as in `status`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Exit 2 while a critical alert is active, 1 while a warning is (--fail-on warning), else 0.",
        discussion: "Active means open or acknowledged; a snoozed alert is not active until its snooze runs out."
    )

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case warning, critical
    }

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var timeOptions: TimeOptions
    @Option(name: .customLong("fail-on"), help: "The least severe active alert that fails the check: warning (exit 1) or critical.")
    var failOn: FailOn = .warning
    @Option(help: ArgumentHelp("Only this team's alerts.", valueName: "name")) var team: String?

    func run() throws {
        let asOf = try timeOptions.resolved()
        let opened = try storeOptions.openForReading(asOf: asOf)
        defer { opened.close() }
        if opened.isSample { Console.error("note: showing the \(opened.label)") }
        let report = try StatusCommand.report(opened.store, asOf: asOf ?? Date(), days: FigureWindow.defaultDays, team: team, window: false)
        let f = report.portfolio
        let code = Self.exitCode(critical: f.activeCriticalAlerts, warning: f.activeWarningAlerts, failOn: failOn)
        let word = code == 2 ? "CRITICAL" : code == 1 ? "WARNING" : "OK"
        let scope = team.map { " in \($0)" } ?? ""
        Console.out("\(word): \(f.activeCriticalAlerts) critical and \(f.activeWarningAlerts) warning alerts active\(scope); "
              + "value at risk \(StatusCommand.money(f.valueAtRisk))/yr")
        if code != 0 { throw ExitCode(code) }
    }

    static func exitCode(critical: Int, warning: Int, failOn: FailOn) -> Int32 {
        if critical > 0 { return 2 }
        if warning > 0, failOn == .warning { return 1 }
        return 0
    }
}
