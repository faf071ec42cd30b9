import Foundation
import GRDB
import Portfolio

/// The SQL that gathers maturity evidence per team over `(asOf − 90 days, asOf]` (docs/MATURITY.md).
/// Runs are counted by day (`runWindowTotals`), alerts found through (model_id, opened_at), alert
/// events through (kind, at); production models with their series read once (one team's looked at
/// one by one).
extension PortfolioReader {
    /// Every team's evidence, keyed by team id (teams with nothing at all are absent); with
    /// `team`, that team's only. `teamOf` is `teamOfModel()` when the caller has read it already.
    func teamEvidence(asOf: Date, days: Int = MaturityDerivation.evidenceDays, team: Int64? = nil,
                      teamOf known: ModelTeams? = nil) throws -> [Int64: TeamEvidence] {
        var evidence: [Int64: TeamEvidence] = [:]
        try addRunEvidence(asOf: asOf, days: days, team: team, teamOf: known, into: &evidence)
        try addAlertEvidence(asOf: asOf, days: days, team: team, teamOf: known, into: &evidence)
        try addPeopleEvidence(asOf: asOf, days: days, team: team, into: &evidence)
        return evidence
    }

    /// An evidence part's window, its `:s`, `:e` and `:t` arguments, and the condition on models
    /// `m` that keeps `team`'s only (empty for every team's).
    private static func evidenceScope(asOf: Date, days: Int, team: Int64?)
        -> (window: FigureWindow, arguments: StatementArguments, ofTeam: String) {
        let window = FigureWindow(asOf: asOf, days: days)
        return (window, ["s": window.bounds.start, "e": window.bounds.end, "t": team], team == nil ? "" : " AND m.team_id = :t")
    }

    /// The evidence of runs and production models (the first part of `teamEvidence`, a read of its own).
    func addRunEvidence(asOf: Date, days: Int = MaturityDerivation.evidenceDays, team: Int64? = nil,
                        teamOf known: ModelTeams? = nil, into evidence: inout [Int64: TeamEvidence]) throws {
        let (window, arguments, ofTeam) = Self.evidenceScope(asOf: asOf, days: days, team: team)
        for (id, totals) in try runWindowTotals(window, team: team, teamOf: known) {
            var e = TeamEvidence()
            e.runs = totals.runs
            e.automaticRuns = totals.automatic
            e.pipelineRunsFinished = totals.finished
            e.pipelineRunsSucceeded = totals.succeeded
            evidence[id] = e
        }

        let approved = """
            EXISTS (SELECT 1 FROM model_versions v WHERE v.model_id = m.id AND v.version = m.version
                      AND v.approval_status = 'approved' AND (v.approved_at IS NULL OR v.approved_at <= :e))
            """
        // Every team's: the models' series read once each (a few per model, of every stage) and
        // matched in memory, rather than four look-ups per production model.
        if team == nil, let series = try productionSeriesInWindow(arguments) {
            try db.forEachRow("""
                SELECT m.id, m.team_id, trim(m.owner) <> '', m.risk_tier IS NOT NULL, \(approved)
                FROM models m WHERE m.stage = 'production'
                """, arguments: arguments) { row in
                let found = series[row.int64(0)] ?? []
                Self.addProductionModel(to: &evidence[row.int64(1), default: TeamEvidence()],
                                        [found.contains(.evaluation), found.contains(.deployment), found.contains(.metric),
                                         found.contains(.drift), row.bool(2), row.bool(3), row.bool(4)])
            }
            return
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT m.team_id,
              \(automaticRun(.evaluation)) AS auto_eval, \(automaticRun(.deployment)) AS auto_deploy,
              \(metricInWindow(drift: false)) AS metrics, \(metricInWindow(drift: true)) AS drift,
              trim(m.owner) <> '' AS owner,
              m.risk_tier IS NOT NULL AS tier,
              \(approved) AS approved
            FROM models m WHERE m.stage = 'production'\(ofTeam)
            """, arguments: arguments) {
            // By position: a column looked up by name is lower-cased on each row (thousands here).
            Self.addProductionModel(to: &evidence[row[0] as Int64, default: TeamEvidence()], (1...7).map { row[$0] as Bool })
        }
    }

    /// What one production model adds to its team's evidence: whether it has an automatic
    /// evaluation, an automatic deployment, a metric and a drift check in the window, an owner, a
    /// risk tier and an approved current version, in that order.
    private static func addProductionModel(to e: inout TeamEvidence, _ has: [Bool]) {
        e.productionModels += 1
        if has[0] { e.withAutomatedEvaluation += 1 }
        if has[1] { e.withAutomatedDeployment += 1 }
        if has[2] { e.withMetrics += 1 }
        if has[3] { e.withDriftChecks += 1 }
        if has[4] { e.withOwner += 1 }
        if has[5] { e.withRiskTier += 1 }
        if has[6] { e.withApprovedVersion += 1 }
    }

    /// What a model's series show in `(:s, :e]`: a bit set, as thousands of models are marked
    /// (a `Set` per model cost more than the reading).
    struct SeriesInWindow: OptionSet, Sendable {
        let rawValue: UInt8
        static let evaluation = SeriesInWindow(rawValue: 1)
        static let deployment = SeriesInWindow(rawValue: 2)
        static let metric = SeriesInWindow(rawValue: 4)
        static let drift = SeriesInWindow(rawValue: 8)
    }

    /// Per model (of any stage), which of its automatic evaluations and deployments (v16's
    /// automatic_run_series) and metric and drift series (metric_series) have a run or point in
    /// `(:s, :e]`, under the same rule as `automaticRun` and `metricInWindow`: a series whose
    /// latest is inside the window has one, and one whose latest is after it is asked with one
    /// seek. Nil when the store predates those tables.
    private func productionSeriesInWindow(_ arguments: StatementArguments) throws -> [Int64: SeriesInWindow]? {
        guard features.has(.automaticRunSeries), features.has(.metricSeries) else { return nil }
        var found: [Int64: SeriesInWindow] = [:]
        try db.forEachRow("""
            SELECT q.model_id, q.kind = 'evaluation' FROM automatic_run_series q
            WHERE q.kind IN ('evaluation', 'deployment') AND q.last_at > :s
              AND (q.last_at <= :e OR EXISTS (SELECT 1 FROM pipeline_runs r WHERE r.model_id = q.model_id AND r.kind = q.kind
                     AND r.trigger <> 'manual' AND coalesce(r.started_at, r.queued_at) > :s AND coalesce(r.started_at, r.queued_at) <= :e))
            """, arguments: arguments) { row in found[row.int64(0), default: []].insert(row.bool(1) ? .evaluation : .deployment) }
        try db.forEachRow("""
            SELECT q.model_id, q.name >= 'drift.' AND q.name < 'drift/' FROM metric_series q
            WHERE q.last_at > :s
              AND (q.last_at <= :e OR EXISTS (SELECT 1 FROM metric_points p WHERE p.model_id = q.model_id AND p.name = q.name
                                                AND p.at > :s AND p.at <= :e))
            """, arguments: arguments) { row in found[row.int64(0), default: []].formUnion(row.bool(1) ? [.metric, .drift] : .metric) }
        return found
    }

    /// The evidence of alerts (the second part of `teamEvidence`, a read of its own).
    func addAlertEvidence(asOf: Date, days: Int = MaturityDerivation.evidenceDays, team: Int64? = nil,
                          teamOf known: ModelTeams? = nil, into evidence: inout [Int64: TeamEvidence]) throws {
        let (window, arguments, ofTeam) = Self.evidenceScope(asOf: asOf, days: days, team: team)
        let end = window.bounds.end
        // Tens of thousands of alerts on a large store: read by position (ColumnValues),
        // (every team's) matched to their teams in memory rather than by a look-up each, and
        // counted in place, by team id (copying a team's evidence out and back per alert, and its
        // responses apart, cost more than the reading).
        var tallies = IDTable(blank: AlertTally())
        let byModel = team == nil && features.has(.alertFacts)
        let teamOf = byModel ? try known ?? teamOfModel() : nil
        // From the facts, their times as stored, compared with :e here: 50k alerts on a large
        // store, and each comparison in SQL cost more than reading the time.
        let fromFacts = features.has(.alertFacts)
        let addAlert = { (row: ColumnValues) in
            let key = row.int64(0)
            // By model (matched to its team, or skipped when it has none), or by team.
            let id: Int64? = if let teamOf { teamOf[key]?.team } else { key }
            guard let id else { return }
            let opened = row.int64(1)
            let assigned: Bool, noted: Bool, responded: Int64
            if fromFacts {
                let by = { (column: Int32) in row.optionalInt64(column).map { $0 <= end } ?? false }
                assigned = row.bool(2) || by(3)
                noted = by(4)
                responded = row.optionalInt64(5).flatMap { $0 <= end ? $0 : nil } ?? end
            } else {
                (assigned, noted, responded) = (row.bool(2), row.bool(3), row.optionalInt64(4) ?? end)
            }
            tallies.update(id) { $0.add(assigned: assigned, noted: noted, hours: max(0, SafeNumbers.difference(responded, opened)) / 3600) }
        }
        let weeks = byModel && features.has(.alertWeeks) ? Self.wholeAlertWeeks(window) : nil
        if let weeks {
            // The whole weeks' settled alerts a row per team and week; the rest of the window's
            // alerts (its other days, and the whole weeks' alerts not settled in their week) one
            // by one.
            try db.forEachRow("SELECT team_id, assigned, noted, seconds FROM alert_weeks WHERE week >= ? AND week <= ?",
                              arguments: [weeks.first, weeks.last]) { row in
                tallies.update(row.int64(0)) { $0.add(assignedCount: row.int64(1), notedCount: row.int64(2), secondsIn: row, column: 3) }
            }
            let (from, to) = (weeks.first * Self.secondsPerWeek, weeks.last * Self.secondsPerWeek + Self.secondsPerWeek)
            for (start, last) in [(window.bounds.start, from - 1), (to - 1, end)] where start < last {
                try db.forEachRow(Self.alertResponsesFromFactsSQL(), arguments: ["s": start, "e": last], addAlert)
            }
            try db.forEachRow(Self.unsettledAlertResponsesSQL, arguments: [from, to], addAlert)
        } else {
            let answered = !fromFacts ? Self.alertResponsesSQL(ofTeam: ofTeam)
                : byModel ? Self.alertResponsesFromFactsSQL() : Self.teamAlertResponsesFromFactsSQL()
            try db.forEachRow(answered, arguments: arguments, addAlert)
        }
        for (id, tally) in tallies.entries {
            evidence[id, default: TeamEvidence()].alertsOpened += tally.hours.count
            evidence[id]?.alertsAssigned += tally.assigned
            evidence[id]?.alertsWithNotes += tally.noted
            evidence[id]?.responseHoursMedian = Statistics.median(tally.hours)
        }
    }

    static let secondsPerWeek: Int64 = 7 * secondsPerDay

    /// The weeks of alert_weeks (v20) that lie wholly within `window`'s whole days, between its
    /// edge days: every alert settled in such a week counts in the window as settled (its week
    /// ends before the window's last day begins). Nil when there is none, or when the window
    /// reaches beyond the times alert_weeks keeps (±4·10¹² s).
    static func wholeAlertWeeks(_ window: FigureWindow) -> (first: Int64, last: Int64)? {
        let (start, end) = window.bounds
        guard start > -keptAlertTimes, end < keptAlertTimes else { return nil }
        return wholeWeeks(fromDay: day(of: start) + 1, toDay: day(of: end) - 1)
    }

    /// The bound on times of alerts that alert_weeks (v20) holds.
    static let keptAlertTimes: Int64 = 4_000_000_000_000

    /// A team's alerts of the window as they are read: how many were assigned and had notes, and
    /// the hours each waited for its first response (one per alert).
    private struct AlertTally: Sendable {
        var assigned = 0
        var noted = 0
        var hours: [Double] = []

        mutating func add(assigned isAssigned: Bool, noted isNoted: Bool, hours waited: Double) {
            if isAssigned { assigned += 1 }
            if isNoted { noted += 1 }
            hours.append(waited)
        }

        /// Adds a row of alert_weeks: each of its seconds to first response, and its counts, each
        /// at most the row's alerts (what another program wrote there must not make a count that
        /// no window holds, and that overflows a percentage).
        mutating func add(assignedCount: Int64, notedCount: Int64, secondsIn row: ColumnValues, column: Int32) {
            let before = hours.count
            row.forEachInteger(inListAt: column) { hours.append(Double($0) / 3600) }
            let alerts = Int64(hours.count - before)
            assigned += Int(min(max(0, assignedCount), alerts))
            noted += Int(min(max(0, notedCount), alerts))
        }
    }

    /// The evidence of people acting (the third part of `teamEvidence`, a read of its own).
    func addPeopleEvidence(asOf: Date, days: Int = MaturityDerivation.evidenceDays, team: Int64? = nil,
                           into evidence: inout [Int64: TeamEvidence]) throws {
        let (window, arguments, ofTeam) = Self.evidenceScope(asOf: asOf, days: days, team: team)
        let all = arguments + Self.wholeDays(window)
        if features.has(.actorDays), features.has(.actorLast) {
            // The people of the whole days, and whether anyone else acted on an edge day: when
            // no one did, the edge days' events and runs (a day of a large store's events, each
            // joined to its alert and model: most of this part) can add no one.
            var counted: [(team: Int64, people: Int)] = []
            var others = 0
            try db.forEachRow(Self.peopleOfWholeDaysSQL(ofTeam: team != nil), arguments: all) { row in
                counted.append((row.int64(0), Int(truncatingIfNeeded: row.int64(1))))
                others &+= Int(truncatingIfNeeded: row.int64(2))
            }
            if others == 0 {
                for (id, people) in counted where people > 0 { evidence[id, default: TeamEvidence()].people = people }
                return
            }
        }
        let people = !features.has(.actorDays) ? Self.peopleSQL(ofTeam: ofTeam)
            : Self.peopleByDaySQL(ofTeam: team != nil, lastDays: features.has(.actorLast))
        for row in try Row.fetchAll(db, sql: people, arguments: all) {
            evidence[row["team_id"], default: TeamEvidence()].people = row["people"]
        }
    }

    /// Per team, from actor_last (v16): its people who acted on one of the window's whole days
    /// (as `peopleByDaySQL` counts them), and how many others acted on an edge day (:fd or :ld),
    /// in part of which the window lies. Everyone who acted in the window's part of an edge day
    /// has that day in actor_days, so with no others the whole days' people are all. `CASE`, not
    /// `AND` and `OR`: in a value SQLite works out both sides of those, a seek into actor_days
    /// for each of a large store's 6,500 people (5 ms) where only those past the window need one.
    static func peopleOfWholeDaysSQL(ofTeam: Bool) -> String {
        let day = { (condition: String) in
            "EXISTS (SELECT 1 FROM actor_days d WHERE d.team_id = p.team_id AND d.person = p.person AND \(condition))"
        }
        return """
            SELECT team_id, sum(whole), sum(CASE WHEN whole THEN 0 ELSE \(day("d.day IN (:fd, :ld)")) END) FROM (
              SELECT p.team_id, p.person,
                CASE WHEN p.last_day <= :fd THEN 0 WHEN p.last_day < :ld THEN 1 ELSE \(day("d.day > :fd AND d.day < :ld")) END AS whole
              FROM actor_last p WHERE p.last_day >= :fd\(ofTeam ? " AND p.team_id = :t" : "")
            ) p GROUP BY team_id
            """
    }

    /// Each team's people who acted in `(:s, :e]`, read from every alert event and manual run of
    /// the window: a store before v15, and the differential test's reference.
    static func peopleSQL(ofTeam: String) -> String {
        """
        SELECT team_id, count(DISTINCT person) AS people FROM (
          SELECT m.team_id, x.actor AS person
          FROM alert_events x JOIN drift_alerts a ON a.id = x.alert_id JOIN models m ON m.id = a.model_id
          WHERE x.kind IN ('acknowledged', 'assigned', 'note', 'snoozed', 'resolved', 'reopened', 'escalated')
            AND x.at > :s AND x.at <= :e AND trim(coalesce(x.actor, '')) <> ''\(ofTeam)
          UNION
          SELECT m.team_id, r.started_by AS person
          FROM pipeline_runs r JOIN models m ON m.id = r.model_id
          WHERE r.trigger = 'manual' AND coalesce(r.started_at, r.queued_at) > :s AND coalesce(r.started_at, r.queued_at) <= :e
            AND trim(coalesce(r.started_by, '')) <> ''\(ofTeam)
        ) GROUP BY team_id
        """
    }

    /// The same from actor_days (v15): each team's people — from actor_last (v16), the last day
    /// each acted, asking actor_days only for those who acted on or after the window's last day;
    /// before v16 walked one look-up at a time (the next person after the last, through the key) —
    /// kept when the person has a day among the window's whole days; and the people of the two
    /// edge days, from their events and runs.
    static func peopleByDaySQL(ofTeam: Bool, lastDays: Bool) -> String {
        let edgeTeam = ofTeam ? " AND team_id = :t" : ""
        let wholeDay = """
            EXISTS (SELECT 1 FROM actor_days d WHERE d.team_id = p.team_id AND d.person = p.person AND d.day > :fd AND d.day < :ld)
            """
        let walked = lastDays ? """
            SELECT team_id, count(*) AS people FROM (
              SELECT p.team_id, p.person FROM actor_last p WHERE p.last_day > :fd AND (p.last_day < :ld OR \(wholeDay))\(edgeTeam)
            """ : """
            WITH RECURSIVE pair(team_id, person) AS (
              SELECT t.id, (SELECT min(d.person) FROM actor_days d WHERE d.team_id = t.id) FROM teams t\(ofTeam ? " WHERE t.id = :t" : "")
              UNION ALL
              SELECT p.team_id, (SELECT min(d.person) FROM actor_days d WHERE d.team_id = p.team_id AND d.person > p.person)
              FROM pair p WHERE p.person IS NOT NULL
            )
            SELECT team_id, count(*) AS people FROM (
              SELECT p.team_id, p.person FROM pair p WHERE p.person IS NOT NULL AND \(wholeDay)
            """
        return walked + """
              UNION SELECT team_id, person FROM actor_event_facts WHERE acted_at > :s AND acted_at < :whole_from\(edgeTeam)
              UNION SELECT team_id, person FROM actor_event_facts WHERE acted_at >= :whole_to AND acted_at <= :e\(edgeTeam)
              UNION SELECT team_id, person FROM actor_run_facts WHERE acted_at > :s AND acted_at < :whole_from\(edgeTeam)
              UNION SELECT team_id, person FROM actor_run_facts WHERE acted_at >= :whole_to AND acted_at <= :e\(edgeTeam)
            ) GROUP BY team_id
            """
    }

    /// Whether production model `m` has a metric point (a `drift.` one with `drift`) in `(:s, :e]`:
    /// through its series' latest points (v16's metric_series), a seek into a series only when
    /// its latest point is after the window; before v16, from the model's points.
    func metricInWindow(drift: Bool) -> String {
        let names = { (alias: String) in drift ? " AND \(alias).name >= 'drift.' AND \(alias).name < 'drift/'" : "" }
        guard features.has(.metricSeries) else {
            return "EXISTS (SELECT 1 FROM metric_points p WHERE p.model_id = m.id\(names("p")) AND p.at > :s AND p.at <= :e)"
        }
        return """
            EXISTS (SELECT 1 FROM metric_series q WHERE q.model_id = m.id\(names("q")) AND q.last_at > :s
                      AND (q.last_at <= :e OR EXISTS (SELECT 1 FROM metric_points p WHERE p.model_id = q.model_id AND p.name = q.name
                                                        AND p.at > :s AND p.at <= :e)))
            """
    }

    /// Whether production model `m` has an automatically triggered run of `kind` started in
    /// `(:s, :e]`: from its latest such run (v16's automatic_run_series), with one look-up in
    /// runs_automatic (v12) only when that run started after the window; before v16 that look-up
    /// alone, or (before v12) the model's runs of the window.
    func automaticRun(_ kind: RunKind) -> String {
        let lookUp = """
            EXISTS (SELECT 1 FROM pipeline_runs r WHERE r.model_id = m.id AND r.kind = '\(kind.rawValue)' AND r.trigger <> 'manual'
                      AND coalesce(r.started_at, r.queued_at) > :s AND coalesce(r.started_at, r.queued_at) <= :e)
            """
        guard features.has(.automaticRunSeries) else { return lookUp }
        return """
            EXISTS (SELECT 1 FROM automatic_run_series q WHERE q.model_id = m.id AND q.kind = '\(kind.rawValue)' AND q.last_at > :s
                      AND (q.last_at <= :e OR \(lookUp)))
            """
    }

    /// The facts stored for an alert (migration v14) that say how it was answered by :e: when it
    /// opened, whether it is assigned now, and when it was first assigned, noted and answered —
    /// compared with :e as they are read (`addAlertEvidence`).
    private static let answeredFromFacts = """
        f.opened_at, f.assigned_now, f.first_assigned_at, f.first_note_at, f.first_response_at
        """

    /// The window's alerts with the facts that say how they were answered, by model (its first
    /// column), through alert_facts_opened alone.
    static func alertResponsesFromFactsSQL() -> String {
        "SELECT f.model_id, \(answeredFromFacts) FROM alert_facts f WHERE f.opened_at > :s AND f.opened_at <= :e"
    }

    /// The alerts opened in `[?, ?)` that v20's alert_weeks does not hold (not settled in their
    /// week), with the facts that say how they were answered, by model, through
    /// alert_facts_unsettled alone: its condition is the index's (v20's `settled`), as SQLite uses
    /// a partial index only for a query that says its condition.
    static let unsettledAlertResponsesSQL = """
        SELECT model_id, opened_at, assigned_now, first_assigned_at, first_note_at, first_response_at FROM alert_facts
        WHERE opened_at >= ? AND opened_at < ?
          AND NOT (\(StoreSchema.settled("")))
        """

    /// Team :t's alerts of the window with the facts that say how they were answered, found
    /// through the team's models and their alerts by opening (alerts_by_model_opened), not among
    /// every team's.
    static func teamAlertResponsesFromFactsSQL() -> String {
        """
        SELECT m.team_id, \(answeredFromFacts)
        FROM models m JOIN drift_alerts a INDEXED BY alerts_by_model_opened ON a.model_id = m.id JOIN alert_facts f ON f.alert_id = a.id
        WHERE m.team_id = :t AND a.opened_at > :s AND a.opened_at <= :e
        """
    }

    /// The same read from the alerts' events (a store opened read-only before v14, and the
    /// differential test's reference). An alert's events are read through its
    /// primary key (alert_id, seq): the unary `+` keeps SQLite from choosing alert_events_by_kind
    /// (kind, at) instead, which walks every event of that kind in the store for each alert
    /// (minutes on a store of 100k alerts).
    static func alertResponsesSQL(ofTeam: String = "") -> String {
        """
        SELECT m.team_id, a.opened_at,
          (a.assignee IS NOT NULL AND trim(a.assignee) <> '')
            OR EXISTS (SELECT 1 FROM alert_events x WHERE x.alert_id = a.id AND +x.kind = 'assigned' AND +x.at <= :e) AS assigned,
          EXISTS (SELECT 1 FROM alert_events x WHERE x.alert_id = a.id AND +x.kind = 'note' AND +x.at <= :e) AS noted,
          (SELECT min(x.at) FROM alert_events x WHERE x.alert_id = a.id
             AND +x.kind IN ('acknowledged', 'assigned', 'note', 'snoozed', 'resolved') AND +x.at <= :e) AS responded
        FROM models m JOIN drift_alerts a ON a.model_id = m.id
        WHERE a.opened_at > :s AND a.opened_at <= :e\(ofTeam)
        """
    }

    /// `EXPLAIN QUERY PLAN` of the alert responses query, for a test that it uses the keys.
    func alertResponsesPlanForTests(asOf: Date) throws -> String {
        let (start, end) = FigureWindow(asOf: asOf, days: MaturityDerivation.evidenceDays).bounds
        return try queryPlan(Self.alertResponsesSQL(), ["s": start, "e": end])
    }

    /// Each team's latest self-assessed level per component: what `list maturity` shows first.
    func latestAssessedLevels() throws -> [Int64: [MaturityComponent: Int]] {
        var levels: [Int64: [MaturityComponent: Int]] = [:]
        // SQLite takes a bare column of a `max()` aggregate from the row holding the maximum; the
        // key (team_id, component, assessed_at) makes that row one. A third of the time of a
        // correlated `max` per row on 10k assessments.
        for row in try Row.fetchAll(db, sql: """
            SELECT team_id, component, level, max(assessed_at) FROM maturity_assessments GROUP BY team_id, component
            """) {
            guard let component = MaturityComponent(rawValue: row["component"]) else { continue }
            levels[row["team_id"], default: [:]][component] = row["level"]
        }
        return levels
    }

    /// One team's derived levels over the last `quarters` 90-day windows ending at `asOf`, oldest first.
    public func derivedMaturityTrend(team: String, asOf: Date, quarters: Int = 4) throws -> [DerivedQuarter] {
        guard let id = try teamID(team) else { return [] }
        return try (0..<quarters).reversed().map { k in
            let end = asOf.addingTimeInterval(-Double(k * MaturityDerivation.evidenceDays) * 86_400)
            let evidence = try teamEvidence(asOf: end, team: id)[id] ?? TeamEvidence()
            guard !evidence.isEmpty else { return DerivedQuarter(end: end, levels: [:]) }
            return DerivedQuarter(end: end, levels: Dictionary(uniqueKeysWithValues: MaturityComponent.allCases.map {
                ($0, MaturityDerivation.level($0, evidence))
            }))
        }
    }
}

/// A team's derived levels for the 90 days ending at `end`; none for a window with no evidence.
public struct DerivedQuarter: Sendable, Hashable {
    public var end: Date
    public var levels: [MaturityComponent: Int]
}
