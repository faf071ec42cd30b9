import Foundation
import Portfolio

/// The figures as `status --json` prints them (docs/METRICS.md names each): unrounded, an
/// undefined figure (a median of nothing, a rate over no deployments) as null.
extension Figures: ScriptRecord {
    public var script: ScriptValue {
        .fields([
            "models_in_production": .int(modelsInProduction), "models_total": .int(modelsTotal),
            "active_critical_alerts": .int(activeCriticalAlerts), "active_warning_alerts": .int(activeWarningAlerts),
            "active_alerts": .int(activeAlerts), "failed_runs_last_24h": .int(failedRunsLast24h), "running_runs": .int(runningRuns),
            "value_in_production": .number(valueInProduction), "value_at_risk": .number(valueAtRisk),
            "deployments_in_window": .int(deploymentsInWindow), "deployment_frequency_per_week": .number(deploymentFrequencyPerWeek),
            "lead_time_hours_median": .number(leadTimeHoursMedian), "lead_time_samples": .int(leadTimeSamples),
            "change_failure_rate": .number(changeFailureRate), "failed_changes": .int(failedChanges),
            "time_to_restore_hours_median": .number(timeToRestoreHoursMedian), "restore_samples": .int(restoreSamples),
            "compute_cost_in_window": .number(computeCostInWindow), "annualized_cost_of_production": .number(annualizedCostOfProduction),
            "value_to_cost_ratio": .number(valueToCostRatio),
        ])
    }
}

/// A team's figures: the same keys, and its name.
extension TeamFigures: ScriptRecord {
    public var script: ScriptValue { figures.script.adding(["name": .text(name)]) }
}

/// The portfolio's figures at the top level, with the window, every team's and the maturity.
extension FiguresReport: ScriptRecord {
    public var script: ScriptValue {
        portfolio.script.adding(["as_of": .time(window.asOf), "window_days": .int(window.days), "teams": .records(teams),
                                 "maturity": .records(maturity)])
    }
}

/// One component of one team: assessed beside derived, with the evidence's named figures (and
/// its sentences joined as `summary`, and `next_level`).
extension MaturityFigure: ScriptRecord {
    public var script: ScriptValue {
        .fields([
            "team": .text(team), "component": .word(component), "assessed_level": .int(assessedLevel),
            "derived_level": .int(derivedLevel), "gap": .int(gap),
            "evidence": .object(evidence.facts.map { ($0.key, .number($0.value)) }
                                + [("summary", .text(evidence.lines.joined(separator: "; "))), ("next_level", .text(evidence.nextLevel))]),
        ])
    }
}
