import Foundation
import Portfolio

/// The window figures are computed over: `(asOf − days, asOf]`. See docs/METRICS.md.
public struct FigureWindow: Sendable, Hashable {
    public static let defaultDays = 30
    /// The longest window: ten years (`status --window` refuses more).
    public static let maximumDays = 3_650

    public var asOf: Date
    public var days: Int

    public init(asOf: Date, days: Int = FigureWindow.defaultDays) {
        self.asOf = asOf
        self.days = min(Self.maximumDays, max(1, days))
    }

    /// The exclusive start and inclusive end, in store seconds.
    var bounds: (start: Int64, end: Int64) {
        let end = asOf.storeSeconds
        return (end - Int64(days) * 86_400, end)
    }

    /// When the window begins.
    public var start: Date { asOf.addingTimeInterval(-Double(days) * 86_400) }

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
    /// 12 × the serving cost per month of production models: the current-state half of their
    /// annualized cost.
    public var servingCostPerYearOfProduction = 0.0
    /// The compute cost of production models' runs started in the window: the window half.
    public var productionComputeCostInWindow = 0.0
    /// 12 × serving cost per month + 365 ÷ days × window compute cost, over production models.
    public var annualizedCostOfProduction = 0.0
    /// `valueInProduction ÷ annualizedCostOfProduction`; nil when that cost is 0.
    public var valueToCostRatio: Double?

    public init() {}

    /// The figures of the store's current state (`PortfolioReader.currentFigures`), as opposed
    /// to the window's: one list for summing teams and for merging a newer current state.
    private static var currentCounts: [WritableKeyPath<Figures, Int>] {
        [\.modelsInProduction, \.modelsTotal, \.activeCriticalAlerts, \.activeWarningAlerts, \.activeAlerts,
         \.failedRunsLast24h, \.runningRuns]
    }
    private static var currentAmounts: [WritableKeyPath<Figures, Double>] {
        [\.valueInProduction, \.valueAtRisk, \.servingCostPerYearOfProduction]
    }
    private static var windowAmounts: [WritableKeyPath<Figures, Double>] { [\.computeCostInWindow, \.productionComputeCostInWindow] }

    /// Adds another team's counts (wrapping, as the kept counts they come from are summed) and sums
    /// (not its medians and rates: those are over samples).
    mutating func add(_ other: Figures) {
        for field in Self.currentCounts { self[keyPath: field] &+= other[keyPath: field] }
        for field in Self.currentAmounts + Self.windowAmounts { self[keyPath: field] += other[keyPath: field] }
    }

    /// Takes the figures of the store's current state from `current`, keeping the window's.
    mutating func takeCurrentState(from current: Figures) {
        for field in Self.currentCounts { self[keyPath: field] = current[keyPath: field] }
        for field in Self.currentAmounts { self[keyPath: field] = current[keyPath: field] }
    }

    /// The figures that follow from the others: every amount to the cent (summed by day or by
    /// run, from kept totals or from the rows, over teams or not, they are the same), the
    /// annualized cost and value-to-cost ratio.
    mutating func finish(windowDays: Int) {
        for field in Self.currentAmounts + Self.windowAmounts { self[keyPath: field] = SafeNumbers.cents(self[keyPath: field]) }
        annualizedCostOfProduction = servingCostPerYearOfProduction + 365 / Double(windowDays) * productionComputeCostInWindow
        valueToCostRatio = annualizedCostOfProduction > 0 ? valueInProduction / annualizedCostOfProduction : nil
    }
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
    public var maturity: [MaturityFigure] {
        didSet { maturityByTeam = Self.index(maturity) }
    }
    /// Where each team's figures are in `maturity`: a frame looks up only the teams it shows.
    /// By the name's bytes, as the store tells teams apart ("Café" composed and decomposed are two).
    private var maturityByTeam: [StoreText: [Int]]
    /// False for a report of the current state only (`PortfolioReader.currentFigures`): its
    /// window figures (DORA, cost, value-to-cost) and derived maturity are not computed yet.
    public var includesWindowFigures: Bool

    public init(window: FigureWindow, portfolio: Figures = Figures(), teams: [TeamFigures] = [], maturity: [MaturityFigure] = [],
                includesWindowFigures: Bool = true) {
        self.window = window
        self.portfolio = portfolio
        self.teams = teams
        self.maturity = maturity
        self.maturityByTeam = Self.index(maturity)
        self.includesWindowFigures = includesWindowFigures
    }

    /// This report with the current-state figures (counts, value, value at risk, active alerts,
    /// failed and running runs) of a newer `current` report: the portfolio's, and those of the
    /// teams `current` has (a team it lacks keeps the figures computed with the window). Its
    /// window figures and maturity stay as they were computed.
    public func updatingCurrentState(from current: FiguresReport) -> FiguresReport {
        var updated = self
        updated.portfolio.takeCurrentState(from: current.portfolio)
        updated.portfolio.finish(windowDays: window.days)
        for (index, team) in updated.teams.enumerated() {
            guard let newer = current.team(team.name) else { continue }
            updated.teams[index].figures.takeCurrentState(from: newer)
            updated.teams[index].figures.finish(windowDays: window.days)
        }
        for team in current.teams where self.team(team.name) == nil { updated.teams.append(team) }
        return updated
    }

    public func team(_ name: String) -> Figures? { teams.first { $0.name.hasSameBytes(as: name) }?.figures }

    public func maturity(team: String) -> [MaturityFigure] { (maturityByTeam[StoreText(team)] ?? []).map { maturity[$0] } }

    private static func index(_ maturity: [MaturityFigure]) -> [StoreText: [Int]] {
        var index: [StoreText: [Int]] = [:]
        for (offset, figure) in maturity.enumerated() { index[StoreText(figure.team), default: []].append(offset) }
        return index
    }

    /// The report narrowed to one team: its figures at the top, only its team and maturity rows.
    public func scoped(to team: String) -> FiguresReport? {
        guard let figures = self.team(team) else { return nil }
        return FiguresReport(window: window, portfolio: figures, teams: teams.filter { $0.name.hasSameBytes(as: team) },
                             maturity: maturity(team: team), includesWindowFigures: includesWindowFigures)
    }
}

enum Statistics {
    /// The middle value, or the mean of the two middle values; nil for no values. Exactly what
    /// sorting the values finds, found by selecting the middle ones in linear time (a sort was a
    /// tenth of the alerts' part on a million-run store); NaN and −0, which have no one place in
    /// an order, have the values sorted as before.
    static func median(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let mid = values.count / 2
        if values.contains(where: { $0.isNaN || ($0 == 0 && $0.sign == .minus) }) {
            let sorted = values.sorted()
            return values.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
        }
        var order = values
        let upper = select(mid, in: &order)
        guard values.count % 2 == 0 else { return upper }
        // Every value before `mid` is now at most `upper`: the largest of them is the lower middle.
        return ((order[..<mid].max() ?? upper) + upper) / 2
    }

    /// Moves the `k`th smallest of `values` (from 0) to index `k`, those before it being no larger
    /// and those after no smaller, and returns it (Hoare's selection; no NaN among `values`).
    static func select(_ k: Int, in values: inout [Double]) -> Double {
        var low = 0, high = values.count - 1
        while low < high {
            // The median of three as the pivot, so that ordered values are no worst case.
            let middle = low + (high - low) / 2
            let pivot = max(min(values[low], values[middle]), min(max(values[low], values[middle]), values[high]))
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            // values[low...j] ≤ pivot ≤ values[i...high], and any between equal the pivot.
            if k <= j { high = j } else if k >= i { low = i } else { return values[k] }
        }
        return values[k]
    }
}
