import Foundation
import Portfolio
import PortfolioStore

/// A drift alert's detail: the evidence (score against threshold as a gauge, the feature's score
/// history), the model, the runs the drift triggered and the model's other active alerts (each a
/// link), and the timeline of events with their notes.
enum AlertDetailBlocks {
    static func blocks(_ detail: AlertDetail, now: Date, zone: TimeZone) -> [DetailBlock] {
        let alert = detail.alert
        var fields = [
            DetailField("severity", alert.severity.rawValue, tone: alert.severity.tone, symbol: alert.severity.symbol),
            DetailField("status", alert.status.rawValue, tone: alert.status.tone),
            DetailField("model", alert.model + (detail.modelStage.map { " (\($0.rawValue))" } ?? ""), target: .model(alert.model)),
            DetailField("feature", alert.feature),
            DetailField("test", alert.method.label),
            DetailField("assignee", alert.assignee ?? "nobody", tone: alert.assignee == nil ? .warn : .normal),
            DetailField("opened", "\(Format.dateTime(alert.openedAt, zone: zone)) (\(Format.ago(alert.openedAt, now: now)) ago)"),
        ]
        if let until = alert.snoozedUntil, alert.status == .snoozed {
            fields.append(DetailField("snoozed until", Format.dateTime(until, zone: zone), tone: .dim, symbol: .snoozed))
        }
        if let resolved = alert.resolvedAt { fields.append(DetailField("resolved", Format.dateTime(resolved, zone: zone), tone: .ok)) }
        var blocks: [DetailBlock] = [.fields(fields), .spacer, .heading("Evidence")]

        let drifted = alert.method.isDrifted(score: alert.score, threshold: alert.threshold)
        let rule = alert.method.isPValue
            ? "a p-value below \(Format.threshold(alert.threshold)) means the distributions differ"
            : "a distance at or above \(Format.threshold(alert.threshold)) means the distribution moved"
        // Room for both marks; never 0 (a ks score 0 against threshold 0) nor infinite (a score
        // near DBL_MAX), whatever a monitor stored.
        let scaleMax = [alert.threshold * 2, alert.score * 1.2, 1e-9].filter(\.isFinite).max() ?? 1
        blocks.append(.gauge(Gauge(score: alert.score, threshold: alert.threshold, scaleMax: scaleMax, drifted: drifted,
                                   tone: drifted ? alert.severity.tone : .ok,
                                   explanation: "score \(Format.score(alert.score)) vs threshold \(Format.threshold(alert.threshold)): \(rule)")))
        let metric = "drift.\(alert.method.rawValue).\(alert.feature)"
        let window = detail.window ?? FigureWindow(asOf: now)
        blocks += [.spacer, .heading("Score history, last \(window.days) days (\(metric); w changes the window)")]
        if let latest = detail.history.last {
            blocks.append(.chart(Chart(
                values: detail.history.map(\.value), times: detail.history.map(\.at),
                axis: TimeAxis(from: window.start, to: window.asOf, zone: zone), threshold: alert.threshold,
                legend: "latest \(Format.score(latest.value)) · threshold \(Format.threshold(alert.threshold))"
                    + (alert.method.isPValue ? " (drift below)" : " (drift at or above)"),
                tone: drifted ? alert.severity.tone : .ok)))
        } else {
            blocks.append(.note("no score recorded for this feature in the last \(window.days) days", .dim))
        }
        blocks += [.spacer, .heading("Runs the drift triggered (\(detail.triggeredRuns.count))")]
        blocks.append(.table(RunsTable.linked(detail.triggeredRuns, now: now)
            .withEmptyText("no drift-triggered run of \(alert.model) since the alert opened")))
        blocks += [.spacer, .heading("Other active alerts on \(alert.model) (\(detail.otherActiveAlerts.count))")]
        blocks.append(.table(AlertsTable.linked(detail.otherActiveAlerts, now: now).withEmptyText("none")))
        blocks += [.spacer, .heading("Timeline (\(detail.eventCount) events)")]
        for event in alert.events.reversed() {
            blocks.append(.note("\(Format.dateTime(event.at, zone: zone))  \(event.kind.rawValue)  by \(event.actor ?? "—")", tone(event.kind)))
            if let note = event.note, !note.isEmpty { blocks.append(.paragraph(note, .normal, indent: 4)) }
        }
        if detail.eventCount > alert.events.count {
            let earlier = detail.eventCount - alert.events.count
            blocks.append(.note("… \(earlier) earlier event\(earlier == 1 ? "" : "s"); oversight list alerts --json lists them all", .dim))
        }
        return blocks
    }

    static func tone(_ kind: AlertEventKind) -> Tone {
        switch kind {
        case .opened, .escalated: .warn
        case .resolved: .ok
        case .acknowledged, .assigned: .accent
        case .note, .snoozed, .reopened: .info
        }
    }
}
