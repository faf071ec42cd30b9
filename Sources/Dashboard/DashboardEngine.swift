import Foundation
import PortfolioStore

/// Runs the dashboard against a store: feeds actions through the reducer and carries out the
/// effects it asks for. A poll costs one `PRAGMA data_version` on the watcher's own connection,
/// and the store is queried again only when another connection committed something.
public final class DashboardEngine {
    public private(set) var state: DashboardState
    public let store: PortfolioStore
    private let watcher: ChangeWatcher
    public private(set) var loads = 0

    public init(store: PortfolioStore, state: DashboardState) throws {
        self.store = store
        self.state = state
        self.watcher = try store.makeChangeWatcher()
        _ = try watcher.hasChanged()
        try perform([.reload])
    }

    /// Applies an action and every effect that follows from it.
    public func send(_ action: DashboardAction) throws {
        let effects = DashboardReducer.reduce(&state, action)
        try perform(effects)
    }

    private func perform(_ effects: [DashboardEffect]) throws {
        var queue = effects
        var reloaded = false
        while !queue.isEmpty {
            let effect = queue.removeFirst()
            switch effect {
            case .reload:
                // Several reloads asked for in one step need only one query round.
                guard !reloaded else { continue }
                reloaded = true
                let data = try load()
                queue += DashboardReducer.reduce(&state, .loaded(data))
            case .pollForChanges:
                if try watcher.hasChanged() { queue.append(.reload) }
            case let .loadModelDetail(name):
                let now = state.now
                let detail = try store.read { try $0.modelDetail(named: name, now: now) }
                queue += DashboardReducer.reduce(&state, .detailLoaded(ModelDetailResult(name: name, detail: detail)))
            case .quit:
                break
            }
        }
    }

    /// One query round: the KPIs and each panel's visible window, in one read transaction so the
    /// screen shows one consistent moment.
    private func load() throws -> DashboardData {
        loads += 1
        let windows = state.windows
        let now = state.now
        return try store.read { reader in
            var data = DashboardData()
            data.kpis = try reader.kpis(now: now)
            let m = windows[.models]!, r = windows[.runs]!, a = windows[.alerts]!, t = windows[.maturity]!
            data.models = RowWindow(offset: m.offset, rows: try reader.modelSummaries(now: now, offset: m.offset, limit: m.limit),
                                    total: data.kpis.modelsTotal)
            data.runs = RowWindow(offset: r.offset, rows: try reader.runSummaries(offset: r.offset, limit: r.limit),
                                  total: try reader.runCount())
            data.alerts = RowWindow(offset: a.offset, rows: try reader.alertSummaries(now: now, offset: a.offset, limit: a.limit),
                                    total: try reader.alertCount())
            data.maturity = RowWindow(offset: t.offset, rows: try reader.teamMaturity(offset: t.offset, limit: t.limit),
                                      total: try reader.teamCount())
            data.newestEvent = try reader.newestEventTime()
            return data
        }
    }
}

extension DashboardEngine {
    /// Opens the detail view of a model by name, as Enter on its row would.
    public func openModelDetail(_ name: String) throws {
        try send(.openDetail(name))
    }
}
