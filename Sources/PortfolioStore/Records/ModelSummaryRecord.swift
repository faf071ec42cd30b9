import GRDB
import Portfolio

/// A Models panel row from `modelSummaries`' query: a row of `models` with its team's name as
/// `team_name` and the per-model figures it computes (`active_critical`, `active_warning`,
/// `active_info`, `last_status`, `annual_cost`): the only place.
extension ModelSummary: FetchableRecord {
    public init(row: Row) {
        self.init(name: row["name"], team: row["team_name"], owner: row["owner"], stage: row.word("stage", or: .development),
                  version: row["version"], riskTier: row.word("risk_tier"), businessValue: row["business_value"],
                  servingCostPerMonth: row["serving_cost_per_month"],
                  activeBySeverity: [.critical: row["active_critical"], .warning: row["active_warning"], .info: row["active_info"]],
                  lastRunStatus: row.word("last_status"), annualizedCost: row.amount("annual_cost"))
    }
}
