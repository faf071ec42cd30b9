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

    /// Adds one row of a `(team_id, production, runs, automatic, cost, finished, succeeded)` select
    /// (as SQLite sums them, 64-bit). By position: thousands of rows.
    mutating func add(_ row: ColumnValues) {
        runs = Self.adding(runs, row.int64(2))
        automatic = Self.adding(automatic, row.int64(3))
        let rowCost = row.double(4)
        cost += rowCost
        if row.bool(1) { productionCost += rowCost }
        finished = Self.adding(finished, row.int64(5))
        succeeded = Self.adding(succeeded, row.int64(6))
    }

    /// Adds one run of a `(model_id, automatic, cost, ended, ended succeeded)` select of a model
    /// `production` or not, `sign` times (−1: taken away). By position: thousands of rows.
    mutating func add(run row: ColumnValues, production: Bool, sign: Int) {
        runs &+= sign
        if row.bool(1) { automatic &+= sign }
        let rowCost = Double(sign) * row.double(2)
        cost += rowCost
        guard production else { return }
        productionCost += rowCost
        if row.bool(3) { finished &+= sign }
        if row.bool(4) { succeeded &+= sign }
    }

    /// Adds a production model's evaluation or deployment run that ended, succeeded or failed.
    mutating func addFinished(succeeded didSucceed: Bool) {
        finished &+= 1
        if didSucceed { succeeded &+= 1 }
    }

    /// A count plus a count read from the store, wrapping as SQLite's own integer sums cannot:
    /// counts of runs never come near the bounds, but a reader must not trap on what it reads.
    private static func adding(_ count: Int, _ more: Int64) -> Int { count &+ Int(truncatingIfNeeded: more) }
}

/// The runs' window figures per team, read in O(the window's days): the whole UTC weeks from
/// `run_weeks` (migration v19) and the other whole days from `run_days` (v12), the two partial
/// edge days each by the fewer of its runs (those in the window added, or the day's others taken
/// from its totals), and of the whole days' runs that finished on the as-of day only those
/// finished by as_of. A store opened read-only before v12 reads every run of the window instead
/// (the same figures; a differential test holds the two equal at random as-of times and windows).
extension PortfolioReader {
    static let secondsPerDay: Int64 = 86_400

    /// The UTC day a store time falls on, floored (a time before 1970 is on a negative day), as
    /// `run_day_facts` computes it.
    static func day(of time: Int64) -> Int64 {
        floored(time, by: secondsPerDay)
    }

    /// `value ÷ divisor` rounded down, as SQL's `value / d - (value % d < 0)` in the views computes it.
    private static func floored(_ value: Int64, by divisor: Int64) -> Int64 {
        value / divisor - (value % divisor < 0 ? 1 : 0)
    }

    /// Per team id, the totals of its runs started in `window`; only `team`'s when given.
    /// `teamOf` is `teamOfModel()` when the caller has read it already.
    func runWindowTotals(_ window: FigureWindow, team: Int64? = nil, teamOf known: ModelTeams? = nil) throws -> [Int64: RunWindowTotals] {
        guard features.has(.runDays) else { return try runWindowTotalsByRow(window, team: team) }
        return try runWindowTotalsByDay(window, team: team, teamOf: known ?? teamOfModel(team: team))
    }

    /// A window's days as the kept-by-day reads name them: `:fd` and `:ld`, the days of its start
    /// and end (partial: the whole days are those between), and `:whole_from` and `:whole_to`,
    /// where the whole days begin and end.
    static func wholeDays(_ window: FigureWindow) -> StatementArguments {
        let (start, end) = window.bounds
        let firstDay = day(of: start), lastDay = day(of: end)
        return ["fd": firstDay, "ld": lastDay, "whole_from": (firstDay + 1) * secondsPerDay, "whole_to": lastDay * secondsPerDay]
    }

    func runWindowTotalsByDay(_ window: FigureWindow, team: Int64? = nil, teamOf: ModelTeams) throws -> [Int64: RunWindowTotals] {
        let (start, end) = window.bounds
        let firstDay = Self.day(of: start), lastDay = Self.day(of: end)
        // Each edge day is read by the smaller of its two parts: the window's runs of the day,
        // added, or the day's other runs, taken from its whole-day totals (which the read of
        // whole days, by day or by week, then includes). At a dashboard's as-of the last day's
        // other runs are in the future, so none; on the first day, whichever part of the day
        // holds fewer runs. Reading the edge days' runs was most of a 30-day window's cost on a
        // million runs.
        // After the largest time there is none: an empty part (its first second after its last).
        let afterEnd = end == .max ? (from: Int64.max, to: Int64.max - 1) : (from: end + 1, to: Self.lastSecond(of: lastDay))
        let edges = [
            EdgeDay(day: firstDay, inside: (start + 1, Self.lastSecond(of: firstDay)), outside: (Self.firstSecond(of: firstDay), start)),
            EdgeDay(day: lastDay, inside: (Self.firstSecond(of: lastDay), end), outside: afterEnd),
        ]
        let whole = try edges.map { try $0.fewerOutside(db) }
        if whole.contains(true) {
            let read = try runWindowTotalsByDay(endingAt: end, team: team, teamOf: teamOf, edges: edges, whole: whole)
            if read.takenCost < Self.costTakenApart, read.totals.values.allSatisfy({ $0.cost.isFinite && $0.productionCost.isFinite }) {
                return read.totals
            }
        }
        // Costs too large to take apart again exactly: the window's runs of the edge days are
        // then read as they are.
        return try runWindowTotalsByDay(endingAt: end, team: team, teamOf: teamOf, edges: edges, whole: [false, false]).totals
    }

    /// The most compute cost taken away from a day's totals (the sum of the costs of its runs
    /// outside the window) that leaves the window's cost right to the cent: a day's total is one
    /// double, and beside a huge cost the small ones are lost to its rounding ((1e20 + 250) − 1e20
    /// is 0). Far beyond any day's compute; beyond it the edge day's runs are read instead.
    static let costTakenApart = 1e9

    /// The first and last of the weeks (v19: seven days from a day divisible by seven) that lie
    /// wholly within days `fromDay` … `toDay`; nil when none does.
    static func wholeWeeks(fromDay: Int64, toDay: Int64) -> (first: Int64, last: Int64)? {
        let first = week(of: fromDay) + (fromDay % 7 == 0 ? 0 : 1), last = week(of: toDay) - ((toDay + 1) % 7 == 0 ? 0 : 1)
        return first <= last ? (first, last) : nil
    }

    /// The week `day` falls in, floored as run_week_rows floors it (a day before 1970 is in a negative week).
    static func week(of day: Int64) -> Int64 {
        floored(day, by: 7)
    }

    /// The first second of `day`, or the least store time when it is before that.
    private static func firstSecond(of day: Int64) -> Int64 {
        let first = day.multipliedReportingOverflow(by: secondsPerDay)
        return first.overflow ? .min : first.partialValue
    }

    /// The last second of `day`, or the largest store time when it is after that (the first day
    /// there is begins before the least store time but ends after it).
    private static func lastSecond(of day: Int64) -> Int64 {
        let next = (day + 1).multipliedReportingOverflow(by: secondsPerDay)
        return next.overflow ? (day < 0 ? .min : .max) : next.partialValue - 1
    }

    /// An edge day and its runs by their start times (first and last second, both included):
    /// those in the window, and the day's others.
    private struct EdgeDay {
        var day: Int64
        var inside: (from: Int64, to: Int64)
        var outside: (from: Int64, to: Int64)

        /// Whether the day's runs outside the window are fewer than those in it (counted through
        /// the runs' time index, without reading a run).
        func fewerOutside(_ db: Database) throws -> Bool {
            let count = try db.cachedStatement(sql: "SELECT count(*) FROM pipeline_runs WHERE coalesce(started_at, queued_at) BETWEEN ? AND ?")
            let outsideRuns = try Int.fetchOne(count, arguments: [outside.from, outside.to]) ?? 0
            let insideRuns = try Int.fetchOne(count, arguments: [inside.from, inside.to]) ?? 0
            return outsideRuns < insideRuns
        }

        /// The part read (`whole`: the runs outside the window, which count against the day's
        /// totals) and its sign in the sums.
        func read(whole: Bool) -> (from: Int64, to: Int64, sign: Int) {
            whole ? (outside.from, outside.to, -1) : (inside.from, inside.to, 1)
        }
    }

    /// The totals of the window ending at `end` with each edge day read as `whole` says: the
    /// whole day's totals less its runs outside the window, or its runs inside; and the sum of the
    /// costs taken away (their sizes).
    private func runWindowTotalsByDay(endingAt end: Int64, team: Int64?, teamOf: ModelTeams, edges: [EdgeDay], whole: [Bool])
        throws -> (totals: [Int64: RunWindowTotals], takenCost: Double) {
        let lastDay = edges[1].day
        // The days whose totals are read from run_days, and where their runs begin and end.
        let fromDay = whole[0] ? edges[0].day : edges[0].day + 1, toDay = whole[1] ? lastDay : lastDay - 1
        let first = edges[0].read(whole: whole[0]), last = edges[1].read(whole: whole[1])
        let ofTeam = team == nil ? "" : " AND team_id = :t"
        // Each read returns its rows one by one, summed here by team: a window's days and weeks
        // are read in key order, day (week) first, a few thousand rows, where walking them team
        // by team sought each team's rows apart (a millisecond per range of days on 250 teams)
        // and grouping them in SQL sorted them.
        let days = """
            SELECT team_id, production, runs, automatic, cost, CASE WHEN finish_day < :ld THEN finished ELSE 0 END,
              CASE WHEN finish_day < :ld THEN succeeded ELSE 0 END
            FROM run_days WHERE day >= :from AND day <= :to\(ofTeam)
            """
        var reads: [(sql: String, arguments: StatementArguments)] = [(days, ["from": fromDay, "to": toDay])]
        // The whole weeks that end before the last day from run_weeks (v19), and the days before
        // and after them from run_days.
        if features.has(.runWeeks), let weeks = Self.wholeWeeks(fromDay: fromDay, toDay: min(toDay, lastDay - 1)) {
            reads = [(fromDay, weeks.first * 7 - 1), (weeks.last * 7 + 7, toDay)].filter { $0.0 <= $0.1 }.map { (days, ["from": $0.0, "to": $0.1]) }
            reads.append(("""
                SELECT team_id, production, runs, automatic, cost, CASE WHEN late < :ld THEN finished ELSE 0 END,
                  CASE WHEN late < :ld THEN succeeded ELSE 0 END
                FROM run_weeks WHERE week >= :from AND week <= :to\(ofTeam)
                """, ["from": weeks.first, "to": weeks.last]))
        }
        // The edge days' runs, through the runs' time index: added (the window's) or taken away
        // (the day's others). Each run's model is matched to its team and stage in memory
        // (`teamOf`; with `team`, its runs kept), as run_day_facts' join to models would, which
        // cost more than the rest of the read (thousands of runs a day on a million-run store).
        let edgeRuns = """
            SELECT model_id, trigger <> 'manual', CASE WHEN started_at IS NOT NULL THEN coalesce(compute_cost, 0) ELSE 0 END,
              \(Self.endedBy(succeeded: false)), \(Self.endedBy(succeeded: true))
            FROM pipeline_runs WHERE coalesce(started_at, queued_at) >= :from AND coalesce(started_at, queued_at) <= :to
            """
        var taken = 0.0
        var totals: [Int64: RunWindowTotals] = [:]
        for (read, sign) in [(first, first.sign), (last, last.sign)] where read.from <= read.to {
            try db.forEachRow(edgeRuns, arguments: ["e": end, "from": read.from, "to": read.to]) { row in
                guard let model = row.integer(0).flatMap({ teamOf[$0] }), team == nil || model.team == team else { return }
                totals[model.team, default: RunWindowTotals()].add(run: row, production: model.production, sign: sign)
                if sign < 0 { taken += abs(row.double(2)) }
            }
        }
        // The whole days' runs that finished on the as-of day by as_of, through runs_by_status.
        try db.forEachRow("""
            SELECT model_id, status = 'succeeded' FROM pipeline_runs
            WHERE status IN ('succeeded', 'failed') AND finished_at >= :whole_to AND finished_at <= :e
              AND coalesce(started_at, queued_at) >= :days_from AND coalesce(started_at, queued_at) <= :days_to
              AND kind IN ('evaluation', 'deployment')
            """, arguments: ["e": end, "whole_to": Self.firstSecond(of: lastDay), "days_from": Self.firstSecond(of: fromDay),
                             "days_to": Self.lastSecond(of: toDay)]) { row in
            guard let model = row.integer(0).flatMap({ teamOf[$0] }), model.production, team == nil || model.team == team else { return }
            totals[model.team, default: RunWindowTotals()].addFinished(succeeded: row.bool(1))
        }
        for (sql, arguments) in reads {
            try db.forEachRow(sql, arguments: arguments + ["ld": lastDay, "t": team]) { row in totals[row.int64(0), default: RunWindowTotals()].add(row) }
        }
        // A team whose runs of the window were all taken away again has none, as when read by row.
        return (totals.filter { $0.value.runs != 0 || $0.value.finished != 0 }, taken)
    }

    /// Whether a run is an evaluation or deployment that ended (`succeeded`: ended succeeded) by
    /// `:e`: what counts toward CI/CD's figures for a production model, as run_day_facts says.
    private static func endedBy(succeeded: Bool) -> String {
        """
        (kind IN ('evaluation', 'deployment') AND \(succeeded ? "status = 'succeeded'" : "status IN ('succeeded', 'failed')")
          AND finished_at <= :e)
        """
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
        try db.forEachRow("""
            SELECT m.team_id, m.stage = 'production' AS production, count(*) AS runs,
              coalesce(sum(r.trigger <> 'manual'), 0) AS automatic,
              coalesce(sum(CASE WHEN r.started_at IS NOT NULL THEN coalesce(r.compute_cost, 0) ELSE 0 END), 0) AS cost,
              coalesce(sum(\(endedInWindow) AND r.status IN ('succeeded', 'failed')), 0) AS finished,
              coalesce(sum(\(endedInWindow) AND r.status = 'succeeded'), 0) AS succeeded
            FROM pipeline_runs r JOIN models m ON m.id = r.model_id
            WHERE coalesce(r.started_at, r.queued_at) > :s AND coalesce(r.started_at, r.queued_at) <= :e\(ofTeam)
            GROUP BY m.team_id, m.stage = 'production'
            """, arguments: ["s": start, "e": end, "t": team]) { row in totals[row.int64(0), default: RunWindowTotals()].add(row) }
        return totals
    }
}
