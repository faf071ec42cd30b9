import Foundation
import Portfolio

/// The figures as `status --json` prints them (docs/METRICS.md names each): unrounded, an
/// undefined figure (a median of nothing, a rate over no deployments) as null.
extension Figures: Encodable {
    public func encode(to encoder: Encoder) throws {
        var json = encoder.container(keyedBy: ScriptKey.self)
        try json.put("models_in_production", modelsInProduction)
        try json.put("models_total", modelsTotal)
        try json.put("active_critical_alerts", activeCriticalAlerts)
        try json.put("active_warning_alerts", activeWarningAlerts)
        try json.put("active_alerts", activeAlerts)
        try json.put("failed_runs_last_24h", failedRunsLast24h)
        try json.put("running_runs", runningRuns)
        try json.put("value_in_production", valueInProduction)
        try json.put("value_at_risk", valueAtRisk)
        try json.put("deployments_in_window", deploymentsInWindow)
        try json.put("deployment_frequency_per_week", deploymentFrequencyPerWeek)
        try json.put("lead_time_hours_median", leadTimeHoursMedian)
        try json.put("lead_time_samples", leadTimeSamples)
        try json.put("change_failure_rate", changeFailureRate)
        try json.put("failed_changes", failedChanges)
        try json.put("time_to_restore_hours_median", timeToRestoreHoursMedian)
        try json.put("restore_samples", restoreSamples)
        try json.put("compute_cost_in_window", computeCostInWindow)
        try json.put("annualized_cost_of_production", annualizedCostOfProduction)
        try json.put("value_to_cost_ratio", valueToCostRatio)
    }
}

/// A team's figures: the same keys, and its name.
extension TeamFigures: Encodable {
    public func encode(to encoder: Encoder) throws {
        try figures.encode(to: encoder)
        var json = encoder.container(keyedBy: ScriptKey.self)
        try json.put("name", name)
    }
}

/// The portfolio's figures at the top level, with the window, every team's and the maturity.
extension FiguresReport: Encodable {
    public func encode(to encoder: Encoder) throws {
        try portfolio.encode(to: encoder)
        var json = encoder.container(keyedBy: ScriptKey.self)
        try json.put("as_of", window.asOf)
        try json.put("window_days", window.days)
        try json.put("teams", teams)
        try json.put("maturity", maturity)
    }
}

/// One component of one team: assessed beside derived, with the evidence's named figures.
extension MaturityFigure: Encodable {
    public func encode(to encoder: Encoder) throws {
        var json = encoder.container(keyedBy: ScriptKey.self)
        try json.put("team", team)
        try json.put("component", component)
        try json.put("assessed_level", assessedLevel)
        try json.put("derived_level", derivedLevel)
        try json.put("gap", gap)
        try json.put("evidence", evidence)
    }
}

/// The evidence's named figures, with its sentences joined as `summary` and `next_level`.
extension MaturityEvidence: Encodable {
    public func encode(to encoder: Encoder) throws {
        var json = encoder.container(keyedBy: ScriptKey.self)
        for fact in facts { try json.put(fact.key, fact.value) }
        try json.put("summary", lines.joined(separator: "; "))
        try json.put("next_level", nextLevel)
    }
}
