import Foundation
import Portfolio

/// One row of the Models panel and of `list models`: a model with the figures the panel shows
/// beside it (its own type, since it carries those and not the model's tags and versions).
public struct ModelSummary: Sendable, Hashable {
    public var name: String
    public var team: String
    public var owner: String
    public var stage: Stage
    public var version: String?
    public var riskTier: RiskTier?
    public var businessValue: Double?
    public var servingCostPerMonth: Double?
    /// Its active alerts (open, acknowledged, or snoozed past their time) by severity.
    public var activeBySeverity: [Severity: Int]
    public var lastRunStatus: RunStatus?
    /// 12 × serving cost per month + 365 ÷ window days × the compute cost of its runs started in
    /// the window (docs/METRICS.md), USD a year.
    public var annualizedCost: Double

    public init(name: String, team: String, owner: String, stage: Stage, version: String?, riskTier: RiskTier?,
                businessValue: Double?, servingCostPerMonth: Double?, activeBySeverity: [Severity: Int] = [:],
                lastRunStatus: RunStatus?, annualizedCost: Double = 0) {
        self.annualizedCost = annualizedCost
        self.name = name
        self.team = team
        self.owner = owner
        self.stage = stage
        self.version = version
        self.riskTier = riskTier
        self.businessValue = businessValue
        self.servingCostPerMonth = servingCostPerMonth
        self.activeBySeverity = activeBySeverity.filter { $0.value > 0 }
        self.lastRunStatus = lastRunStatus
    }

    public var activeAlerts: Int { activeBySeverity.values.reduce(0, &+) }

    /// The severity of its most urgent active alert.
    public var worstActiveSeverity: Severity? { activeBySeverity.keys.max() }

    /// Its annualized cost is greater than its annual business value (a missing value is 0).
    public var costsMoreThanItEarns: Bool { annualizedCost > (businessValue ?? 0) }
}

/// A team's latest self-assessed level per component, with the level before it for the trend.
public struct TeamMaturity: Sendable, Hashable {
    public struct Entry: Sendable, Hashable {
        public var level: Int
        public var previousLevel: Int?
        public var assessedAt: Date
    }

    public var team: String
    public var industry: String?
    public var entries: [MaturityComponent: Entry]

    public var average: Double? {
        entries.isEmpty ? nil : Double(entries.values.map(\.level).reduce(0, +)) / Double(entries.count)
    }
}

/// A named metric series of a model, oldest point first.
public struct MetricSeries: Sendable, Hashable {
    public var name: String
    public var points: [MetricPoint]

    public var latest: MetricPoint? { points.last }
}

/// Everything the model detail view shows, loaded on demand for one model.
public struct ModelDetail: Sendable, Hashable {
    public var model: Model
    public var recentRuns: [PipelineRun]
    public var activeAlerts: [DriftAlert]
    /// The last few resolved alerts, newest first.
    public var recentAlerts: [DriftAlert]
    public var metrics: [MetricSeries]
    public var teamMaturity: TeamMaturity?
    /// The run that last carried each version (`model_version`), by version: where the detail's
    /// version lines lead.
    public var versionRuns: [String: String] = [:]
    /// The window the cost figures are over, and the compute cost of its runs started in it.
    public var window: FigureWindow? = nil
    public var computeCostInWindow: Double = 0

    /// 12 × serving cost per month + 365 ÷ window days × compute cost in the window.
    public var annualizedCost: Double {
        model.annualServingCost + 365 / Double(window?.days ?? FigureWindow.defaultDays) * computeCostInWindow
    }
}

/// Everything the run detail view shows: the run with its steps, and the pipeline's runs before it.
public struct RunDetail: Sendable, Hashable {
    public var run: PipelineRun
    /// The same pipeline's most recent runs, newest first (this one included).
    public var pipelineHistory: [PipelineRun]
    /// For a drift-triggered run, the alert that triggered it: of its model's alerts active when
    /// the run was queued, the one opened last. The store records no link between the two, so
    /// this is inferred, the mirror of `AlertDetail.triggeredRuns`; with overlapping alerts on one
    /// model a run is listed under each but names the newest.
    public var triggeringAlert: DriftAlert? = nil
}

/// Everything the alert detail view shows: the alert with its timeline (status as of now), and
/// the drifting feature's score history (`drift.METHOD.FEATURE`).
public struct AlertDetail: Sendable, Hashable {
    /// The alert with the newest `PortfolioReader.timelineLimit` of its events, oldest first.
    public var alert: DriftAlert
    /// How many events the alert has in all.
    public var eventCount: Int
    public var history: [MetricPoint]
    public var modelStage: Stage?
    /// The model's other active alerts (open, acknowledged or snoozed), most severe first.
    public var otherActiveAlerts: [DriftAlert] = []
    /// The runs the drift triggered: the model's drift-triggered runs queued from the alert's
    /// opening to its resolution (or now), newest first.
    public var triggeredRuns: [PipelineRun] = []
    /// The window the score history covers.
    public var window: FigureWindow? = nil
}

/// Everything the team maturity detail shows: every assessment of the team, oldest first.
public struct TeamDetail: Sendable, Hashable {
    /// The most models the detail lists (a team of more says how many it left out).
    public static let modelLimit = 200

    public var team: Team
    public var assessments: [MaturityAssessment]
    public var models: Int
    /// The team's models as the Models panel orders them (the first `TeamDetail.modelLimit`).
    public var modelList: [ModelSummary] = []
    /// The team's figures over the default window (the same as `status --team`).
    public var figures: Figures?
    public var window: FigureWindow?
    /// Each component's derived level beside the latest assessment, with the evidence.
    public var maturity: [MaturityFigure] = []
    /// The derived levels of the last four 90-day windows, oldest first.
    public var derivedTrend: [DerivedQuarter] = []
}

/// A model's row as `list models --json` prints it (`id` is its name, for scripts that key on ids).
extension ModelSummary: ScriptRecord {
    public var script: ScriptValue {
        .fields([
            "id": .text(name), "name": .text(name), "team": .text(team), "owner": .text(owner), "stage": .word(stage),
            "version": .text(version), "risk_tier": .word(riskTier), "business_value": .number(businessValue),
            "serving_cost_per_month": .number(servingCostPerMonth), "open_alerts": .int(activeAlerts),
            "annualized_cost": .number(annualizedCost), "costs_more_than_value": .bool(costsMoreThanItEarns),
            "last_run_status": .word(lastRunStatus),
        ])
    }
}
