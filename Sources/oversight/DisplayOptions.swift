import ArgumentParser
import Dashboard
import Foundation
import Logging
import Render

/// How the live screen looks — theme, colours, box drawing, time zone, mouse — shared by the
/// dashboard and the demo, so a presenter on an unfamiliar terminal has the same switches.
struct DisplayOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Theme name (from themes/) or path to a theme file (default dark; also OVERSIGHT_THEME, config theme).", valueName: "name|path"))
    var theme: String?
    @Option(help: "Colours to use: auto (what terminfo says, none with NO_COLOR), 256, 8 or none (also OVERSIGHT_COLOR, config color).")
    var color: ColorChoice?
    @Option(help: "Box drawing and sparklines: auto (by locale), on (Unicode) or off (ASCII) (also OVERSIGHT_UNICODE, config unicode).")
    var unicode: UnicodeChoice?
    @Option(help: ArgumentHelp("The zone times are shown in: UTC (the default), local, or a name such as Europe/Paris (also OVERSIGHT_TIMEZONE, config timezone).", valueName: "zone"))
    var timezone: String?
    @Flag(inversion: .prefixedNo, help: "Let clicks focus panels and select rows, and the wheel scroll. Off by default: mouse capture stops the terminal's own text selection (copying an alert id or error message), see k9s#874.")
    var mouse: Bool?

    /// The choices made by flags, else the environment, else the config file.
    struct Resolved {
        var theme: Theme
        var themeName: String
        /// Why the theme asked for was not used, for the footer.
        var themeProblem: String?
        var colorMode: ColorMode?
        var unicode: Bool?
        var zone: TimeZone
        var mouse: Bool
        /// `y` may set the terminal's clipboard with OSC 52 (`clipboard: osc52|off`).
        var clipboard: Bool
    }

    func resolve(_ settings: Settings, log: Logger) throws -> Resolved {
        let themeName = try settings.value("theme", flag: theme).text
        // A broken theme does not stop the screen: it starts with the default theme and says why.
        var theme: Theme, problem: String?
        do {
            theme = try Theme.load(themeName)
        } catch {
            log.warning("theme refused, using the default", metadata: ["error": "\(error)"])
            problem = "theme: \(error); using \(Theme.defaultName)"
            theme = try CommandSupport.loadTheme(Theme.defaultName)
        }
        return Resolved(
            theme: theme, themeName: problem == nil ? themeName : Theme.defaultName, themeProblem: problem,
            colorMode: (ColorChoice(rawValue: try settings.value("color", flag: color?.rawValue).text) ?? .auto).mode,
            unicode: (UnicodeChoice(rawValue: try settings.value("unicode", flag: unicode?.rawValue).text) ?? .auto).value,
            zone: try settings.timeZone(flag: timezone),
            mouse: Settings.bool(try settings.value("mouse", flag: mouse.map { String($0) }).text) ?? false,
            clipboard: try settings.value("clipboard", flag: nil).text != "off")
    }
}

extension DisplayOptions.Resolved {
    /// Puts the display choices into a dashboard's starting state.
    func apply(to state: inout DashboardState) {
        state.timeZone = zone
        state.clipboardEnabled = clipboard
        state.themeName = themeName
        state.themeNames = Theme.bundledNames()
    }
}
