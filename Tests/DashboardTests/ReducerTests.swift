import Dashboard
import Foundation
import Portfolio
import PortfolioStore
import Testing

/// Key sequences through the pure reducer, on synthetic data: focus, selection, scroll, detail.
@Suite("Reducer")
struct ReducerTests {
    static let now = Date(timeIntervalSince1970: 1_768_208_400)

    static func model(_ i: Int) -> ModelSummary {
        ModelSummary(name: "model-\(i)", team: "team", owner: "owner", stage: .production, version: "1", riskTier: nil,
                     businessValue: 1000, servingCostPerMonth: 10, lastRunStatus: nil)
    }

    static func run(_ i: Int) -> PipelineRun {
        PipelineRun(externalID: "run-\(i)", pipeline: "pipe", model: "model-\(i % 7)", kind: .training,
                    status: .succeeded, trigger: .schedule, queuedAt: now, startedAt: now, finishedAt: now)
    }

    /// A state whose data holds `models` models and `runs` runs, windows as the engine would load them.
    static func state(width: Int = 160, height: Int = 48, models: Int = 46, runs: Int = 500) -> DashboardState {
        var state = DashboardState(width: width, height: height, now: now, sourceLabel: "test")
        load(&state, models: models, runs: runs)
        return state
    }

    static func load(_ state: inout DashboardState, models: Int = 46, runs: Int = 500) {
        var data = DashboardData()
        let windows = state.windows
        let m = windows[.models]!, r = windows[.runs]!
        data.models = RowWindow(offset: m.offset, rows: (min(models, m.offset)..<min(models, m.offset + m.limit)).map(model), total: models)
        data.runs = RowWindow(offset: r.offset, rows: (min(runs, r.offset)..<min(runs, r.offset + r.limit)).map(run), total: runs)
        _ = DashboardReducer.reduce(&state, .loaded(data, .everything))
    }

    @discardableResult
    static func press(_ state: inout DashboardState, _ keys: Key...) -> [DashboardEffect] {
        var effects: [DashboardEffect] = []
        for key in keys {
            effects += DashboardReducer.reduce(&state, .key(key))
            if effects.contains(where: { $0.loadScope != nil }) { load(&state) }
        }
        return effects
    }

    @Test("Tab and Shift-Tab cycle the focus through the four panels in order")
    func tabCyclesFocus() {
        var state = Self.state()
        #expect(state.focus == .models)
        Self.press(&state, .tab)
        #expect(state.focus == .runs)
        Self.press(&state, .tab, .tab)
        #expect(state.focus == .maturity)
        Self.press(&state, .tab)
        #expect(state.focus == .models)
        Self.press(&state, .backTab)
        #expect(state.focus == .maturity)
    }

    @Test("Digits 1 to 4 focus Models, Pipeline Runs, Drift Alerts and Maturity")
    func digitsFocusPanels() {
        var state = Self.state()
        for (key, panel) in [("3", PanelID.alerts), ("2", .runs), ("4", .maturity), ("1", .models)] {
            Self.press(&state, .character(Character(key)))
            #expect(state.focus == panel)
        }
    }

    @Test("h and l move the focus between the grid's columns")
    func horizontalFocus() {
        var state = Self.state()
        Self.press(&state, .character("l"))
        #expect(state.focus == .runs)
        Self.press(&state, .character("h"))
        #expect(state.focus == .models)
        Self.press(&state, .character("3"), .right)
        #expect(state.focus == .maturity)
    }

    @Test("j and k move the selection, which stops at the first and last row")
    func selectionMovesAndClamps() {
        var state = Self.state()
        Self.press(&state, .character("k"))
        #expect(state.selected(.models) == 0)
        Self.press(&state, .character("j"), .character("j"), .down)
        #expect(state.selected(.models) == 3)
        Self.press(&state, .up)
        #expect(state.selected(.models) == 2)
        Self.press(&state, .character("G"))
        #expect(state.selected(.models) == 45)
        Self.press(&state, .down)
        #expect(state.selected(.models) == 45)
        Self.press(&state, .character("g"))
        #expect(state.selected(.models) == 0)
        #expect(state.firstVisible(.models) == 0)
    }

    @Test("Moving the selection below the visible rows scrolls the panel and asks for that window")
    func scrollingAsksForTheNextWindow() {
        var state = Self.state()
        Self.press(&state, .character("2"))
        let page = state.layout.visibleRows(.runs)
        #expect(state.firstVisible(.runs) == 0)
        for _ in 0..<(page - 1) { Self.press(&state, .down) }
        #expect(state.firstVisible(.runs) == 0)
        let effects = DashboardReducer.reduce(&state, .key(.down))
        #expect(effects == [.reload(.panel(.runs))], "only the runs panel moved")
        #expect(state.selected(.runs) == page)
        #expect(state.firstVisible(.runs) == 1)
    }

    @Test("PgDn and PgUp move the selection by a page of visible rows")
    func paging() {
        var state = Self.state()
        Self.press(&state, .character("2"))
        let page = state.layout.visibleRows(.runs)
        Self.press(&state, .pageDown)
        #expect(state.selected(.runs) == page)
        Self.press(&state, .pageDown, .pageDown)
        #expect(state.selected(.runs) == 3 * page)
        #expect(state.firstVisible(.runs) == 3 * page - page + 1)
        Self.press(&state, .pageUp)
        #expect(state.selected(.runs) == 2 * page)
        Self.press(&state, .end)
        #expect(state.selected(.runs) == 499)
        #expect(state.firstVisible(.runs) == 500 - page)
        #expect(state.data.runs[absolute: 499]?.externalID == "run-499")
    }

    @Test("Each panel keeps its own selection when the focus moves away and back")
    func selectionPerPanel() {
        var state = Self.state()
        Self.press(&state, .down, .down, .tab, .down, .backTab)
        #expect(state.selected(.models) == 2)
        #expect(state.selected(.runs) == 1)
    }

    @Test("Enter opens the selected model's detail and Esc goes back to the same selection")
    func enterOpensDetailAndEscCloses() {
        var state = Self.state()
        Self.press(&state, .down, .down)
        let effects = Self.press(&state, .enter)
        #expect(effects == [.loadDetail(.model("model-2"))])
        #expect(state.detail?.target == .model("model-2"))
        Self.press(&state, .escape)
        #expect(state.detail == nil)
        #expect(state.selected(.models) == 2)
    }

    @Test("Enter on a pipeline run opens that run's detail, with its breadcrumb")
    func enterOnRunOpensRunDetail() {
        var state = Self.state()
        Self.press(&state, .character("2"), .down, .down, .down)
        Self.press(&state, .enter)
        #expect(state.detail?.target == .run("run-3"))
        #expect(DetailView(state.detail!, now: Self.now, zone: state.timeZone).title == "Pipeline Runs › run-3")
    }

    @Test("Keys in a detail view scroll it instead of moving the panel selection")
    func detailKeysScroll() {
        var state = Self.state()
        Self.press(&state, .enter, .down, .down)
        #expect(state.selected(.models) == 0)
        #expect(state.detail != nil)
    }

    @Test("q asks to quit, from the dashboard and from a detail view")
    func quit() {
        var state = Self.state()
        #expect(Self.press(&state, .character("q")) == [.quit])
        #expect(state.shouldQuit)
        var detail = Self.state()
        Self.press(&detail, .enter)
        #expect(Self.press(&detail, .character("q")) == [.quit])
    }

    @Test("r asks for a reload now, and for the window figures to be computed again")
    func refreshNow() {
        var state = Self.state()
        #expect(DashboardReducer.reduce(&state, .key(.character("r"))) == [.refreshWindowFigures, .reload(.everything)])
    }

    @Test("Ticks poll the store for changes once per refresh interval, not on every tick")
    func ticksPollPerInterval() {
        var state = Self.state()
        state.refreshInterval = 2
        #expect(DashboardReducer.reduce(&state, .tick(Self.now)) == [.pollForChanges])
        #expect(DashboardReducer.reduce(&state, .tick(Self.now + 1)) == [])
        #expect(DashboardReducer.reduce(&state, .tick(Self.now + 2)) == [.pollForChanges])
        #expect(state.now == Self.now + 2)
    }

    @Test("Below 120×36 one panel is shown at a time, and changing tabs reloads for the new size")
    func tabsOnSmallTerminals() {
        var state = Self.state(width: 80, height: 24)
        #expect(!state.layout.isGrid)
        #expect(Self.press(&state, .tab) == [.reload(.panel(.runs))])
        #expect(state.layout.panels[.runs]!.width == 80)
        #expect(state.layout.panels[.models]!.width == 0)
    }

    @Test("Shrinking the terminal keeps the selection visible")
    func resizeKeepsSelectionVisible() {
        var state = Self.state()
        Self.press(&state, .character("2"))
        for _ in 0..<30 { Self.press(&state, .down) }
        _ = DashboardReducer.reduce(&state, .resized(width: 80, height: 24))
        Self.load(&state)
        let rows = state.layout.visibleRows(.runs)
        let first = state.firstVisible(.runs)
        #expect(state.selected(.runs) == 30)
        #expect((first..<(first + rows)).contains(30))
    }

    // Rows disappearing under the selection is a reducer–engine exchange (a load that asks for
    // another): SelectionIdentityTests.shrinkingPanelReloads covers it with the real engine.
}
