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

    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var timeOptions: TimeOptions

    @Option(help: "Columns of the frame.") var width = 160
    @Option(help: "Lines of the frame.") var height = 48
    @Option(help: "overview (the dashboard as it opens), models, runs, alerts or maturity.") var panel: PanelChoice = .overview
    @Option(help: ArgumentHelp("Theme name (from themes/) or path to a theme file.", valueName: "name|path")) var theme = "dark"
    @Flag(help: "Colour the frame with ANSI escape sequences (256 colours).") var color = false
    @Option(help: ArgumentHelp("Open the detail view of this model.", valueName: "model")) var detail: String?

    func validate() throws {
        guard (1...1000).contains(width), (1...1000).contains(height) else {
            throw ValidationError("--width and --height must be from 1 to 1000")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let theme = try CommandSupport.loadTheme(theme)
        let asOf = try timeOptions.resolved()
        let opened = try storeOptions.openForReading(asOf: asOf)
        defer { opened.close() }
        var state = DashboardState(width: width, height: height, now: asOf ?? Date(), sourceLabel: opened.label,
                                   isSample: opened.isSample)
        state.lastPoll = state.now
        if let solo = panel.panel {
            state.soloPanel = solo
            state.focus = solo
        }
        let engine = try DashboardEngine(store: opened.store, state: state)
        if let detail {
            guard panel == .overview else { throw ValidationError("--detail shows the dashboard; leave out --panel") }
            try engine.send(.key(.character("1")))
            try engine.openModelDetail(detail)
            if engine.state.detail?.model == nil { throw CommandFailure("no model named '\(detail)' in \(opened.label)") }
        }
        let canvas = DashboardRenderer.render(engine.state, glyphs: Glyphs.forLocale(environment))
        print(color ? TextOutput.ansi(canvas, theme: theme, mode: .full) : TextOutput.plain(canvas), terminator: "")
    }
}
