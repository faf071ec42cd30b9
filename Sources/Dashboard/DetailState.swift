import Foundation
import PortfolioStore

/// The kinds of detail view, one per panel.
public enum DetailKind: Sendable, Hashable, CaseIterable {
    case model, run, alert, team, portfolio

    public var title: String {
        switch self {
        case .model: "Model"
        case .run: "Pipeline run"
        case .alert: "Drift alert"
        case .team: "Team maturity"
        case .portfolio: "Portfolio overview"
        }
    }

    /// The panel whose rows this kind of item is (nil: the overview belongs to none).
    public var panel: PanelID? {
        switch self {
        case .model: .models
        case .run: .runs
        case .alert: .alerts
        case .team: .maturity
        case .portfolio: nil
        }
    }
}

/// Which item a detail view is about.
public enum DetailTarget: Sendable, Hashable {
    case model(String)
    case run(String)
    case alert(String)
    case team(String)
    /// The portfolio's figures, per team, and maturity gaps (`:overview`).
    case portfolio

    public var kind: DetailKind {
        switch self {
        case .model: .model
        case .run: .run
        case .alert: .alert
        case .team: .team
        case .portfolio: .portfolio
        }
    }

    public var key: String {
        switch self {
        case let .model(key), let .run(key), let .alert(key), let .team(key): key
        case .portfolio: "portfolio"
        }
    }
}

/// What was loaded for a detail view.
public enum DetailContent: Sendable, Hashable {
    case model(ModelDetail)
    case run(RunDetail)
    case alert(AlertDetail)
    case team(TeamDetail)
    case portfolio(FiguresReport)
}

/// The open detail view: which item, what was loaded for it, how far it is scrolled, and which
/// related item (link) is selected — by identity, so a refresh that moves lines keeps it.
public struct DetailState: Sendable, Hashable {
    public var target: DetailTarget
    public var content: DetailContent?
    public var scroll: Int = 0
    /// The selected link; nil when none is in view.
    public var link: DetailTarget?

    public init(_ target: DetailTarget, content: DetailContent? = nil) {
        self.target = target
        self.content = content
    }
}
