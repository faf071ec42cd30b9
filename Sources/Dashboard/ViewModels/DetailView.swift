import Foundation
import Portfolio
import PortfolioStore

/// The view-model of the open detail view: a breadcrumb title and the blocks to draw.
public struct DetailView: Sendable, Hashable {
    public var title: String
    public var blocks: [DetailBlock]

    /// The width blocks are laid out in, inside the box's border and a margin on each side.
    public static func contentWidth(bodyWidth: Int) -> Int { max(1, bodyWidth - 4) }

    public func contentHeight(width: Int) -> Int { blocks.reduce(0) { $0 + $1.height(width: width) } }

    public init(_ detail: DetailState, now: Date, zone: TimeZone) {
        let key = detail.target.key
        switch detail.target {
        case .model: title = "Models › \(key)"
        case .run: title = "Pipeline Runs › \(key)"
        case .alert: title = "Drift Alerts › \(key)"
        case .team: title = "Maturity › \(key)"
        case .portfolio: title = "Portfolio overview"
        }
        switch detail.content {
        case nil: blocks = [.note("loading…", .dim)]
        case let .model(model): blocks = ModelDetailBlocks.blocks(model, now: now, zone: zone)
        case let .run(run): blocks = RunDetailBlocks.blocks(run, now: now, zone: zone)
        case let .alert(alert): blocks = AlertDetailBlocks.blocks(alert, now: now, zone: zone)
        case let .team(team): blocks = TeamDetailBlocks.blocks(team, zone: zone)
        case let .portfolio(report): blocks = PortfolioDetailBlocks.blocks(report, zone: zone)
        }
    }
}
