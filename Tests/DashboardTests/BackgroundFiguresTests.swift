import Dashboard
import Foundation
import Portfolio
import PortfolioStore
import Testing
import TestSupport

/// The interactive dashboard's figures: the current state with every load, the window figures
/// from the background worker, and the two merged into what `snapshot` computes in one go.
@Suite("Background figures", .serialized)
struct BackgroundFiguresTests {
    static let now = SharedSample.now

    static func engine(_ store: PortfolioStore, _ mode: FiguresMode, now: Date = now) throws -> DashboardEngine {
        var state = DashboardState(width: 160, height: 48, now: now, sourceLabel: "sample")
        state.lastPoll = now
        return try DashboardEngine(store: store, state: state, figures: mode)
    }

    /// Background figures not awaited: what a store slower than `awaitMissing` shows at first.
    static let unawaited = FiguresMode.background(maxAge: 60, awaitMissing: 0)
    /// Awaited however slow the machine: the first frame must have them.
    static let awaited = FiguresMode.background(maxAge: 60, awaitMissing: 60)

    @Test("Before the background figures arrive the header shows the current counts and … for the window figures, never 0")
    func pendingWindowFigures() throws {
        let engine = try Self.engine(SharedSample.store, Self.unawaited)
        // Not cancelBackgroundWork: it interrupts every statement on the store, which other suites share.
        defer { try? engine.waitForWindowFigures() }
        let figures = try #require(engine.state.data.figures)
        #expect(!figures.includesWindowFigures)
        #expect(figures.portfolio.modelsInProduction == 18)
        #expect(figures.portfolio.activeCriticalAlerts == 8)
        let header = HeaderView(state: engine.state, zone: TimeZone(identifier: "UTC")!)
        #expect(header.figures.first { $0.label == "lead time" }?.value == "…")
        #expect(header.figures.first { $0.label == "deploys 30d" }?.value == "…")
        #expect(header.figures.first { $0.label == "value at risk" }?.value == "$17.1M")
    }

    @Test("The first frame has the window figures: the worker runs beside the first load and the engine waits for it")
    func firstFrameHasWindowFigures() throws {
        let engine = try Self.engine(SharedSample.store, Self.awaited)
        let figures = try #require(engine.state.data.figures)
        #expect(figures.includesWindowFigures)
        #expect(!engine.hasBackgroundResults)
        let inline = try Self.engine(SharedSample.store, .inline)
        #expect(figures == inline.state.data.figures)
        let header = HeaderView(state: engine.state, zone: TimeZone(identifier: "UTC")!)
        #expect(header.figures.allSatisfy { $0.value != "…" }, "\(header.figures)")
    }

    @Test("On a long history a snapshot's engine reads its panels beside the window figures' parts, at once, and shows what the interactive engine shows")
    func inlineAtOnceEqualsInteractive() throws {
        let (folder, store) = try GeneratedStore.make("inline-at-once", models: 60, runs: 100_000, alerts: 300, metricPoints: 300, seed: 5)
        defer { try? store.close(); _ = folder }
        #expect(try store.readsFiguresAtOnce())
        let inline = try Self.engine(store, .inline)
        let interactive = try Self.engine(store, Self.awaited)
        #expect(inline.state.data.figures?.includesWindowFigures == true)
        #expect(!inline.state.data.runs.rows.isEmpty && !inline.state.data.models.rows.isEmpty && !inline.state.data.teamNames.isEmpty)
        #expect(inline.state.data == interactive.state.data)
    }

    @Test("After w the figures over the new window come with the same step, also after two presses in one burst")
    func windowChangeAwaitsItsFigures() throws {
        let engine = try Self.engine(SharedSample.store, Self.awaited)
        try engine.send(.key(.character("w")))
        var figures = try #require(engine.state.data.figures)
        #expect(figures.includesWindowFigures)
        #expect(figures.window.days == engine.state.windowDays)
        #expect(engine.state.windowDays == 90)
        // Two presses in one burst: the worker starts over 7 days, and its report is for a window
        // left by the time it arrives when it takes longer than the load between the presses
        // (timing decides; either way the step ends with the figures over 30 days).
        try engine.send([.key(.character("w")), .key(.character("w"))])
        figures = try #require(engine.state.data.figures)
        #expect(engine.state.windowDays == 30)
        #expect(figures.includesWindowFigures, "\(engine.state.message ?? "no message")")
        #expect(figures.window.days == 30)
        let inline = try Self.engine(SharedSample.store, .inline)
        #expect(figures == inline.state.data.figures)
    }

    @Test("Once the worker is done, the figures equal the inline computation exactly")
    func backgroundEqualsInline() throws {
        let background = try Self.engine(SharedSample.store, Self.unawaited)
        try background.waitForWindowFigures()
        let inline = try Self.engine(SharedSample.store, .inline)
        let merged = try #require(background.state.data.figures)
        #expect(merged.includesWindowFigures)
        #expect(merged == inline.state.data.figures)
        #expect(merged.maturity.count == 25)
    }

    @Test("A resolved critical alert leaves the critical count and value at risk at the next load, before the window figures are recomputed")
    func currentStateFollowsEveryLoad() throws {
        let (folder, store) = try EngineTests.privateSample()
        defer { try? store.close(); _ = folder }
        let engine = try Self.engine(store, .interactive)
        try engine.waitForWindowFigures()
        let before = try #require(engine.state.data.figures)
        let critical = try #require(engine.state.data.alerts.rows.first { $0.severity == .critical && $0.status == .open })
        try store.write { _ = try $0.apply(.resolve(note: nil), toAlert: critical.externalID, actor: "test", at: Self.now) }
        try engine.send(.key(.character("r")))
        let after = try #require(engine.state.data.figures)
        #expect(after.portfolio.activeCriticalAlerts == before.portfolio.activeCriticalAlerts - 1)
        #expect(after.includesWindowFigures)
        // The window figures are the worker's until it runs again (at most once a minute).
        #expect(after.portfolio.deploymentFrequencyPerWeek == before.portfolio.deploymentFrequencyPerWeek)
        #expect(after.maturity == before.maturity)
        let fresh = try store.read { try $0.figures(FigureWindow(asOf: Self.now)) }
        #expect(after.portfolio.valueAtRisk == fresh.portfolio.valueAtRisk)
        #expect(after.portfolio.activeCriticalAlerts == fresh.portfolio.activeCriticalAlerts)
    }

    @Test("r computes the window figures again once they are a few seconds old, and they then equal a fresh computation")
    func refreshRecomputesWindowFigures() throws {
        let (folder, store) = try EngineTests.privateSample()
        defer { try? store.close(); _ = folder }
        let engine = try Self.engine(store, .interactive)
        try engine.waitForWindowFigures()
        let critical = try #require(engine.state.data.alerts.rows.first { $0.severity == .critical && $0.status == .open })
        let later = Self.now.addingTimeInterval(10)
        try store.write { _ = try $0.apply(.resolve(note: nil), toAlert: critical.externalID, actor: "test", at: later) }
        try engine.send(.tick(later))
        try engine.send(.key(.character("r")))
        try engine.waitForWindowFigures()
        let fresh = try store.read { try $0.figures(FigureWindow(asOf: later)) }
        #expect(engine.state.data.figures == fresh)
        #expect(fresh.portfolio.restoreSamples > 0)
    }
}
