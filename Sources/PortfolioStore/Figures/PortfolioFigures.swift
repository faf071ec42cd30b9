import Foundation
import Portfolio

/// The window figures are computed over: `(asOf − days, asOf]`. See docs/METRICS.md.
public struct FigureWindow: Sendable, Hashable {
    public static let defaultDays = 30

    public var asOf: Date
    public var days: Int

    public init(asOf: Date, days: Int = FigureWindow.defaultDays) {
        self.asOf = asOf
        self.days = max(1, days)
    }

    /// The exclusive start and inclusive end, in store seconds.
    var bounds: (start: Int64, end: Int64) {
        let end = asOf.storeSeconds
        return (end - Int64(days) * 86_400, end)
    }

    /// Weeks in the window, for per-week rates.
    public var weeks: Double { Double(days) / 7 }
}

/// Every figure of the header, DORA for ML and business value, for the portfolio or one team.
/// Counts and sums are over the current state of the store; window figures over `FigureWindow`.
/// An optional figure is nil when it is undefined (a median of nothing, a rate over nothing).
public struct Figures: Sendable, Hashable {
    public var modelsInProduction = 0
    public var modelsTotal = 0
    /// Open or acknowledged critical alerts (a snooze that has run out counts as open).
    public var activeCriticalAlerts = 0
    /// Open or acknowledged warning alerts.
    public var activeWarningAlerts = 0
    /// Open or acknowledged alerts of any severity.
    public var activeAlerts = 0
    /// Runs that failed in the 24 hours up to as_of.
    public var failedRunsLast24h = 0
    /// Runs whose status is running now.
    public var runningRuns = 0
    /// Sum of the annual business value of production models, USD.
    public var valueInProduction = 0.0
    /// The same sum over production models with at least one active critical alert.
    public var valueAtRisk = 0.0
    /// Succeeded deployment runs that finished in the window.
    public var deploymentsInWindow = 0
    /// `deploymentsInWindow` ÷ (window days ÷ 7).
    public var deploymentFrequencyPerWeek = 0.0
    /// Median hours from a model version's first training run to its first succeeded deployment.
    public var leadTimeHoursMedian: Double?
    /// How many versions the lead time median is over.
    public var leadTimeSamples = 0
    /// Deployments followed within 7 days by a failure, over all deployments in the window.
    public var changeFailureRate: Double?
    public var failedChanges = 0
    /// Median hours from a critical alert opening (or reopening) to its resolution, over the
    /// resolutions in the window.
    public var timeToRestoreHoursMedian: Double?
    public var restoreSamples = 0
    /// Sum of the compute cost of runs started in the window, USD.
    public var computeCostInWindow = 0.0
    /// 12 × serving cost per month + 365 ÷ days × window compute cost, over production models.
    public var annualizedCostOfProduction = 0.0
    /// `valueInProduction ÷ annualizedCostOfProduction`; nil when that cost is 0.
    public var valueToCostRatio: Double?

    public init() {}
}

/// A team's figures.
public struct TeamFigures: Sendable, Hashable {
    public var name: String
    public var figures: Figures
}

/// One team's component: the latest self-assessed level beside the level derived from evidence.
public struct MaturityFigure: Sendable, Hashable {
    public var team: String
    public var component: MaturityComponent
    /// The latest self-assessment (what `list maturity` shows first); nil when never assessed.
    public var assessedLevel: Int?
    public var derivedLevel: Int
    public var evidence: MaturityEvidence

    /// derived − assessed: negative when a team rates itself above what its evidence shows.
    public var gap: Int? { assessedLevel.map { derivedLevel - $0 } }
}

/// Everything `oversight status` prints and the dashboard header shows: one computation.
public struct FiguresReport: Sendable, Hashable {
    public var window: FigureWindow
    public var portfolio: Figures
    /// Every team, by name.
    public var teams: [TeamFigures]
    /// Per team, the five components in order.
    public var maturity: [MaturityFigure]

    public init(window: FigureWindow, portfolio: Figures = Figures(), teams: [TeamFigures] = [], maturity: [MaturityFigure] = []) {
        self.window = window
        self.portfolio = portfolio
        self.teams = teams
        self.maturity = maturity
    }

    public func team(_ name: String) -> Figures? { teams.first { $0.name == name }?.figures }

    public func maturity(team: String) -> [MaturityFigure] { maturity.filter { $0.team == team } }

    /// The report narrowed to one team: its figures at the top, only its team and maturity rows.
    public func scoped(to team: String) -> FiguresReport? {
        guard let figures = self.team(team) else { return nil }
        return FiguresReport(window: window, portfolio: figures, teams: teams.filter { $0.name == team },
                             maturity: maturity(team: team))
    }
}

enum Statistics {
    /// The middle value, or the mean of the two middle values; nil for no values.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}
