import Foundation
import Portfolio
import PortfolioStore

/// A model's detail: every field, its active alerts first (what an investigator opens it for),
/// metrics as sparklines, versions, recent runs, recently resolved alerts and its team's maturity.
/// The team, each alert, each version (the newest run that carried it) and each run are links.
enum ModelDetailBlocks {
    static func blocks(_ detail: ModelDetail, now: Date, zone: TimeZone) -> [DetailBlock] {
        let m = detail.model
        let annualCost = detail.annualizedCost
        let costly = (m.businessValue ?? 0) < annualCost
        let days = detail.window?.days ?? FigureWindow.defaultDays
        var fields = [
            DetailField("team", m.team, target: .team(m.team)),
            DetailField("owner", m.owner),
            DetailField("use case", m.useCase ?? "—"),
            DetailField("stage", m.stage.rawValue, tone: m.stage.tone),
            DetailField("version", m.version ?? "—"),
            DetailField("risk tier", m.riskTier?.rawValue ?? "—", tone: m.riskTier == .high ? .warn : .normal),
            DetailField("value / year", Format.money(m.businessValue)),
            DetailField("cost / year", "\(Format.money(annualCost)) = 12 × \(Format.money(m.servingCostPerMonth))/mo serving"
                        + " + 365/\(days) × \(Format.money(detail.computeCostInWindow)) compute in \(days) days",
                        tone: costly ? .warn : .normal),
            DetailField("created", Format.date(m.createdAt, zone: zone), tone: .dim),
        ]
        if costly { fields.append(DetailField("", "costs more a year than it is worth", tone: .warn, symbol: .loss)) }
        if !m.tags.isEmpty {
            fields.append(DetailField("tags", m.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")))
        }
        var blocks: [DetailBlock] = [.fields(fields), .spacer]

        blocks.append(.heading("Open alerts (\(detail.activeAlerts.count))"))
        blocks.append(.table(AlertsTable.linked(detail.activeAlerts, now: now).withEmptyText("no open alerts")))
        blocks.append(.spacer)

        let window = detail.window ?? FigureWindow(asOf: now)
        blocks.append(.heading("Metrics, last \(window.days) days (w changes the window)"))
        let series = detail.metrics.filter { !$0.points.isEmpty }
        if series.isEmpty {
            blocks.append(.note("no metric recorded in the last \(window.days) days", .dim))
        } else {
            blocks.append(.sparklines(series.map { series in
                SparklineRow(name: series.name, values: series.points.map(\.value), times: series.points.map(\.at),
                             latest: series.latest.map { Format.metric($0.value) } ?? "—",
                             tone: series.name.hasPrefix("drift.") ? .warn : .accent)
            }, axis: TimeAxis(from: window.start, to: window.asOf, zone: zone)))
        }
        blocks.append(.spacer)

        blocks.append(.heading("Versions (\(m.versions.count))"))
        let versions = Array(m.versions.reversed())
        var versionTable = TableView(
            columns: [TableColumn("VERSION", min: 7, max: 12, priority: 10), TableColumn("STAGE", min: 6, max: 11, priority: 9),
                      TableColumn("CREATED", min: 10, max: 10, priority: 8), TableColumn("APPROVAL", min: 8, max: 9, priority: 7),
                      TableColumn("BY", min: 6, max: 30, priority: 5, flexible: true), TableColumn("ON", min: 10, max: 10, priority: 4)],
            rows: versions.map { v in
                [TableCell(v.version, tone: v.version == m.version ? .accent : .normal),
                 TableCell(v.stage?.rawValue ?? "—", tone: v.stage?.tone ?? .dim),
                 TableCell(Format.date(v.createdAt, zone: zone), tone: .dim),
                 TableCell(v.approvalStatus.rawValue, tone: v.approvalStatus == .approved ? .ok : v.approvalStatus == .rejected ? .critical : .warn),
                 TableCell(v.approvedBy ?? "—", tone: .dim),
                 TableCell(Format.date(v.approvedAt, zone: zone), tone: .dim)]
            }, selectedRow: nil, emptyText: "no versions recorded")
        versionTable.rowTargets = versions.map { v in detail.versionRuns[v.version].map(DetailTarget.run) }
        blocks.append(.table(versionTable))
        blocks.append(.spacer)

        blocks.append(.heading("Recent runs (\(detail.recentRuns.count))"))
        blocks.append(.table(RunsTable.linked(detail.recentRuns, now: now).withEmptyText("no runs recorded")))
        if !detail.recentAlerts.isEmpty {
            blocks.append(.spacer)
            blocks.append(.heading("Recently resolved alerts"))
            blocks.append(.table(AlertsTable.linked(detail.recentAlerts, now: now)))
        }
        if let maturity = detail.teamMaturity {
            blocks.append(.spacer)
            blocks.append(.heading("\(maturity.team): MLOps maturity"))
            var team = MaturityTable.table(RowWindow(rows: [maturity], total: 1), selected: -1, now: now)
            team.rowTargets = [.team(maturity.team)]
            blocks.append(.table(team))
        }
        return blocks
    }
}

extension TableView {
    func withEmptyText(_ text: String) -> TableView {
        var copy = self
        copy.emptyText = text
        return copy
    }
}
