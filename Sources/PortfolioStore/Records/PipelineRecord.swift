import GRDB
import Portfolio

/// A pipeline from a row of `pipelines` with its team's name as `team_name`: the only place.
extension Pipeline: FetchableRecord {
    public init(row: Row) {
        self.init(name: row["name"], team: row["team_name"], schedule: row["schedule"], description: row["description"])
    }
}
