import Foundation
import PortfolioStore

/// How the engine computes the window figures (DORA, cost, derived maturity) of the header, the
/// Maturity panel and the detail views.
public enum FiguresMode: Sendable, Hashable {
    /// With every load, in its read transaction: one consistent moment, for `snapshot` and tests.
    case inline
    /// On a background queue, at most once per `maxAge` seconds of the dashboard's clock, merged
    /// with the current-state figures each load reads: for the interactive dashboard, whose
    /// refresh must not wait seconds on a store of a million runs. The window figures describe
    /// 30 and 90 days, so a minute's lag is below their resolution.
    case background(maxAge: TimeInterval)

    public static let interactive = FiguresMode.background(maxAge: 60)
}

/// How the engine writes alert actions.
public enum WriteMode: Sendable, Hashable {
    /// In the calling thread, waiting as long as a script would (`snapshot`, tests).
    case inline
    /// On a background queue, each waiting at most `deadline` seconds for the store's write lock:
    /// the interactive dashboard, whose input loop must never wait on another writer.
    case background(deadline: TimeInterval)

    public static let interactive = WriteMode.background(deadline: 3)
}

/// Runs the dashboard against a store: feeds actions through the reducer and carries out the
/// effects it asks for. A poll costs one `PRAGMA data_version` on the watcher's own connection,
/// and the store is queried again only when another connection committed something.
public final class DashboardEngine {
    public private(set) var state: DashboardState
    public let store: PortfolioStore
    private var watcher: ChangeWatcher
    public private(set) var loads = 0
    public let figuresMode: FiguresMode
    /// The last full figures report the background worker delivered.
    private var windowReport: FiguresReport?
    private let worker = WindowFiguresWorker()
    public let writeMode: WriteMode
    private let writer = AlertWriteWorker()

    /// Who lifecycle actions are recorded as.
    public let actor: String

    public init(store: PortfolioStore, state: DashboardState, actor: String = "unknown", figures: FiguresMode = .inline,
                writes: WriteMode = .inline) throws {
        self.store = store
        self.state = state
        self.actor = actor
        self.figuresMode = figures
        self.writeMode = writes
        self.state.isReadOnly = state.isReadOnly || store.isReadOnly
        self.state.isSnapshot = store.isSnapshot
        self.watcher = try store.makeChangeWatcher()
        _ = try watcher.hasChanged()
        try perform([.reload])
        requestWindowFiguresIfDue()
    }

    /// Applies an action and every effect that follows from it.
    public func send(_ action: DashboardAction) throws {
        try send([action])
    }

    /// Applies actions that arrived together (keys typed ahead, a paste) with one query round for
    /// the run of them that only asks for a reload, instead of one per action: typing a filter on a
    /// million runs queries once per burst. An action with any other effect has its effects carried
    /// out in their order, after the reload pending before it.
    public func send(_ actions: [DashboardAction]) throws {
        var pending = takeWindowFigures() + takeWrites()
        var reload = false
        for action in actions {
            let effects = DashboardReducer.reduce(&state, action)
            if effects.allSatisfy({ $0 == .reload }) {
                reload = reload || !effects.isEmpty
                continue
            }
            try perform(pending + (reload ? [.reload] : []) + effects)
            pending = []
            reload = false
        }
        try perform(pending + (reload ? [.reload] : []))
        requestWindowFiguresIfDue()
    }

    /// Whether an alert action is being written in the background.
    public var isWriting: Bool { writer.isWriting }

    /// Whether background work finished that the screen does not show yet: `send([])` shows it.
    public var hasBackgroundResults: Bool { writer.hasResults || worker.hasResult }

    /// Blocks until every alert action submitted has been written (or given up on), and shows
    /// what became of them.
    public func waitForWrites() throws {
        writer.wait()
        try perform(takeWrites())
    }

    /// The outcomes of background writes, through the reducer: the effects that follow.
    private func takeWrites() -> [DashboardEffect] {
        writer.take().flatMap { DashboardReducer.reduce(&state, .alertActionFinished($0, $1)) }
    }

    /// Blocks until the background worker (if any) has finished, and shows what it computed.
    public func waitForWindowFigures() throws {
        worker.wait()
        try perform(takeWindowFigures())
    }

    /// Stops a background computation in flight and returns once it has, so that the store can
    /// be closed right after the dashboard ends without waiting seconds for it (closing a store
    /// while a read is starting on another thread is not safe). It interrupts every statement
    /// running on the store, so it is for the end of a session, when nothing else needs the store.
    public func cancelBackgroundWork() {
        // Writes are let finish (each is bounded by its deadline): an acknowledgement the user
        // pressed before quitting must not be lost, and one the store could not take is said.
        writer.wait()
        _ = takeWrites()
        // Again and again: SQLite interrupts only statements already running, and the worker may
        // be between two of them, or not yet in its first.
        while worker.isRunning {
            store.interrupt()
            worker.wait(timeout: 0.01)
        }
    }

    /// Starts the background computation when the window figures are missing or older than allowed.
    private func requestWindowFiguresIfDue() {
        guard case let .background(maxAge) = figuresMode else { return }
        requestWindowFigures(olderThan: maxAge)
    }

    /// Starts the background computation (background mode) unless the last report is younger than `age` seconds.
    private func requestWindowFigures(olderThan age: TimeInterval) {
        guard case .background = figuresMode else { return }
        if let report = windowReport, abs(state.now.timeIntervalSince(report.window.asOf)) < age { return }
        worker.start(store: store, window: FigureWindow(asOf: state.now))
    }

    /// Merges a report the worker finished into the data on screen: the effects that follow.
    private func takeWindowFigures() -> [DashboardEffect] {
        guard let result = worker.take() else { return [] }
        switch result {
        case let .success(report):
            windowReport = report
            var data = state.data
            // As computed: its current state is of its own snapshot, and the screen's merged
            // figures hold teams' current state from the previous report. Later loads merge theirs in.
            data.figures = report
            return DashboardReducer.reduce(&state, .loaded(data))
        case let .failure(error):
            // Stopped on purpose (quitting, opening a snapshot again): the next computation follows.
            if StoreError.isInterruption(error) { return [] }
            return DashboardReducer.reduce(&state, .notice("figures: \(error)"))
        }
    }

    /// The figures for a load: all of them (inline), or the current state's merged into the
    /// last background report.
    private func figures(_ reader: PortfolioReader, _ window: FigureWindow) throws -> FiguresReport {
        switch figuresMode {
        case .inline:
            return try reader.figures(window)
        case .background:
            let current = try reader.currentFigures(window, team: state.scope.team)
            return windowReport.map { $0.updatingCurrentState(from: current) } ?? current
        }
    }

    /// What a load reads: each panel's window and query. A reload asked for while these are what
    /// was just loaded needs no query round; one asked for because a load moved them (rows gone
    /// below the scroll position, the selection found elsewhere) must not be dropped.
    private var loadInputs: [String] {
        PanelID.allCases.map { panel in
            let window = state.windows[panel] ?? (0, 0)
            return "\(panel) \(window.offset) \(window.limit) \(state.query(panel)) \(state.selectedKey[panel] ?? "")"
        }
    }

    private func perform(_ effects: [DashboardEffect]) throws {
        var queue = effects
        var loaded: [String]?
        var rounds = 0
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            switch effect {
            case .reload:
                // Several reloads asked for in one step need only one query round; a few more
                // only while each load changes what the next must read.
                let inputs = loadInputs
                guard inputs != loaded, rounds < 4 else { continue }
                loaded = inputs
                rounds += 1
                let data = try load()
                queue += DashboardReducer.reduce(&state, .loaded(data))
            case .refreshWindowFigures:
                // Asked for by r; not again within seconds of the last (holding r down, or a script).
                requestWindowFigures(olderThan: 5)
            case .pollForChanges:
                guard try watcher.hasChanged() else { continue }
                if store.isSnapshot {
                    // A snapshot's connection would not see the change: open the file again (live,
                    // if a writer has since put -wal and -shm beside it).
                    cancelBackgroundWork()
                    try store.reopenSnapshot()
                    watcher = try store.makeChangeWatcher()
                    _ = try watcher.hasChanged()
                    state.isSnapshot = store.isSnapshot
                }
                queue.append(.reload)
            case let .loadDetail(target):
                let content = try loadDetail(target)
                queue += DashboardReducer.reduce(&state, .detailLoaded(target, content))
            case let .applyAlertAction(pending):
                switch writeMode {
                case .inline:
                    let outcome = AlertWriteWorker.write(pending, store: store, actor: actor, at: state.now,
                                                         deadline: PortfolioStore.defaultWriteWait)
                    queue += DashboardReducer.reduce(&state, .alertActionFinished(pending, outcome))
                    loaded = nil  // the store changed: the next reload reads it again
                case let .background(deadline):
                    writer.submit(pending, store: store, actor: actor, at: state.now, deadline: deadline)
                }
            case .quit:
                break
            }
        }
    }

    private func loadDetail(_ target: DetailTarget) throws -> DetailContent? {
        let now = state.now
        return try store.read { reader -> DetailContent? in
            switch target {
            case let .model(name): try reader.modelDetail(named: name, now: now).map(DetailContent.model)
            case let .run(id): try reader.runDetail(externalID: id).map(DetailContent.run)
            case let .alert(id): try reader.alertDetail(externalID: id, now: now).map(DetailContent.alert)
            case let .team(name): try reader.teamDetail(named: name, now: now, figures: state.data.figures).map(DetailContent.team)
            case .portfolio: DetailContent.portfolio(try figures(reader, FigureWindow(asOf: now)))
            }
        }
    }

    /// One query round: the KPIs and each panel's visible window, in one read transaction so the
    /// screen shows one consistent moment.
    private func load() throws -> DashboardData {
        loads += 1
        let windows = state.windows
        let now = state.now
        let queries = Dictionary(uniqueKeysWithValues: PanelID.allCases.map { ($0, state.query($0)) })
        let keys = state.selectedKey
        let hints = state.selection
        return try store.read { reader in
            var data = DashboardData()
            data.figures = try figures(reader, FigureWindow(asOf: now))
            let m = windows[.models]!, r = windows[.runs]!, a = windows[.alerts]!, t = windows[.maturity]!
            /// A filtered panel needs its unfiltered count too, for "shown/total".
            func unfiltered(_ panel: PanelID, _ total: Int, _ count: (PanelQuery) throws -> Int) rethrows -> Int {
                var query = queries[panel]!
                guard !query.filter.isEmpty else { return total }
                query.filter = ""
                return try count(query)
            }
            let modelTotal = try reader.modelCount(now: now, queries[.models]!)
            data.models = RowWindow(offset: m.offset,
                                    rows: try reader.modelSummaries(now: now, offset: m.offset, limit: m.limit, query: queries[.models]!),
                                    total: modelTotal, unfiltered: try unfiltered(.models, modelTotal) { try reader.modelCount(now: now, $0) })
            let runs = try reader.runWindow(offset: r.offset, limit: r.limit, query: queries[.runs]!)
            data.runs = RowWindow(offset: r.offset, rows: runs.rows,
                                  total: runs.total, unfiltered: try unfiltered(.runs, runs.total) { try reader.runCount($0) })
            data.runs.totalIsLowerBound = runs.totalIsLowerBound
            let alertTotal = try reader.alertCount(now: now, queries[.alerts]!)
            data.alerts = RowWindow(offset: a.offset,
                                    rows: try reader.alertSummaries(now: now, offset: a.offset, limit: a.limit, query: queries[.alerts]!),
                                    total: alertTotal, unfiltered: try unfiltered(.alerts, alertTotal) { try reader.alertCount(now: now, $0) })
            let teamTotal = try reader.teamCount(queries[.maturity]!)
            data.maturity = RowWindow(offset: t.offset,
                                      rows: try reader.teamMaturity(offset: t.offset, limit: t.limit, query: queries[.maturity]!),
                                      total: teamTotal, unfiltered: try unfiltered(.maturity, teamTotal) { try reader.teamCount($0) })
            data.newestEvent = try reader.newestEventTime()
            data.teamNames = try reader.sortedTeamNames()
            // A selected item the window did not bring: found near where it was, or from the top.
            for (panel, key) in keys where data.index(of: key, in: panel) == nil {
                data.whereabouts[panel] = try SelectionLocator.locate(
                    key, in: panel, near: hints[panel] ?? 0, total: data.total(panel),
                    exact: panel != .runs || !data.runs.totalIsLowerBound, query: queries[panel] ?? PanelQuery(), now: now, reader: reader)
            }
            return data
        }
    }
}

extension DashboardEngine {
    /// Opens a detail view directly, as Enter on its row would.
    public func open(_ target: DetailTarget) throws {
        try send(.openDetail(target))
    }
}
