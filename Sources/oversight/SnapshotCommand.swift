import ArgumentParser
import Dashboard
import Foundation
import Render

/// `oversight snapshot`: one rendered frame of the dashboard as text, for READMEs, bug reports and tests.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print one rendered frame of the dashboard as plain text (ANSI colour with --color)."
    )

    enum PanelChoice: String, ExpressibleByArgument, CaseIterable {
        case overview, models, runs, alerts, maturity

        var panel: PanelID? {
            switch self {
            case .overview: nil
            case .models: .models
            case .runs: .runs
            case .alerts: .alerts
            case .maturity: .maturity
            }
        }
    }

    @OptionGroup var storeOptions: ReadStoreOptions
    @OptionGroup var timeOptions: TimeOptions
    @OptionGroup var sampleOption: SampleOption

    // .unconditional: `--width -5` is a wrong width, not a missing one.
    @Option(parsing: .unconditional, help: "Columns of the frame (40 to 1000).") var width = 160
    @Option(parsing: .unconditional, help: "Lines of the frame (10 to 1000).") var height = 48
    @Option(help: "overview (the dashboard as it opens), models, runs, alerts or maturity.") var panel: PanelChoice = .overview
    @Option(help: ArgumentHelp("Theme name (from themes/) or path to a theme file (default dark; also OVERSIGHT_THEME, config theme).", valueName: "name|path"))
    var theme: String?
    @Flag(help: "Colour the frame with ANSI escape sequences (256 colours, or what OVERSIGHT_COLOR / config color says).") var color = false
    @Option(help: "Box drawing and sparklines: auto (by locale), on (Unicode) or off (ASCII).") var unicode: UnicodeChoice?
    @Option(help: ArgumentHelp("The zone times are shown in: UTC (the default), local, or a name such as Europe/Paris (also OVERSIGHT_TIMEZONE, config timezone).", valueName: "zone"))
    var timezone: String?
    @Option(help: ArgumentHelp("Open a detail view: model:NAME (or just NAME), run:ID, alert:ID, team:NAME or portfolio (the overview).", valueName: "kind:key"), completion: StoreCompletion.detailTargets)
    var detail: String?

    func validate() throws {
        // The dashboard draws a "too small, q quits" notice below its minimum; a snapshot has
        // no one to resize it, so a frame that small is a mistake to say, not a frame to print.
        let least = DashboardRenderer.minimum
        guard (least.width...1000).contains(width), (least.height...1000).contains(height) else {
            throw ValidationError("--width must be from \(least.width) to 1000 and --height from \(least.height) to 1000 (got \(width)×\(height)): below \(least.width)×\(least.height) the dashboard has no room to draw")
        }
    }

    static func target(_ text: String) -> DetailTarget {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        if text == "portfolio" { return .portfolio }
        guard parts.count == 2 else { return .model(text) }
        switch parts[0] {
        case "run": return .run(parts[1])
        case "alert": return .alert(parts[1])
        case "team": return .team(parts[1])
        case "model": return .model(parts[1])
        default: return .model(text)
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        // The same settings as the dashboard, so a snapshot shows what the dashboard would.
        let settings = try Settings(environment: environment)
        let theme = try CommandSupport.loadTheme(try settings.value("theme", flag: self.theme).text)
        let unicode = UnicodeChoice(rawValue: try settings.value("unicode", flag: self.unicode?.rawValue).text)?.value
        let chosen = ColorChoice(rawValue: try settings.value("color").text)?.mode ?? .full
        let depth = ColorMode.detect(colors: chosen.colors, environment: environment)  // NO_COLOR wins
        let zone = try settings.timeZone(flag: timezone)
        let asOf = try timeOptions.resolved()
        let opened = try storeOptions.openForReading(asOf: asOf, sample: sampleOption.sample, once: true)
        defer { opened.close() }
        var state = DashboardState(width: width, height: height, now: asOf ?? Date(), sourceLabel: opened.label,
                                   isSample: opened.isSample)
        state.lastPoll = state.now
        state.timeZone = zone
        if let solo = panel.panel {
            state.soloPanel = solo
            state.focus = solo
        }
        let engine = try DashboardEngine(store: opened.store, state: state)
        if let detail {
            guard panel == .overview else { throw ValidationError("--detail shows the dashboard; leave out --panel") }
            let target = Self.target(detail)
            try engine.open(target)
            if engine.state.detail?.content == nil {
                throw CommandFailure("no \(target.kind.title.lowercased()) '\(target.key)' in \(opened.label)")
            }
        }
        let glyphs = unicode.map { $0 ? Glyphs.unicode : Glyphs.ascii } ?? Glyphs.forLocale(environment)
        let canvas = DashboardRenderer.render(engine.state, glyphs: glyphs)
        if color {
            // The one output that carries escape sequences on purpose: the theme's colours around
            // the canvas's cells, which the canvas sanitised as they were drawn.
            print(TextOutput.ansi(canvas, theme: theme, mode: depth), terminator: "")
        } else {
            Console.block(TextOutput.plain(canvas), terminator: "")
        }
    }
}
