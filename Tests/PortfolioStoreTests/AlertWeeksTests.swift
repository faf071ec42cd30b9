import Foundation
import GRDB
import Portfolio
@testable import PortfolioStore
import Testing
import TestSupport

/// v20's alert_weeks: a window's whole weeks of settled alerts read a row per team and week, every
/// other alert one by one, with the same evidence as every alert read from its events.
@Suite("Alerts kept by team and week")
struct AlertWeeksTests {
    /// The first second of the week (v19's and v20's: seven days from a day divisible by seven)
    /// five weeks before the sample's now, and the alerts written into that week by `writeAlerts`.
    static let weekStart = (PortfolioReader.week(of: PortfolioReader.day(of: Int64(SharedSample.now.timeIntervalSince1970))) - 5) * 604_800
    static let weekEnd = weekStart + 604_800

    /// Alerts of one model opened on the week's third day, each answered in its own way: within
    /// its week (settled), never, after its week (its answer, its note, its first assignment
    /// without an assignee now), with an assignee now and an assignment after the week (settled:
    /// assigned whatever the as-of time), answered before it opened, and answered at a time beyond
    /// ±4·10¹² s — and the same answered one opened on each of the week's edges.
    static func writeAlerts(_ path: String) throws {
        let opened = weekStart + 2 * 86_400 + 3_600
        let late = weekEnd + 600
        // (name, opened, assignee, [(kind, at)])
        let alerts: [(String, Int64, String?, [(String, Int64)])] = [
            ("settled", opened, nil, [("acknowledged", opened + 3_600), ("note", opened + 7_200)]),
            ("unanswered", opened, nil, []),
            ("answered-late", opened, nil, [("acknowledged", late)]),
            ("noted-late", opened, nil, [("acknowledged", opened + 60), ("note", late)]),
            ("assigned-late", opened, nil, [("acknowledged", opened + 60), ("assigned", late)]),
            ("assignee-now", opened, "dee", [("acknowledged", opened + 60), ("assigned", late)]),
            ("answered-first", opened, nil, [("acknowledged", opened - 100)]),
            ("answered-far", opened, nil, [("acknowledged", 5_000_000_000_000)]),
            ("week-first", weekStart, nil, [("acknowledged", weekStart + 60)]),
            ("week-last", weekEnd - 1, nil, [("acknowledged", weekEnd - 1)]),
            ("next-week", weekEnd, nil, [("acknowledged", weekEnd + 60)]),
        ]
        var sql = ""
        for (name, at, assignee, events) in alerts {
            sql += """
                INSERT INTO drift_alerts (external_id, model_id, feature, method, score, threshold, severity, status, opened_at, assignee)
                  VALUES ('weeks-\(name)', (SELECT min(id) FROM models WHERE team_id IS NOT NULL), 'f', 'psi', 0.5, 0.2, 'warning', 'open', \(at),
                          \(assignee.map { "'\($0)'" } ?? "NULL"));

                """
            for (seq, (kind, time)) in events.enumerated() {
                sql += """
                    INSERT INTO alert_events (alert_id, seq, kind, at, actor)
                      VALUES ((SELECT id FROM drift_alerts WHERE external_id = 'weeks-\(name)'), \(seq + 1), '\(kind)', \(time), 'ana');

                    """
            }
        }
        try ForeignClient.execute(path, sql)
    }

    /// Windows ending from two days before the week to ten weeks after it, every 11 h 17 min and
    /// on midnights and a second either side, each over 1, 6, 7, 30, 90 and 400 days.
    static var windows: [FigureWindow] {
        var ends: [Int64] = []
        var end = weekStart - 2 * 86_400
        while end < weekEnd + 70 * 86_400 {
            ends.append(end)
            end += 11 * 3_600 + 17 * 60
        }
        for day in stride(from: weekStart, through: weekEnd + 21 * 86_400, by: 86_400) { ends += [day - 1, day, day + 1] }
        return ends.enumerated().map { index, end in
            FigureWindow(asOf: Date(timeIntervalSince1970: TimeInterval(end)), days: [1, 6, 7, 30, 90, 400][index % 6])
        }
    }

    @Test("Every team's alert evidence read by week equals the evidence read from every alert's events, at windows ending before, in and for ten weeks after a week of alerts answered within their week, never, late, before opening and at far times")
    func evidenceByWeekEqualsEveryEvent() throws {
        let folder = TemporaryFolder("alert-weeks")
        let path = try SampleStoreTemplate.copy(into: folder)
        try Self.writeAlerts(path)
        let store = try PortfolioStore.open(path: path, readOnly: true)
        defer { try? store.close() }
        try store.read { reader in
            // The week's row holds the settled alerts, and only them, of the sample's own and ours.
            let settled = try String.fetchAll(reader.db, sql: """
                SELECT substr(a.external_id, 7) FROM drift_alerts a JOIN alert_week_facts v ON v.alert_id = a.id
                WHERE a.external_id LIKE 'weeks-%' ORDER BY a.external_id
                """)
            #expect(settled == ["answered-first", "assignee-now", "next-week", "settled", "week-first", "week-last"])
            #expect(try StoreDoctor.keptTables(reader.db).isEmpty)
            var byWeek = 0
            for window in Self.windows {
                let when = "at \(ISOTime.format(window.asOf)) over \(window.days) days"
                if PortfolioReader.wholeAlertWeeks(window).map({ $0.first * 604_800 <= Self.weekStart && Self.weekStart < $0.last * 604_800 + 604_800 }) == true {
                    byWeek += 1
                }
                var kept: [Int64: TeamEvidence] = [:], everyEvent: [Int64: TeamEvidence] = [:]
                try reader.addAlertEvidence(asOf: window.asOf, days: window.days, into: &kept)
                try RunDaysTests.rowByRow(reader).addAlertEvidence(asOf: window.asOf, days: window.days, into: &everyEvent)
                #expect(kept == everyEvent, "\(when)")
            }
            // Else the comparison held without the week's row.
            #expect(byWeek > 40, "\(byWeek)")
        }
    }

    @Test("A window's whole weeks of alerts are read from alert_weeks: a week's row changed by hand changes a 90-day window's evidence, not a 6-day one's, and a row of anything another program wrote is read without trapping")
    func wholeWeeksAreReadByWeek() throws {
        let folder = TemporaryFolder("alert-weeks-read")
        let path = try SampleStoreTemplate.copy(into: folder)
        try Self.writeAlerts(path)
        let asOf = Date(timeIntervalSince1970: TimeInterval(Self.weekEnd + 10 * 86_400))
        func evidence(days: Int) throws -> (kept: [Int64: TeamEvidence], everyEvent: [Int64: TeamEvidence]) {
            let store = try PortfolioStore.open(path: path, readOnly: true)
            defer { try? store.close() }
            return try store.read { reader in
                var kept: [Int64: TeamEvidence] = [:], everyEvent: [Int64: TeamEvidence] = [:]
                try reader.addAlertEvidence(asOf: asOf, days: days, into: &kept)
                try RunDaysTests.rowByRow(reader).addAlertEvidence(asOf: asOf, days: days, into: &everyEvent)
                return (kept, everyEvent)
            }
        }
        let before = try evidence(days: 90)
        #expect(before.kept == before.everyEvent)
        let week = Self.weekStart / 604_800
        // Two more alerts in each row of the week, noted: a row's counts are read up to its alerts.
        try ForeignClient.execute(path, "UPDATE alert_weeks SET noted = noted + 1000, seconds = seconds || ',0,0' WHERE week = \(week)")
        let changed = try evidence(days: 90)
        let noted = { (all: [Int64: TeamEvidence]) in all.values.reduce(0) { $0 + $1.alertsWithNotes } }
        let opened = { (all: [Int64: TeamEvidence]) in all.values.reduce(0) { $0 + $1.alertsOpened } }
        #expect(noted(changed.kept) - noted(changed.everyEvent) >= 2)
        #expect(opened(changed.kept) - opened(changed.everyEvent) >= 2)
        #expect(changed.kept.values.allSatisfy { $0.alertsWithNotes <= $0.alertsOpened && $0.alertsAssigned <= $0.alertsOpened })
        let short = try evidence(days: 6)
        #expect(short.kept == short.everyEvent)

        try ForeignClient.execute(path, """
            UPDATE alert_weeks SET seconds = CASE team_id % 4 WHEN 0 THEN 'x,-,99999999999999999999999,,-5,' WHEN 1 THEN ''
              WHEN 2 THEN '-99999999999999999999999,7' ELSE '1.5e300' END,
              assigned = CASE team_id % 2 WHEN 0 THEN 9223372036854775807 ELSE -9223372036854775808 END, noted = 9223372036854775807
              WHERE week = \(week);
            """)
        let anything = try evidence(days: 90)
        #expect(!anything.kept.isEmpty)
        // And the whole report over them, maturity derived from those counts, answers.
        let store = try PortfolioStore.open(path: path, readOnly: true)
        defer { try? store.close() }
        #expect(try !store.read { try $0.figures(FigureWindow(asOf: asOf, days: 30)) }.maturity.isEmpty)
    }

    @Test("An alert whose opening or answer is not a whole number (a store written before v8) is read one by one, as every event says")
    func timesNotWholeAreReadOneByOne() throws {
        let folder = TemporaryFolder("alert-weeks-fractions")
        let path = try SampleStoreTemplate.copy(into: folder)
        let opened = Double(Self.weekStart + 2 * 86_400) + 0.5
        // The checks v8 added set aside, as before it.
        try ForeignClient.execute(path, """
            DROP TRIGGER drift_alerts_insert_types; DROP TRIGGER alert_events_insert_types;
            INSERT INTO drift_alerts (external_id, model_id, feature, method, score, threshold, severity, status, opened_at)
              VALUES ('weeks-fraction', (SELECT min(id) FROM models WHERE team_id IS NOT NULL), 'f', 'psi', 0.5, 0.2, 'warning', 'open', \(opened));
            INSERT INTO drift_alerts (external_id, model_id, feature, method, score, threshold, severity, status, opened_at)
              VALUES ('weeks-answer-fraction', (SELECT min(id) FROM models WHERE team_id IS NOT NULL), 'f', 'psi', 0.5, 0.2, 'warning', 'open', \(Self.weekStart + 3_600));
            INSERT INTO alert_events (alert_id, seq, kind, at, actor)
              SELECT id, 1, 'acknowledged', \(opened) + 3600.25, 'ana' FROM drift_alerts WHERE external_id = 'weeks-fraction';
            INSERT INTO alert_events (alert_id, seq, kind, at, actor)
              SELECT id, 1, 'acknowledged', \(Self.weekStart) + 7200.75, 'ana' FROM drift_alerts WHERE external_id = 'weeks-answer-fraction';
            """)
        let store = try PortfolioStore.open(path: path, readOnly: true)
        defer { try? store.close() }
        try store.read { reader in
            #expect(try String.fetchAll(reader.db, sql: """
                SELECT a.external_id FROM drift_alerts a JOIN alert_week_facts v ON v.alert_id = a.id WHERE a.external_id LIKE 'weeks-%'
                """).isEmpty)
            #expect(try StoreDoctor.keptTables(reader.db).isEmpty)
            for window in Self.windows {
                var kept: [Int64: TeamEvidence] = [:], everyEvent: [Int64: TeamEvidence] = [:]
                try reader.addAlertEvidence(asOf: window.asOf, days: window.days, into: &kept)
                try RunDaysTests.rowByRow(reader).addAlertEvidence(asOf: window.asOf, days: window.days, into: &everyEvent)
                #expect(kept == everyEvent, "at \(ISOTime.format(window.asOf)) over \(window.days) days")
            }
        }
    }

    @Test("The integers of a comma-separated list are read in order, whatever else the text holds, and never trap")
    func integerListsAreRead() throws {
        let queue = try DatabaseQueue()
        func read(_ text: String?) throws -> [Int64] {
            try queue.read { db in
                var values: [Int64] = []
                try db.forEachRow("SELECT ?", arguments: [text]) { $0.forEachInteger(inListAt: 0) { values.append($0) } }
                return values
            }
        }
        #expect(try read("12,0,345") == [12, 0, 345])
        #expect(try read(nil) == [] && read("") == [] && read(",,") == [])
        #expect(try read("-5,7") == [-5, 7])
        #expect(try read("99999999999999999999999,-99999999999999999999999") == [.max, .min])
        #expect(try read("9223372036854775807,-9223372036854775808") == [.max, .min])
        #expect(try read("-9223372036854775807,-0") == [-9_223_372_036_854_775_807, 0])
        #expect(try read("1.5e3,x,-") == [153])
    }
}
