import ArgumentParser
import Foundation

/// The `oversight` command: the dashboard by default, and headless commands on the same core.
@main
struct Oversight: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "oversight",
        abstract: "A terminal dashboard for AI portfolio oversight: models, pipeline runs, drift alerts and MLOps maturity.",
        discussion: """
            With no store configured and none at the default path, the dashboard and the read-only commands open the bundled sample portfolio (a temporary copy, shifted to now).

            The store is chosen by --store, else $OVERSIGHT_STORE, else `store` in $XDG_CONFIG_HOME/oversight/config.yaml, else $XDG_DATA_HOME/oversight/portfolio.sqlite. Options go after the command: `oversight list models --store PATH`.

            `man oversight` covers the keys, files, environment and exit codes; shell completion: `oversight --generate-completion-script bash` (or zsh, or fish; `make install` installs all three).
            """,
        version: OversightVersion.current,
        subcommands: [DashboardCommand.self, SnapshotCommand.self, ListCommand.self, StatusCommand.self, CheckCommand.self, ImportCommand.self, InitCommand.self, DoctorCommand.self, GenerateCommand.self, AlertCommand.self,
                      RecordCommand.self, IngestCommand.self, ConfigCommand.self, DemoCommand.self, SimulateCommand.self, CopyCommand.self, VersionCommand.self],
        defaultSubcommand: DashboardCommand.self
    )

    /// ArgumentParser's own `main`, except that: what it prints — help, and errors that echo the
    /// values given (`--kind` with an escape sequence in it) — leaves through `Console`, like every
    /// other line the program prints; a word where a command goes that names none is answered
    /// with the commands it is close to (the dashboard, the default, takes no words, so the parser
    /// alone would only say "Unexpected argument"); and a usage error found while a command runs
    /// shows that command's usage, not the root's.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let unknown = CommandTree.unknownCommand(in: arguments) {
            Console.writeError(unknown.message + "\n")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        let command: ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            finish(with: error, in: nil)
        }
        do {
            var running = command
            try running.run()
        } catch {
            finish(with: error, in: type(of: command))
        }
    }

    /// Prints what `error` says (with the usage of `failed`, the command that was running, for a
    /// usage error) and exits with its code.
    static func finish(with error: Error, in failed: ParsableCommand.Type?) -> Never {
        var code = exitCode(for: error)
        var message = fullMessage(for: error)
        if let failed, failed != Oversight.self, error is ValidationError {
            let path = CommandTree.path(to: failed).joined(separator: " ")
            message = """
                Error: \(Self.message(for: error))
                Usage: \(usageString(for: failed))
                  See '\(path) --help' for more information.
                """
        }
        // `check` keeps the monitoring-plugin convention even for a wrong option: UNKNOWN, 3.
        if code != .success, !(error is ExitCode), CommandLine.arguments.dropFirst().first == CheckCommand.configuration.commandName {
            CheckCommand.printUnknown(CommandFailure(Self.message(for: error)))
            code = ExitCode(CheckCommand.unknown)
        }
        if !message.isEmpty {
            if code == .success { Console.block(message) } else { Console.writeError(message + "\n") }
        }
        Foundation.exit(code.rawValue)
    }
}
