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

    @Test("The model detail view shows fields, metrics, versions, open alerts and recent runs")
    func modelDetail() throws {
        let engine = try Self.engine(width: 120, height: 60)
        try engine.openModelDetail("retail-demand-forecast")
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
}
