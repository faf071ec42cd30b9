import Foundation
import PortfolioStore

/// The Drift Alerts panel's columns and rows.
enum AlertsTable {
    static let columns = [
        TableColumn("SEVERITY", min: 6, max: 10, priority: 10),
        TableColumn("STATUS", min: 6, max: 12, priority: 9),
        TableColumn("MODEL", min: 10, max: 30, priority: 8, flexible: true),
        TableColumn("FEATURE", min: 8, max: 26, priority: 7, flexible: true),
        TableColumn("TEST", min: 4, max: 11, priority: 3),
        TableColumn("SCORE", min: 5, max: 14, align: .right, priority: 6),
        TableColumn("OPENED", min: 4, max: 6, align: .right, priority: 5),
        TableColumn("ASSIGNEE", min: 6, max: 18, priority: 2, flexible: true),
    ]

    static func table(_ window: RowWindow<AlertSummary>, selected: Int, now: Date) -> TableView {
        let rows = window.rows.map { alert -> [TableCell] in
            let comparison = alert.method.isPValue ? "<" : "≥"
            let drifted = alert.method.isDrifted(score: alert.score, threshold: alert.threshold)
            return [
                TableCell(alert.severity.rawValue, tone: alert.severity.tone, symbol: alert.severity.symbol),
                TableCell(alert.status.rawValue, tone: alert.status.tone,
                          symbol: alert.status == .snoozed ? .snoozed : alert.status == .resolved ? .resolved : nil),
                TableCell(alert.model),
                TableCell(alert.feature, tone: .dim),
                TableCell(alert.method.rawValue, tone: .dim),
                TableCell(drifted ? "\(Format.score(alert.score))\(comparison)\(Format.threshold(alert.threshold))" : Format.score(alert.score),
                          tone: drifted ? alert.severity.tone : .normal),
                TableCell(Format.ago(alert.openedAt, now: now), tone: .dim),
                TableCell(alert.assignee ?? "—", tone: alert.assignee == nil ? .dim : .normal),
            ]
        }
        return TableView(columns: columns, rows: rows, selectedRow: PanelViewModel.selectedLocal(window, selected),
                         emptyText: "no drift alerts")
    }
}
