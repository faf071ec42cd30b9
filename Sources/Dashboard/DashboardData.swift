import Foundation
import Portfolio
import PortfolioStore

/// A window of a panel's rows: the rows from `offset` on that fit on screen, and how many there are in all.
public struct RowWindow<Row: Sendable & Hashable>: Sendable, Hashable {
    public var offset: Int
    public var rows: [Row]
    /// Rows that pass the filter.
    public var total: Int
    /// Rows without the filter (within the team scope), for "shown/total".
    public var unfiltered: Int
    /// True when counting stopped early (a filter on runs counts up to `PortfolioReader.runMatchCap`
    /// + 1): there are at least `total` rows, shown as "1000+".
    public var totalIsLowerBound = false

    public init(offset: Int = 0, rows: [Row] = [], total: Int = 0, unfiltered: Int? = nil) {
        self.offset = offset
        self.rows = rows
        self.total = total
        self.unfiltered = unfiltered ?? total
    }

    /// The row at an absolute index, if it is in the window.
    public subscript(absolute index: Int) -> Row? {
        let local = index - offset
        return rows.indices.contains(local) ? rows[local] : nil
    }
}

/// Everything the dashboard shows from the store at one moment: the figures and one window per panel.
public struct DashboardData: Sendable, Hashable {
    /// Every figure of the header and the derived maturity: `PortfolioReader.figures`, the same
    /// computation as `oversight status`.
    public var figures: FiguresReport?
    public var models = RowWindow<ModelSummary>()
    public var runs = RowWindow<PipelineRun>()
    public var alerts = RowWindow<DriftAlert>()
    public var maturity = RowWindow<TeamMaturity>()
    /// The newest event in the store: when the data last changed.
    public var newestEvent: Date?
    /// Every team's name, for `:team` completion.
    public var teamNames: [String] = []
    /// Where a panel's selected item went when it was not in the window loaded for the panel.
    public var whereabouts: [PanelID: Whereabouts] = [:]

    public init() {}

    /// Where a selected item went since the last load.
    public enum Whereabouts: Sendable, Hashable {
        /// At this absolute row of the panel's order.
        case at(Int)
        /// Still in the store, but not in the panel as filtered and scoped (resolved out of a
        /// filtered view, say).
        case leftView
        /// No longer in the store.
        case deleted
        /// Not among the first rows searched of a long panel (`SelectionLocator.searchDepth`).
        case beyondSearch
    }

    /// The identity of the row at `index` of `panel`, if that row is loaded: a model's or team's
    /// name, a run's or alert's id — what the selection follows.
    public func key(_ panel: PanelID, at index: Int) -> String? {
        switch panel {
        case .models: models[absolute: index]?.name
        case .runs: runs[absolute: index]?.externalID
        case .alerts: alerts[absolute: index]?.externalID
        case .maturity: maturity[absolute: index]?.team
        }
    }

    /// The absolute row of the item `key` in `panel`'s loaded window, if it is there.
    public func index(of key: String, in panel: PanelID) -> Int? {
        let local: Int? = switch panel {
        case .models: models.rows.firstIndex { $0.name == key }
        case .runs: runs.rows.firstIndex { $0.externalID == key }
        case .alerts: alerts.rows.firstIndex { $0.externalID == key }
        case .maturity: maturity.rows.firstIndex { $0.team == key }
        }
        return local.map { $0 + offset(panel) }
    }

    func offset(_ panel: PanelID) -> Int {
        switch panel {
        case .models: models.offset
        case .runs: runs.offset
        case .alerts: alerts.offset
        case .maturity: maturity.offset
        }
    }

    public func unfiltered(_ panel: PanelID) -> Int {
        switch panel {
        case .models: models.unfiltered
        case .runs: runs.unfiltered
        case .alerts: alerts.unfiltered
        case .maturity: maturity.unfiltered
        }
    }

    public func total(_ panel: PanelID) -> Int {
        switch panel {
        case .models: models.total
        case .runs: runs.total
        case .alerts: alerts.total
        case .maturity: maturity.total
        }
    }

    /// The keys of `panel`'s rows that differ from `before` (the last refresh's data): rows whose
    /// values changed, and rows new to a window that did not move. What `before` did not show
    /// says nothing, so a scroll marks nothing.
    public func changedKeys(_ panel: PanelID, since before: DashboardData) -> Set<String> {
        switch panel {
        case .models: Self.changed(models, before.models, key: \.name)
        case .runs: Self.changed(runs, before.runs, key: \.externalID)
        case .alerts: Self.changed(alerts, before.alerts, key: \.externalID)
        case .maturity: Self.changed(maturity, before.maturity, key: \.team)
        }
    }

    static func changed<Row>(_ now: RowWindow<Row>, _ before: RowWindow<Row>, key: KeyPath<Row, String>) -> Set<String> {
        guard !before.rows.isEmpty else { return [] }
        let old = Dictionary(before.rows.map { ($0[keyPath: key], $0) }) { first, _ in first }
        let sameWindow = now.offset == before.offset
        return Set(now.rows.compactMap { row in
            let id = row[keyPath: key]
            if let previous = old[id] { return previous == row ? nil : id }
            return sameWindow ? id : nil
        })
    }

    /// How many rows pass the filter, as the title and position show it: "1000+" when counting stopped early.
    public func totalText(_ panel: PanelID) -> String {
        panel == .runs && runs.totalIsLowerBound ? "\(PortfolioReader.runMatchCap)+" : "\(total(panel))"
    }
}
