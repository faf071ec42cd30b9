import Foundation
import Portfolio
import PortfolioStore

/// The Maturity panel: one row per team and, per component, the self-assessed level beside the
/// level derived from evidence (docs/MATURITY.md) and the gap — `3/2 -1` reads "assessed 3,
/// derived 2, evidence one level below the claim". Without derived levels (a model's detail), the
/// assessed level as a bar with its trend.
enum MaturityTable {
    static let columns: [TableColumn] =
        [TableColumn("TEAM", min: 10, max: 30, priority: 10, flexible: true)]
        + MaturityComponent.allCases.map { TableColumn($0.shortLabel, min: 7, max: 9, priority: 8) }
        + [TableColumn("AVG", min: 3, max: 4, align: .right, priority: 9)]

    static let derivedColumns: [TableColumn] =
        [TableColumn("TEAM a/d", min: 10, max: 30, priority: 10, flexible: true)]
        + MaturityComponent.allCases.map { TableColumn($0.shortLabel, min: 6, max: 8, priority: 8) }
        + [TableColumn("AVG", min: 7, max: 7, align: .right, priority: 9)]

    static func table(_ window: RowWindow<TeamMaturity>, selected: Int, derived: FiguresReport? = nil) -> TableView {
        guard let derived else { return assessedTable(window, selected: selected) }
        let rows = window.rows.map { team -> [TableCell] in
            var cells = [TableCell(team.team)]
            // The shown teams' figures only (grouping all of them was a third of a frame's render
            // with 250 teams).
            let figures = derived.maturity(team: team.team)
            for component in MaturityComponent.allCases {
                let assessed = team.entries[component]?.level
                guard let figure = figures.first(where: { $0.component == component }) else {
                    cells.append(TableCell(assessed.map { "\($0)/—" } ?? "—", tone: .dim))
                    continue
                }
                cells.append(cell(assessed: assessed, derived: figure.derivedLevel))
            }
            let derivedAverage = figures.isEmpty ? nil
                : Double(figures.map(\.derivedLevel).reduce(0, +)) / Double(figures.count)
            let average = [team.average, derivedAverage].map { $0.map { Format.fixed($0, 1) } ?? "—" }.joined(separator: "/")
            cells.append(TableCell(average, tone: .accent))
            return cells
        }
        return TableView(columns: derivedColumns, rows: rows, selectedRow: PanelViewModel.selectedLocal(window, selected),
                         emptyText: "no teams")
    }

    /// `3/2 -1`: assessed/derived and the gap (derived − assessed) when there is one. The sign
    /// carries the meaning; the tone (warn when the claim exceeds the evidence) only repeats it.
    static func cell(assessed: Int?, derived: Int) -> TableCell {
        guard let assessed else { return TableCell("—/\(derived)", tone: .dim) }
        let gap = derived - assessed
        let text = gap == 0 ? "\(assessed)/\(derived)" : "\(assessed)/\(derived) \(gap > 0 ? "+" : "")\(gap)"
        return TableCell(text, tone: gap < 0 ? .warn : gap > 0 ? .ok : .normal)
    }

    static func assessedTable(_ window: RowWindow<TeamMaturity>, selected: Int) -> TableView {
        let rows = window.rows.map { team -> [TableCell] in
            var cells = [TableCell(team.team)]
            for component in MaturityComponent.allCases {
                if let entry = team.entries[component] {
                    cells.append(TableCell(level: entry.level, previous: entry.previousLevel))
                } else {
                    cells.append(TableCell("—", tone: .dim))
                }
            }
            cells.append(TableCell(team.average.map { Format.fixed($0, 1) } ?? "—", tone: .accent))
            return cells
        }
        return TableView(columns: columns, rows: rows, selectedRow: PanelViewModel.selectedLocal(window, selected),
                         emptyText: "no maturity assessments")
    }
}
