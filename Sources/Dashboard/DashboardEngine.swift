import Foundation
import PortfolioStore

/// How the engine computes the window figures (DORA, cost, derived maturity) of the header, the
/// Maturity panel and the detail views.
public enum FiguresMode: Sendable, Hashable {
    /// With every load, in its read transaction: one consistent moment, for `snapshot` and tests
    /// (on a long history its parts read at once, the load's other reads with the second group:
    /// `PortfolioStore.figuresAtOnce(_:alongside:)`).
    case inline
    /// On a background queue, at most once per `maxAge` seconds of the dashboard's clock, merged
    /// with the current-state figures each load reads: for the interactive dashboard, whose
    /// refresh must not wait seconds on a store of a million runs. The window figures describe
    /// 30 and 90 days, so a minute's lag is below their resolution.
    ///
    /// When the screen comes to have no figures over its window (at the start, after `w`), the
    /// worker starts before the panels load and the step waits for it up to `awaitMissing` seconds
    /// of real time, once, so the frame shows the figures instead of "…" (a million runs: ~0.1 s,
    /// beside the panels' load). A store slower than that shows "…" until they arrive, and the
    /// steps after that one do not wait for them.
    case background(maxAge: TimeInterval, awaitMissing: TimeInterval)

    public static let interactive = FiguresMode.background(maxAge: 60, awaitMissing: 0.5)
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
    /// The most keys Tab reads for `:model`, `:run`, `:alert` (the footer shows them).
    static let completionLimit = 50
    public private(set) var state: DashboardState
    public let store: PortfolioStore
    private var watcher: ChangeWatcher
    public private(set) var loads = 0
    public let figuresMode: FiguresMode
    /// The last full figures report the background worker delivered.
    private var windowReport: FiguresReport?
    /// The window whose figures the screen lacks, and until when (`ProcessInfo.systemUptime`) a
    /// step waits for them: set when they first go missing, so that a store slower than the wait
    /// makes one step wait, not every tick and key after it.
    private var awaiting: (days: Int, until: TimeInterval)?
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
        // Started first, the figures are computed while the panels load; not on a snapshot's one
        // connection, where the load would wait for all of them.
        if !store.isSnapshot { requestWindowFiguresIfDue() }
        do {
            try perform([.reload(.everything)])
            requestWindowFiguresIfDue()
            try awaitMissingWindowFigures()
        } catch {
            // No engine is returned to stop it: the caller closes the store next.
            cancelBackgroundWork()
            throw error
        }
    }

    /// Applies an action and every effect that follows from it.
    public func send(_ action: DashboardAction) throws {
        try send([action])
    }

    /// Applies actions that arrived together (keys typed ahead, a paste) with one query round for
    /// the run of them that only asks for loads, instead of one per action: typing a filter on a
    /// million runs queries once per burst. An action with any other effect has its effects carried
    /// out in their order, after the load pending before it.
    public func send(_ actions: [DashboardAction]) throws {
        var pending = takeWindowFigures() + takeWrites()
        var load: LoadScope?
        for action in actions {
            let effects = DashboardReducer.reduce(&state, action)
            let scopes = effects.compactMap(\.loadScope)
            if scopes.count == effects.count {
                load = scopes.reduce(load) { $0?.union($1) ?? $1 }
                continue
            }
            try perform(pending + (load.map { [.reload($0)] } ?? []) + effects)
            pending = []
            load = nil
        }
        try perform(pending + (load.map { [.reload($0)] } ?? []))
        requestWindowFiguresIfDue()
        try awaitMissingWindowFigures()
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
        guard case let .background(maxAge, _) = figuresMode else { return }
        requestWindowFigures(olderThan: maxAge)
    }

    /// When the mode waits at all: shows a report the worker has finished; then, while the screen
    /// has no figures over its window and the worker is computing them, waits for them (up to the
    /// mode's `awaitMissing` seconds from when they went missing) and shows them. A report over a
    /// window the user has since left starts the one shown, waited for within the same deadline.
    private func awaitMissingWindowFigures() throws {
        guard case let .background(_, wait) = figuresMode, wait > 0 else { return }
        while true {
            try perform(takeWindowFigures())
            guard !state.shouldQuit, windowReport?.window.days != state.windowDays else {
                awaiting = nil
                return
            }
            if awaiting?.days != state.windowDays {
                awaiting = (state.windowDays, ProcessInfo.processInfo.systemUptime + wait)
            }
            let left = (awaiting?.until ?? 0) - ProcessInfo.processInfo.systemUptime
            // A report may have been finished since the take above: it is taken, not lost.
            guard left > 0, worker.isRunning || worker.hasResult else { return }
            worker.wait(timeout: left)
        }
    }

    /// Starts the background computation (background mode) unless the last report is younger than
    /// `age` seconds, or one is finished and not yet shown (taking it starts another if it is over
    /// a window the user has left).
    private func requestWindowFigures(olderThan age: TimeInterval) {
        guard case .background = figuresMode, !worker.hasResult, !state.shouldQuit else { return }
        if let report = windowReport, report.window.days == state.windowDays, abs(state.now.timeIntervalSince(report.window.asOf)) < age {
            return
        }
        worker.start(store: store, window: state.figureWindow)
    }

    /// Gives a report the worker finished to the reducer: the effects that follow.
    private func takeWindowFigures() -> [DashboardEffect] {
        guard let result = worker.take() else { return [] }
        switch result {
        case let .success(report):
            // Computed for a window the user has since left (w): compute the one shown now.
            guard report.window.days == state.windowDays else {
                requestWindowFigures(olderThan: 0)
                return []
            }
            windowReport = report
            return DashboardReducer.reduce(&state, .windowFiguresComputed(report))
        case let .failure(error):
            // Stopped on purpose (quitting, opening a snapshot again): the next computation starts
            // now, unless quitting.
            if StoreError.isInterruption(error) {
                requestWindowFiguresIfDue()
                return []
            }
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
            // A report over another window (w was pressed) is not merged: "…" until the new one.
            guard let report = windowReport, report.window.days == window.days else { return current }
            return report.updatingCurrentState(from: current)
        }
    }

    /// What a load of `panel` reads: its window, query and selected item. A panel loaded in this
    /// step with the same inputs needs no query again; one whose inputs a load moved (rows gone
    /// below the scroll position, the selection found elsewhere) must not be dropped.
    private func loadInputs(_ panel: PanelID) -> String {
        let window = state.windows[panel] ?? (0, 0)
        return "\(window.offset) \(window.limit) \(state.query(panel)) \(state.selectedKey[panel] ?? "")"
    }

    /// Carries out effects in order, and the effects that follow from each after those queued.
    private func perform(_ effects: [DashboardEffect]) throws {
        var queue = effects
        // What this step has read: loads asked for again with the same inputs are merged into it.
        var loadedHeader = false
        var loaded: [PanelID: String] = [:]
        var rounds = 0
        /// The store changed: what this step read before is read again.
        func forgetLoads() {
            loadedHeader = false
            loaded = [:]
            rounds = 0
        }
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            switch effect {
            case let .reload(scope):
                let header = scope == .everything && !loadedHeader
                let panels = header ? Set(PanelID.allCases) : scope.panels.filter { loaded[$0] != loadInputs($0) }
                // A few follow-up rounds at most: each one is a load that moved what the next reads.
                guard !panels.isEmpty, rounds < 4 else { continue }
                rounds += 1
                for panel in panels { loaded[panel] = loadInputs(panel) }
                loadedHeader = loadedHeader || header
                let data = try load(header: header, panels: panels)
                queue += DashboardReducer.reduce(&state, .loaded(data, header ? .everything : .panels(panels)))
            case .refreshWindowFigures:
                // Asked for by r; not again within seconds of the last (holding r down, or a script).
                requestWindowFigures(olderThan: 5)
            case .pollForChanges:
                state.unreachableSince = store.upstream?.unreachableSince
                guard try watcher.hasChanged() else {
                    queue += DashboardReducer.reduce(&state, .polled)
                    continue
                }
                forgetLoads()
                if store.isSnapshot {
                    // A snapshot's connection would not see the change: open the file again (live,
                    // if a writer has since put -wal and -shm beside it).
                    cancelBackgroundWork()
                    try store.reopenSnapshot()
                    watcher = try store.makeChangeWatcher()
                    _ = try watcher.hasChanged()
                    state.isSnapshot = store.isSnapshot
                }
                queue.append(.reload(.everything))
            case let .loadDetail(target):
                let content = try loadDetail(target)
                queue += DashboardReducer.reduce(&state, .detailLoaded(target, content))
            case let .completeKeys(line):
                guard let (kind, partial) = ColonCommand.storeCompletion(line) else { continue }
                let keys = try store.read { try $0.keys(kind, startingWith: partial, limit: Self.completionLimit) }
                queue += DashboardReducer.reduce(&state, .keysCompleted(line: line, candidates: keys))
            case let .exportPanel(panel, path, replace):
                queue += DashboardReducer.reduce(&state, .notice(export(panel, to: path, replace: replace)))
            case let .completePeople(prefix):
                let people = try store.read { try $0.people(startingWith: prefix, limit: Self.completionLimit) }
                queue += DashboardReducer.reduce(&state, .peopleCompleted(prefix: prefix, candidates: people))
            case let .applyAlertAction(pending):
                switch writeMode {
                case .inline:
                    let outcome = AlertWriteWorker.write(pending, store: store, actor: actor, at: state.now,
                                                         deadline: PortfolioStore.defaultWriteWait)
                    forgetLoads()
                    queue += DashboardReducer.reduce(&state, .alertActionFinished(pending, outcome))
                case let .background(deadline):
                    writer.submit(pending, store: store, actor: actor, at: state.now, deadline: deadline)
                }
            case .quit:
                cancelBackgroundWork()
            }
        }
    }

    /// Writes `panel`'s rows (as filtered, sorted and scoped, up to `PanelExport.rowLimit`) to
    /// `path`, whole or not at all; says what it did, or why not.
    private func export(_ panel: PanelID, to path: String, replace: Bool) -> String {
        let file = (path as NSString).expandingTildeInPath
        guard let format = PanelExport.Format(path: file) else { return "'\(path)': name a .csv or .json file" }
        if !replace, FileManager.default.fileExists(atPath: file) { return "\(path) exists; :write! \(path) replaces it" }
        let query = state.query(panel), now = state.now, limit = PanelExport.rowLimit + 1
        do {
            var data = DashboardData()
            data.figures = state.data.figures
            try store.read { reader in
                switch panel {
                case .models: data.models.rows = try reader.modelSummaries(now: now, limit: limit, query: query)
                case .runs: data.runs.rows = try reader.runWindow(offset: 0, limit: limit, query: query).rows
                case .alerts: data.alerts.rows = try reader.alertSummaries(now: now, limit: limit, query: query)
                case .maturity: data.maturity.rows = try reader.teamMaturity(limit: limit, query: query)
                }
            }
            var table = PanelExport.table(panel, data: data, now: now)
            let more = table.rows.count > PanelExport.rowLimit
            table.rows = Array(table.rows.prefix(PanelExport.rowLimit))
            try PanelExport.encode(table, as: format).write(to: URL(fileURLWithPath: file), options: .atomic)
            return "wrote \(table.rows.count) \(panel.title) rows to \(path)" + (more ? " (the first \(PanelExport.rowLimit); / or :team narrows)" : "")
        } catch {
            return "could not write \(path): \(error.localizedDescription)"
        }
    }

    private func loadDetail(_ target: DetailTarget) throws -> DetailContent? {
        let now = state.now
        return try store.read { reader -> DetailContent? in
            switch target {
            case let .model(name): try reader.modelDetail(named: name, now: now, days: state.windowDays).map(DetailContent.model)
            case let .run(id): try reader.runDetail(externalID: id, now: now).map(DetailContent.run)
            case let .alert(id): try reader.alertDetail(externalID: id, now: now, days: state.windowDays).map(DetailContent.alert)
            case let .team(name): try reader.teamDetail(named: name, now: now, figures: state.data.figures).map(DetailContent.team)
            case .portfolio: DetailContent.portfolio(try figures(reader, state.figureWindow))
            }
        }
    }

    /// One query round, as one consistent moment of the store: with `header`, the figures (inline
    /// on a long history, their parts read at once and the rest with the second group), the
    /// newest event and the team names; and the windows of `panels`.
    /// What is not read is kept from the screen's data.
    private func load(header: Bool, panels: Set<PanelID>) throws -> DashboardData {
        loads += 1
        let windows = state.windows
        let now = state.now
        let queries = Dictionary(uniqueKeysWithValues: PanelID.allCases.map { ($0, state.query($0)) })
        let keys = state.selectedKey
        let hints = state.selection
        let figureWindow = FigureWindow(asOf: now, days: state.windowDays)
        // Everything but the window figures, from one reader.
        let read = { @Sendable [data = state.data] (reader: PortfolioReader) throws -> DashboardData in
            try Self.read(reader, data: data, header: header, panels: panels, now: now, windows: windows, queries: queries, keys: keys, hints: hints)
        }
        // Inline on a long history, the window figures are read in their parts at once, and the
        // rest beside them (`PortfolioStore.figuresAtOnce`): a snapshot of a million runs waited
        // for the panels' first, cold read after the figures. Otherwise in one transaction.
        if header, case .inline = figuresMode, try store.readsFiguresAtOnce() {
            var (figures, data) = try store.figuresAtOnce(figureWindow, alongside: read)
            data.figures = figures
            return data
        }
        return try store.read { reader in
            var data = try read(reader)
            if header { data.figures = try figures(reader, figureWindow) }
            return data
        }
    }

    /// What `load` reads but the window figures, into `data`: with `header`, the newest event and
    /// the team names; and the windows of `panels`.
    private static func read(_ reader: PortfolioReader, data: DashboardData, header: Bool, panels: Set<PanelID>, now: Date,
                             windows: [PanelID: (offset: Int, limit: Int)], queries: [PanelID: PanelQuery],
                             keys: [PanelID: String], hints: [PanelID: Int]) throws -> DashboardData {
        var data = data
        if header {
            data.newestEvent = try reader.newestEventTime()
            data.teamNames = try reader.sortedTeamNames()
        }
        /// A panel's window: its rows from the scroll position, how many pass the filter, and
        /// (filtered) how many there are without it, for "shown/total".
        func window<Row>(_ panel: PanelID, count: (PanelQuery) throws -> Int,
                         rows: (PanelQuery, _ offset: Int, _ limit: Int) throws -> [Row]) throws -> RowWindow<Row> {
            let window = windows[panel] ?? (0, 0), query = queries[panel] ?? PanelQuery()
            let total = try count(query)
            var all = query
            all.filter = ""
            return RowWindow(offset: window.offset, rows: try rows(query, window.offset, window.limit), total: total,
                             unfiltered: query.filter.isEmpty ? total : try count(all))
        }
        for panel in PanelID.allCases where panels.contains(panel) {
            switch panel {
            case .models:
                data.models = try window(.models, count: { try reader.modelCount(now: now, $0) }) {
                    try reader.modelSummaries(now: now, offset: $1, limit: $2, query: $0)
                }
            case .runs:
                // The runs' count comes with their window: a filter's count stops at a cap.
                let runs = try reader.runWindow(offset: windows[.runs]?.offset ?? 0, limit: windows[.runs]?.limit ?? 0,
                                                query: queries[.runs] ?? PanelQuery())
                data.runs = try window(.runs, count: { $0 == queries[.runs] ? runs.total : try reader.runCount($0) }) { _, _, _ in runs.rows }
                data.runs.totalIsLowerBound = runs.totalIsLowerBound
            case .alerts:
                data.alerts = try window(.alerts, count: { try reader.alertCount(now: now, $0) }) {
                    try reader.alertSummaries(now: now, offset: $1, limit: $2, query: $0)
                }
            case .maturity:
                data.maturity = try window(.maturity, count: { try reader.teamCount($0) }) {
                    try reader.teamMaturity(offset: $1, limit: $2, query: $0)
                }
            }
            // A selected item the window did not bring: found near where it was, or from the top.
            data.whereabouts[panel] = nil
            if let key = keys[panel], data.index(of: key, in: panel) == nil {
                data.whereabouts[panel] = try SelectionLocator.locate(
                    key, in: panel, near: hints[panel] ?? 0, total: data.total(panel),
                    exact: panel != .runs || !data.runs.totalIsLowerBound, query: queries[panel] ?? PanelQuery(), now: now, reader: reader)
            }
        }
        return data
    }
}

extension DashboardEngine {
    /// Opens a detail view directly, as Enter on its row would.
    public func open(_ target: DetailTarget) throws {
        try send(.openDetail(target))
    }
}
