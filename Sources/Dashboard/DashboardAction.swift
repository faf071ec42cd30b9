import Foundation
import Portfolio
import PortfolioStore

/// Everything that can happen to the dashboard.
public enum DashboardAction: Sendable {
    case key(Key)
    /// The clock moved on (the front end sends this at least once a second).
    case tick(Date)
    case resized(width: Int, height: Int)
    /// Fresh data from the store.
    case loaded(DashboardData)
    /// A detail view's content, or nil when its item has gone from the store.
    case detailLoaded(DetailTarget, DetailContent?)
    /// The store could not be read or written; the screen keeps the last data and says why.
    case storeFailed(String)
    /// A lifecycle action was written, refused, or could not be saved.
    case alertActionFinished(PendingAlertAction, AlertActionOutcome)
    /// Something the user should read in the footer (a theme that would not load, …).
    case notice(String)
    /// Open a detail view directly, as Enter on its row would.
    case openDetail(DetailTarget)
    /// A mouse click or wheel turn at a screen cell.
    case mouse(MouseEvent)
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

/// What the reducer asks the engine to do next; the reducer itself never touches the store.
public enum DashboardEffect: Sendable, Hashable {
    /// Load the KPIs and every panel's visible window.
    case reload
    /// Ask the store whether anything changed since the last load (`PRAGMA data_version`), and reload if so.
    case pollForChanges
    /// Recompute the window figures now rather than when they are a minute old (background mode).
    case refreshWindowFigures
    case loadDetail(DetailTarget)
    /// Apply a lifecycle action to an alert in one short transaction.
    case applyAlertAction(PendingAlertAction)
    case quit
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
