import GRDB
import Portfolio

/// A team as a row of `teams` becomes one: the only place.
extension Team: FetchableRecord {
    public init(row: Row) {
        self.init(name: row["name"], industry: row["industry"], lead: row["lead"], description: row["description"])
    }
}
