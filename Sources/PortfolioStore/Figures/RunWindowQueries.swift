import Foundation
import GRDB
import Portfolio

/// What a team's runs started in a window add up to: the runs and automatic runs (maturity's
/// infrastructure automation), their compute cost and that of production models' runs (cost
/// figures), and production models' evaluation and deployment runs that ended succeeded or failed
/// by the window's end (CI/CD). docs/METRICS.md and docs/MATURITY.md define each.
struct RunWindowTotals: Sendable, Hashable {
    var runs = 0
    var automatic = 0
    var cost = 0.0
    var productionCost = 0.0
    var finished = 0
    var succeeded = 0

    /// Adds one row of a `(team_id, production, runs, automatic, cost, finished, succeeded)` select.
    mutating func add(_ row: Row) {
        runs += row["runs"] as Int
        automatic += row["automatic"] as Int
        let rowCost: Double = row["cost"]
        cost += rowCost
        if row["production"] as Bool { productionCost += rowCost }
        finished += row["finished"] as Int
        succeeded += row["succeeded"] as Int
    }
}

/// The runs' window figures per team, read in O(the window's days): the whole UTC days from
/// `run_days` (migration v12), the two partial edge days from the runs, and of the whole days'
/// runs that finished on the as-of day only those finished by as_of. A store opened read-only
/// before v12 reads every run of the window instead (the same figures; a differential test holds
/// the two equal at random as-of times and windows).
extension PortfolioReader {
    static let secondsPerDay: Int64 = 86_400

    /// The UTC day a store time falls on, floored (a time before 1970 is on a negative day), as
    /// `run_day_facts` computes it.
    static func day(of time: Int64) -> Int64 {
        time / secondsPerDay - (time % secondsPerDay < 0 ? 1 : 0)
    }

    /// Per team id, the totals of its runs started in `window`; only `team`'s when given.
    func runWindowTotals(_ window: FigureWindow, team: Int64? = nil) throws -> [Int64: RunWindowTotals] {
        features.has(.runDays) ? try runWindowTotalsByDay(window, team: team) : try runWindowTotalsByRow(window, team: team)
    }

    /// A window's days as the kept-by-day reads name them: `:fd` and `:ld`, the days of its start
    /// and end (partial: the whole days are those between), and `:whole_from` and `:whole_to`,
    /// where the whole days begin and end.
    static func wholeDays(_ window: FigureWindow) -> StatementArguments {
        let (start, end) = window.bounds
        let firstDay = day(of: start), lastDay = day(of: end)
        return ["fd": firstDay, "ld": lastDay, "whole_from": (firstDay + 1) * secondsPerDay, "whole_to": lastDay * secondsPerDay]
    }

    func runWindowTotalsByDay(_ window: FigureWindow, team: Int64? = nil) throws -> [Int64: RunWindowTotals] {
        let (start, end) = window.bounds
        let arguments: StatementArguments = ["s": start, "e": end, "t": team] + Self.wholeDays(window)
        let ofTeam = team == nil ? "" : " AND t.id = :t"
        let factsOfTeam = team == nil ? "" : " AND team_id = :t"
        var totals: [Int64: RunWindowTotals] = [:]
        // Walked team by team in id order through run_days_by_team (v16), so the sums come out
        // grouped as they are read: grouping the window's rows by a sort cost twice the reading.
        let byTeam = features.has(.runDaysByTeam)
        let statements = [
            """
            SELECT t.id AS team_id, d.production, sum(d.runs) AS runs, sum(d.automatic) AS automatic, sum(d.cost) AS cost,
              sum(CASE WHEN d.finish_day < :ld THEN d.finished ELSE 0 END) AS finished,
              sum(CASE WHEN d.finish_day < :ld THEN d.succeeded ELSE 0 END) AS succeeded
            FROM teams t \(byTeam ? "NOT INDEXED CROSS JOIN run_days d INDEXED BY run_days_by_team" : "JOIN run_days d")
              ON d.team_id = t.id AND d.production IN (0, 1) AND d.day > :fd AND d.day < :ld
            WHERE 1\(ofTeam) GROUP BY t.id, d.production
            """,
            // The edge days' runs, through the runs' time index.
            """
            SELECT team_id, production, count(*) AS runs, sum(automatic) AS automatic, sum(cost) AS cost,
              sum(finished AND finished_at <= :e) AS finished, sum(succeeded AND finished_at <= :e) AS succeeded
            FROM (SELECT * FROM run_day_facts WHERE started > :s AND started < :whole_from
                  UNION ALL SELECT * FROM run_day_facts WHERE started >= :whole_to AND started <= :e)
            WHERE 1\(factsOfTeam) GROUP BY team_id, production
            """,
            // The whole days' runs that finished on the as-of day by as_of, through runs_by_status.
            """
            SELECT team_id, production, 0 AS runs, 0 AS automatic, 0.0 AS cost, count(*) AS finished, sum(succeeded) AS succeeded
            FROM run_day_facts
            WHERE status IN ('succeeded', 'failed') AND finished_at >= :whole_to AND finished_at <= :e
              AND started >= :whole_from AND started < :whole_to AND finished\(factsOfTeam)
            GROUP BY team_id, production
            """,
        ]
        for sql in statements {
            for row in try Row.fetchAll(db, sql: sql, arguments: arguments) { totals[row["team_id"], default: RunWindowTotals()].add(row) }
        }
        return totals
    }

    /// The same totals from every run of the window: what a store before v12 reads, and what the
    /// differential test holds `runWindowTotalsByDay` to. Written from the definitions, not from
    /// `run_day_facts`, which such a store lacks.
    func runWindowTotalsByRow(_ window: FigureWindow, team: Int64? = nil) throws -> [Int64: RunWindowTotals] {
        let (start, end) = window.bounds
        let ofTeam = team == nil ? "" : " AND m.team_id = :t"
        let endedInWindow = """
            m.stage = 'production' AND r.kind IN ('evaluation', 'deployment') AND r.finished_at <= :e
            """
        var totals: [Int64: RunWindowTotals] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT m.team_id, m.stage = 'production' AS production, count(*) AS runs,
              coalesce(sum(r.trigger <> 'manual'), 0) AS automatic,
              coalesce(sum(CASE WHEN r.started_at IS NOT NULL THEN coalesce(r.compute_cost, 0) ELSE 0 END), 0) AS cost,
              coalesce(sum(\(endedInWindow) AND r.status IN ('succeeded', 'failed')), 0) AS finished,
              coalesce(sum(\(endedInWindow) AND r.status = 'succeeded'), 0) AS succeeded
            FROM pipeline_runs r JOIN models m ON m.id = r.model_id
            WHERE coalesce(r.started_at, r.queued_at) > :s AND coalesce(r.started_at, r.queued_at) <= :e\(ofTeam)
            GROUP BY m.team_id, m.stage = 'production'
            """, arguments: ["s": start, "e": end, "t": team]) {
            totals[row["team_id"], default: RunWindowTotals()].add(row)
        }
        return totals
    }
}
