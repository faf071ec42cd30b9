import Foundation
import GRDB
import Portfolio
@testable import PortfolioStore
import Testing
import TestSupport

/// The window figures kept by day (migration v12's run_days), by deployment (v13's
/// deployment_facts), by alert (v14's alert_facts), by person and day (v15's actor_days), the
/// teams' alerts, models' metric series and automatic runs and people's last days (v16), and by
/// resolution (v17's restoration_facts) against the same figures read from every run, alert,
/// event and point: after every kind of write, and at many as-of times and windows.
@Suite("Window figures kept by day, deployment and alert")
struct RunDaysTests {
    /// The same reader without any kept figure table (v12–v17): every run and alert event of the
    /// window read, as before v12.
    static func rowByRow(_ reader: PortfolioReader) -> PortfolioReader {
        PortfolioReader(db: reader.db, features: SchemaFeatures(present: reader.features.present.subtracting([.runDays, .deploymentFacts, .alertFacts, .actorDays,
                                                                                                 .alertTeamCounts, .metricSeries, .automaticRunSeries, .actorLast,
                                                                                                 .restorationFacts, .runWeeks, .alertWeeks])))
    }

    /// A small deterministic generator of test cases (SplitMix64).
    struct Cases {
        var state: UInt64
        mutating func next(below bound: Int64) -> Int64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int64((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    /// Windows over a store's history: random ends from before its first run to after its last,
    /// some exactly on a UTC midnight or a second beside one, of 1 to 400 days.
    /// With `lastDays`, only windows ending in the history's last that many days, where a
    /// generated store's alerts and deployments are (the writes add runs from before 1970).
    static func windows(_ db: Database, count: Int, seed: UInt64, lastDays: Int64? = nil) throws -> [FigureWindow] {
        let row = try #require(try Row.fetchOne(db, sql: "SELECT min(coalesce(started_at, queued_at)) AS a, max(coalesce(finished_at, started_at, queued_at)) AS b FROM pipeline_runs"))
        let last: Int64 = row["b"], first: Int64 = max(row["a"], lastDays.map { last - $0 * 86_400 } ?? Int64.min)
        var cases = Cases(state: seed)
        return (0..<count).map { index in
            var end = first - 86_400 + cases.next(below: last - first + 3 * 86_400)
            switch index % 4 {
            case 1: end = PortfolioReader.day(of: end) * 86_400
            case 2: end = PortfolioReader.day(of: end) * 86_400 - 1
            default: break
            }
            let days = [1, 2, 7, 30, 90, 400][Int(cases.next(below: 6))]
            return FigureWindow(asOf: Date(timeIntervalSince1970: TimeInterval(end)), days: days)
        }
    }

    /// By day as by row: for one team, with its own models' teams and with every model's.
    static func expectSameTotals(_ reader: PortfolioReader, _ window: FigureWindow, team: Int64? = nil) throws {
        let byRow = try reader.runWindowTotalsByRow(window, team: team)
        for teamOf in try [reader.teamOfModel(team: team)] + (team == nil ? [] : [reader.teamOfModel()]) {
            let byDay = try reader.runWindowTotalsByDay(window, team: team, teamOf: teamOf)
            for id in Set(byDay.keys).union(byRow.keys) {
                var day = byDay[id] ?? RunWindowTotals(), row = byRow[id] ?? RunWindowTotals()
                #expect(abs(day.cost - row.cost) < 0.005 && abs(day.productionCost - row.productionCost) < 0.005,
                        "team \(id) at \(ISOTime.format(window.asOf)) over \(window.days) days")
                day.cost = 0; day.productionCost = 0; row.cost = 0; row.productionCost = 0
                #expect(day == row, "team \(id) at \(ISOTime.format(window.asOf)) over \(window.days) days")
            }
        }
    }

    static func expectSameDeployments(_ reader: PortfolioReader, _ window: FigureWindow) throws {
        let key = { (deployment: PortfolioReader.Deployment) in "\(deployment.team) \(deployment.leadHours.map { "\($0)" } ?? "-") \(deployment.failed)" }
        let stored = try reader.deploymentsInWindow(window).map(key).sorted()
        #expect(stored == (try reader.deploymentsByRow(window).map(key).sorted()), "at \(ISOTime.format(window.asOf)) over \(window.days) days")
    }

    /// Returns how many restorations the window holds.
    static func expectSameRestorations(_ reader: PortfolioReader, _ window: FigureWindow) throws -> Int {
        let key = { (restoration: PortfolioReader.Restoration) in "\(restoration.team) \(restoration.hours)" }
        let stored = try reader.restorationsInWindow(window).map(key).sorted()
        #expect(stored == (try reader.restorationsByRow(window).map(key).sorted()), "at \(ISOTime.format(window.asOf)) over \(window.days) days")
        return stored.count
    }

    /// Inserts, updates and deletes of runs (before 1970 too) and of critical alerts, and models
    /// changing team and stage.
    static let manyWrites = """
        INSERT INTO pipeline_runs (external_id, pipeline_id, model_id, kind, status, trigger, queued_at, started_at, finished_at, compute_cost)
          SELECT 'days-' || id, pipeline_id, model_id, 'deployment', 'succeeded', 'commit', queued_at - 86400 * (id % 9) - 3600,
                 started_at - 86400 * (id % 9) - 3600, finished_at - 86400 * (id % 9) + 7200, 1.005
          FROM pipeline_runs WHERE id % 7 = 0 AND started_at IS NOT NULL AND finished_at IS NOT NULL;
        INSERT INTO pipeline_runs (external_id, pipeline_id, model_id, kind, status, trigger, queued_at, started_at, finished_at, compute_cost)
          SELECT 'days-old-' || id, pipeline_id, model_id, 'evaluation', 'failed', 'schedule', -86401, -86400, 3, 2.5
          FROM pipeline_runs WHERE id % 50 = 1;
        UPDATE pipeline_runs SET status = 'failed', finished_at = coalesce(finished_at, started_at, queued_at) + 60 WHERE id % 11 = 0;
        UPDATE pipeline_runs SET trigger = 'manual' WHERE id % 13 = 0;
        UPDATE pipeline_runs SET kind = 'evaluation' WHERE id % 17 = 0;
        UPDATE pipeline_runs SET compute_cost = NULL WHERE id % 19 = 0;
        UPDATE pipeline_runs SET started_at = NULL, finished_at = NULL, status = 'queued' WHERE id % 23 = 0;
        UPDATE pipeline_runs SET name = 'renamed' WHERE id % 3 = 0;
        UPDATE pipeline_runs SET model_id = (SELECT max(id) FROM models) WHERE id % 29 = 0;
        UPDATE models SET stage = CASE stage WHEN 'production' THEN 'staging' ELSE 'production' END WHERE id % 4 = 0;
        UPDATE models SET team_id = (SELECT min(id) FROM teams) WHERE id % 5 = 0;
        UPDATE models SET owner = 'someone' WHERE id % 2 = 0;
        DELETE FROM run_steps WHERE run_id IN (SELECT id FROM pipeline_runs WHERE id % 31 = 0);
        DELETE FROM pipeline_runs WHERE id % 31 = 0;
        UPDATE pipeline_runs SET is_rollback = 1 WHERE id % 37 = 0 AND kind = 'deployment';
        UPDATE pipeline_runs SET model_version = 'other-version' WHERE id % 41 = 0;
        INSERT INTO drift_alerts (external_id, model_id, feature, method, score, threshold, severity, status, opened_at)
          SELECT 'days-alert-' || id, model_id, 'f', 'psi', 0.5, 0.2, 'critical', 'open', finished_at + 3600 * (id % 200)
          FROM pipeline_runs WHERE kind = 'deployment' AND status = 'succeeded' AND id % 5 = 0;
        UPDATE drift_alerts SET severity = 'critical' WHERE id % 5 = 0;
        UPDATE drift_alerts SET severity = 'warning' WHERE id % 11 = 0;
        UPDATE drift_alerts SET opened_at = opened_at - 86400 WHERE id % 7 = 0;
        UPDATE drift_alerts SET model_id = (SELECT min(id) FROM models) WHERE id % 13 = 0;
        DELETE FROM alert_events WHERE alert_id IN (SELECT id FROM drift_alerts WHERE id % 9 = 0);
        DELETE FROM drift_alerts WHERE id % 9 = 0;
        UPDATE drift_alerts SET assignee = CASE WHEN assignee IS NULL THEN 'someone' ELSE ' ' END WHERE id % 4 = 0;
        INSERT INTO alert_events (alert_id, seq, kind, at, actor)
          SELECT id, 1000, CASE id % 3 WHEN 0 THEN 'note' WHEN 1 THEN 'assigned' ELSE 'acknowledged' END, opened_at + 60 * (id % 5000), 'days'
          FROM drift_alerts WHERE id % 3 = 0 OR id % 8 = 1;
        UPDATE alert_events SET at = at + 86400 WHERE seq = 1000 AND alert_id % 2 = 0;
        UPDATE alert_events SET actor = 'other ' || (alert_id % 3) WHERE seq = 1000 AND alert_id % 5 = 0;
        UPDATE pipeline_runs SET trigger = 'manual', started_by = 'starter ' || (id % 4) WHERE id % 43 = 0;
        UPDATE pipeline_runs SET started_by = 7 WHERE id % 47 = 0 AND trigger = 'manual';
        UPDATE alert_events SET kind = 'note' WHERE kind = 'assigned' AND alert_id % 6 = 1;
        DELETE FROM alert_events WHERE kind = 'acknowledged' AND alert_id % 10 = 3;
        UPDATE drift_alerts SET status = 'resolved', resolved_at = opened_at + 7200 WHERE id % 6 = 5;
        UPDATE drift_alerts SET status = 'snoozed', snoozed_until = opened_at + 86400 * (id % 40) WHERE id % 10 = 7;
        UPDATE drift_alerts SET status = 'snoozed', snoozed_until = NULL WHERE id % 20 = 3;
        UPDATE drift_alerts SET status = 'acknowledged' WHERE id % 12 = 1;
        INSERT OR IGNORE INTO metric_points (model_id, name, at, value)
          SELECT model_id, CASE id % 2 WHEN 0 THEN 'drift.days' ELSE 'days' END, opened_at + 60 * (id % 100), 0.5 FROM drift_alerts;
        DELETE FROM metric_points WHERE at % 7 = 0;
        UPDATE OR IGNORE metric_points SET at = at + 86400 * 40 WHERE at % 11 = 1;
        UPDATE OR IGNORE metric_points SET name = 'drift.renamed' WHERE at % 13 = 2;
        UPDATE OR IGNORE metric_points SET model_id = (SELECT max(id) FROM models) WHERE at % 17 = 3;
        INSERT INTO alert_events (alert_id, seq, kind, at, actor)
          SELECT id, 1001, 'resolved', opened_at + 3600 * (id % 50), 'days' FROM drift_alerts WHERE id % 3 = 1;
        INSERT INTO alert_events (alert_id, seq, kind, at, actor)
          SELECT id, 1002, 'reopened', opened_at + 3600 * (id % 50) + 600, 'days' FROM drift_alerts WHERE id % 6 = 1;
        INSERT INTO alert_events (alert_id, seq, kind, at, actor)
          SELECT id, 1003, 'resolved', opened_at + 3600 * (id % 50) + 7200, 'days' FROM drift_alerts WHERE id % 12 = 1;
        UPDATE alert_events SET at = at + 86400 * 3 WHERE seq = 1003 AND alert_id % 24 = 1;
        UPDATE alert_events SET seq = 999 WHERE seq = 1002 AND alert_id % 18 = 7;
        UPDATE alert_events SET kind = 'note' WHERE kind = 'resolved' AND seq < 1000 AND alert_id % 5 = 2;
        DELETE FROM alert_events WHERE kind = 'reopened' AND alert_id % 7 = 3;
        UPDATE drift_alerts SET severity = 'critical' WHERE id % 3 = 1;
        UPDATE drift_alerts SET opened_at = opened_at + 60 WHERE id % 14 = 1;
        UPDATE alert_events SET alert_id = (SELECT min(id) FROM drift_alerts), seq = 2000 + alert_id WHERE seq = 1003 AND alert_id % 36 = 13;
        """

    @Test("run_days, run_weeks, deployment_facts, alert_facts, alert_weeks, actor_days, alert_team_counts, metric_series, automatic_run_series, actor_last and restoration_facts equal what the runs, alerts, events and metric points say after inserts, updates and deletes of each and models moving team and stage, and doctor --repair refills them")
    func runDaysFollowEveryWrite() throws {
        let folder = TemporaryFolder("run-days-writes")
        let path = folder.file("store.sqlite")
        let store = try PortfolioStore.open(path: path)
        _ = try PortfolioImporter(store: store).importFiles([RepoPaths.sampleData])
        try store.close()
        try ForeignClient.execute(path, Self.manyWrites)
        let queue = try DatabaseQueue(path: path)
        try queue.read { db throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM run_days WHERE day < 0") ?? 0 > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM deployment_facts WHERE failure_at IS NOT NULL") ?? 0 > 10)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM deployment_facts WHERE first_training_at IS NOT NULL") ?? 0 > 10)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM alert_team_counts WHERE status = 'snoozed'") ?? 0 > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM metric_series WHERE name = 'drift.renamed'") ?? 0 > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM restoration_facts WHERE seq = 1003 AND began_at IS NOT NULL") ?? 0 > 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM alert_weeks WHERE seconds LIKE '%,%'") ?? 0 > 0)
            #expect(try StoreDoctor.keptTables(db).isEmpty)
        }
        try queue.write { db in
            try db.execute(sql: """
                UPDATE run_days SET runs = runs + 1, cost = cost + 0.5 WHERE day % 3 = 0;
                UPDATE run_weeks SET finished = finished + 1 WHERE week % 2 = 0;
                UPDATE deployment_facts SET failure_at = NULL WHERE run_id % 2 = 0;
                UPDATE alert_facts SET first_response_at = first_response_at + 1 WHERE alert_id % 2 = 0;
                DELETE FROM actor_days WHERE day % 5 = 0;
                UPDATE alert_team_counts SET alerts = alerts + 1 WHERE team_id % 2 = 0;
                UPDATE metric_series SET last_at = last_at - 1 WHERE model_id % 3 = 0;
                UPDATE automatic_run_series SET last_at = last_at + 1 WHERE model_id % 2 = 0;
                DELETE FROM actor_last WHERE team_id % 2 = 1;
                UPDATE restoration_facts SET began_at = began_at - 1 WHERE alert_id % 2 = 0;
                UPDATE alert_weeks SET noted = noted + 1 WHERE week % 2 = 0;
                """)
        }
        try queue.read { db throws in
            let findings = try StoreDoctor.keptTables(db).map(\.problem)
            #expect(findings.count == 11)
            #expect(findings.contains { $0.hasPrefix("alert_weeks differs from the alerts' answers it sums by team and week") })
            #expect(findings.contains { $0.hasPrefix("run_weeks differs from the runs it sums by week") })
            #expect(findings.contains { $0.hasPrefix("restoration_facts differs from the alert resolutions' times to restore") })
            #expect(findings.contains { $0.hasPrefix("automatic_run_series differs from the models' latest automatic evaluation and deployment runs") })
            #expect(findings.contains { $0.hasPrefix("actor_last differs from the last day each of a team's people acted") })
            #expect(findings.contains { $0.hasPrefix("alert_team_counts differs from the alerts it counts by team, status and severity") })
            #expect(findings.contains { $0.hasPrefix("metric_series differs from the models' metric series and their latest points") })
            #expect(findings.contains { $0.hasPrefix("run_days differs from the runs it sums by day") })
            #expect(findings.contains { $0.hasPrefix("deployment_facts differs from the succeeded deployments' lead-time and failure facts") })
            #expect(findings.contains { $0.hasPrefix("alert_facts differs from the alerts' first assignment, note and response") })
            #expect(findings.contains { $0.hasPrefix("actor_days differs from who acted for each team by day") })
        }
        try queue.close()
        let reopened = try PortfolioStore.open(path: path)
        defer { try? reopened.close() }
        _ = try StoreDoctor.repair(reopened)
        try reopened.read { reader throws in #expect(try StoreDoctor.keptTables(reader.db).isEmpty) }
    }

    @Test("A resolution another program overwrites with INSERT OR REPLACE, which fires no delete trigger, leaves restoration_facts")
    func replacedResolutionLeavesRestorationFacts() throws {
        let folder = TemporaryFolder("run-days-replace")
        let path = try SampleStoreTemplate.copy(into: folder)
        let resolutions = try ForeignClient.strings(path, "SELECT count(*) FROM restoration_facts").first ?? "0"
        try ForeignClient.execute(path, """
            INSERT OR REPLACE INTO alert_events (alert_id, seq, kind, at, actor)
              SELECT alert_id, seq, 'note', at, 'replaced' FROM alert_events WHERE kind = 'resolved' AND alert_id % 2 = 0;
            """)
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try queue.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM alert_events WHERE actor = 'replaced'") ?? 0 > 5)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM restoration_facts") ?? 0 < Int(resolutions) ?? 0)
            let restorations = try #require(KeptTable.all.first { $0.table == "restoration_facts" })
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(restorations.unmatched(restorations.keptRows, in: restorations.expectedRows)))") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(restorations.unmatched(restorations.expectedRows, in: restorations.keptRows)))") == 0)
        }
    }

    @Test("An edge day with fewer runs outside the window than in it is read as its day's totals less those runs, and read as it is when their costs are too large to take apart exactly")
    func edgeDayReadByItsFewerRuns() throws {
        let folder = TemporaryFolder("run-days-edges")
        let path = try SampleStoreTemplate.copy(into: folder)
        let end = try #require(Int64(try ForeignClient.strings(path, "SELECT max(coalesce(started_at, queued_at)) FROM pipeline_runs").first ?? ""))
        // 09:00 ten days before the history ends, over 30 days: the first edge day's window part
        // is from 09:00 to midnight, its other part from midnight to 09:00.
        let window = FigureWindow(asOf: Date(timeIntervalSince1970: TimeInterval(PortfolioReader.day(of: end) * 86_400 - 10 * 86_400 + 9 * 3_600)), days: 30)
        let edge = PortfolioReader.day(of: window.bounds.start) * 86_400
        func runs(_ name: String, count: Int, from: Int64, cost: String) -> String {
            """
            INSERT INTO pipeline_runs (external_id, pipeline_id, model_id, kind, status, trigger, queued_at, started_at, finished_at, compute_cost)
              WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < \(count))
              SELECT '\(name)-' || value, (SELECT min(id) FROM pipelines), (SELECT min(id) FROM models WHERE stage = 'production'),
                'evaluation', 'succeeded', 'schedule',
                \(from) + 60 * value, \(from) + 60 * value, \(from) + 60 * value + 30, \(cost)
              FROM n;
            """
        }
        // Many runs in the window's part of the day, and two before it.
        try ForeignClient.execute(path, runs("inside", count: 200, from: edge + 10 * 3_600, cost: "1.25")
                                  + runs("outside", count: 2, from: edge + 3_600, cost: "2.5"))
        let start = window.bounds.start
        let parts = try [(edge, start), (start + 1, edge + 86_399)].map { from, to in
            try ForeignClient.strings(path, "SELECT count(*) FROM pipeline_runs WHERE coalesce(started_at, queued_at) BETWEEN \(from) AND \(to)").first
        }
        #expect(parts[0].flatMap(Int.init) ?? .max < parts[1].flatMap(Int.init) ?? 0, "the day's runs outside and inside the window: \(parts)")
        let inside = try Self.totals(path, window)
        #expect(inside.byDay == inside.byRow && inside.byRow.runs >= 200 && inside.byRow.finished >= 200, "\(inside)")
        // A cost outside the window beside which the window's are lost to rounding ((1e20 + 250)
        // − 1e20 is 0), then two whose sum is infinite: the window's runs are read instead.
        for (name, cost) in [("large", "1e20"), ("huge", "1.7e308")] {
            try ForeignClient.execute(path, runs(name, count: 2, from: edge + 2 * 3_600, cost: cost))
            let read = try Self.totals(path, window)
            #expect(read.byDay == read.byRow && read.byDay.cost == inside.byRow.cost, "\(name): \(read)")
        }
    }

    @Test("The runs' window totals at the last store time there is, and in the first day there is, equal those read by row, with runs at those times")
    func edgeDaysAtTheEndsOfTime() throws {
        let folder = TemporaryFolder("run-days-extremes")
        let path = try SampleStoreTemplate.copy(into: folder)
        // Times a Date holds exactly (multiples of 1,024 seconds from the ends this far out). The
        // first day there is begins before the least store time, 55,808 s before Int64.min + 55,808.
        let low = Int64.min + 102_400, high = Int64.max
        let times = [high, high - 1, high - 86_400, low - 86_400 - 1, low - 86_400, low - 86_400 + 1, low - 1_000, Int64.min + 60_000]
        try ForeignClient.execute(path, """
            INSERT INTO pipeline_runs (external_id, pipeline_id, model_id, kind, status, trigger, queued_at, started_at, finished_at, compute_cost)
              SELECT 'far-' || t, (SELECT min(id) FROM pipelines), (SELECT min(id) FROM models), 'training', 'succeeded', 'manual', t, t, t, 1.5
              FROM (\(times.map { "SELECT \($0) AS t" }.joined(separator: " UNION ALL ")));
            """)
        var read = 0
        for (end, days) in [(high, 1), (high, 2), (high, 30), (high, 400), (low, 1), (low + 38_912, 1)] {
            let window = FigureWindow(asOf: Date(timeIntervalSince1970: TimeInterval(end)), days: days)
            #expect(window.bounds.end == end)
            let totals = try Self.totals(path, window)
            #expect(totals.byDay == totals.byRow && totals.byRow.runs > 0, "ending at \(end) over \(days) days: \(totals)")
            read += 1
        }
        #expect(read == 6)
    }

    @Test("A window's whole weeks are read from run_weeks and its other days from run_days: a week's row changed by hand changes a 90-day window, not a 6-day one")
    func wholeWeeksAreReadByWeek() throws {
        let folder = TemporaryFolder("run-weeks-read")
        let path = try SampleStoreTemplate.copy(into: folder)
        let end = try #require(try ForeignClient.strings(path, "SELECT max(coalesce(started_at, queued_at)) FROM pipeline_runs").first.flatMap(Int64.init))
        let long = FigureWindow(asOf: Date(timeIntervalSince1970: TimeInterval(end)), days: 90)
        let short = FigureWindow(asOf: Date(timeIntervalSince1970: TimeInterval(end)), days: 6)
        #expect(try Self.totals(path, long).byDay == (try Self.totals(path, long).byRow))
        let weeks = try #require(PortfolioReader.wholeWeeks(fromDay: PortfolioReader.day(of: long.bounds.start) + 1,
                                                            toDay: PortfolioReader.day(of: end) - 1))
        #expect(weeks.last - weeks.first >= 10, "\(weeks)")
        try ForeignClient.execute(path, "UPDATE run_weeks SET runs = runs + 1000 WHERE week BETWEEN \(weeks.first) AND \(weeks.last)")
        let changed = try Self.totals(path, long)
        #expect(changed.byDay.runs - changed.byRow.runs >= 1000, "\(changed)")
        #expect(try Self.totals(path, short).byDay == (try Self.totals(path, short).byRow))
    }

    @Test("A week whose days hold an infinite cost of each sign, written by another program, is kept with a cost of 0 rather than refused, and doctor finds run_weeks right")
    func aWeekOfBothInfinities() throws {
        let folder = TemporaryFolder("run-weeks-infinities")
        let path = try SampleStoreTemplate.copy(into: folder)
        // Day 21,000 is divisible by seven: two runs of one model on its first two days.
        let first = 21_000 * 86_400 + 3_600
        try ForeignClient.execute(path, """
            INSERT INTO pipeline_runs (external_id, pipeline_id, model_id, kind, status, trigger, queued_at, started_at, finished_at, compute_cost)
              SELECT 'inf-' || k, (SELECT min(id) FROM pipelines), (SELECT min(id) FROM models), 'training', 'succeeded', 'manual',
                     \(first) + k * 86400, \(first) + k * 86400, \(first) + k * 86400 + 60, CASE k WHEN 0 THEN 9e999 ELSE -9e999 END
              FROM (SELECT 0 AS k UNION ALL SELECT 1);
            """)
        #expect(try ForeignClient.strings(path, "SELECT cost FROM run_weeks WHERE week = 3000") == ["0.0"])
        let store = try PortfolioStore.open(path: path, readOnly: true)
        defer { try? store.close() }
        // (run_days itself is named: doctor's money comparison, |a − b| < half a cent, is never
        // true of an infinite cost. That is v12's, not the week's.)
        try store.read { reader throws in
            let findings = try StoreDoctor.keptTables(reader.db).map(\.problem)
            #expect(!findings.contains { $0.hasPrefix("run_weeks") }, "\(findings)")
        }
    }

    @Test("Whole weeks within days: seven days from a day divisible by seven, before 1970 too")
    func wholeWeeksWithinDays() {
        #expect(PortfolioReader.wholeWeeks(fromDay: 0, toDay: 6).map { [$0.first, $0.last] } == [0, 0])
        #expect(PortfolioReader.wholeWeeks(fromDay: 1, toDay: 12).map { [$0.first, $0.last] } == nil)
        #expect(PortfolioReader.wholeWeeks(fromDay: 1, toDay: 13).map { [$0.first, $0.last] } == [1, 1])
        #expect(PortfolioReader.wholeWeeks(fromDay: 1, toDay: 20).map { [$0.first, $0.last] } == [1, 2])
        #expect(PortfolioReader.wholeWeeks(fromDay: -7, toDay: -1).map { [$0.first, $0.last] } == [-1, -1])
        #expect(PortfolioReader.wholeWeeks(fromDay: -8, toDay: 7).map { [$0.first, $0.last] } == [-1, 0])
        #expect(PortfolioReader.wholeWeeks(fromDay: -3, toDay: 5).map { [$0.first, $0.last] } == nil)
        #expect(PortfolioReader.week(of: -1) == -1 && PortfolioReader.week(of: -7) == -1 && PortfolioReader.week(of: -8) == -2)
    }

    /// The portfolio's runs of `window` summed over its teams, read by day and by row (the costs
    /// rounded to cents).
    static func totals(_ path: String, _ window: FigureWindow) throws -> (byDay: RunWindowTotals, byRow: RunWindowTotals) {
        let store = try PortfolioStore.open(path: path, readOnly: true)
        defer { try? store.close() }
        return try store.read { reader in
            func summed(_ totals: [Int64: RunWindowTotals]) -> RunWindowTotals {
                var sum = totals.values.reduce(into: RunWindowTotals()) { sum, team in
                    sum.runs += team.runs; sum.automatic += team.automatic; sum.finished += team.finished; sum.succeeded += team.succeeded
                    sum.cost += team.cost; sum.productionCost += team.productionCost
                }
                sum.cost = (sum.cost * 100).rounded() / 100
                sum.productionCost = (sum.productionCost * 100).rounded() / 100
                return sum
            }
            return (summed(try reader.runWindowTotalsByDay(window, teamOf: reader.teamOfModel())), summed(try reader.runWindowTotalsByRow(window)))
        }
    }

    @Test("The runs' window totals, the deployments, the restorations, every team's maturity evidence and every team's current figures read from what is kept equal those read from every run, alert, event and metric point at 80 as-of times and windows, 20 of them in the history's last 150 days, for every team and for one team, on a generated store after many writes")
    func totalsByDayEqualRowByRow() throws {
        let folder = TemporaryFolder("run-days-differential")
        let path = folder.file("generated.sqlite")
        let store = try PortfolioStore.open(path: path)
        _ = try PortfolioGenerator(store: store, plan: GenerationPlan(models: 80, runs: 8_000, alerts: 300, metricPoints: 200, seed: 11,
                                                                      asOf: SharedSample.now)).generate()
        try store.close()
        try ForeignClient.execute(path, Self.manyWrites)
        let reopened = try PortfolioStore.open(path: path, readOnly: true)
        defer { try? reopened.close() }
        try reopened.read { reader in
            let team = try #require(try Int64.fetchOne(reader.db, sql: "SELECT team_id FROM models GROUP BY team_id ORDER BY count(*) DESC LIMIT 1"))
            var restorations = 0
            for window in try Self.windows(reader.db, count: 60, seed: 3) + Self.windows(reader.db, count: 20, seed: 5, lastDays: 150) {
                try Self.expectSameTotals(reader, window)
                try Self.expectSameTotals(reader, window, team: team)
                try Self.expectSameDeployments(reader, window)
                restorations += try Self.expectSameRestorations(reader, window)
                let when = "at \(ISOTime.format(window.asOf)) over \(window.days) days"
                #expect(try reader.teamEvidence(asOf: window.asOf, days: window.days)
                        == Self.rowByRow(reader).teamEvidence(asOf: window.asOf, days: window.days), "\(when)")
                #expect(try reader.teamEvidence(asOf: window.asOf, days: window.days, team: team)
                        == Self.rowByRow(reader).teamEvidence(asOf: window.asOf, days: window.days, team: team), "\(when)")
                var kept: [Int64: Figures] = [:], counted: [Int64: Figures] = [:]
                try reader.currentFigures(asOf: window.asOf, into: &kept)
                try reader.currentFiguresByRow(asOf: window.asOf, into: &counted)
                for id in Set(kept.keys).union(counted.keys) {
                    var one = kept[id] ?? Figures(), other = counted[id] ?? Figures()
                    one.finish(windowDays: window.days)
                    other.finish(windowDays: window.days)
                    #expect(one == other, "team \(id) \(when)")
                }
            }
            // Else the restorations' comparison above held for empty windows alone.
            #expect(restorations > 20, "\(restorations)")
        }
    }

    @Test("Every figure and derived maturity level of status is the same read by day as run by run, on the sample and on a generated store, at many as-of times and windows")
    func reportsByDayEqualRowByRow() throws {
        let folder = TemporaryFolder("run-days-reports")
        let sample = try PortfolioStore.open(path: folder.file("sample.sqlite"))
        _ = try PortfolioImporter(store: sample).importFiles([RepoPaths.sampleData])
        let generated = try PortfolioStore.open(path: folder.file("generated.sqlite"))
        _ = try PortfolioGenerator(store: generated, plan: GenerationPlan(models: 40, runs: 4_000, alerts: 400, metricPoints: 2_000, seed: 4,
                                                                          asOf: SharedSample.now)).generate()
        for store in [sample, generated] {
            defer { try? store.close() }
            try store.read { reader in
                var windows = try Self.windows(reader.db, count: 12, seed: 8)
                windows.append(FigureWindow(asOf: SharedSample.now))
                for window in windows {
                    let byDay = try reader.figures(window), byRow = try Self.rowByRow(reader).figures(window)
                    let when = "at \(ISOTime.format(window.asOf)) over \(window.days) days"
                    #expect(byDay.portfolio == byRow.portfolio, "\(when)")
                    #expect(!byDay.teams.isEmpty && byDay.teams.count == byRow.teams.count && byDay.maturity.count == byRow.maturity.count)
                    for (team, other) in zip(byDay.teams, byRow.teams) { #expect(team == other, "\(when)") }
                    for (figure, other) in zip(byDay.maturity, byRow.maturity) { #expect(figure == other, "\(when)") }
                }
            }
        }
    }

    @Test("The window's deployments and alerts are read through covering indexes, a team's alerts through its models, the weeks of alerts through their key, never a scan")
    func storedFactsAreReadThroughIndexes() throws {
        let folder = TemporaryFolder("run-days-plans")
        let store = try FiguresFixture.build(at: folder.file("portfolio.sqlite"))
        defer { try? store.close() }
        let (start, end) = FigureWindow(asOf: FiguresFixture.asOf, days: 90).bounds
        try store.read { reader in
            let alerts = try reader.queryPlan(PortfolioReader.alertResponsesFromFactsSQL(), ["s": start, "e": end])
            #expect(alerts.contains("USING COVERING INDEX alert_facts_opened (opened_at>? AND opened_at<?)"), "\(alerts)")
            let deployments = try reader.queryPlan("""
                SELECT f.model_id, f.finished_at, f.first_training_at, f.failure_at FROM deployment_facts f
                WHERE f.finished_at > :s AND f.finished_at <= :e
                """, ["s": start, "e": end])
            #expect(deployments.contains("USING COVERING INDEX deployment_facts_finished (finished_at>? AND finished_at<?)"), "\(deployments)")
            let team = try reader.queryPlan(PortfolioReader.teamAlertResponsesFromFactsSQL(), ["s": start, "e": end, "t": 1])
            #expect(team.contains("models_team (team_id=?)") && team.contains("alerts_by_model_opened (model_id=? AND opened_at>? AND opened_at<?)"),
                    "\(team)")
            let unsettled = try reader.queryPlan(PortfolioReader.unsettledAlertResponsesSQL, [start, end])
            #expect(unsettled.contains("USING COVERING INDEX alert_facts_unsettled (opened_at>? AND opened_at<?)"), "\(unsettled)")
            let weeks = try reader.queryPlan("SELECT team_id, assigned, noted, seconds FROM alert_weeks WHERE week >= ? AND week <= ?", [1, 2])
            #expect(weeks.contains("USING PRIMARY KEY (week>? AND week<?)"), "\(weeks)")
            for plan in [alerts, deployments, team, unsettled, weeks] { #expect(!plan.contains("SCAN")) }
        }
    }
}
