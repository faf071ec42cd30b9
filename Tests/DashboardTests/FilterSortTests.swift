import Dashboard
import Foundation
import Portfolio
import PortfolioStore
import Testing
import TestSupport

/// `/` filters and `s`/`S` sorts: the reducer's key paths, and the SQL behind them on the sample.
@Suite("Filter and sort")
struct FilterSortTests {
    @Test("/ filters the focused panel as you type, case-insensitively, and the title shows shown/total")
    func incrementalFilter() throws {
        let engine = try SampleEngine.make()
        try engine.send(.key(.character("3")))
        try engine.send(.key(.character("/")))
        try SampleEngine.type(engine, "CARD-FRAUD")
        let alerts = engine.state.data.alerts
        #expect(alerts.total > 0 && alerts.total < 71)
        #expect(alerts.unfiltered == 71)
        #expect(alerts.rows.allSatisfy { $0.model.contains("card-fraud") || $0.feature.contains("card-fraud") })
        let view = PanelViewModel.view(.alerts, state: engine.state)
        #expect(view.filter?.text == "CARD-FRAUD")
        #expect(view.filter?.counts == "\(alerts.total)/71")
    }

    @Test("On more runs than the count cap, a common filter's title and position say 1000+ and the rows still come, newest first")
    func cappedRunCount() throws {
        let folder = TemporaryFolder("filter-cap")
        let asOf = ISOTime.parse("2026-01-12T09:00:00Z")!
        let store = try PortfolioStore.open(path: folder.file("store.sqlite"))
        defer { try? store.close() }
        _ = try PortfolioGenerator(store: store, plan: GenerationPlan(models: 20, runs: PortfolioReader.runMatchCap + 300, alerts: 5,
                                                                      metricPoints: 5, seed: 11, asOf: asOf)).generate()
        var state = DashboardState(width: 160, height: 48, now: asOf, sourceLabel: "generated")
        state.lastPoll = asOf
        let engine = try DashboardEngine(store: store, state: state)
        try engine.send(.key(.character("2")))
        try engine.send(.key(.character("/")))
        try SampleEngine.type(engine, "run-")
        let runs = engine.state.data.runs
        #expect(runs.totalIsLowerBound)
        #expect(!runs.rows.isEmpty)
        #expect(runs.rows.first?.externalID == (try store.read { try $0.runSummaries(limit: 1) }.first?.externalID))
        let view = PanelViewModel.view(.runs, state: engine.state)
        #expect(view.filter?.counts == "1000+/\(PortfolioReader.runMatchCap + 300)")
        #expect(view.position == "1/1000+")
        // A rarer text is counted exactly.
        try SampleEngine.type(engine, "00012")
        #expect(!engine.state.data.runs.totalIsLowerBound)
        #expect(PanelViewModel.view(.runs, state: engine.state).filter?.counts == "\(engine.state.data.runs.total)/\(PortfolioReader.runMatchCap + 300)")
    }

    @Test("Keys typed ahead are applied together with one reload, to the same screen as typing them one by one")
    func typedAheadKeysReloadOnce() throws {
        let one = try SampleEngine.make()
        let burst = try SampleEngine.make()
        let keys: [Key] = [.character("2"), .character("/")] + "retail".map { .character($0) } + [.enter, .character("j"), .character("j")]
        for key in keys { try one.send(.key(key)) }
        let before = burst.loads
        try burst.send(keys.map { .key($0) })
        #expect(burst.loads == before + 1)
        #expect(one.loads > before + 3)
        // The same screen; the message log (:messages) may hold what one-by-one keys said on the way.
        var (burstState, oneState) = (burst.state, one.state)
        burstState.messages = []
        oneState.messages = []
        #expect(burstState == oneState)
        #expect(burst.state.data.runs.total > 0 && burst.state.data.runs.total < burst.state.data.runs.unfiltered)
    }

    @Test("Enter keeps the filter and frees the keys; Esc in the filter prompt clears it")
    func keepAndClear() throws {
        let engine = try SampleEngine.make()
        try engine.send(.key(.character("/")))
        try SampleEngine.type(engine, "retail")
        try engine.send(.key(.enter))
        #expect(engine.state.prompt == nil)
        #expect(engine.state.query(.models).filter == "retail")
        let filtered = engine.state.data.models.total
        try engine.send(.key(.down))
        #expect(engine.state.selected(.models) == 1)
        try engine.send(.key(.character("/")))
        #expect(engine.state.prompt?.editor.text == "retail")
        try engine.send(.key(.escape))
        #expect(engine.state.query(.models).filter == "")
        #expect(engine.state.data.models.total == 46)
        #expect(filtered < 46)
    }

    @Test("A filter and a sort survive a refresh")
    func surviveRefresh() throws {
        let engine = try SampleEngine.make()
        try engine.send(.key(.character("2")))
        try engine.send(.key(.character("/")))
        try SampleEngine.type(engine, "failed")
        try engine.send(.key(.enter))
        try engine.send(.key(.character("s")))
        let before = engine.state.data.runs
        try engine.send(.key(.character("r")))
        #expect(engine.state.data.runs == before)
        #expect(engine.state.query(.runs).filter == "failed")
        #expect(engine.state.query(.runs).sort == .run(.status))
        #expect(engine.state.data.runs.rows.allSatisfy { $0.status == .failed || ($0.error ?? "").localizedCaseInsensitiveContains("failed") || $0.pipeline.contains("failed") })
    }

    @Test("s steps through the columns then back to the default order; S reverses; the header marks the column")
    func sortCycle() throws {
        let engine = try SampleEngine.make()
        try engine.send(.key(.character("s")))
        #expect(engine.state.query(.models).sort == .model(.name))
        let names = engine.state.data.models.rows.map(\.name)
        #expect(names == names.sorted())
        try engine.send(.key(.character("S")))
        #expect(engine.state.query(.models).descending)
        let reversed = engine.state.data.models.rows.map(\.name)
        #expect(reversed == reversed.sorted(by: >))
        #expect(PanelViewModel.view(.models, state: engine.state).table.sortedColumn == 0)
        for _ in 0..<(PanelViewModel.shownSorts(.models, state: engine.state).count) { try engine.send(.key(.character("s"))) }
        #expect(engine.state.query(.models).sort == nil)
        #expect(engine.state.data.models.rows.first?.stage == .production)
    }

    /// Presses `key` until `done` holds of the state (at most 20 times, then fails).
    static func press(_ engine: DashboardEngine, _ key: Character, until done: (DashboardState) -> Bool) throws {
        for _ in 0..<20 where !done(engine.state) { try engine.send(.key(.character(key))) }
        try #require(done(engine.state), "not reached by pressing \(key)")
    }

    @Test("Sorting runs by duration puts the longest first when reversed")
    func sortByDuration() throws {
        let engine = try SampleEngine.make()
        try engine.send(.key(.character("2")))
        try Self.press(engine, "s", until: { $0.query(.runs).sort == .run(.duration) })
        let table = PanelViewModel.view(.runs, state: engine.state).table
        #expect(table.columns[try #require(table.sortedColumn)].title == "DURATION")
        try engine.send(.key(.character("S")))
        let durations = engine.state.data.runs.rows.compactMap(\.duration)
        #expect(durations == durations.sorted(by: >))
    }

    @Test("Sorting models by ALERTS orders them by critical, then warning, then info counts: one critical outranks many warnings")
    func sortByAlertSeverities() throws {
        let engine = try SampleEngine.make()
        try engine.send(.key(.character("1")))
        try Self.press(engine, "s", until: { $0.query(.models).sort == .model(.alerts) })
        try engine.send(.key(.character("S")))
        let all = try SharedSample.store.read { reader in
            try reader.modelSummaries(now: SharedSample.now, query: engine.state.query(.models))
        }
        let keys = all.map { m in [Severity.critical, .warning, .info].map { m.activeBySeverity[$0] ?? 0 } }
        #expect(keys == keys.sorted { $0.lexicographicallyPrecedes($1) }.reversed(), "\(keys)")
        // The sample has both kinds the old total-count sort put in the wrong order.
        let oneCritical = try #require(all.firstIndex { $0.activeBySeverity == [.critical: 1] })
        let warningsOnly = try #require(all.firstIndex { ($0.activeBySeverity[.warning] ?? 0) >= 2 && $0.activeBySeverity[.critical] == nil })
        #expect(oneCritical < warningsOnly)
        #expect(engine.state.data.models.rows.map(\.name) == all.prefix(engine.state.data.models.rows.count).map(\.name))
    }

    @Test("The ALERTS cell counts each severity after its symbol, most urgent first, leaving out the zero counts")
    func alertsCellCountsBySeverity() {
        var model = ReducerTests.model(1)
        model.activeBySeverity = [.warning: 2, .critical: 1]
        var state = ReducerTests.state(models: 0, runs: 0)
        state.data.models = RowWindow(rows: [model], total: 1)
        let table = PanelViewModel.view(.models, state: state).table
        let column = try! #require(table.columns.firstIndex { $0.title.hasPrefix("ALERTS") })
        #expect(table.rows[0][column].content == .counts([CountMark(.critical, 1, tone: .critical), CountMark(.warning, 2, tone: .warn)]))
        state.data.models = RowWindow(rows: [ReducerTests.model(2)], total: 1)
        #expect(PanelViewModel.view(.models, state: state).table.rows[0][column].content == .text("0"))
    }

    @Test("Filter text with SQL pattern characters is taken literally")
    func literalFilter() throws {
        let engine = try SampleEngine.make()
        try engine.send(.key(.character("/")))
        try SampleEngine.type(engine, "%")
        #expect(engine.state.data.models.total == 0)
        try engine.send(.key(.backspace))
        try SampleEngine.type(engine, "_")
        #expect(engine.state.data.models.total == 0)
    }

    /// The columns `s` steps through at 160×48, left to right, as the user reads them: the ones
    /// shown (VER, OWNER, TRIGGER, ERROR, TEST and ASSIGNEE give way in the grid).
    static let sortedTitles: [PanelID: [String]] = [
        .models: ["MODEL", "STAGE", "TEAM", "VALUE/YR", "COST/YR", "ALERTS"],
        .runs: ["STATUS", "PIPELINE", "MODEL", "KIND", "STARTED", "DURATION"],
        .alerts: ["SEVERITY", "STATUS", "MODEL", "FEATURE", "SCORE", "AGE"],
        .maturity: ["TEAM a/d"],
    ]

    @Test("Zoomed, s steps through every sortable column, the ones the grid has no room for too")
    func zoomedSortsEveryColumn() throws {
        let engine = try SampleEngine.make()
        try engine.send(.key(.character("f")))
        #expect(engine.state.soloPanel == .models)
        #expect(PanelViewModel.shownSorts(.models, state: engine.state) == PanelViewModel.sorts(.models))
        var titles: [String] = []
        for _ in PanelViewModel.sorts(.models) {
            try engine.send(.key(.character("s")))
            let table = PanelViewModel.view(.models, state: engine.state).table
            titles.append(table.columns[try #require(table.sortedColumn)].title)
        }
        #expect(titles == ["MODEL", "STAGE", "VER", "TEAM", "OWNER", "VALUE/YR", "COST/YR", "ALERTS"])
        // Back in the grid the sort by ALERTS stays, and its column with it.
        try engine.send(.key(.character("f")))
        #expect(PanelViewModel.shownSorts(.models, state: engine.state).contains(.model(.alerts)))
    }

    @Test("A column the grid drops stays shown while the rows are sorted by it, so its arrow is always in view")
    func sortedColumnIsNeverDropped() throws {
        let engine = try SampleEngine.make()
        try engine.send(.key(.character("f")))
        try Self.press(engine, "s", until: { $0.query(.models).sort == .model(.owner) })
        try engine.send(.key(.character("f")))
        let columns = PanelViewModel.view(.models, state: engine.state).table.columns
        let owner = try #require(columns.firstIndex { $0.title == "OWNER" })
        let width = try #require(engine.state.layout.panels[.models]).width - 2
        #expect(ColumnPlan.shown(columns, available: width, keep: owner).contains(owner))
        #expect(!ColumnPlan.shown(columns, available: width).contains(owner), "the grid drops OWNER when it is not sorted by")
    }

    @Test("s steps through each panel's shown columns left to right, marking the column it sorts by, then back to the default order")
    func sortMarksItsColumn() throws {
        let engine = try SampleEngine.make()
        for panel in PanelID.allCases {
            try engine.send(.key(.character(Character("\(panel.rawValue)"))))
            let sorts = PanelViewModel.shownSorts(panel, state: engine.state)
            #expect(!sorts.isEmpty && Set(sorts).count == sorts.count, "\(panel)")
            for (step, sort) in sorts.enumerated() {
                try engine.send(.key(.character("s")))
                #expect(engine.state.query(panel).sort == sort, "\(panel) step \(step)")
                let table = PanelViewModel.view(panel, state: engine.state).table
                let marked = try #require(table.sortedColumn, "\(panel): no column marked for \(sort)")
                #expect(table.columns[marked].title == Self.sortedTitles[panel]?[step], "\(panel) step \(step): \(sort) marks \(table.columns[marked].title)")
            }
            try engine.send(.key(.character("s")))
            #expect(engine.state.query(panel).sort == nil)
        }
    }
}

/// What the user reads is what they can filter and scope by.
@Suite("Filters and scopes match what is shown")
struct ShownWordsTests {
    @Test("/crit on Models finds the models with an active critical alert (◆ in ALERTS); /prod those shown as prod")
    func abbreviationsFilter() throws {
        let engine = try SampleEngine.make()
        try engine.send(.key(.character("1")))
        try engine.send(.key(.character("/")))
        try SampleEngine.type(engine, "crit")
        let rows = engine.state.data.models.rows
        #expect(!rows.isEmpty)
        #expect(rows.allSatisfy { $0.worstActiveSeverity == .critical }, "\(rows.map(\.name))")
        #expect(engine.state.data.models.total == (try SharedSample.store.read {
            try $0.modelSummaries(now: SharedSample.now) }.filter { $0.worstActiveSeverity == .critical }.count))
        for _ in 0..<4 { try engine.send(.key(.backspace)) }
        try SampleEngine.type(engine, "prod")
        #expect(engine.state.data.models.rows.allSatisfy { $0.stage == .production })
    }

    @Test("A filter that hides every row says so, with how many it hides, never that the store is empty")
    func emptyFilterSaysSo() throws {
        let engine = try SampleEngine.make()
        try engine.send(.key(.character("/")))
        try SampleEngine.type(engine, "zzzz")
        let view = PanelViewModel.view(.models, state: engine.state)
        #expect(view.table.rows.isEmpty)
        #expect(view.table.emptyText == "no rows match 'zzzz' (46 hidden by the filter)")
    }

    @Test(":stage and :severity take any unambiguous start and the screen's abbreviations; a wrong one names the choices")
    func scopePrefixes() throws {
        let teams = ["Clinical AI", "Risk & Fraud Analytics"]
        #expect(try ColonCommand.parse("stage prod", teams: teams).get() == .stage(.production))
        #expect(try ColonCommand.parse("stage dev", teams: teams).get() == .stage(.development))
        #expect(try ColonCommand.parse("severity crit", teams: teams).get() == .severity(.critical))
        #expect(try ColonCommand.parse("severity WARN", teams: teams).get() == .severity(.warning))
        #expect(try ColonCommand.parse("team risk", teams: teams).get() == .team("Risk & Fraud Analytics"))
        guard case let .failure(error) = ColonCommand.parse("stage prd", teams: teams) else { Issue.record("prd accepted"); return }
        #expect(error.message == "no stage named 'prd'; did you mean 'production'?")
    }
}
