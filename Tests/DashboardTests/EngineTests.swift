import Dashboard
import Foundation
import Portfolio
import PortfolioStore
import Testing
import TestSupport

/// The engine against a real store file: what it loads, and that it queries only when the store changed.
@Suite("Engine", .serialized)
struct EngineTests {
    static let now = SharedSample.now

    /// A private copy of the sample, so writes in one test do not leak into others.
    static func privateSample() throws -> (TemporaryFolder, PortfolioStore) {
        let folder = TemporaryFolder("engine")
        let path = folder.file("store.sqlite")
        let store = try PortfolioStore.open(path: path)
        _ = try PortfolioImporter(store: store).importFiles([RepoPaths.sampleData])
        try SamplePortfolio.shiftToPresent(store, asOf: now)
        return (folder, store)
    }

    @Test("The first load fills the KPIs and each panel's visible window from the sample")
    func firstLoad() throws {
        let state = DashboardState(width: 160, height: 48, now: Self.now, sourceLabel: "sample")
        let engine = try DashboardEngine(store: SharedSample.store, state: state)
        let data = engine.state.data
        #expect(data.figures?.portfolio.modelsTotal == 46)
        #expect(data.figures?.portfolio.modelsInProduction == 18)
        #expect(data.runs.total == 1720)
        #expect(data.alerts.total == 71)
        #expect(data.maturity.total == 5)
        #expect(data.models.rows.count == engine.state.layout.visibleRows(.models))
        #expect(data.runs.rows.count == engine.state.layout.visibleRows(.runs))
        #expect(data.newestEvent == Self.now)
        // Production first, most valuable first.
        #expect(data.models.rows.first?.stage == .production)
        #expect(data.alerts.rows.first?.status == .open)
        #expect(data.alerts.rows.first?.severity == .critical)
    }

    @Test("While the store is unchanged, ticks run no query at all")
    func noQueryWhileUnchanged() throws {
        let (folder, store) = try Self.privateSample()
        defer { try? store.close(); _ = folder }
        var state = DashboardState(width: 160, height: 48, now: Self.now, sourceLabel: "test", refreshInterval: 1)
        state.lastPoll = nil
        let engine = try DashboardEngine(store: store, state: state)
        let loads = engine.loads
        let statements = store.statementsExecuted
        for second in 1...10 { try engine.send(.tick(Self.now + TimeInterval(second))) }
        #expect(engine.loads == loads)
        #expect(store.statementsExecuted == statements)
    }

    @Test("A row another connection writes appears at the next poll")
    func otherWritersChangesAppear() throws {
        let (folder, store) = try Self.privateSample()
        defer { try? store.close(); _ = folder }
        let state = DashboardState(width: 160, height: 48, now: Self.now, sourceLabel: "test", refreshInterval: 1)
        let engine = try DashboardEngine(store: store, state: state)
        try engine.send(.tick(Self.now + 1))
        #expect(engine.state.data.runs.total == 1720)

        let other = try PortfolioStore.open(path: store.path)
        try other.write { writer in
            try writer.upsert(PipelineRun(externalID: "written-elsewhere", pipeline: "card-fraud-detector-train",
                                          model: "card-fraud-detector", kind: .training, status: .running,
                                          queuedAt: Self.now + 5, startedAt: Self.now + 5))
        }
        try other.close()
        try engine.send(.tick(Self.now + 3))
        #expect(engine.state.data.runs.total == 1721)
        #expect(engine.state.data.runs.rows.first?.externalID == "written-elsewhere")
        #expect(engine.state.data.figures?.portfolio.runningRuns == 5)
    }

    @Test("Paging down loads the next window of runs, newest first")
    func pagingLoadsNextWindow() throws {
        let engine = try DashboardEngine(store: SharedSample.store,
                                         state: DashboardState(width: 160, height: 48, now: Self.now, sourceLabel: "sample"))
        try engine.send(.key(.character("2")))
        let firstPage = engine.state.data.runs.rows
        try engine.send(.key(.pageDown))
        try engine.send(.key(.pageDown))
        let window = engine.state.data.runs
        #expect(window.offset > 0)
        #expect(window.rows.first != firstPage.first)
        #expect(window[absolute: engine.state.selected(.runs)] != nil)
        let starts = window.rows.map(\.startedOrQueuedAt)
        #expect(starts == starts.sorted(by: >))
    }

    @Test("Enter loads the model detail: versions, recent runs, open alerts and metric series")
    func modelDetailLoads() throws {
        let engine = try DashboardEngine(store: SharedSample.store,
                                         state: DashboardState(width: 160, height: 48, now: Self.now, sourceLabel: "sample"))
        try engine.open(.model("retail-demand-forecast"))
        guard case let .model(detail)? = engine.state.detail?.content else {
            Issue.record("no model detail loaded")
            return
        }
        #expect(detail.model.name == "retail-demand-forecast")
        #expect(!detail.model.versions.isEmpty)
        #expect(!detail.recentRuns.isEmpty)
        #expect(detail.activeAlerts.contains { $0.feature == "units_sold" && $0.severity == .critical })
        // A daily series over the 30-day window: about a point a day, none before the window.
        let start = engine.state.now.addingTimeInterval(-30 * 86_400)
        #expect(detail.metrics.contains { $0.name == "drift.psi.units_sold" && $0.points.count >= 28 })
        #expect(detail.metrics.allSatisfy { $0.points.allSatisfy { $0.at >= start } })
        try engine.send(.key(.escape))
        #expect(engine.state.detail == nil)
    }

    @Test("Opening the detail of a model that is not in the store says so and stays on the dashboard")
    func missingModelDetail() throws {
        let engine = try DashboardEngine(store: SharedSample.store,
                                         state: DashboardState(width: 160, height: 48, now: Self.now, sourceLabel: "sample"))
        try engine.open(.model("no-such-model"))
        #expect(engine.state.detail == nil)
        #expect(engine.state.message?.contains("no-such-model") == true)
    }

    @Test("A sort of one panel reads that panel's window alone: no figures, team names, maturity or other panels")
    func sortReadsOnePanel() throws {
        let engine = try DashboardEngine(store: SharedSample.store, state: DashboardState(width: 160, height: 48, now: Self.now, sourceLabel: "sample"))
        try engine.send(.key(.character("2")))
        let before = engine.state.data
        let (_, statements) = try SharedSample.store.recordingStatements { try engine.send(.key(.character("s"))) }
        #expect(!statements.isEmpty)
        let others = statements.filter { sql in
            ["maturity_assessments", "model_totals", "alert_counts", "FROM teams", "drift_alerts a"].contains { sql.contains($0) }
        }
        #expect(others.isEmpty, "a runs sort read more than the runs: \(others)")
        #expect(engine.state.data.models == before.models)
        #expect(engine.state.data.maturity == before.maturity)
        #expect(engine.state.data.figures == before.figures)
        #expect(engine.state.data.runs != before.runs, "the runs were not sorted again")
    }

    @Test("Everything is read again after the store changed: a write by another connection reaches every panel and the header")
    func changeReadsEverything() throws {
        let (folder, store) = try Self.privateSample()
        defer { try? store.close(); _ = folder }
        let engine = try DashboardEngine(store: store, state: DashboardState(width: 160, height: 48, now: Self.now, sourceLabel: "test", refreshInterval: 1))
        try ForeignClient.execute(store.path, "UPDATE teams SET name = 'Renamed Team' WHERE name = 'Clinical AI'")
        try engine.send(.tick(Self.now + 2))
        #expect(engine.state.data.teamNames.contains("Renamed Team"))
        #expect(engine.state.data.maturity.rows.contains { $0.team == "Renamed Team" })
        #expect(engine.state.data.models.rows.contains { $0.team == "Renamed Team" })
    }
}
