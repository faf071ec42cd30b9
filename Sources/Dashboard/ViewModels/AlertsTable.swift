import Foundation
import Portfolio
import PortfolioStore

/// The Drift Alerts panel's columns and rows.
enum AlertsTable {
    static let columns: [PanelColumn<DriftAlert>] = [
        PanelColumn(TableColumn("SEVERITY", min: 6, max: 10, priority: 10), sort: .alert(.severity)) { alert, _ in
            TableCell(alert.severity.rawValue, tone: alert.severity.tone, symbol: alert.severity.symbol)
        },
        PanelColumn(TableColumn("STATUS", min: 6, max: 12, priority: 9), sort: .alert(.status)) { alert, _ in
            TableCell(alert.status.rawValue, tone: alert.status.tone,
                      symbol: alert.status == .snoozed ? .snoozed : alert.status == .resolved ? .resolved : nil)
        },
        PanelColumn(TableColumn("MODEL", min: 10, max: 30, priority: 8, flexible: true), sort: .alert(.model)) { alert, _ in
            TableCell(alert.model)
        },
        PanelColumn(TableColumn("FEATURE", min: 8, max: 26, priority: 7, flexible: true), sort: .alert(.feature)) { alert, _ in
            TableCell(alert.feature, tone: .dim)
        },
        PanelColumn(TableColumn("TEST", min: 4, max: 11, priority: 3), sort: .alert(.test)) { alert, _ in
            TableCell(alert.method.rawValue, tone: .dim)
        },
        PanelColumn(TableColumn("SCORE", min: 5, max: 14, align: .right, priority: 6), sort: .alert(.score)) { alert, _ in
            // `0.312≥0.25`: the score against its threshold when it drifted (`<` for a p-value).
            guard alert.method.isDrifted(score: alert.score, threshold: alert.threshold) else { return TableCell(Format.score(alert.score)) }
            let comparison = alert.method.isPValue ? "<" : "≥"
            return TableCell("\(Format.score(alert.score))\(comparison)\(Format.threshold(alert.threshold))", tone: alert.severity.tone)
        },
        PanelColumn(TableColumn("OPENED", min: 4, max: 6, align: .right, priority: 5), sort: .alert(.opened)) { alert, now in
            TableCell(Format.ago(alert.openedAt, now: now), tone: .dim)
        },
        PanelColumn(TableColumn("ASSIGNEE", min: 6, max: 18, priority: 2, flexible: true), sort: .alert(.assignee)) { alert, _ in
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
