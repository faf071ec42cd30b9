import Foundation
import Portfolio
import PortfolioStore

/// A team's maturity detail: each component's level and its trend over the assessments, and the
/// evidence the latest level rests on.
enum TeamDetailBlocks {
    static func blocks(_ detail: TeamDetail, zone: TimeZone) -> [DetailBlock] {
        let team = detail.team
        var blocks: [DetailBlock] = [.fields([
            DetailField("industry", team.industry ?? "—"),
            DetailField("lead", team.lead ?? "—"),
            DetailField("models", String(detail.models)),
            DetailField("about", team.description ?? "—", tone: .dim),
        ]), .spacer, .heading("Components (self-assessed, 0 none … 4 fully automated)")]
        let byComponent = Dictionary(grouping: detail.assessments, by: \.component)
        let rows: [[TableCell]] = MaturityComponent.allCases.map { component in
            let history = (byComponent[component] ?? []).sorted { $0.assessedAt < $1.assessedAt }
            guard let latest = history.last else {
                return [TableCell(component.label), TableCell("—", tone: .dim), TableCell("not assessed", tone: .dim),
                        TableCell(""), TableCell("")]
            }
            let previous = history.dropLast().last?.level
            return [TableCell(component.label),
                    TableCell(level: latest.level, previous: previous),
                    TableCell(history.suffix(8).map { String($0.level) }.joined(separator: " → ")),
                    TableCell(Format.date(latest.assessedAt, zone: zone), tone: .dim),
                    TableCell(latest.assessor ?? "—", tone: .dim)]
        }
        blocks.append(.table(TableView(
            columns: [TableColumn("COMPONENT", min: 10, max: 26, priority: 10), TableColumn("LEVEL", min: 6, max: 7, priority: 9),
                      TableColumn("BY QUARTER (oldest → newest)", min: 12, max: 40, priority: 8, flexible: true),
                      TableColumn("ASSESSED", min: 10, max: 10, priority: 6), TableColumn("ASSESSOR", min: 8, max: 24, priority: 4)],
            rows: rows, selectedRow: nil)))
        for component in MaturityComponent.allCases {
            guard let latest = (byComponent[component] ?? []).max(by: { $0.assessedAt < $1.assessedAt }) else { continue }
            blocks += [.spacer, .heading("\(component.label): level \(latest.level)")]
            blocks.append(.paragraph(latest.evidence ?? "no evidence recorded", latest.evidence == nil ? .dim : .normal, indent: 2))
        }
        return blocks
    }
}
