import ArgumentParser
import Dashboard
import Foundation
import Portfolio
import PortfolioStore
import Render

/// `oversight list models|runs|alerts|maturity`: the store's records as a table or a JSON array.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List models, runs, alerts or maturity assessments as a table or as JSON.",
        discussion: """
            JSON keys are snake_case, times ISO-8601 UTC, and model, team and pipeline fields hold names. \
            A run's started_at is its queue time until it starts; finished_at and duration_s are null \
            until it finishes. open_alerts counts a model's open and acknowledged alerts. Each alert \
            carries its events (kind, actor, at, note), oldest first; a snooze that has ended shows as open.

            It reads a store, never the bundled sample unless --sample is given.
            """
    )

    enum What: String, ExpressibleByArgument, CaseIterable {
        case models, runs, alerts, maturity
    }

    @OptionGroup var storeOptions: ReadStoreOptions
    @OptionGroup var timeOptions: TimeOptions
    @OptionGroup var sampleOption: SampleOption

    @Argument(help: "models, runs, alerts or maturity") var what: What
    @Flag(help: "Print a JSON array instead of a table.") var json = false
    // .unconditional: `--limit -1` is a wrong limit, not a missing one.
    @Option(parsing: .unconditional, help: "At most this many records (default: all).") var limit: Int?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be positive (1 or more; leave it out for all records); got \(limit)") }
    }

    func run() throws {
        let asOf = try timeOptions.resolved()
        let now = asOf ?? Date()
        let opened = try storeOptions.openForReading(asOf: asOf, sample: sampleOption.sample)
        defer { opened.close() }
        if opened.isSample { Console.error("note: showing the \(opened.label)") }
        let records: ScriptValue
        let table: TableView
        switch what {
        case .models:
            (records, table) = Self.listed(try opened.store.read { try $0.modelSummaries(now: now, limit: limit) }, Self.table)
        case .runs:
            (records, table) = Self.listed(try opened.store.read { try $0.runSummaries(limit: limit) }, Self.table)
        case .alerts:
            (records, table) = Self.listed(try opened.store.read { reader in
                let alerts = try reader.alertSummaries(now: now, limit: limit)
                let events = try reader.alertEvents(externalIDs: alerts.map(\.externalID))
                return alerts.map { alert in
                    var alert = alert
                    alert.events = events[alert.externalID] ?? []
                    return alert
                }
            }, Self.table)
        case .maturity:
            (records, table) = Self.listed(try opened.store.read { try $0.assessments(limit: limit) }, Self.table)
        }
        if json {
            Console.printJSON(records)
        } else {
            let glyphs = Glyphs.forLocale(ProcessInfo.processInfo.environment)
            var canvas = Canvas(width: TableWidget.naturalWidth(table, glyphs: glyphs), height: table.rows.count + 1, glyphs: glyphs)
            TableWidget.draw(&canvas, Rect(x: 0, y: 0, width: canvas.width, height: canvas.height), table)
            Console.block(TextOutput.plain(canvas), terminator: "")
        }
    }

    /// The records for JSON, and the same as a table.
    private static func listed<Record: ScriptRecord>(_ records: [Record], _ table: ([Record]) -> TableView) -> (ScriptValue, TableView) {
        (.records(records), table(records))
    }

    // MARK: - Tables

    private static func column(_ title: String, right: Bool = false) -> TableColumn {
        TableColumn(title, min: 1, max: 80, align: right ? .right : .left)
    }

    static func table(_ models: [ModelSummary]) -> TableView {
        TableView(columns: ["NAME", "TEAM", "OWNER", "STAGE", "VERSION"].map { column($0) }
                  + ["VALUE/YR", "COST/MO", "OPEN ALERTS"].map { column($0, right: true) },
                  rows: models.map { m in
                      [m.name, m.team, m.owner, m.stage.rawValue, m.version ?? "—", Format.money(m.businessValue),
                       Format.money(m.servingCostPerMonth), String(m.activeAlerts)].map { TableCell($0) }
                  }, selectedRow: nil, emptyText: "no models")
    }

    static func table(_ runs: [PipelineRun]) -> TableView {
        TableView(columns: ["ID", "PIPELINE", "MODEL", "KIND", "STATUS", "TRIGGER", "STARTED (UTC)"].map { column($0) }
                  + [column("DURATION", right: true), column("ERROR")],
                  rows: runs.map { r in
                      [r.externalID, r.pipeline, r.model, r.kind.rawValue, r.status.rawValue, r.trigger.rawValue,
                       ISOTime.format(r.startedOrQueuedAt), Format.duration(r.duration), r.error ?? ""].map { TableCell($0) }
                  }, selectedRow: nil, emptyText: "no runs")
    }

    static func table(_ alerts: [DriftAlert]) -> TableView {
        TableView(columns: ["ID", "MODEL", "FEATURE", "METHOD"].map { column($0) }
                  + ["SCORE", "THRESHOLD"].map { column($0, right: true) }
                  + ["SEVERITY", "STATUS", "ASSIGNEE", "OPENED (UTC)"].map { column($0) },
                  rows: alerts.map { a in
                      [a.externalID, a.model, a.feature, a.method.rawValue, Format.score(a.score), Format.score(a.threshold),
                       a.severity.rawValue, a.status.rawValue, a.assignee ?? "—", ISOTime.format(a.openedAt)].map { TableCell($0) }
                  }, selectedRow: nil, emptyText: "no alerts")
    }

    static func table(_ assessments: [MaturityAssessment]) -> TableView {
        TableView(columns: [column("TEAM"), column("COMPONENT"), column("LEVEL", right: true), column("ASSESSED"), column("ASSESSOR")],
                  rows: assessments.map { a in
                      [a.team, a.component.rawValue, String(a.level), ISOTime.format(a.assessedAt).prefix(10).description,
                       a.assessor ?? "—"].map { TableCell($0) }
                  }, selectedRow: nil, emptyText: "no assessments")
    }
}
