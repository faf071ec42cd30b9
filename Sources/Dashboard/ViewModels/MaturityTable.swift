import Foundation
import Portfolio
import PortfolioStore

/// The Maturity panel: one row per team, one level bar per component.
enum MaturityTable {
    static let columns: [TableColumn] =
        [TableColumn("TEAM", min: 10, max: 30, priority: 10, flexible: true)]
        + MaturityComponent.allCases.map { TableColumn($0.shortLabel, min: 7, max: 9, priority: 8) }
        + [TableColumn("AVG", min: 3, max: 4, align: .right, priority: 9)]

    static func table(_ window: RowWindow<TeamMaturity>, selected: Int) -> TableView {
        let rows = window.rows.map { team -> [TableCell] in
            var cells = [TableCell(team.team)]
            for component in MaturityComponent.allCases {
                if let entry = team.entries[component] {
                    cells.append(TableCell(level: entry.level, previous: entry.previousLevel))
                } else {
                    cells.append(TableCell("—", tone: .dim))
                }
            }
            cells.append(TableCell(team.average.map { String(format: "%.1f", $0) } ?? "—", tone: .accent))
            return cells
        }
        return TableView(columns: columns, rows: rows, selectedRow: PanelViewModel.selectedLocal(window, selected),
                         emptyText: "no maturity assessments")
    }
}
