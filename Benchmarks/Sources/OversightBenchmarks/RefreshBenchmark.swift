import Dashboard
import Foundation
import PortfolioStore
import Render

/// One full dashboard refresh as the interactive dashboard does it — `r` through the reducer,
/// the engine's reload (current-state figures and every panel's window in one read transaction), then the
/// view-models and the cell grid (`DashboardRenderer.render`) — and the same SQL run bare.
struct RefreshBenchmark {
    /// Seconds of a refresh, of its bare SQL and of the render alone, and how many statements it ran.
    struct Result: Codable {
        var refreshP50: Double
        var refreshP95: Double
        var floorP50: Double
        var floorP95: Double
        var renderP50: Double
        var statements: Int
        /// Seconds of the full figures report (`PortfolioReader.figures`: DORA, cost, derived
        /// maturity) that the dashboard computes in the background at most once a minute.
        var windowFigures: Double
        var ratio: Double { refreshP50 / floorP50 }
    }

    let path: String
    let asOf: Date
    let width: Int
    let height: Int

    static let utc = TimeZone(identifier: "UTC")!

    func engine(_ store: PortfolioStore) throws -> DashboardEngine {
        var state = DashboardState(width: width, height: height, now: asOf, sourceLabel: path)
        state.lastPoll = asOf
        // As the interactive dashboard runs: window figures in the background, awaited here so the
        // worker never competes with the refresh being measured.
        let engine = try DashboardEngine(store: store, state: state, figures: .interactive)
        try engine.waitForWindowFigures()
        return engine
    }

    func run(iterations: Int) throws -> Result {
        let store = try PortfolioStore.open(path: path, readOnly: true)
        defer { try? store.close() }
        let engine = try engine(store)
        defer { engine.cancelBackgroundWork() }  // before the store closes
        let refresh = try Clock.sample(iterations: iterations) {
            try engine.send(.key(.character("r")))
            _ = DashboardRenderer.render(engine.state, glyphs: .unicode, zone: Self.utc)
        }
        let render = Clock.sample(iterations: iterations) {
            _ = DashboardRenderer.render(engine.state, glyphs: .unicode, zone: Self.utc)
        }
        // The statements of one reload, with their values, replayed bare through the C API.
        let (_, statements) = try store.recordingStatements { try engine.send(.key(.character("r"))) }
        let bare = try BareSQL(path: path)
        let floor = try Clock.sample(iterations: iterations) { try bare.run(statements) }
        let window = try Clock.sample(iterations: 3) { _ = try store.read { try $0.figures(FigureWindow(asOf: asOf)) } }
        return Result(refreshP50: refresh.p50, refreshP95: refresh.p95, floorP50: floor.p50, floorP95: floor.p95,
                      renderP50: render.p50, statements: statements.count, windowFigures: window.p50)
    }

    /// A filter on the Pipeline Runs panel and what a refresh with it costs.
    struct FilterResult: Codable {
        var text: String
        /// The panel's title count, as shown ("10000+" when counting stopped at the cap).
        var counted: String
        var p50: Double
    }

    /// For each text: `/` typed into the focused Pipeline Runs panel and kept (Enter), then
    /// refreshes with it — the reload a keystroke in the filter costs.
    func filters(_ texts: [String], iterations: Int) throws -> [FilterResult] {
        let store = try PortfolioStore.open(path: path, readOnly: true)
        defer { try? store.close() }
        let engine = try engine(store)
        defer { engine.cancelBackgroundWork() }  // before the store closes
        try engine.send(.key(.character("2")))
        return try texts.map { text in
            try engine.send([.key(.character("/"))] + text.map { .key(.character($0)) } + [.key(.enter)])
            let sample = try Clock.sample(iterations: iterations) { try engine.send(.key(.character("r"))) }
            let counted = engine.state.data.totalText(.runs)
            try engine.send([.key(.character("/")), .key(.escape)])
            return FilterResult(text: text, counted: counted, p50: sample.p50)
        }
    }

    /// For each column of the Pipeline Runs panel: sorted by it (`s` pressed until it is the
    /// sorted column), the p50 seconds of a refresh, in milliseconds by column title.
    func sorts(iterations: Int) throws -> [SortResult] {
        let store = try PortfolioStore.open(path: path, readOnly: true)
        defer { try? store.close() }
        let engine = try engine(store)
        defer { engine.cancelBackgroundWork() }  // before the store closes
        try engine.send(.key(.character("2")))
        var results: [SortResult] = []
        for _ in 0..<8 {
            try engine.send(.key(.character("s")))
            guard let column = PanelViewModel.view(.runs, state: engine.state).table.sortedColumn else { break }
            let sample = try Clock.sample(iterations: iterations) { try engine.send(.key(.character("r"))) }
            results.append(SortResult(column: PanelViewModel.view(.runs, state: engine.state).table.columns[column].title, p50: sample.p50))
        }
        return results
    }

    /// One thing a lead does with every team of the store in view, and what it costs.
    struct TeamsResult: Codable {
        var action: String
        var p50: Double
        var p95: Double
    }

    /// The Maturity panel with every team of the store (250 on the large one), used as a lead
    /// uses it: a page down, the last team, a filter typed a key at a time (each key reloads), a
    /// team's detail, `:team` completed with Tab, the portfolio overview — each timed through the
    /// engine with the frame it draws, then undone (untimed) for the next sample.
    func teams(iterations: Int) throws -> (count: Int, results: [TeamsResult]) {
        let store = try PortfolioStore.open(path: path, readOnly: true)
        defer { try? store.close() }
        let engine = try engine(store)
        defer { engine.cancelBackgroundWork() }  // before the store closes
        try engine.send(.key(.character("4")))
        let typed = { (text: String) in text.map { DashboardAction.key(.character($0)) } }
        let actions: [(String, [DashboardAction], [DashboardAction])] = [
            ("page down", [.key(.pageDown)], [.key(.character("g"))]),
            ("last team (G)", [.key(.character("G"))], [.key(.character("g"))]),
            ("filter `/risk`, typed (4 reloads)", typed("/risk"), [.key(.escape)]),
            ("a team's detail (Enter)", [.key(.enter)], [.key(.escape)]),
            ("`:team R` Tab", typed(":team R") + [.key(.tab)], [.key(.escape)]),
            ("`:overview`", typed(":overview") + [.key(.enter)], [.key(.escape)]),
        ]
        let results = try actions.map { name, keys, undo in
            var samples = Samples()
            for _ in 0..<iterations {
                let start = Clock.now()
                try engine.send(keys)
                _ = DashboardRenderer.render(engine.state, glyphs: .unicode, zone: Self.utc)
                samples.add(Clock.now() - start)
                try engine.send(undo)
            }
            return TeamsResult(action: name, p50: samples.p50, p95: samples.p95)
        }
        return (engine.state.data.total(.maturity), results)
    }

    struct SortResult: Codable {
        var column: String
        var p50: Double
    }

    /// The statements of one reload and their plans, for the analysis in docs/BENCHMARKS.md.
    func plans() throws -> [(sql: String, plan: [String])] {
        let store = try PortfolioStore.open(path: path, readOnly: true)
        defer { try? store.close() }
        let engine = try engine(store)
        defer { engine.cancelBackgroundWork() }  // before the store closes
        let (_, statements) = try store.recordingStatements { try engine.send(.key(.character("r"))) }
        let bare = try BareSQL(path: path)
        return try statements.filter { $0.uppercased().hasPrefix("SELECT") || $0.uppercased().hasPrefix("WITH") }
            .map { ($0, try bare.queryPlan($0)) }
    }
}
