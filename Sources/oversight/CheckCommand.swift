import ArgumentParser
import Foundation
import Portfolio
import PortfolioStore

/// `oversight check`: one line and an exit code in the convention of monitoring plugins (Nagios,
/// Icinga, and the CI gates built like them): 0 OK, 1 WARNING (a warning alert active, with
/// --fail-on warning, the default), 2 CRITICAL (a critical alert active), 3 UNKNOWN (anything that
/// stops it from knowing: no store, an unreadable one, an unknown team, a wrong option). Active
/// means open or acknowledged (a snooze that has run out is open), as in `status`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "One line and an exit code for monitoring: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
        discussion: """
            Exit 2 (CRITICAL) while a critical alert is active, 1 (WARNING) while a warning is (with --fail-on warning, the \
            default), else 0 (OK); 3 (UNKNOWN) when it cannot tell: no store, an unreadable store, an unknown --team, a \
            wrong option. Active means open or acknowledged; a snoozed alert is not active until its snooze runs out. The \
            line is a monitoring plugin's, with performance data after the bar, such as

              OVERSIGHT CRITICAL - 8 critical, 15 warning alerts active; $17.1M/yr at risk | critical=8 warning=15 value_at_risk=17100000

            It reads a store, never the bundled sample unless --sample is given.
            """
    )

    enum FailOn: String, ExpressibleByArgument, CaseIterable {
        case warning, critical
    }

    /// The exit code for anything that keeps check from knowing.
    static let unknown: Int32 = 3

    @OptionGroup var storeOptions: ReadStoreOptions
    @OptionGroup var timeOptions: TimeOptions
    @OptionGroup var sampleOption: SampleOption
    @Option(name: .customLong("fail-on"), help: ArgumentHelp("The least severe active alert that fails the check: warning (exit 1) or critical.", valueName: "level"))
    var failOn: FailOn = .warning
    @Option(help: ArgumentHelp("Only this team's alerts (its name, any case, or its start).", valueName: "name"), completion: StoreCompletion.keys(.team)) var team: String?

    func run() throws {
        let f: Figures
        let teamName: String?
        do {
            let asOf = try timeOptions.resolved()
            let opened = try storeOptions.openForReading(asOf: asOf, sample: sampleOption.sample, once: true)
            defer { opened.close() }
            if opened.isSample { Console.error("note: showing the \(opened.label)") }
            teamName = try StatusCommand.teamName(team, in: opened.store)
            f = try StatusCommand.report(opened.store, asOf: asOf ?? Date(), days: FigureWindow.defaultDays, team: teamName, window: false).portfolio
        } catch {
            Self.printUnknown(error)
            throw ExitCode(Self.unknown)
        }
        let code = Self.exitCode(critical: f.activeCriticalAlerts, warning: f.activeWarningAlerts, failOn: failOn)
        let word = code == 2 ? "CRITICAL" : code == 1 ? "WARNING" : "OK"
        let scope = teamName.map { " in \($0)" } ?? ""
        Console.out("OVERSIGHT \(word) - \(f.activeCriticalAlerts) critical, \(f.activeWarningAlerts) warning alerts active\(scope); "
                    + "\(StatusCommand.money(f.valueAtRisk))/yr at risk"
                    + " | critical=\(f.activeCriticalAlerts) warning=\(f.activeWarningAlerts) value_at_risk=\(Self.perfValue(f.valueAtRisk))")
        if code != 0 { throw ExitCode(code) }
    }

    /// A performance value in whole units, or `U` (the plugin guidelines' "undetermined") for an
    /// amount that is not a number — an infinity another client stored makes one — rather than a
    /// made-up 0 or 2^63.
    static func perfValue(_ amount: Double) -> String {
        amount.isFinite ? "\(Int(saturating: amount))" : "U"
    }

    /// `OVERSIGHT UNKNOWN - why` on standard output, as monitoring systems read it.
    static func printUnknown(_ error: any Error) {
        let reason = (error as? CommandFailure)?.description ?? (error as? ValidationError)?.message ?? "\(error)"
        Console.out("OVERSIGHT UNKNOWN - " + reason)
    }

    static func exitCode(critical: Int, warning: Int, failOn: FailOn) -> Int32 {
        if critical > 0 { return 2 }
        if warning > 0, failOn == .warning { return 1 }
        return 0
    }
}
