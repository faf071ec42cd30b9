import Foundation
import Portfolio
import PortfolioStore

/// One block of a detail view, drawn top to bottom; each knows its height so scrolling is exact.
public enum DetailBlock: Sendable, Hashable {
    case heading(String)
    /// Label/value pairs, one per line.
    case fields([DetailField])
    case table(TableView)
    /// One line per series: name, sparkline of values, latest value.
    case sparklines([SparklineRow])
    case note(String, Tone)
    case spacer

    public var height: Int {
        switch self {
        case .heading, .note, .spacer: 1
        case let .fields(fields): fields.count
        case let .table(table): 1 + max(1, table.rows.count)
        case let .sparklines(rows): max(1, rows.count)
        }
    }
}

public struct DetailField: Sendable, Hashable {
    public var label: String
    public var value: String
    public var tone: Tone

    public init(_ label: String, _ value: String, tone: Tone = .normal) {
        self.label = label
        self.value = value
        self.tone = tone
    }
}

public struct SparklineRow: Sendable, Hashable {
    public var name: String
    public var values: [Double]
    public var latest: String
    public var tone: Tone
}

/// The detail view of one model: every field, its versions, recent runs, open alerts and a
/// sparkline per tracked metric.
public struct ModelDetailView: Sendable, Hashable {
    public var title: String
    public var blocks: [DetailBlock]

    public var contentHeight: Int { blocks.reduce(0) { $0 + $1.height } }

    public init(name: String, detail: ModelDetail?, now: Date, zone: TimeZone = .current) {
        title = "Models › \(name)"
        guard let detail else {
            blocks = [.note("loading…", .dim)]
            return
        }
        let m = detail.model
        let annualCost = m.annualServingCost
        var fields = [
            DetailField("team", m.team),
            DetailField("owner", m.owner),
            DetailField("use case", m.useCase ?? "—"),
            DetailField("stage", m.stage.rawValue, tone: m.stage.tone),
            DetailField("version", m.version ?? "—"),
            DetailField("risk tier", m.riskTier?.rawValue ?? "—", tone: m.riskTier == .high ? .warn : .normal),
            DetailField("value / year", Format.money(m.businessValue)),
            DetailField("serving cost", "\(Format.money(m.servingCostPerMonth))/mo = \(Format.money(annualCost))/yr",
                        tone: (m.businessValue ?? 0) < annualCost ? .warn : .normal),
        ]
        if (m.businessValue ?? 0) < annualCost {
            fields.append(DetailField("", "costs more to serve than it is worth", tone: .warn))
        }
        if !m.tags.isEmpty {
            fields.append(DetailField("tags", m.tags.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")))
        }
        var blocks: [DetailBlock] = [.fields(fields), .spacer]

        blocks.append(.heading("Metrics (last \(detail.metrics.first?.points.count ?? 0) points)"))
        blocks.append(.sparklines(detail.metrics.map { series in
            let drift = series.name.hasPrefix("drift.")
            return SparklineRow(name: series.name, values: series.points.map(\.value),
                                latest: series.latest.map { Format.metric($0.value) } ?? "—", tone: drift ? .warn : .accent)
        }))
        blocks.append(.spacer)

        blocks.append(.heading("Versions (\(m.versions.count))"))
        blocks.append(.table(TableView(
            columns: [TableColumn("VERSION", min: 7, max: 12, priority: 10), TableColumn("STAGE", min: 6, max: 11, priority: 9),
                      TableColumn("CREATED", min: 10, max: 10, priority: 8), TableColumn("APPROVAL", min: 8, max: 9, priority: 7),
                      TableColumn("BY", min: 6, max: 30, priority: 5, flexible: true), TableColumn("ON", min: 10, max: 10, priority: 4)],
            rows: m.versions.reversed().map { v in
                [TableCell(v.version, tone: v.version == m.version ? .accent : .normal),
                 TableCell(v.stage?.rawValue ?? "—", tone: v.stage?.tone ?? .dim),
                 TableCell(Format.date(v.createdAt, zone: zone), tone: .dim),
                 TableCell(v.approvalStatus.rawValue, tone: v.approvalStatus == .approved ? .ok : v.approvalStatus == .rejected ? .critical : .warn),
                 TableCell(v.approvedBy ?? "—", tone: .dim),
                 TableCell(Format.date(v.approvedAt, zone: zone), tone: .dim)]
            }, selectedRow: nil, emptyText: "no versions recorded")))
        blocks.append(.spacer)

        blocks.append(.heading("Open alerts (\(detail.activeAlerts.count))"))
        blocks.append(.table(AlertsTable.table(RowWindow(rows: detail.activeAlerts, total: detail.activeAlerts.count),
                                               selected: -1, now: now).withEmptyText("no open alerts")))
        blocks.append(.spacer)

        blocks.append(.heading("Recent runs (\(detail.recentRuns.count))"))
        blocks.append(.table(RunsTable.table(RowWindow(rows: detail.recentRuns, total: detail.recentRuns.count),
                                             selected: -1, now: now).withEmptyText("no runs recorded")))
        self.blocks = blocks
    }
}

extension TableView {
    func withEmptyText(_ text: String) -> TableView {
        var copy = self
        copy.emptyText = text
        return copy
    }
}
