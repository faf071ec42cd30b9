import GRDB
import Portfolio

/// An assessment from a row of `maturity_assessments` with its team's name as `team_name`: the only place.
extension MaturityAssessment: FetchableRecord {
    public init(row: Row) {
        self.init(team: row["team_name"], component: row.word("component", or: .governance), level: row["level"],
                  assessedAt: row.time("assessed_at"), assessor: row["assessor"], evidence: row["evidence"])
    }
}
