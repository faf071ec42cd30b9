import GRDB
import Portfolio

/// A model from a row of `models` with its team's name as `team_name`: the only place. Its tags
/// and versions are rows of their own tables, read by `PortfolioReader.model(named:)`.
extension Model: FetchableRecord {
    public init(row: Row) {
        self.init(name: row["name"], team: row["team_name"], owner: row["owner"], useCase: row["use_case"],
                  stage: row.word("stage", or: .development), version: row["version"], riskTier: row.word("risk_tier"),
                  businessValue: row["business_value"], servingCostPerMonth: row["serving_cost_per_month"],
                  createdAt: row.time("created_at"))
    }
}

/// A version from a row of `model_versions`: the only place.
extension ModelVersion: FetchableRecord {
    public init(row: Row) {
        self.init(version: row["version"], createdAt: row.time("created_at"), stage: row.word("stage"),
                  approvalStatus: row.word("approval_status", or: .pending), approvedBy: row["approved_by"],
                  approvedAt: row.time("approved_at"))
    }
}
