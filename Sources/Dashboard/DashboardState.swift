import Foundation
import PortfolioStore

/// The whole state of the dashboard: what is on screen, what is focused and selected, and the
/// data last loaded. Changed only by `DashboardReducer.reduce`.
public struct DashboardState: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public var focus: PanelID = .models
    /// Absolute index of the selected row, per panel.
    public var selection: [PanelID: Int] = [:]
    /// Absolute index of the first visible row, per panel.
    public var scroll: [PanelID: Int] = [:]
    public var data = DashboardData()
    public var detail: DetailState?
    public var now: Date
    /// Which store is shown, in words for the header.
    public var sourceLabel: String
    public var isSample: Bool
    public var refreshInterval: TimeInterval
    /// When the engine last asked the store whether anything changed.
    public var lastPoll: Date?
    public var message: String?
    public var shouldQuit = false
    /// A question being answered at the bottom of the screen (assign, note, snooze, resolve).
    public var prompt: Prompt?
    /// The help overlay is open.
    public var showHelp = false
    /// The store was opened read-only: write keys say so and change nothing.
    public var isReadOnly = false
    /// Filter and sort per panel; they survive refreshes.
    public var queries: [PanelID: PanelQuery] = [:]

    public func query(_ panel: PanelID) -> PanelQuery { queries[panel] ?? PanelQuery() }
    /// One panel over the whole body instead of the grid or tabs (`snapshot --panel`).
    public var soloPanel: PanelID?

    public init(width: Int, height: Int, now: Date, sourceLabel: String, isSample: Bool = false,
                refreshInterval: TimeInterval = 2) {
        self.width = width
        self.height = height
        self.now = now
        self.sourceLabel = sourceLabel
        self.isSample = isSample
        self.refreshInterval = refreshInterval
    }

    public var layout: Layout { Layout(width: width, height: height, focus: focus, solo: soloPanel) }

    public func selected(_ panel: PanelID) -> Int { selection[panel] ?? 0 }

    public func firstVisible(_ panel: PanelID) -> Int { scroll[panel] ?? 0 }

    /// The windows the engine must load: for each panel, its first visible row and how many fit.
    public var windows: [PanelID: (offset: Int, limit: Int)] {
        let layout = layout
        var result: [PanelID: (offset: Int, limit: Int)] = [:]
        for panel in PanelID.allCases {
            result[panel] = (firstVisible(panel), layout.visibleRows(panel))
        }
        return result
    }

    /// The detail the selected row of `panel` opens, if the row is loaded.
    public func selectedTarget(in panel: PanelID) -> DetailTarget? {
        let index = selected(panel)
        switch panel {
        case .models: return data.models[absolute: index].map { .model($0.name) }
        case .runs: return data.runs[absolute: index].map { .run($0.externalID) }
        case .alerts: return data.alerts[absolute: index].map { .alert($0.externalID) }
        case .maturity: return data.maturity[absolute: index].map { .team($0.team) }
        }
    }

    /// Where keys are being pressed: a panel, or a kind of detail view.
    public var keyContext: KeyContext {
        detail.map { .detail($0.target.kind) } ?? .panel(focus)
    }

    /// The alert the lifecycle keys act on: the open alert detail's, else the selected alert row's.
    public var actionableAlert: String? {
        if let detail {
            if case let .alert(id) = detail.target { return id }
            return nil
        }
        return focus == .alerts ? data.alerts[absolute: selected(.alerts)]?.externalID : nil
    }
}
