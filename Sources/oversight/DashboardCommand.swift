import ArgumentParser
import Dashboard
import Foundation
import Render
import TerminalUI

/// `oversight` / `oversight dashboard`: the live dashboard in the terminal.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the live dashboard (the default command)."
    )

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var timeOptions: TimeOptions

    @Option(help: ArgumentHelp("Seconds between checks for changes in the store.", valueName: "seconds"))
    var refresh: Double = 2
    @Option(help: ArgumentHelp("Theme name (from themes/) or path to a theme file.", valueName: "name|path"))
    var theme = "dark"
    @Option(name: .customLong("as"), help: ArgumentHelp("Who alert actions are recorded as (default: $USER, else the login name).", valueName: "name"))
    var actor: String?
    @Option(help: "Colours to use: auto (what terminfo says, none with NO_COLOR), 256, 8 or none.") var color: ColorChoice = .auto
    @Option(help: "Box drawing and sparklines: auto (by locale), on (Unicode) or off (ASCII).") var unicode: UnicodeChoice = .auto
    @Flag(inversion: .prefixedNo, help: "Let clicks focus panels and select rows, and the wheel scroll. Off by default: mouse capture stops the terminal's own text selection (copying an alert id or error message), see k9s#874.")
    var mouse = false

    func validate() throws {
        guard refresh.isFinite, refresh >= 0.1, refresh <= 3600 else {
            throw ValidationError("--refresh must be from 0.1 to 3600 seconds")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        SignalTrap.install()
        // A broken theme does not stop the dashboard: it starts with the default theme and says why.
        var startMessage: String?
        let theme: Theme
        do {
            theme = try Theme.load(self.theme)
        } catch {
            startMessage = "theme: \(error); using \(Theme.defaultName)"
            theme = try CommandSupport.loadTheme(Theme.defaultName)
        }
        let asOf = try timeOptions.resolved()
        let opened = try storeOptions.openForReading(asOf: asOf)
        defer { opened.close() }
        var state = DashboardState(width: 80, height: 24, now: Date(), sourceLabel: opened.label,
                                   isSample: opened.isSample, refreshInterval: refresh)
        state.isReadOnly = storeOptions.readOnly
        state.themeName = startMessage == nil ? self.theme : Theme.defaultName
        state.themeNames = Theme.bundledNames()
        state.message = startMessage
        let engine = try DashboardEngine(store: opened.store, state: state, actor: ActorName.resolve(actor))
        let signal: Int32?
        do {
            signal = try DashboardApp.run(engine: engine, theme: theme, environment: environment, mouse: mouse,
                                          colorMode: color.mode, unicode: unicode.value)
        } catch let error as TerminalScreen.StartError {
            throw CommandFailure(error.description)
        }
        if let signal {
            opened.close()
            Foundation.exit(128 + signal)
        }
    }
}
