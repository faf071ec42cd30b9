import Foundation
import Portfolio
import PortfolioStore

/// The Pipeline Runs panel's columns and rows; the id shows when there is room (zoomed, or in a
/// detail view), for the CLI.
enum RunsTable {
    static let columns: [PanelColumn<PipelineRun>] = [
        PanelColumn(TableColumn("ID", min: 8, max: 12, priority: 1), sort: nil) { run, _ in
            TableCell(run.externalID, tone: .dim)
        },
        PanelColumn(TableColumn("STATUS", min: 11, max: 11, priority: 10), sort: .run(.status)) { run, _ in
            TableCell(run.status.rawValue, tone: run.status.tone,
                      symbol: run.isRollback && run.status == .succeeded ? .rollback : run.status.symbol)
        },
        PanelColumn(TableColumn("PIPELINE", min: 10, max: 48, priority: 9, flexible: true), sort: .run(.pipeline)) { run, _ in
            TableCell(run.name.map { "\(run.pipeline) · \($0)" } ?? run.pipeline)
        },
        PanelColumn(TableColumn("MODEL", min: 10, max: 30, priority: 6, flexible: true), sort: .run(.model)) { run, _ in
            TableCell(run.model, tone: .dim)
        },
        PanelColumn(TableColumn("KIND", min: 6, max: 10, priority: 5, compact: 6), sort: .run(.kind)) { run, _ in
            let kind = run.kind == .dataValidation ? "data" : run.kind == .deployment ? "deploy" : run.kind.rawValue
            let compact = run.kind == .training ? "train" : run.kind == .evaluation ? "eval" : kind
            return run.isRollback ? TableCell("rollback", tone: .warn, compact: "rollbk") : TableCell(kind, compact: compact)
        },
        PanelColumn(TableColumn("TRIGGER", min: 6, max: 8, priority: 2), sort: .run(.trigger)) { run, _ in
            TableCell(run.trigger.rawValue, tone: .dim)
        },
        PanelColumn(TableColumn("STARTED", min: 4, max: 8, align: .right, priority: 8), sort: .run(.started)) { run, now in
            TableCell(Format.ago(run.startedOrQueuedAt, now: now), tone: .dim)
        },
        PanelColumn(TableColumn("DURATION", min: 6, max: 9, align: .right, priority: 7), sort: .run(.duration)) { run, now in
            if let duration = run.duration { return TableCell(Format.duration(duration)) }
            if run.status == .running, let started = run.startedAt { return TableCell(Format.duration(now.timeIntervalSince(started)) + "…") }
            return TableCell("—")
        },
        PanelColumn(TableColumn("ERROR", min: 8, max: 40, priority: 1, flexible: true), sort: .run(.error)) { run, _ in
            TableCell(run.error ?? "", tone: .critical)
        },
    ]

    /// Related PipelineRuns in a detail view, each a link.
    static func linked(_ rows: [PipelineRun], now: Date) -> TableView {
        PanelColumn.linked(columns, rows, now: now) { .run($0.externalID) }
    }

    static func table(_ window: RowWindow<PipelineRun>, selected: Int, now: Date) -> TableView {
        PanelColumn<PipelineRun>.table(columns, window, selected: selected, now: now, emptyText: "no pipeline runs yet")
    }
}
