import Foundation
import PortfolioStore

/// Builds the `PanelView` of each panel from the state: the visible window as table rows.
public enum PanelViewModel {
    public static func view(_ panel: PanelID, state: DashboardState) -> PanelView {
        let selected = state.selected(panel)
        var table = table(panel, state.data, selected: selected, now: state.now)
        let query = state.query(panel)
        if state.data.total(panel) == 0, state.data.unfiltered(panel) > 0 || !query.filter.isEmpty {
            // Rows exist, the filter hides them all: say so, never "no models in the store".
            let hidden = state.data.unfiltered(panel)
            table.emptyText = "no rows match '\(query.filter)' (\(hidden) hidden by the filter)"
        } else if state.data.total(panel) == 0, !state.scope.isEmpty {
            table.emptyText = "none in \(state.scope.summary)"
        }
        table.fixedPlan = true
        if let changed = state.changedKeys[panel], !changed.isEmpty {
            let first = state.data.offset(panel)
            table.changedRows = Set(table.rows.indices.filter { state.data.key(panel, at: first + $0).map(changed.contains) ?? false })
        }
        table.sortedColumn = query.sort.flatMap { columnSorts(panel, derived: state.data.figures).firstIndex(of: $0) }
        table.sortDescending = query.descending
        let total = state.data.total(panel)
        let totalText = state.data.totalText(panel)
        let position = total == 0 ? "0" : "\(min(selected + 1, total))/\(totalText)"
        let filter = query.filter.isEmpty ? nil : (text: query.filter, counts: "\(totalText)/\(state.data.unfiltered(panel))")
        return PanelView(id: panel, title: panel.title, position: position, isFocused: state.focus == panel, table: table,
                         filter: filter)
    }

    /// `panel`'s table of the rows `data` holds for it, every column.
    static func table(_ panel: PanelID, _ data: DashboardData, selected: Int, now: Date) -> TableView {
        switch panel {
        case .models: ModelsTable.table(data.models, selected: selected, now: now)
        case .runs: RunsTable.table(data.runs, selected: selected, now: now)
        case .alerts: AlertsTable.table(data.alerts, selected: selected, now: now)
        case .maturity: MaturityTable.table(data.maturity, selected: selected, derived: data.figures, now: now)
        }
    }

    /// The orders `s` steps through on `panel`: its sortable columns, left to right.
    public static func sorts(_ panel: PanelID) -> [SortKey] {
        columnSorts(panel, derived: nil).compactMap { $0 }
    }

    /// The orders `s` steps through on `panel` as the state draws it: the sortable columns shown
    /// at its width (the sorted one always is), left to right — never a column the user cannot see.
    public static func shownSorts(_ panel: PanelID, state: DashboardState) -> [SortKey] {
        let sorts = columnSorts(panel, derived: state.data.figures)
        let width = max(0, (state.layout.panels[panel]?.width ?? 0) - 2)
        let shown = ColumnPlan.shown(columnLayouts(panel, derived: state.data.figures), available: width,
                                     keep: state.query(panel).sort.flatMap { sorts.firstIndex(of: $0) })
        return sorts.indices.compactMap { shown.contains($0) ? sorts[$0] : nil }
    }

    /// Each column's sort (nil where it has none), in the order the panel draws its columns.
    public static func columnSorts(_ panel: PanelID, derived: FiguresReport?) -> [SortKey?] {
        columns(panel, derived: derived).map(\.sort)
    }

    /// Each column's header and widths, in the order the panel draws its columns.
    static func columnLayouts(_ panel: PanelID, derived: FiguresReport?) -> [TableColumn] {
        columns(panel, derived: derived).map(\.layout)
    }

    /// The panel's column declarations, as its sort and layout need them.
    private static func columns(_ panel: PanelID, derived: FiguresReport?) -> [(layout: TableColumn, sort: SortKey?)] {
        switch panel {
        case .models: ModelsTable.columns.map { ($0.layout, $0.sort) }
        case .runs: RunsTable.columns.map { ($0.layout, $0.sort) }
        case .alerts: AlertsTable.columns.map { ($0.layout, $0.sort) }
        case .maturity: MaturityTable.columns(derived: derived).map { ($0.layout, $0.sort) }
        }
    }

    static func selectedLocal<Row>(_ window: RowWindow<Row>, _ selected: Int) -> Int? {
        let local = selected - window.offset
        return window.rows.indices.contains(local) ? local : nil
    }
}
