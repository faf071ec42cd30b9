import Foundation
import PortfolioStore

/// Everything that can happen to the dashboard.
public enum DashboardAction: Sendable {
    case key(Key)
    /// The clock moved on (the front end sends this at least once a second).
    case tick(Date)
    case resized(width: Int, height: Int)
    /// Fresh data from the store.
    case loaded(DashboardData)
    case detailLoaded(ModelDetailResult)
    /// The store could not be read; the screen keeps the last data and says why.
    case storeFailed(String)
    /// Open a model's detail view directly (by name), as Enter on its row would.
    case openDetail(String)
}

/// A model detail load's result: the detail, or nil when the model has gone from the store.
public struct ModelDetailResult: Sendable {
    public var name: String
    public var detail: ModelDetail?

    public init(name: String, detail: ModelDetail?) {
        self.name = name
        self.detail = detail
    }
}

/// What the reducer asks the engine to do next; the reducer itself never touches the store.
public enum DashboardEffect: Sendable, Hashable {
    /// Load the KPIs and every panel's visible window.
    case reload
    /// Ask the store whether anything changed since the last load (`PRAGMA data_version`), and reload if so.
    case pollForChanges
    case loadModelDetail(String)
    case quit
}
