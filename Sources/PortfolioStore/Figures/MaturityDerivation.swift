import Foundation
import Portfolio

/// What the store holds about one team over one evidence window, in counts. Gathered by
/// `PortfolioReader.teamEvidence`; turned into levels by `MaturityDerivation`, which is pure.
public struct TeamEvidence: Sendable, Hashable {
    /// Runs of the team's models started (or queued) in the window.
    public var runs = 0
    /// Of those, runs with an automatic trigger (schedule, commit, drift, api).
    public var automaticRuns = 0
    /// The team's models in production now.
    public var productionModels = 0
    /// Production models with an automatically triggered evaluation run in the window.
    public var withAutomatedEvaluation = 0
    /// Production models with an automatically triggered deployment run in the window.
    public var withAutomatedDeployment = 0
    /// Evaluation and deployment runs of production models, started in the window, that ended
    /// succeeded or failed (cancelled ones are left out).
    public var pipelineRunsFinished = 0
    public var pipelineRunsSucceeded = 0
    /// Production models with any metric point in the window.
    public var withMetrics = 0
    /// Production models with a `drift.*` metric point (a drift check) in the window.
    public var withDriftChecks = 0
    /// Alerts on the team's models opened in the window.
    public var alertsOpened = 0
    /// Median hours from such an alert opening to its first response (acknowledged, assigned,
    /// note, snoozed or resolved); an alert with no response yet counts its wait so far.
    public var responseHoursMedian: Double?
    /// Production models whose owner is not blank.
    public var withOwner = 0
    /// Production models with a risk tier.
    public var withRiskTier = 0
    /// Production models whose current version is recorded in their lineage and approved.
    public var withApprovedVersion = 0
    /// Alerts opened in the window that have an assignee.
    public var alertsAssigned = 0
    /// Alerts opened in the window with at least one note.
    public var alertsWithNotes = 0
    /// Distinct people acting in the window: actors of alert events other than `opened`, and
    /// who started manual runs.
    public var people = 0

    public init() {}

    /// This evidence with the alerts' figures of `other`, read apart
    /// (`PortfolioReader.addAlertEvidence`) from the rest.
    mutating func takeAlertEvidence(from other: TeamEvidence) {
        alertsOpened = other.alertsOpened
        alertsAssigned = other.alertsAssigned
        alertsWithNotes = other.alertsWithNotes
        responseHoursMedian = other.responseHoursMedian
    }

    /// Nothing happened in the window: no run, no metric point, no alert — a window before the
    /// team's history begins. Its levels of 0 would read as a team that got worse; they are unknown.
    public var isEmpty: Bool { runs == 0 && withMetrics == 0 && alertsOpened == 0 }
}

/// The evidence behind one derived level: named figures (for `status --json`) and sentences
/// (for the team detail), with what the next level needs.
public struct MaturityEvidence: Sendable, Hashable {
    public struct Fact: Sendable, Hashable {
        public var key: String
        public var value: Double?
    }

    public var facts: [Fact]
    public var lines: [String]
    /// What the next level needs, or nil at level 4.
    public var nextLevel: String?

    public init(facts: [Fact], lines: [String], nextLevel: String?) {
        self.facts = facts
        self.lines = lines
        self.nextLevel = nextLevel
    }
}

/// The rules that turn evidence into a 0–4 level per component (docs/MATURITY.md). Every
/// threshold is a whole percentage compared in integers, so a boundary is exact.
public enum MaturityDerivation {
    /// The window maturity evidence is gathered over: one quarter.
    public static let evidenceDays = 90

    /// `count / total ≥ percent %`, exactly. A share of nothing is not met. Counts come from kept
    /// tables another client can write: past what a product holds, compared as Doubles.
    static func atLeast(_ count: Int, of total: Int, _ percent: Int) -> Bool {
        guard total > 0 else { return false }
        let (left, over) = count.multipliedReportingOverflow(by: 100), (right, overToo) = total.multipliedReportingOverflow(by: percent)
        return over || overToo ? Double(count) * 100 >= Double(total) * Double(percent) : left >= right
    }

    static func percent(_ count: Int, of total: Int) -> String {
        total == 0 ? "—" : "\(Int(saturating: Double(count) * 100 / Double(total)))%"
    }

    static func share(_ count: Int, of total: Int) -> Double? {
        total == 0 ? nil : Double(count) / Double(total)
    }

    /// A level with the requirement of each level above 0, highest first.
    struct Ladder {
        /// (level, what it needs, whether it is met), for levels 4, 3, 2, 1.
        var rungs: [(level: Int, needs: String, met: Bool)]

        var level: Int { rungs.first { $0.met }?.level ?? 0 }

        var nextLevel: String? {
            let level = level
            guard let next = rungs.first(where: { $0.level == level + 1 }) else { return nil }
            return "level \(next.level) needs \(next.needs)"
        }
    }

    public static func level(_ component: MaturityComponent, _ e: TeamEvidence) -> Int {
        ladder(component, e).level
    }

    public static func evidence(_ component: MaturityComponent, _ e: TeamEvidence) -> MaturityEvidence {
        let days = evidenceDays
        let P = e.productionModels
        /// A fact that is a count, and one that is a share of a total (nil when the total is 0).
        func count(_ key: String, _ value: Int) -> MaturityEvidence.Fact { .init(key: key, value: Double(value)) }
        func shareOf(_ key: String, _ part: Int, _ total: Int) -> MaturityEvidence.Fact { .init(key: key, value: share(part, of: total)) }
        let facts: [MaturityEvidence.Fact]
        let lines: [String]
        switch component {
        case .infrastructureAutomation:
            facts = [count("runs", e.runs), count("automatic_runs", e.automaticRuns), shareOf("automatic_share", e.automaticRuns, e.runs)]
            lines = ["\(e.automaticRuns) of \(e.runs) runs in the last \(days) days started automatically (schedule, commit, drift, api): \(percent(e.automaticRuns, of: e.runs))"]
        case .ciCD:
            facts = [count("production_models", P),
                     shareOf("automated_evaluation_share", e.withAutomatedEvaluation, P),
                     shareOf("automated_deployment_share", e.withAutomatedDeployment, P),
                     count("pipeline_runs_finished", e.pipelineRunsFinished),
                     shareOf("pipeline_success_rate", e.pipelineRunsSucceeded, e.pipelineRunsFinished)]
            lines = ["\(e.withAutomatedEvaluation) of \(P) production models had an automatic evaluation run (\(percent(e.withAutomatedEvaluation, of: P))), \(e.withAutomatedDeployment) an automatic deployment run (\(percent(e.withAutomatedDeployment, of: P)))",
                     "\(e.pipelineRunsSucceeded) of \(e.pipelineRunsFinished) of their evaluation and deployment runs succeeded (\(percent(e.pipelineRunsSucceeded, of: e.pipelineRunsFinished)))"]
        case .modelMonitoring:
            let response = e.responseHoursMedian.map { String(format: "%.1f h", $0) } ?? "no alerts"
            facts = [count("production_models", P),
                     shareOf("metrics_share", e.withMetrics, P),
                     shareOf("drift_checks_share", e.withDriftChecks, P),
                     count("alerts_opened", e.alertsOpened),
                     .init(key: "response_hours_median", value: e.responseHoursMedian)]
            lines = ["\(e.withMetrics) of \(P) production models reported metrics (\(percent(e.withMetrics, of: P))), \(e.withDriftChecks) ran drift checks (\(percent(e.withDriftChecks, of: P)))",
                     "median first response to the \(e.alertsOpened) alerts opened: \(response)"]
        case .governance:
            facts = [count("production_models", P),
                     shareOf("owner_share", e.withOwner, P),
                     shareOf("risk_tier_share", e.withRiskTier, P),
                     shareOf("approved_version_share", e.withApprovedVersion, P)]
            lines = ["of \(P) production models: \(e.withOwner) have an owner (\(percent(e.withOwner, of: P))), \(e.withRiskTier) a risk tier (\(percent(e.withRiskTier, of: P))), \(e.withApprovedVersion) an approved current version in their lineage (\(percent(e.withApprovedVersion, of: P)))"]
        case .collaboration:
            facts = [count("people", e.people), count("alerts_opened", e.alertsOpened),
                     shareOf("assigned_share", e.alertsAssigned, e.alertsOpened),
                     shareOf("noted_share", e.alertsWithNotes, e.alertsOpened)]
            lines = ["\(e.people) people acted on the team's alerts and runs in the last \(days) days",
                     "of \(e.alertsOpened) alerts opened: \(e.alertsAssigned) assigned (\(percent(e.alertsAssigned, of: e.alertsOpened))), \(e.alertsWithNotes) with notes (\(percent(e.alertsWithNotes, of: e.alertsOpened)))"]
        }
        return MaturityEvidence(facts: facts, lines: lines, nextLevel: ladder(component, e).nextLevel)
    }

    static func ladder(_ component: MaturityComponent, _ e: TeamEvidence) -> Ladder {
        let P = e.productionModels
        switch component {
        case .infrastructureAutomation:
            let auto = { (p: Int) in atLeast(e.automaticRuns, of: e.runs, p) }
            return Ladder(rungs: [
                (4, "≥ 95% of runs started automatically", auto(95)),
                (3, "≥ 80% of runs started automatically", auto(80)),
                (2, "≥ 50% of runs started automatically", auto(50)),
                (1, "≥ 20% of runs started automatically", auto(20)),
            ])
        case .ciCD:
            let both = { (p: Int) in atLeast(e.withAutomatedEvaluation, of: P, p) && atLeast(e.withAutomatedDeployment, of: P, p) }
            let success = { (p: Int) in atLeast(e.pipelineRunsSucceeded, of: e.pipelineRunsFinished, p) }
            return Ladder(rungs: [
                (4, "≥ 90% of production models with automatic evaluation and deployment, ≥ 95% of those runs succeeding", both(90) && success(95)),
                (3, "≥ 75% of production models with automatic evaluation and deployment, ≥ 90% of those runs succeeding", both(75) && success(90)),
                (2, "≥ 50% of production models with automatic evaluation and deployment, ≥ 80% of those runs succeeding", both(50) && success(80)),
                (1, "≥ 25% of production models with automatic evaluation or deployment",
                 atLeast(e.withAutomatedEvaluation, of: P, 25) || atLeast(e.withAutomatedDeployment, of: P, 25)),
            ])
        case .modelMonitoring:
            let metrics = { (p: Int) in atLeast(e.withMetrics, of: P, p) }
            let drift = { (p: Int) in atLeast(e.withDriftChecks, of: P, p) }
            let response = { (hours: Double) in e.responseHoursMedian.map { $0 <= hours } ?? true }
            return Ladder(rungs: [
                (4, "≥ 95% of production models with metrics, ≥ 90% with drift checks, alerts answered in ≤ 4 h (median)",
                 metrics(95) && drift(90) && response(4)),
                (3, "≥ 80% of production models with metrics, ≥ 50% with drift checks, alerts answered in ≤ 24 h (median)",
                 metrics(80) && drift(50) && response(24)),
                (2, "≥ 50% of production models with metrics, ≥ 25% with drift checks", metrics(50) && drift(25)),
                (1, "≥ 25% of production models with metrics", metrics(25)),
            ])
        case .governance:
            return Ladder(rungs: [
                (4, "every production model with an owner and a risk tier, ≥ 95% with an approved current version",
                 atLeast(e.withOwner, of: P, 100) && atLeast(e.withRiskTier, of: P, 100) && atLeast(e.withApprovedVersion, of: P, 95)),
                (3, "≥ 90% of production models with an owner and a risk tier, ≥ 75% with an approved current version",
                 atLeast(e.withOwner, of: P, 90) && atLeast(e.withRiskTier, of: P, 90) && atLeast(e.withApprovedVersion, of: P, 75)),
                (2, "≥ 90% of production models with an owner, ≥ 75% with a risk tier",
                 atLeast(e.withOwner, of: P, 90) && atLeast(e.withRiskTier, of: P, 75)),
                (1, "≥ 50% of production models with an owner", atLeast(e.withOwner, of: P, 50)),
            ])
        case .collaboration:
            // With no alerts opened there is nothing to assign or note: those parts are met.
            let assigned = { (p: Int) in e.alertsOpened == 0 || atLeast(e.alertsAssigned, of: e.alertsOpened, p) }
            let noted = { (p: Int) in e.alertsOpened == 0 || atLeast(e.alertsWithNotes, of: e.alertsOpened, p) }
            return Ladder(rungs: [
                (4, "≥ 5 people acting, ≥ 90% of alerts assigned, ≥ 75% with notes", e.people >= 5 && assigned(90) && noted(75)),
                (3, "≥ 3 people acting, ≥ 75% of alerts assigned, ≥ 50% with notes", e.people >= 3 && assigned(75) && noted(50)),
                (2, "≥ 2 people acting, ≥ 50% of alerts assigned", e.people >= 2 && assigned(50)),
                (1, "someone acting on the team's alerts or runs", e.people >= 1),
            ])
        }
    }
}
