import Foundation
import Portfolio
import PortfolioStore

/// The Maturity panel: one row per team and, per component, the self-assessed level beside the
/// level derived from evidence (docs/MATURITY.md) and the gap — `3/2 -1` reads "assessed 3,
/// derived 2, evidence one level below the claim". Without derived levels (a model's detail), the
/// assessed level as a bar with its trend.
enum MaturityTable {
    /// The columns with the derived levels of `derived`, or the assessed levels alone without it.
    static func columns(derived: FiguresReport?) -> [PanelColumn<TeamMaturity>] {
        guard let derived else { return assessedColumns }
        return [PanelColumn(TableColumn("TEAM a/d", min: 10, max: 30, priority: 10, flexible: true), sort: .team(.name)) { team, _ in
                TableCell(team.team)
            }]
            + MaturityComponent.allCases.map { component in
                PanelColumn(TableColumn(component.shortLabel, min: 6, max: 8, priority: 8), sort: nil) { team, _ in
                    let assessed = team.entries[component]?.level
                    // The shown teams' figures only (grouping all of them was a third of a frame's
                    // render with 250 teams).
                    guard let figure = derived.maturity(team: team.team).first(where: { $0.component == component }) else {
                        return TableCell(assessed.map { "\($0)/—" } ?? "—", tone: .dim)
                    }
                    return cell(assessed: assessed, derived: figure.derivedLevel)
                }
            }
            + [PanelColumn(TableColumn("AVG", min: 7, max: 7, align: .right, priority: 9), sort: nil) { team, _ in
                let figures = derived.maturity(team: team.team)
                let derivedAverage = figures.isEmpty ? nil : Double(figures.map(\.derivedLevel).reduce(0, +)) / Double(figures.count)
                return TableCell([team.average, derivedAverage].map { $0.map { Format.fixed($0, 1) } ?? "—" }.joined(separator: "/"),
                                 tone: .accent)
            }]
    }

    static let assessedColumns: [PanelColumn<TeamMaturity>] =
        [PanelColumn(TableColumn("TEAM", min: 10, max: 30, priority: 10, flexible: true), sort: .team(.name)) { team, _ in
            TableCell(team.team)
        }]
        + MaturityComponent.allCases.map { component in
            PanelColumn(TableColumn(component.shortLabel, min: 7, max: 9, priority: 8), sort: nil) { team, _ in
                team.entries[component].map { TableCell(level: $0.level, previous: $0.previousLevel) } ?? TableCell("—", tone: .dim)
            }
        }
        + [PanelColumn(TableColumn("AVG", min: 3, max: 4, align: .right, priority: 9), sort: nil) { team, _ in
            TableCell(team.average.map { Format.fixed($0, 1) } ?? "—", tone: .accent)
        }]

    static func table(_ window: RowWindow<TeamMaturity>, selected: Int, derived: FiguresReport? = nil, now: Date) -> TableView {
        PanelColumn<TeamMaturity>.table(columns(derived: derived), window, selected: selected, now: now,
                          emptyText: derived == nil ? "no maturity assessments" : "no teams")
    }

    /// `3/2 -1`: assessed/derived and the gap (derived − assessed) when there is one. The sign
    /// carries the meaning; the tone (warn when the claim exceeds the evidence) only repeats it.
    static func cell(assessed: Int?, derived: Int) -> TableCell {
        guard let assessed else { return TableCell("—/\(derived)", tone: .dim) }
        let gap = derived - assessed
        let text = gap == 0 ? "\(assessed)/\(derived)" : "\(assessed)/\(derived) \(gap > 0 ? "+" : "")\(gap)"
        return TableCell(text, tone: gap < 0 ? .warn : gap > 0 ? .ok : .normal)
    }
}
