import Foundation
import PortfolioStore

/// One column of a panel, declared once: its header, widths and importance when space is short
/// (`layout`), the store's order it sorts by (nil: `s` passes it by), and how a row shows in it.
/// The table, the sort keys `s` steps through and the sorted column's mark all come from the
/// panel's list of these; the store's side of a sort is its `SortKey` case.
struct PanelColumn<Row: Sendable & Hashable>: Sendable {
    var layout: TableColumn
    var sort: SortKey?
    var cell: @Sendable (Row, Date) -> TableCell

    init(_ layout: TableColumn, sort: SortKey?, cell: @escaping @Sendable (Row, Date) -> TableCell) {
        self.layout = layout
        self.sort = sort
        self.cell = cell
    }

    /// The table of a window of rows, each row through every column's cell.
    static func table(_ columns: [PanelColumn], _ window: RowWindow<Row>, selected: Int, now: Date, emptyText: String) -> TableView {
        TableView(columns: columns.map(\.layout), rows: window.rows.map { row in columns.map { $0.cell(row, now) } },
                  selectedRow: PanelViewModel.selectedLocal(window, selected), emptyText: emptyText)
    }

    /// A detail view's table of related items: every row, each a link to its own detail.
    static func linked(_ columns: [PanelColumn], _ rows: [Row], now: Date, target: (Row) -> DetailTarget) -> TableView {
        var table = table(columns, RowWindow(rows: rows, total: rows.count), selected: -1, now: now, emptyText: "none")
        table.rowTargets = rows.map(target)
        return table
    }
}
