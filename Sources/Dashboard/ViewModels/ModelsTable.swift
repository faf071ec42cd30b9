import Foundation
import PortfolioStore

/// The Models panel's columns and rows. VALUE/YR is the annual business value, COST/YR the
/// annualized cost (docs/METRICS.md); a model that costs more than it earns gets ▼ (ASCII `v`)
/// before its cost — a symbol, the warn tone only repeats it.
enum ModelsTable {
    static let columns = [
        TableColumn("MODEL", min: 12, max: 34, priority: 10, flexible: true),
        TableColumn("STAGE", min: 6, max: 8, priority: 9),
        TableColumn("VER", min: 3, max: 8, priority: 3),
        TableColumn("TEAM", min: 8, max: 28, priority: 4, flexible: true),
        TableColumn("OWNER", min: 8, max: 20, priority: 2, flexible: true),
        TableColumn("VALUE/YR", min: 6, max: 9, align: .right, priority: 7),
        TableColumn("COST/YR", min: 7, max: 9, align: .right, priority: 6),
        TableColumn("ALERTS", min: 8, max: 9, priority: 8),
    ]

    static func table(_ window: RowWindow<ModelSummary>, selected: Int) -> TableView {
        let rows = window.rows.map { model -> [TableCell] in
            let alerts: TableCell
            if let worst = model.worstActiveSeverity {
                alerts = TableCell("\(model.activeAlerts) \(worst.short)", tone: worst.tone, symbol: worst.symbol)
            } else {
                alerts = TableCell("0", tone: .dim)
            }
            let costly = model.costsMoreThanItEarns
            return [
                TableCell(model.name),
                TableCell(model.stage.short, tone: model.stage.tone),
                TableCell(model.version ?? "—", tone: .dim),
                TableCell(model.team),
                TableCell(model.owner, tone: .dim),
                TableCell(Format.money(model.businessValue), tone: costly ? .warn : .normal),
                costly ? TableCell(Format.money(model.annualizedCost), tone: .warn, symbol: .loss)
                    : TableCell(Format.money(model.annualizedCost), tone: .dim),
                alerts,
            ]
        }
        return TableView(columns: columns, rows: rows, selectedRow: PanelViewModel.selectedLocal(window, selected),
                         emptyText: "no models in the store")
    }
}
