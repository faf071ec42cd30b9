import Foundation
import Portfolio
import PortfolioStore

/// Everything that can happen to the dashboard.
public enum DashboardAction: Sendable {
    case key(Key)
    /// The clock moved on (the front end sends this at least once a second).
    case tick(Date)
    case resized(width: Int, height: Int)
    /// Fresh data from the store: `scope` says what was read again; the rest is as it was.
    case loaded(DashboardData, LoadScope)
    /// The background worker finished the window figures (DORA, cost, derived maturity).
    case windowFiguresComputed(FiguresReport)
    /// A detail view's content, or nil when its item has gone from the store.
    case detailLoaded(DetailTarget, DetailContent?)
    /// The store could not be read or written; the screen keeps the last data and says why.
    case storeFailed(String)
    /// A poll found the store unchanged: the screen's data is as fresh as the store.
    case polled
    /// A lifecycle action was written, refused, or could not be saved.
    case alertActionFinished(PendingAlertAction, AlertActionOutcome)
    /// Something the user should read in the footer (a theme that would not load, …).
    case notice(String)
    /// Open a detail view directly, as Enter on its row would.
    case openDetail(DetailTarget)
    /// A mouse click or wheel turn at a screen cell.
    case mouse(MouseEvent)
    /// The store's keys that complete the command line `line` (`:model card` → the model names
    /// starting with `card`), read by the engine for Tab.
    case keysCompleted(line: String, candidates: [String])
    /// The people whose names start with `prefix`, for Tab in the assign prompt.
    case peopleCompleted(prefix: String, candidates: [String])
}

/// A mouse event the terminal reported (only with `--mouse`).
public struct MouseEvent: Sendable, Hashable {
    public enum Kind: Sendable, Hashable { case click, wheelUp, wheelDown }

    public var kind: Kind
    public var x: Int
    public var y: Int

    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// What the reducer asks the engine to do next; the reducer itself never touches the store. The
/// engine carries the effects out in the order given; the effects that follow from one (a load's
/// `.loaded`, a write's outcome) are carried out after those already asked for. Only loads are
/// merged: two asked for in one step are one query round reading the union of their scopes, and
/// one more round follows only while a load moves what the next must read (a panel shrunk below
/// its scroll, a selected item found elsewhere).
public enum DashboardEffect: Sendable, Hashable {
    /// Read from the store what `LoadScope` says.
    case reload(LoadScope)
    /// Ask the store whether anything changed since the last load (`PRAGMA data_version`), and reload everything if so.
    case pollForChanges
    /// Recompute the window figures now rather than when they are a minute old (background mode).
    case refreshWindowFigures
    case loadDetail(DetailTarget)
    /// Read the keys that complete the command line `line` (`ColonCommand.storeCompletion`).
    case completeKeys(line: String)
    /// Read the people whose names start with `prefix` (owners, assignees, actors).
    case completePeople(prefix: String)
    /// Write `panel`'s rows, as filtered, sorted and scoped, to the file at `path`.
    case exportPanel(PanelID, path: String, replace: Bool)
    /// Apply a lifecycle action to an alert in one short transaction.
    case applyAlertAction(PendingAlertAction)
    /// End the session: let the writes in flight finish (or give up at their deadline) and stop
    /// the background computation, so the store can be closed at once.
    case quit
}

extension DashboardEffect {
    /// What the effect loads, if it is a load.
    public var loadScope: LoadScope? {
        if case let .reload(scope) = self { scope } else { nil }
    }
}

/// What a load reads again.
public enum LoadScope: Sendable, Hashable {
    /// Everything on screen — the figures, every panel's window, the team names — because the
    /// store changed (another program's commit, this one's write) or the user asked (`r`).
    case everything
    /// Only these panels' windows, because their size, scroll, sort, filter or selection moved;
    /// the store did not change, so the header and the other panels stand.
    case panels(Set<PanelID>)

    public static func panel(_ panel: PanelID) -> LoadScope { .panels([panel]) }
    public static let allPanels = LoadScope.panels(Set(PanelID.allCases))

    /// The panels whose windows are read.
    public var panels: Set<PanelID> {
        switch self {
        case .everything: Set(PanelID.allCases)
        case let .panels(panels): panels
        }
    }

    /// One load that reads what both would.
    public func union(_ other: LoadScope) -> LoadScope {
        switch (self, other) {
        case (.everything, _), (_, .everything): .everything
        case let (.panels(a), .panels(b)): .panels(a.union(b))
        }
    }
}

/// A lifecycle action on one alert, as the user asked for it (a note keeps its typed text), so
/// that one the store could not take can be tried again.
public struct PendingAlertAction: Sendable, Hashable {
    public var alert: String
    public var action: AlertAction

    public init(alert: String, action: AlertAction) {
        self.alert = alert
        self.action = action
    }

    /// `note on alert-0071`, `acknowledge alert-0071`.
    public var summary: String {
        switch action {
        case .acknowledge: "acknowledge \(alert)"
        case .assign: "assign \(alert)"
        case .note: "note on \(alert)"
        case .snooze: "snooze \(alert)"
        case .resolve: "resolve \(alert)"
        case .reopen: "reopen \(alert)"
        }
    }
}

/// What became of a lifecycle action.
public enum AlertActionOutcome: Sendable, Hashable {
    /// Written: the message says what was done.
    case saved(String)
    /// Refused by the lifecycle or the store (no such alert, a transition not allowed): nothing
    /// to retry.
    case refused(String)
    /// Not written because the store could not take it in time (another writer held the lock):
    /// kept, to be retried with one key.
    case notSaved(reason: String)
}
