import Foundation
import Portfolio
import PortfolioStore

/// The Models panel's columns and rows. VALUE/YR is the annual business value, COST/YR the
/// annualized cost (docs/METRICS.md); a model that costs more than it earns gets ▼ (ASCII `v`)
/// before its cost — a symbol, the warn tone only repeats it.
enum ModelsTable {
    static let columns: [PanelColumn<ModelSummary>] = [
        PanelColumn(TableColumn("MODEL", min: 12, max: 34, priority: 10, flexible: true), sort: .model(.name)) { model, _ in
            TableCell(model.name)
        },
        PanelColumn(TableColumn("STAGE", min: 5, max: 8, priority: 9, compact: 5), sort: .model(.stage)) { model, _ in
            TableCell(model.stage.short, tone: model.stage.tone, compact: model.stage == .staging ? "stg" : model.stage == .archived ? "arch" : nil)
        },
        PanelColumn(TableColumn("VER", min: 3, max: 8, priority: 3), sort: .model(.version)) { model, _ in
            TableCell(model.version ?? "—", tone: .dim)
        },
        PanelColumn(TableColumn("TEAM", min: 8, max: 28, priority: 4, flexible: true), sort: .model(.team)) { model, _ in
            TableCell(model.team)
        },
        PanelColumn(TableColumn("OWNER", min: 8, max: 20, priority: 2, flexible: true), sort: .model(.owner)) { model, _ in
            TableCell(model.owner, tone: .dim)
        },
        PanelColumn(TableColumn("VALUE/YR", min: 6, max: 9, align: .right, priority: 7), sort: .model(.value)) { model, _ in
            TableCell(Format.money(model.businessValue), tone: model.costsMoreThanItEarns ? .warn : .normal)
        },
        PanelColumn(TableColumn("COST/YR", min: 7, max: 9, align: .right, priority: 6), sort: .model(.cost)) { model, _ in
            model.costsMoreThanItEarns ? TableCell(Format.money(model.annualizedCost), tone: .warn, symbol: .loss)
                : TableCell(Format.money(model.annualizedCost), tone: .dim)
        },
        // Active alerts by severity, most urgent first (`◆1 ▲2`); sorted by critical, then warning, then info.
        PanelColumn(TableColumn("ALERTS", min: 7, max: 10, priority: 8), sort: .model(.alerts)) { model, _ in
            TableCell(counts: Severity.allCases.reversed().map { CountMark($0.symbol, model.activeBySeverity[$0] ?? 0, tone: $0.tone) },
                      empty: "0")
        },
    ]

    /// Related ModelSummarys in a detail view, each a link.
    static func linked(_ rows: [ModelSummary], now: Date) -> TableView {
        PanelColumn.linked(columns, rows, now: now) { .model($0.name) }
    }

    static func table(_ window: RowWindow<ModelSummary>, selected: Int, now: Date) -> TableView {
        PanelColumn<ModelSummary>.table(columns, window, selected: selected, now: now, emptyText: "no models in the store")
    }
}
