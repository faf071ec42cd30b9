import Foundation

/// The dashboard's only state transition: `(state, action) → (state', effects)`. Pure — no store,
/// no terminal, no clock of its own — so every key sequence is testable.
public enum DashboardReducer {
    public static func reduce(_ state: inout DashboardState, _ action: DashboardAction) -> [DashboardEffect] {
        switch action {
        case let .key(key):
            state.message = nil
            return state.detail != nil ? detailKey(&state, key) : dashboardKey(&state, key)
        case let .tick(now):
            state.now = now
            if let last = state.lastPoll, now.timeIntervalSince(last) < state.refreshInterval { return [] }
            state.lastPoll = now
            return [.pollForChanges]
        case let .resized(width, height):
            state.width = max(1, width)
            state.height = max(1, height)
            for panel in PanelID.allCases { clampSelection(&state, panel) }
            return [.reload]
        case let .loaded(data):
            state.data = data
            var effects: [DashboardEffect] = []
            for panel in PanelID.allCases where clampSelection(&state, panel) { effects = [.reload] }
            if let detail = state.detail { effects.append(.loadModelDetail(detail.modelName)) }
            return effects
        case let .storeFailed(reason):
            state.message = "store: \(reason)"
            return []
        case let .openDetail(name):
            state.detail = DetailState(modelName: name)
            return [.loadModelDetail(name)]
        case let .detailLoaded(result):
            guard state.detail?.modelName == result.name else { return [] }
            if let detail = result.detail {
                state.detail?.model = detail
            } else {
                state.detail = nil
                state.message = "model '\(result.name)' is no longer in the store"
            }
            return []
        }
    }

    // MARK: - Keys on the dashboard

    private static func dashboardKey(_ state: inout DashboardState, _ key: Key) -> [DashboardEffect] {
        let panel = state.focus
        let page = state.layout.visibleRows(panel)
        switch key {
        case .character("q"):
            state.shouldQuit = true
            return [.quit]
        case .character("r"):
            return [.reload]
        case .tab:
            return focus(&state, panel.next)
        case .backTab:
            return focus(&state, panel.previous)
        case let .character(c) where ("1"..."4").contains(c):
            return focus(&state, PanelID(rawValue: Int(String(c))!)!)
        case .left, .character("h"):
            return focus(&state, horizontalNeighbour(of: panel, grid: state.layout.isGrid, forward: false))
        case .right, .character("l"):
            return focus(&state, horizontalNeighbour(of: panel, grid: state.layout.isGrid, forward: true))
        case .up, .character("k"):
            return move(&state, by: -1)
        case .down, .character("j"):
            return move(&state, by: 1)
        case .pageUp:
            return move(&state, by: -page)
        case .pageDown:
            return move(&state, by: page)
        case .home, .character("g"):
            return move(&state, to: 0)
        case .end, .character("G"):
            return move(&state, to: state.data.total(panel) - 1)
        case .enter:
            guard let name = state.selectedModelName(in: panel) else {
                if panel == .maturity { state.message = "maturity detail is not available yet" }
                return []
            }
            state.detail = DetailState(modelName: name)
            return [.loadModelDetail(name)]
        default:
            return []
        }
    }

    /// In the grid, left/right cross between the two columns; in tabs, they step through the tabs.
    private static func horizontalNeighbour(of panel: PanelID, grid: Bool, forward: Bool) -> PanelID {
        guard grid else { return forward ? panel.next : panel.previous }
        switch panel {
        case .models: return forward ? .runs : .models
        case .runs: return forward ? .runs : .models
        case .alerts: return forward ? .maturity : .alerts
        case .maturity: return forward ? .maturity : .alerts
        }
    }

    private static func focus(_ state: inout DashboardState, _ panel: PanelID) -> [DashboardEffect] {
        guard panel != state.focus else { return [] }
        let wasGrid = state.layout.isGrid
        state.focus = panel
        // In tabs, the newly shown panel gets the body's size, so its window may differ.
        return wasGrid ? [] : [.reload]
    }

    private static func move(_ state: inout DashboardState, by delta: Int) -> [DashboardEffect] {
        move(&state, to: state.selected(state.focus) + delta)
    }

    private static func move(_ state: inout DashboardState, to index: Int) -> [DashboardEffect] {
        let panel = state.focus
        let before = state.firstVisible(panel)
        state.selection[panel] = index
        clampSelection(&state, panel)
        return state.firstVisible(panel) != before ? [.reload] : []
    }

    /// Keeps the selection within the rows and the scroll so the selection is visible; returns
    /// whether the scroll changed (the window must then be reloaded).
    @discardableResult
    private static func clampSelection(_ state: inout DashboardState, _ panel: PanelID) -> Bool {
        let total = state.data.total(panel)
        let rows = state.layout.visibleRows(panel)
        let selected = min(max(0, state.selected(panel)), max(0, total - 1))
        var first = state.firstVisible(panel)
        if selected < first { first = selected }
        if selected >= first + rows { first = selected - rows + 1 }
        first = max(0, min(first, max(0, total - rows)))
        let changed = first != state.firstVisible(panel)
        state.selection[panel] = selected
        state.scroll[panel] = first
        return changed
    }

    // MARK: - Keys in a detail view

    private static func detailKey(_ state: inout DashboardState, _ key: Key) -> [DashboardEffect] {
        switch key {
        case .escape, .character("h"), .left:
            state.detail = nil
            return []
        case .character("q"):
            state.shouldQuit = true
            return [.quit]
        case .character("r"):
            return [.reload]
        case .up, .character("k"):
            state.detail!.scroll = max(0, state.detail!.scroll - 1)
        case .down, .character("j"):
            state.detail!.scroll += 1
        case .pageUp:
            state.detail!.scroll = max(0, state.detail!.scroll - max(1, state.height - 6))
        case .pageDown:
            state.detail!.scroll += max(1, state.height - 6)
        case .home, .character("g"):
            state.detail!.scroll = 0
        default:
            break
        }
        clampDetailScroll(&state)
        return []
    }

    /// Keeps the detail's scroll within its content, measured by the same view-model Render draws.
    private static func clampDetailScroll(_ state: inout DashboardState) {
        guard let detail = state.detail else { return }
        let view = ModelDetailView(name: detail.modelName, detail: detail.model, now: state.now)
        let visible = max(1, state.layout.body.height - 2)
        state.detail!.scroll = min(detail.scroll, max(0, view.contentHeight - visible))
    }
}
