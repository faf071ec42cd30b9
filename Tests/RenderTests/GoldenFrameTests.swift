import Dashboard
import Foundation
import Render
import Testing
import TestSupport

/// The screens as text, fixed clock (the sample's anchor), UTC, plain text or a fixed colour mode,
/// Unicode or ASCII glyphs: reviewable in a diff whenever a change alters what users see.
@Suite("Golden frames", .serialized)
struct GoldenFrameTests {
    static let utc = TimeZone(identifier: "UTC")!

    static func engine(width: Int, height: Int) throws -> DashboardEngine {
        var state = DashboardState(width: width, height: height, now: SharedSample.now, sourceLabel: "sample", isSample: true)
        state.lastPoll = SharedSample.now
        return try DashboardEngine(store: SharedSample.store, state: state)
    }

    static func frame(_ engine: DashboardEngine, glyphs: Glyphs = .unicode) -> String {
        TextOutput.plain(DashboardRenderer.render(engine.state, glyphs: glyphs, zone: utc))
    }

    @Test("The overview at 160×48 shows all four panels in a grid")
    func overviewLarge() throws {
        let frame = Self.frame(try Self.engine(width: 160, height: 48))
        for title in ["1 Models", "2 Pipeline Runs", "3 Drift Alerts", "4 Maturity"] { #expect(frame.contains(title)) }
        try GoldenFrame.check(frame, named: "overview-160x48.txt")
    }

    @Test("f fills the screen with the focused panel and the columns the grid has no room for; Tab moves the zoom, f returns to the grid")
    func zoom() throws {
        let engine = try Self.engine(width: 120, height: 36)
        #expect(!Self.frame(engine).contains("OWNER"))
        try engine.send(.key(.character("f")))
        let zoomed = Self.frame(engine)
        #expect(engine.state.soloPanel == .models)
        #expect(zoomed.contains("OWNER") && zoomed.contains("Kenji Watanabe") && !zoomed.contains("2 Pipeline Runs"))
        #expect(zoomed.contains("f all panels"), "zoomed, the footer says how to leave the zoom")
        try GoldenFrame.check(zoomed, named: "models-zoomed-120x36.txt")
        try engine.send(.key(.tab))
        let runs = Self.frame(engine)
        #expect(engine.state.soloPanel == .runs && runs.contains("▶ 2 Pipeline Runs") && !runs.contains("1 Models"))
        try engine.send(.key(.character("f")))
        #expect(engine.state.soloPanel == nil)
        #expect(Self.frame(engine).contains("1 Models") && Self.frame(engine).contains("▶ 2 Pipeline Runs"))
    }

    @Test("The overview at 80×24 shows one panel under a tab bar")
    func overviewSmall() throws {
        let frame = Self.frame(try Self.engine(width: 80, height: 24))
        #expect(frame.contains("[1 Models]"))
        #expect(!frame.contains("3 Drift Alerts ─"))
        try GoldenFrame.check(frame, named: "overview-80x24.txt")
    }

    @Test("The overview at 80×24 in ASCII uses no character beyond ASCII")
    func overviewASCII() throws {
        let frame = Self.frame(try Self.engine(width: 80, height: 24), glyphs: .ascii)
        let allASCII = frame.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(allASCII)
        try GoldenFrame.check(frame, named: "overview-80x24-ascii.txt")
    }

    @Test("The overview at 120×36 in 8 colours, as ANSI, fixes the colour mode")
    func overviewEightColours() throws {
        let engine = try Self.engine(width: 120, height: 36)
        let theme = try Theme.load("dark", environment: ["OVERSIGHT_RESOURCES": RepoPaths.root])
        let frame = TextOutput.ansi(DashboardRenderer.render(engine.state, glyphs: .unicode, zone: Self.utc), theme: theme, mode: .eight)
        #expect(!frame.contains("38;5;"))
        try GoldenFrame.check(frame, named: "overview-120x36-8colors.ansi")
    }

    @Test("Every other bundled theme at 8 colours keeps to the 8 basic colours", arguments: ["light", "high-contrast", "colorblind"])
    func themesAtEightColours(name: String) throws {
        let engine = try Self.engine(width: 120, height: 36)
        let theme = try Theme.load(name, environment: ["OVERSIGHT_RESOURCES": RepoPaths.root])
        let frame = TextOutput.ansi(DashboardRenderer.render(engine.state, glyphs: .unicode, zone: Self.utc), theme: theme, mode: .eight)
        #expect(!frame.contains("38;5;") && !frame.contains("48;5;"))
        try GoldenFrame.check(frame, named: "overview-120x36-8colors-\(name).ansi")
    }

    @Test("The model detail view shows fields, metrics, versions, open alerts and recent runs")
    func modelDetail() throws {
        let engine = try Self.engine(width: 120, height: 60)
        try engine.open(.model("retail-demand-forecast"))
        let frame = Self.frame(engine)
        for heading in ["Models › retail-demand-forecast", "Metrics", "Versions", "Open alerts", "Recent runs", "drift.psi.units_sold"] {
            #expect(frame.contains(heading))
        }
        try GoldenFrame.check(frame, named: "model-detail-120x60.txt")
    }

    @Test("The Pipeline Runs panel scrolled with PgDn at 160×48")
    func runsScrolled() throws {
        let engine = try Self.engine(width: 160, height: 48)
        try engine.send(.key(.character("2")))
        try engine.send(.key(.pageDown))
        try GoldenFrame.check(Self.frame(engine), named: "runs-paged-160x48.txt")
    }

    @Test("The alert detail view shows the evidence gauge, the score history and the timeline")
    func alertDetail() throws {
        let engine = try Self.engine(width: 120, height: 48)
        try engine.send(.key(.character("3")))
        try engine.send(.key(.enter))
        let frame = Self.frame(engine)
        for heading in ["Drift Alerts › ", "Evidence", "Score history", "Timeline", "vs threshold"] { #expect(frame.contains(heading)) }
        try GoldenFrame.check(frame, named: "alert-detail-120x48.txt")
    }

    @Test("The run detail view shows the failed step, the error and step durations as bars")
    func runDetail() throws {
        let engine = try Self.engine(width: 120, height: 48)
        let failed = try #require(try SharedSample.store.read { try $0.runSummaries(limit: 200) }.first { $0.status == .failed })
        try engine.open(.run(failed.externalID))
        let frame = Self.frame(engine)
        for text in ["Pipeline Runs › \(failed.externalID)", "failed step", "Error", "Steps", "recent runs"] { #expect(frame.contains(text)) }
        try GoldenFrame.check(frame, named: "run-detail-120x48.txt")
    }

    @Test("The team maturity detail shows each component's level, its trend by quarter and the evidence")
    func teamDetail() throws {
        let engine = try Self.engine(width: 120, height: 48)
        try engine.send(.key(.character("4")))
        try engine.send(.key(.enter))
        let frame = Self.frame(engine)
        for text in ["Maturity › ", "Figures (last 30 days", "Components", "DERIVED BY QUARTER", "ASSESSED BY QUARTER", "GAP"] {
            #expect(frame.contains(text))
        }
        try GoldenFrame.check(frame, named: "team-detail-120x48.txt")
    }

    @Test("The Maturity panel shows each component's assessed beside derived level, with the gap")
    func maturityPanel() throws {
        var state = DashboardState(width: 120, height: 12, now: SharedSample.now, sourceLabel: "sample", isSample: true)
        state.lastPoll = SharedSample.now
        state.soloPanel = .maturity
        state.focus = .maturity
        let frame = Self.frame(try DashboardEngine(store: SharedSample.store, state: state))
        #expect(frame.contains("TEAM a/d"))
        // ML Platform rates its CI/CD 4; its evidence (1 of 2 production models with automatic
        // evaluation) derives 2.
        #expect(frame.contains("4/2 -2"))
        try GoldenFrame.check(frame, named: "maturity-panel-120x12.txt")
    }

    @Test(":overview opens the portfolio overview: every status figure, per team, and the maturity gaps")
    func portfolioOverview() throws {
        let engine = try Self.engine(width: 120, height: 40)
        try engine.send(.key(.character(":")))
        for c in "overview" { try engine.send(.key(.character(c))) }
        try engine.send(.key(.enter))
        let frame = Self.frame(engine)
        for text in ["Portfolio overview", "value at risk   $17.1M/yr", "change failure  16.7%", "By team", "4/2 -2"] {
            #expect(frame.contains(text), "\(text)")
        }
        try GoldenFrame.check(frame, named: "portfolio-overview-120x40.txt")
    }

    @Test("The help overlay lists the keys of the focused panel")
    func helpOverlay() throws {
        let engine = try Self.engine(width: 120, height: 40)
        try engine.send(.key(.character("3")))
        try engine.send(.key(.character("?")))
        let frame = Self.frame(engine)
        #expect(frame.contains("Keys: Drift Alerts panel"))
        try GoldenFrame.check(frame, named: "help-alerts-120x40.txt")
    }

    @Test("A prompt replaces the footer with its question, the text typed and a cursor")
    func prompt() throws {
        let engine = try Self.engine(width: 120, height: 36)
        try engine.send(.key(.character("3")))
        try engine.send(.key(.character("n")))
        for c in "retrained on December data" { try engine.send(.key(.character(c))) }
        let frame = Self.frame(engine)
        #expect(frame.contains("Note on "))
        #expect(frame.contains("retrained on December data"))
        try GoldenFrame.check(frame, named: "prompt-note-120x36.txt")
    }

    @Test("An active filter shows in the panel title with shown/total, and a sort marks its column")
    func activeFilter() throws {
        let engine = try Self.engine(width: 120, height: 36)
        try engine.send(.key(.character("3")))
        try engine.send(.key(.character("/")))
        for c in "retail" { try engine.send(.key(.character(c))) }
        try engine.send(.key(.enter))
        try engine.send(.key(.character("s")))
        let frame = Self.frame(engine)
        #expect(frame.contains("/retail  "))
        try GoldenFrame.check(frame, named: "filter-alerts-120x36.txt")
    }

    @Test("The command line shows what is typed and Tab's candidates")
    func commandLine() throws {
        let engine = try Self.engine(width: 120, height: 36)
        try engine.send(.key(.character(":")))
        try engine.send(.key(.character("m")))
        try engine.send(.key(.tab))
        let frame = Self.frame(engine)
        #expect(frame.contains("models  maturity"))
        try GoldenFrame.check(frame, named: "command-line-120x36.txt")
    }

    @Test("The overview in the mono theme shows status by attributes and words alone")
    func monoTheme() throws {
        let engine = try Self.engine(width: 120, height: 36)
        let theme = try Theme.load("mono", environment: ["OVERSIGHT_RESOURCES": RepoPaths.root])
        let frame = TextOutput.ansi(DashboardRenderer.render(engine.state, glyphs: .unicode, zone: Self.utc), theme: theme, mode: .full)
        #expect(!frame.contains("38;5;") && !frame.contains("\u{1B}[0;3"))
        #expect(frame.contains("\u{1B}[0;7m"))  // the selection, in reverse video
        try GoldenFrame.check(frame, named: "overview-120x36-mono.ansi")
    }
}
