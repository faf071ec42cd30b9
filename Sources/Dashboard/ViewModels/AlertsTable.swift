import Foundation
import Portfolio
import PortfolioStore

/// The Drift Alerts panel's columns and rows. Severity and status shorten (`crit`, `acked`)
/// before the model, feature or score-against-threshold is cut; the id shows when there is room
/// (zoomed, or in a detail view), for the CLI's `alert` commands.
enum AlertsTable {
    static let columns: [PanelColumn<DriftAlert>] = [
        PanelColumn(TableColumn("ID", min: 8, max: 12, priority: 1), sort: nil) { alert, _ in
            TableCell(alert.externalID, tone: .dim)
        },
        PanelColumn(TableColumn("SEVERITY", min: 7, max: 11, priority: 10, compact: 7), sort: .alert(.severity)) { alert, _ in
            TableCell(alert.severity.rawValue, tone: alert.severity.tone, symbol: alert.severity.symbol, compact: alert.severity.short)
        },
        PanelColumn(TableColumn("STATUS", min: 7, max: 12, priority: 9, compact: 7), sort: .alert(.status)) { alert, _ in
            TableCell(alert.status.rawValue, tone: alert.status.tone,
                      symbol: alert.status == .snoozed ? .snoozed : alert.status == .resolved ? .resolved : nil,
                      compact: alert.status.short)
        },
        PanelColumn(TableColumn("MODEL", min: 10, max: 30, priority: 8, flexible: true), sort: .alert(.model)) { alert, _ in
            TableCell(alert.model)
        },
        PanelColumn(TableColumn("FEATURE", min: 8, max: 28, priority: 7, flexible: true), sort: .alert(.feature)) { alert, _ in
            TableCell(alert.feature, tone: .dim)
        },
        PanelColumn(TableColumn("TEST", min: 4, max: 11, priority: 2, compact: 5), sort: .alert(.test)) { alert, _ in
            TableCell(alert.method.rawValue, tone: .dim, compact: alert.method == .wasserstein ? "wass" : nil)
        },
        PanelColumn(TableColumn("SCORE", min: 10, max: 13, align: .right, priority: 9), sort: .alert(.score)) { alert, _ in
            // `0.312≥0.25`: the score against its threshold when it drifted (`<` for a p-value).
            guard alert.method.isDrifted(score: alert.score, threshold: alert.threshold) else { return TableCell(Format.score(alert.score)) }
            let comparison = alert.method.isPValue ? "<" : "≥"
            return TableCell("\(Format.score(alert.score))\(comparison)\(Format.threshold(alert.threshold))", tone: alert.severity.tone)
        },
        PanelColumn(TableColumn("AGE", min: 4, max: 5, align: .right, priority: 5), sort: .alert(.opened)) { alert, now in
            TableCell(Format.ago(alert.openedAt, now: now), tone: .dim)
        },
        PanelColumn(TableColumn("ASSIGNEE", min: 6, max: 18, priority: 3, flexible: true), sort: .alert(.assignee)) { alert, _ in
            TableCell(alert.assignee ?? "—", tone: alert.assignee == nil ? .dim : .normal)
        },
    ]

    /// Related DriftAlerts in a detail view, each a link.
    static func linked(_ rows: [DriftAlert], now: Date) -> TableView {
        PanelColumn.linked(columns, rows, now: now) { .alert($0.externalID) }
    }

    static func table(_ window: RowWindow<DriftAlert>, selected: Int, now: Date) -> TableView {
        PanelColumn<DriftAlert>.table(columns, window, selected: selected, now: now, emptyText: "no drift alerts")
    }
}
