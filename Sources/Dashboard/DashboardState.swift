import Foundation
import Portfolio
import PortfolioStore

/// Text for the terminal's clipboard, numbered so that each `y` is sent once.
public struct ClipboardCopy: Sendable, Hashable {
    public var serial: Int
    public var text: String
}

/// A footer message as it was said, with when.
public struct LoggedMessage: Sendable, Hashable {
    public var at: Date
    public var text: String
}

/// What `:team`, `:stage` and `:severity` narrowed the dashboard to.
public struct Scope: Sendable, Hashable {
    public var team: String?
    public var stage: Stage?
    public var severity: Severity?

    public init(team: String? = nil, stage: Stage? = nil, severity: Severity? = nil) {
        self.team = team
        self.stage = stage
        self.severity = severity
    }

    public var isEmpty: Bool { team == nil && stage == nil && severity == nil }

    /// `team Clinical AI · stage production`
    public var summary: String {
        [team.map { "team \($0)" }, stage.map { "stage \($0.rawValue)" }, severity.map { "severity \($0.rawValue)" }]
            .compactMap { $0 }.joined(separator: " · ")
    }
}

/// The whole state of the dashboard: what is on screen, what is focused and selected, and the
/// data last loaded. Changed only by `DashboardReducer.reduce`.
public struct DashboardState: Sendable, Hashable {
    public var width: Int
    public var height: Int
    public var focus: PanelID = .models
    /// Absolute index of the selected row, per panel: where `selectedKey` is in the order shown.
    public var selection: [PanelID: Int] = [:]
    /// The selected item of each panel, by identity (a model's or team's name, a run's or alert's
    /// id): the selection follows it across reloads, sorts, filters and other programs' writes.
    public var selectedKey: [PanelID: String] = [:]
    /// The query each panel's data was loaded with: rows loaded for another filter or sort say
    /// nothing about what is selected now (keys typed ahead move before their load).
    public var loadedQueries: [PanelID: PanelQuery] = [:]
    /// Absolute index of the first visible row, per panel.
    public var scroll: [PanelID: Int] = [:]
    public var data = DashboardData()
    public var detail: DetailState?
    /// The detail views followed to the open one (Enter on a link), first first: Esc goes back
    /// along it one step at a time, and the title shows it as a breadcrumb. At most `trailLimit`.
    public var trail: [DetailState] = []
    public static let trailLimit = 20

    /// The panel the screen is about, for the tab bar: a detail's where its path began (the
    /// breadcrumb's first word; `:alert ID` from the Models panel is under Drift Alerts), else the
    /// focused one.
    public var shownPanel: PanelID {
        (trail.first ?? detail)?.target.kind.panel ?? focus
    }

    public var now: Date
    /// Which store is shown, in words for the header.
    public var sourceLabel: String
    public var isSample: Bool
    public var refreshInterval: TimeInterval
    /// When the engine last asked the store whether anything changed.
    public var lastPoll: Date?
    /// The footer's message; each one is kept in `messages` too.
    public var message: String? {
        didSet {
            guard let message, message != oldValue else { return }
            messages.append(LoggedMessage(at: now, text: message))
            if messages.count > Self.messageLimit { messages.removeFirst(messages.count - Self.messageLimit) }
        }
    }
    /// The recent messages, oldest first, whole (`:messages`): a footer cuts a long one.
    public var messages: [LoggedMessage] = []
    public static let messageLimit = 50
    /// The `:messages` overlay is open.
    public var showMessages = false
    /// When the screen's data last came from the store (a load of everything, or a poll that
    /// found nothing new).
    public var lastRefresh: Date?
    /// When the last refresh failed, and why; nil once one succeeds.
    public var refreshFailure: LoggedMessage?
    /// Refreshing is paused (`p`): since when, and the time the frozen data is from.
    public var pausedDataTime: Date?
    public var isPaused: Bool { pausedDataTime != nil }
    /// `r` was pressed: the next load of everything says it is done.
    var refreshAsked = false
    /// The days the window figures and the detail views' charts cover (`w`: 7, 30, 90).
    public var windowDays = FigureWindow.defaultDays
    public static let windowChoices = [7, 30, 90]
    /// The window the figures and charts are over, ending now.
    public var figureWindow: FigureWindow { FigureWindow(asOf: now, days: windowDays) }
    /// Whether `y` may set the terminal's clipboard (OSC 52; the `clipboard` setting).
    public var clipboardEnabled = true
    /// The last text `y` asked the front end to put on the clipboard; `serial` tells a new copy of
    /// the same text from the one already sent.
    public var clipboard: ClipboardCopy?
    /// The rows each panel shows that changed at the last refresh, by key: marked until the next.
    public var changedKeys: [PanelID: Set<String>] = [:]
    public var shouldQuit = false
    /// A question being answered at the bottom of the screen (assign, note, snooze, resolve).
    public var prompt: Prompt?
    /// The help overlay is open.
    public var showHelp = false
    /// The store was opened read-only: write keys say so and change nothing.
    public var isReadOnly = false
    /// The store was opened as a snapshot (it may not be opened live by this user): no live
    /// updates until a writer puts its -wal and -shm beside it.
    public var isSnapshot = false
    /// Since when a team store has not answered (the dashboard shows the last data it read).
    public var unreachableSince: Date?
    /// Alert actions being written in the background, oldest first.
    public var saving: [PendingAlertAction] = []
    /// Alert actions the store could not take in time, kept (with their typed text) for `R`.
    public var unsaved: [PendingAlertAction] = []
    /// Filter and sort per panel; they survive refreshes.
    public var queries: [PanelID: PanelQuery] = [:]

    /// The zone times are shown in (the `timezone` setting): UTC unless the user chose another.
    public var timeZone = TimeZone(identifier: "UTC") ?? .current

    /// The theme asked for (`--theme`, `:theme`); the front end loads it.
    public var themeName = "dark"
    /// The bundled themes, for `:theme` completion.
    public var themeNames: [String] = []
    /// `:team`, `:stage` and `:severity` scope the whole dashboard.
    public var scope = Scope()

    /// The panel's filter and sort, within the dashboard's scope.
    public func query(_ panel: PanelID) -> PanelQuery {
        var query = queries[panel] ?? PanelQuery()
        query.team = scope.team
        query.stage = scope.stage?.rawValue
        query.severity = scope.severity?.rawValue
        return query
    }
    /// One panel over the whole body instead of the grid or tabs (`f`, `snapshot --panel`); it follows the focus.
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

    /// The state of the alert the lifecycle keys act on, as last loaded: its status now, and the
    /// one stored (a snooze that has run out is open, and can still be reopened).
    public var actionableAlertState: (status: AlertStatus, stored: AlertStatus)? {
        if let detail {
            guard case let .alert(content)? = detail.content else { return nil }
            let alert = content.alert
            return (AlertLifecycle.effectiveStatus(alert.status, snoozedUntil: alert.snoozedUntil, now: now), alert.status)
        }
        guard focus == .alerts, let row = data.alerts[absolute: selected(.alerts)] else { return nil }
        return (row.status, row.status == .open && row.snoozedUntil != nil ? .snoozed : row.status)
    }

    /// Why a key for `command` does nothing here — read-only, or an action the selected alert's
    /// state does not allow — in words for the footer; nil when it works. Help and the footer
    /// list only the keys that work.
    public func refusal(_ command: Command) -> String? {
        guard command.writes else { return nil }
        if isReadOnly { return "read-only: this store is open read-only (--read-only, or not writable by you); nothing was changed" }
        if command == .retry { return unsaved.isEmpty ? "nothing to retry: every alert action was saved" : nil }
        guard let kind = command.alertActionKind, let alert = actionableAlert, let state = actionableAlertState else { return nil }
        return AlertLifecycle.refusal(kind, alert: alert, status: state.status, stored: state.stored)
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
