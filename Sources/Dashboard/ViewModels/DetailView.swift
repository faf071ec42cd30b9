import Foundation
import Portfolio
import PortfolioStore

/// The view-model of the open detail view: a breadcrumb title (the path followed to it), the
/// blocks to draw, and the links among them — the related items Enter follows.
public struct DetailView: Sendable, Hashable {
    public var title: String
    public var blocks: [DetailBlock]
    /// The link selected when the view opens: an alert's or a run's model, a model's first active
    /// alert; where it has none (or the item is not among the links), the first link.
    public var initialLink: DetailTarget?

    /// The width blocks are laid out in, inside the box's border and a margin on each side.
    public static func contentWidth(bodyWidth: Int) -> Int { max(1, bodyWidth - 4) }

    public func contentHeight(width: Int) -> Int { blocks.reduce(0) { $0 + $1.height(width: width) } }

    /// `detail` as reached through `trail` (the detail views followed to it, first first).
    public init(_ detail: DetailState, trail: [DetailTarget] = [], now: Date, zone: TimeZone) {
        title = Self.breadcrumb(trail + [detail.target])
        switch detail.content {
        case nil:
            blocks = [.note("loading…", .dim)]
        case let .model(model):
            blocks = ModelDetailBlocks.blocks(model, now: now, zone: zone)
            initialLink = model.activeAlerts.first.map { .alert($0.externalID) }
        case let .run(run):
            blocks = RunDetailBlocks.blocks(run, now: now, zone: zone)
            initialLink = .model(run.run.model)
        case let .alert(alert):
            blocks = AlertDetailBlocks.blocks(alert, now: now, zone: zone)
            initialLink = .model(alert.alert.model)
        case let .team(team):
            blocks = TeamDetailBlocks.blocks(team, now: now, zone: zone)
        case let .portfolio(report):
            blocks = PortfolioDetailBlocks.blocks(report, zone: zone)
        }
        if let selected = detail.link { select(selected) }
    }

    /// `Drift Alerts › alert-0071 › card-fraud-detector`: where the path began (the panel of its
    /// first item), then each item's key. A long path keeps its first and last three steps.
    static func breadcrumb(_ path: [DetailTarget]) -> String {
        guard let first = path.first else { return "" }
        if first == .portfolio, path.count == 1 { return "Portfolio overview" }
        let root = first.kind.panel?.title ?? DetailKind.portfolio.title
        var keys = path.filter { $0 != .portfolio }.map(\.key)
        if keys.count > 4 { keys = [keys[0], "…"] + keys.suffix(3) }
        return ([root] + keys).joined(separator: " › ")
    }

    /// Every line Enter can follow, top to bottom, with the line it is drawn on at `width`. An
    /// item listed twice is one link, at its first line: the selection is the item, never a line.
    public func links(width: Int) -> [DetailLink] {
        var links: [DetailLink] = []
        var seen: Set<DetailTarget> = []
        var y = 0
        func add(_ target: DetailTarget?, line: Int) {
            guard let target, seen.insert(target).inserted else { return }
            links.append(DetailLink(target: target, line: line))
        }
        for block in blocks {
            switch block {
            case let .fields(fields):
                for (i, field) in fields.enumerated() { add(field.target, line: y + i) }
            case let .table(table):
                for (i, target) in table.rowTargets.enumerated() where i < table.rows.count { add(target, line: y + 1 + i) }
            default:
                break
            }
            y += block.height(width: width)
        }
        return links
    }

    /// Marks the first line of `target` as selected, for Render to highlight.
    mutating func select(_ target: DetailTarget) {
        for index in blocks.indices {
            switch blocks[index] {
            case var .fields(fields):
                if let i = fields.firstIndex(where: { $0.target == target }) {
                    fields[i].isSelected = true
                    blocks[index] = .fields(fields)
                    return
                }
            case var .table(table):
                if let i = table.rowTargets.firstIndex(of: target), i < table.rows.count {
                    table.selectedRow = i
                    blocks[index] = .table(table)
                    return
                }
            default:
                break
            }
        }
    }
}

/// A related item a detail view lists, and the line (from the top of the content) it is on.
public struct DetailLink: Sendable, Hashable {
    public var target: DetailTarget
    public var line: Int
}
