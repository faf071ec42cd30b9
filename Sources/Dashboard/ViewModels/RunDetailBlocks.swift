import Foundation
import Portfolio
import PortfolioStore

/// A pipeline run's detail: what, who and when (its model, and the alert that triggered it, as
/// links); the error and the step it came from; each step's duration as a bar; and the
/// pipeline's recent history (each run a link).
enum RunDetailBlocks {
    static func blocks(_ detail: RunDetail, now: Date, zone: TimeZone) -> [DetailBlock] {
        let run = detail.run
        var fields = [
            DetailField("status", run.status.rawValue, tone: run.status.tone, symbol: run.status.symbol),
            DetailField("pipeline", run.pipeline),
            DetailField("name", run.name ?? "—"),
            DetailField("model", run.model, target: .model(run.model)),
            DetailField("kind", run.kind.rawValue + (run.isRollback ? " (rollback)" : ""), tone: run.isRollback ? .warn : .normal),
            DetailField("trigger", run.trigger.rawValue),
        ]
        if let alert = detail.triggeringAlert {
            fields.append(DetailField("triggered by", "\(alert.externalID) · \(alert.severity.rawValue) · \(alert.feature) \(alert.method.rawValue)",
                                      tone: alert.severity.tone, symbol: alert.severity.symbol, target: .alert(alert.externalID)))
        }
        fields += [
            DetailField("started by", run.startedBy ?? "—"),
            DetailField("model version", run.modelVersion ?? "—"),
            DetailField("commit", run.commit ?? "—", tone: .dim),
            DetailField("queued", Format.dateTime(run.queuedAt, zone: zone), tone: .dim),
            DetailField("started", Format.dateTime(run.startedAt, zone: zone)),
            DetailField("finished", Format.dateTime(run.finishedAt, zone: zone)),
            DetailField("duration", run.duration.map(Format.duration)
                        ?? (run.status == .running ? run.startedAt.map { Format.duration(now.timeIntervalSince($0)) + " so far" } ?? "—" : "—")),
            DetailField("compute cost", run.computeCost.map { String(format: "$%.2f", $0) } ?? "—"),
        ]
        if let failed = run.failedStep { fields.append(DetailField("failed step", failed.name, tone: .critical, symbol: .failed)) }
        var blocks: [DetailBlock] = [.fields(fields)]
        if let error = run.error ?? run.failedStep?.error {
            blocks += [.spacer, .heading("Error"), .paragraph(error, .critical, indent: 2)]
        }
        blocks += [.spacer, .heading("Steps (\(run.steps.count))")]
        blocks.append(.bars(run.steps.map { step in
            let status = RunStatus(rawValue: step.status.rawValue)
            return BarRow(label: step.name, value: step.duration ?? 0,
                          valueText: step.duration.map(Format.duration) ?? step.status.rawValue,
                          tone: status?.tone ?? .dim, symbol: status?.symbol ?? .cancelled)
        }))
        blocks += [.spacer, .heading("\(run.pipeline): recent runs")]
        // This run is in its pipeline's history too, not as a link (it is where the user is).
        var history = RunsTable.linked(detail.pipelineHistory, now: now)
        history.rowTargets = history.rowTargets.map { $0 == .run(run.externalID) ? nil : $0 }
        blocks.append(.table(history))
        return blocks
    }
}
