import Foundation
import PortfolioStore

/// A window of a panel's rows: the rows from `offset` on that fit on screen, and how many there are in all.
public struct RowWindow<Row: Sendable & Hashable>: Sendable, Hashable {
    public var offset: Int
    public var rows: [Row]
    public var total: Int

    public init(offset: Int = 0, rows: [Row] = [], total: Int = 0) {
        self.offset = offset
        self.rows = rows
        self.total = total
    }

    /// The row at an absolute index, if it is in the window.
    public subscript(absolute index: Int) -> Row? {
        let local = index - offset
        return rows.indices.contains(local) ? rows[local] : nil
    }
}

/// Everything the dashboard shows from the store at one moment: the KPIs and one window per panel.
public struct DashboardData: Sendable, Hashable {
    public var kpis = PortfolioKPIs()
    public var models = RowWindow<ModelSummary>()
    public var runs = RowWindow<RunSummary>()
    public var alerts = RowWindow<AlertSummary>()
    public var maturity = RowWindow<TeamMaturity>()
    /// The newest event in the store: when the data last changed.
    public var newestEvent: Date?

    public init() {}

    public func total(_ panel: PanelID) -> Int {
        switch panel {
        case .models: models.total
        case .runs: runs.total
        case .alerts: alerts.total
        case .maturity: maturity.total
        }
    }
}
