import ArgumentParser
import Foundation

/// The `oversight` command: the dashboard by default, and headless commands on the same core.
@main
struct Oversight: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oversight",
        abstract: "A terminal dashboard for AI portfolio oversight: models, pipeline runs, drift alerts and MLOps maturity.",
        discussion: """
            With no store configured and none at the default path, the dashboard and the read-only commands open the bundled sample portfolio (a temporary copy, shifted to now). The store is chosen by --store, else $OVERSIGHT_STORE, else `store` in $XDG_CONFIG_HOME/oversight/config.yaml, else $XDG_DATA_HOME/oversight/portfolio.sqlite. Options go after the command: `oversight list models --store PATH`.
            """,
        subcommands: [DashboardCommand.self, SnapshotCommand.self, ListCommand.self, StatusCommand.self, CheckCommand.self, ImportCommand.self, InitCommand.self, DoctorCommand.self, GenerateCommand.self, AlertCommand.self,
                      RecordCommand.self, IngestCommand.self, ConfigCommand.self, DemoCommand.self, SimulateCommand.self, CopyCommand.self],
        defaultSubcommand: DashboardCommand.self
    )

    /// ArgumentParser's own `main`, except that what it prints — help, and errors that echo the
    /// values given (`--kind` with an escape sequence in it) — leaves through `Console`, like
    /// every other line the program prints.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            var code = exitCode(for: error)
            let message = fullMessage(for: error)
            // `check` keeps the monitoring-plugin convention even for a wrong option: UNKNOWN, 3.
            if code != .success, !(error is ExitCode), CommandLine.arguments.dropFirst().first == CheckCommand.configuration.commandName {
                CheckCommand.printUnknown(CommandFailure(Self.message(for: error)))
                code = ExitCode(CheckCommand.unknown)
            }
            if !message.isEmpty {
                if code == .success { Console.out(message) } else { Console.writeError(message + "\n") }
            }
            Foundation.exit(code.rawValue)
        }
    }
}
