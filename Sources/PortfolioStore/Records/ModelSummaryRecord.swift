import GRDB
import Portfolio

/// A Models panel row from `modelSummaries`' query: a row of `models` with its team's name as
/// `team_name` and the per-model figures it computes (`active_alerts`, `worst`, `last_status`,
/// `annual_cost`): the only place.
extension ModelSummary: FetchableRecord {
    public init(row: Row) {
        self.init(name: row["name"], team: row["team_name"], owner: row["owner"], stage: row.word("stage", or: .development),
                  version: row["version"], riskTier: row.word("risk_tier"), businessValue: row["business_value"],
                  servingCostPerMonth: row["serving_cost_per_month"], activeAlerts: row["active_alerts"],
                  worstActiveSeverity: row.word("worst"), lastRunStatus: row.word("last_status"), annualizedCost: row["annual_cost"])
    }
}
