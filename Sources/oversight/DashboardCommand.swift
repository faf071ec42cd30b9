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
    @OptionGroup var sampleOption: SampleOption

    @Option(help: ArgumentHelp("Seconds between checks for changes in the store (default 2; also OVERSIGHT_REFRESH, config refresh).", valueName: "seconds"))
    var refresh: Double?
    @Option(help: ArgumentHelp("Theme name (from themes/) or path to a theme file (default dark; also OVERSIGHT_THEME, config theme).", valueName: "name|path"))
    var theme: String?
    @Option(name: .customLong("as"), help: ArgumentHelp("Who alert actions are recorded as (default: $USER, else the login name).", valueName: "name"))
    var actor: String?
    @Option(help: "Colours to use: auto (what terminfo says, none with NO_COLOR), 256, 8 or none.") var color: ColorChoice?
    @Option(help: "Box drawing and sparklines: auto (by locale), on (Unicode) or off (ASCII).") var unicode: UnicodeChoice?
    @Option(help: ArgumentHelp("The zone times are shown in: UTC (the default), local, or a name such as Europe/Paris (also OVERSIGHT_TIMEZONE, config timezone).", valueName: "zone"))
    var timezone: String?
    @Flag(inversion: .prefixedNo, help: "Let clicks focus panels and select rows, and the wheel scroll. Off by default: mouse capture stops the terminal's own text selection (copying an alert id or error message), see k9s#874.")
    var mouse: Bool?

    func validate() throws {
        if let refresh, !(refresh >= 0.1 && refresh <= 3600) {
            throw ValidationError("--refresh must be from 0.1 to 3600 seconds")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let settings = try Settings(environment: environment)
        let refresh = Double(try settings.value("refresh", flag: self.refresh.map { String($0) }).text) ?? 2
        let themeName = try settings.value("theme", flag: self.theme).text
        let mouse = Settings.bool(try settings.value("mouse", flag: self.mouse.map { String($0) }).text) ?? false
        let color = ColorChoice(rawValue: try settings.value("color", flag: self.color?.rawValue).text) ?? .auto
        let unicode = UnicodeChoice(rawValue: try settings.value("unicode", flag: self.unicode?.rawValue).text) ?? .auto
        let zone = try settings.timeZone(flag: timezone)
        let log = AppLog.logger("dashboard")
        SignalTrap.install()
        // A broken theme does not stop the dashboard: it starts with the default theme and says why.
        var startMessage: String?
        let theme: Theme
        do {
            theme = try Theme.load(themeName)
        } catch {
            log.warning("theme refused, using the default", metadata: ["error": "\(error)"])
            startMessage = "theme: \(error); using \(Theme.defaultName)"
            theme = try CommandSupport.loadTheme(Theme.defaultName)
        }
        let asOf = try timeOptions.resolved()
        let opened = try storeOptions.openForReading(asOf: asOf, sample: sampleOption.sample, sampleByDefault: true)
        defer { opened.close() }
        var state = DashboardState(width: 80, height: 24, now: Date(), sourceLabel: opened.label,
                                   isSample: opened.isSample, refreshInterval: refresh)
        state.isReadOnly = storeOptions.readOnly
        state.timeZone = zone
        state.themeName = startMessage == nil ? themeName : Theme.defaultName
        state.themeNames = Theme.bundledNames()
        state.message = startMessage ?? opened.store.accessNotice
        let engine = try DashboardEngine(store: opened.store, state: state, actor: ActorName.resolve(actor), figures: .interactive,
                                         writes: .interactive)
        log.info("dashboard started", metadata: ["store": "\(opened.label)", "theme": "\(state.themeName)", "refresh": "\(refresh)"])
        let signal: Int32?
        do {
            signal = try DashboardApp.run(engine: engine, theme: theme, environment: environment, mouse: mouse,
                                          colorMode: color.mode, unicode: unicode.value)
        } catch let error as TerminalScreen.StartError {
            throw CommandFailure(error.description)
        }
        log.info("dashboard ended", metadata: ["signal": "\(signal.map(String.init) ?? "none")"])
        for unsaved in engine.state.unsaved {
            Console.error("not saved: \(unsaved.summary) — the store was busy; nothing was written for it")
        }
        if let signal {
            opened.close()
            Foundation.exit(128 + signal)
        }
    }
}
