import Foundation
import PortfolioStore

/// The Pipeline Runs panel's columns and rows.
enum RunsTable {
    static let columns = [
        TableColumn("STATUS", min: 11, max: 11, priority: 10),
        TableColumn("PIPELINE", min: 10, max: 34, priority: 9, flexible: true),
        TableColumn("MODEL", min: 10, max: 30, priority: 6, flexible: true),
        TableColumn("KIND", min: 5, max: 10, priority: 5),
        TableColumn("TRIGGER", min: 6, max: 8, priority: 2),
        TableColumn("STARTED", min: 4, max: 7, align: .right, priority: 8),
        TableColumn("DURATION", min: 6, max: 8, align: .right, priority: 7),
        TableColumn("ERROR", min: 8, max: 60, priority: 1, flexible: true),
    ]

    static func table(_ window: RowWindow<RunSummary>, selected: Int, now: Date) -> TableView {
        let rows = window.rows.map { run -> [TableCell] in
            let kind = run.kind == .dataValidation ? "data" : run.kind == .deployment ? "deploy" : run.kind.rawValue
            let duration: String
            if let d = run.duration {
                duration = Format.duration(d)
            } else if run.status == .running, let started = run.startedAt {
                duration = Format.duration(now.timeIntervalSince(started)) + "…"
            } else {
                duration = "—"
            }
            return [
                TableCell(run.status.rawValue, tone: run.status.tone, symbol: run.isRollback && run.status == .succeeded ? .rollback : run.status.symbol),
                TableCell(run.name.map { "\(run.pipeline) · \($0)" } ?? run.pipeline),
                TableCell(run.model, tone: .dim),
                TableCell(run.isRollback ? "rollback" : kind, tone: run.isRollback ? .warn : .normal),
                TableCell(run.trigger.rawValue, tone: .dim),
                TableCell(Format.ago(run.startedOrQueuedAt, now: now), tone: .dim),
                TableCell(duration),
                TableCell(run.error ?? "", tone: .critical),
            ]
        }
        return TableView(columns: columns, rows: rows, selectedRow: PanelViewModel.selectedLocal(window, selected),
                         emptyText: "no pipeline runs yet")
    }
}
