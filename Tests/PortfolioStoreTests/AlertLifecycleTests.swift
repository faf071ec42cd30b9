import Foundation
import GRDB
import Portfolio
import PortfolioStore
import Testing
import TestSupport

/// The drift-alert lifecycle: every action from every status (`AlertLifecycle.apply`), the
/// durations people type, and the writes on a real store file (`PortfolioWriter.apply`), including
/// a store opened read-only at the SQLite level and the snooze that runs out.
@Suite("Alert lifecycle: transition table, durations and store writes")
struct AlertLifecycleTests {
    /// The sample's anchor, 2026-01-12T09:00:00Z.
    static let now = Date(timeIntervalSince1970: 1_768_208_400)
    static let openedAt = now - 3600
    static let futureSnooze = now + 3600
    static let expiredSnooze = now - 60
    static let earlierResolution = now - 600
    static let history = [AlertEvent(kind: .opened, at: openedAt, actor: "drift-monitor", note: "psi 0.31 >= 0.25")]

    static func alert(_ status: AlertStatus, snoozedUntil: Date? = nil, resolvedAt: Date? = nil,
                      assignee: String? = "Pat Doe", openedAt: Date = openedAt) -> DriftAlert {
        DriftAlert(externalID: "alert-7", model: "churn-propensity", feature: "tenure", method: .psi, score: 0.31,
                   threshold: 0.25, severity: .critical, status: status, assignee: assignee, openedAt: openedAt,
                   snoozedUntil: snoozedUntil, resolvedAt: resolvedAt, events: history)
    }

    /// The five states an alert can be found in.
    enum From: String, CaseIterable, CustomStringConvertible {
        case open, acknowledged, snoozed, snoozedExpired, resolved

        var alert: DriftAlert {
            switch self {
            case .open: AlertLifecycleTests.alert(.open)
            case .acknowledged: AlertLifecycleTests.alert(.acknowledged)
            case .snoozed: AlertLifecycleTests.alert(.snoozed, snoozedUntil: AlertLifecycleTests.futureSnooze)
            case .snoozedExpired: AlertLifecycleTests.alert(.snoozed, snoozedUntil: AlertLifecycleTests.expiredSnooze)
            case .resolved: AlertLifecycleTests.alert(.resolved, resolvedAt: AlertLifecycleTests.earlierResolution)
            }
        }

        var description: String { rawValue }
    }

    /// Every action, with the arguments the table below expects.
    enum Act: String, CaseIterable, CustomStringConvertible {
        case ack, assign, note, snooze, resolve, resolveWithoutNote, reopen

        static let snoozeUntil = AlertLifecycleTests.now + 4 * 3600

        var action: AlertAction {
            switch self {
            case .ack: .acknowledge
            case .assign: .assign(to: "Chloe Martin")
            case .note: .note("Checked the upstream feed")
            case .snooze: .snooze(until: Self.snoozeUntil)
            case .resolve: .resolve(note: "Retrained on recent data")
            case .resolveWithoutNote: .resolve(note: nil)
            case .reopen: .reopen
            }
        }

        var kind: AlertEventKind {
            switch self {
            case .ack: .acknowledged
            case .assign: .assigned
            case .note: .note
            case .snooze: .snoozed
            case .resolve, .resolveWithoutNote: .resolved
            case .reopen: .reopened
            }
        }

        /// The note the appended event carries.
        var eventNote: String? {
            switch self {
            case .ack, .resolveWithoutNote, .reopen: nil
            case .assign: "assigned to Chloe Martin"
            case .note: "Checked the upstream feed"
            case .snooze: "until 2026-01-12T13:00:00Z"
            case .resolve: "Retrained on recent data"
            }
        }

        var description: String { rawValue }
    }

    /// What a successful action leaves behind (stored fields; events are checked separately).
    struct After: Equatable, CustomStringConvertible {
        var status: AlertStatus
        var assignee: String?
        var snoozedUntil: Date?
        var resolvedAt: Date?

        var description: String {
            "\(status.rawValue) assignee=\(assignee ?? "nil") snoozedUntil=\(snoozedUntil.map(ISOTime.format) ?? "nil") "
                + "resolvedAt=\(resolvedAt.map(ISOTime.format) ?? "nil")"
        }
    }

    enum Outcome {
        case becomes(After)
        /// Refused; the message contains every fragment.
        case refused([String])
    }

    /// The whole transition table.
    static func expected(_ from: From, _ act: Act) -> Outcome {
        let pat = "Pat Doe", chloe = "Chloe Martin"
        let until = Act.snoozeUntil
        switch (from, act) {
        // open → acknowledged, snoozed, resolved; assign and note keep it open; it cannot be reopened.
        case (.open, .ack): return .becomes(After(status: .acknowledged, assignee: pat))
        case (.open, .assign): return .becomes(After(status: .open, assignee: chloe))
        case (.open, .note): return .becomes(After(status: .open, assignee: pat))
        case (.open, .snooze): return .becomes(After(status: .snoozed, assignee: pat, snoozedUntil: until))
        case (.open, .resolve), (.open, .resolveWithoutNote): return .becomes(After(status: .resolved, assignee: pat, resolvedAt: now))
        case (.open, .reopen): return .refused(["alert-7", "is open", "only a resolved or snoozed alert can be reopened"])

        // acknowledged → snoozed, resolved; not acknowledged twice; not reopened.
        case (.acknowledged, .ack): return .refused(["alert-7", "already acknowledged"])
        case (.acknowledged, .assign): return .becomes(After(status: .acknowledged, assignee: chloe))
        case (.acknowledged, .note): return .becomes(After(status: .acknowledged, assignee: pat))
        case (.acknowledged, .snooze): return .becomes(After(status: .snoozed, assignee: pat, snoozedUntil: until))
        case (.acknowledged, .resolve), (.acknowledged, .resolveWithoutNote):
            return .becomes(After(status: .resolved, assignee: pat, resolvedAt: now))
        case (.acknowledged, .reopen): return .refused(["alert-7", "is acknowledged", "only a resolved or snoozed alert can be reopened"])

        // snoozed → acknowledged, resolved, reopened, or snoozed again to a new deadline.
        case (.snoozed, .ack): return .becomes(After(status: .acknowledged, assignee: pat))
        case (.snoozed, .assign): return .becomes(After(status: .snoozed, assignee: chloe, snoozedUntil: futureSnooze))
        case (.snoozed, .note): return .becomes(After(status: .snoozed, assignee: pat, snoozedUntil: futureSnooze))
        case (.snoozed, .snooze): return .becomes(After(status: .snoozed, assignee: pat, snoozedUntil: until))
        case (.snoozed, .resolve), (.snoozed, .resolveWithoutNote): return .becomes(After(status: .resolved, assignee: pat, resolvedAt: now))
        case (.snoozed, .reopen): return .becomes(After(status: .open, assignee: pat))

        // A snooze that has run out counts as open: acknowledge, snooze and resolve work as from open;
        // assign and note leave the stored snooze (still effectively open); reopen clears it.
        case (.snoozedExpired, .ack): return .becomes(After(status: .acknowledged, assignee: pat))
        case (.snoozedExpired, .assign): return .becomes(After(status: .snoozed, assignee: chloe, snoozedUntil: expiredSnooze))
        case (.snoozedExpired, .note): return .becomes(After(status: .snoozed, assignee: pat, snoozedUntil: expiredSnooze))
        case (.snoozedExpired, .snooze): return .becomes(After(status: .snoozed, assignee: pat, snoozedUntil: until))
        case (.snoozedExpired, .resolve), (.snoozedExpired, .resolveWithoutNote):
            return .becomes(After(status: .resolved, assignee: pat, resolvedAt: now))
        case (.snoozedExpired, .reopen): return .becomes(After(status: .open, assignee: pat))

        // resolved → reopened only; a note is still welcome.
        case (.resolved, .ack): return .refused(["alert-7", "is resolved", "reopen it before acknowledging"])
        case (.resolved, .assign): return .refused(["alert-7", "is resolved", "reopen it before assigning"])
        case (.resolved, .note): return .becomes(After(status: .resolved, assignee: pat, resolvedAt: earlierResolution))
        case (.resolved, .snooze): return .refused(["alert-7", "is resolved", "nothing to snooze"])
        case (.resolved, .resolve), (.resolved, .resolveWithoutNote): return .refused(["alert-7", "already resolved"])
        case (.resolved, .reopen): return .becomes(After(status: .open, assignee: pat))
        }
    }

    static let cases: [(From, Act)] = From.allCases.flatMap { from in Act.allCases.map { (from, $0) } }

    @Test("Every action from every status succeeds or is refused as the lifecycle says", arguments: cases)
    func transition(_ from: From, _ act: Act) {
        let before = from.alert
        switch Self.expected(from, act) {
        case let .becomes(expected):
            let after: DriftAlert
            do {
                after = try AlertLifecycle.apply(act.action, to: before, actor: "tester", at: Self.now)
            } catch {
                Issue.record("\(act) from \(from) was refused: \(error.message)")
                return
            }
            #expect(After(status: after.status, assignee: after.assignee, snoozedUntil: after.snoozedUntil,
                          resolvedAt: after.resolvedAt) == expected)
            // Exactly one event appended, the earlier ones untouched.
            #expect(after.events == before.events + [AlertEvent(kind: act.kind, at: Self.now, actor: "tester", note: act.eventNote)])
            // The evidence is not the lifecycle's business.
            #expect(after.externalID == before.externalID && after.openedAt == before.openedAt && after.score == before.score
                && after.severity == before.severity && after.model == before.model)
        case let .refused(fragments):
            do {
                let after = try AlertLifecycle.apply(act.action, to: before, actor: "tester", at: Self.now)
                Issue.record("\(act) from \(from) should be refused; got \(after.status)")
            } catch {
                for fragment in fragments {
                    #expect(error.message.contains(fragment), "\(error.message) should contain '\(fragment)'")
                }
                #expect(error.description == error.message)
            }
        }
    }

    @Test("An expired snooze behaves as open: after assign or note it still reads as open, and reopen is refused once it has been reopened")
    func expiredSnoozeReadsAsOpen() throws {
        let expired = From.snoozedExpired.alert
        for action in [AlertAction.assign(to: "Chloe Martin"), .note("still drifting")] {
            let after = try AlertLifecycle.apply(action, to: expired, actor: "tester", at: Self.now)
            #expect(AlertLifecycle.effectiveStatus(after.status, snoozedUntil: after.snoozedUntil, now: Self.now) == .open)
        }
        let reopened = try AlertLifecycle.apply(.reopen, to: expired, actor: "tester", at: Self.now)
        #expect(reopened.status == .open && reopened.snoozedUntil == nil)
        #expect(throws: LifecycleError.self) { try AlertLifecycle.apply(.reopen, to: reopened, actor: "tester", at: Self.now) }
        // Acknowledging an expired snooze is not "already acknowledged": it is open.
        #expect(try AlertLifecycle.apply(.acknowledge, to: expired, actor: "tester", at: Self.now).snoozedUntil == nil)
    }

    @Test("A round trip open → acknowledged → snoozed → reopened → resolved → reopened keeps every event in order")
    func roundTrip() throws {
        var alert = From.open.alert
        let steps: [(AlertAction, AlertStatus)] = [
            (.acknowledge, .acknowledged), (.assign(to: "Chloe Martin"), .acknowledged), (.snooze(until: Self.now + 86_400), .snoozed),
            (.reopen, .open), (.note("drift is real"), .open), (.resolve(note: "retrained"), .resolved), (.reopen, .open),
        ]
        for (index, (action, status)) in steps.enumerated() {
            alert = try AlertLifecycle.apply(action, to: alert, actor: "actor-\(index)", at: Self.now + TimeInterval(index * 60))
            #expect(alert.status == status, "step \(index)")
        }
        #expect(alert.events.map(\.kind) == [.opened, .acknowledged, .assigned, .snoozed, .reopened, .note, .resolved, .reopened])
        #expect(alert.events.dropFirst().map(\.actor) == (0..<steps.count).map { "actor-\($0)" })
        #expect(alert.events.dropFirst().map(\.at) == (0..<steps.count).map { Self.now + TimeInterval($0 * 60) })
        #expect(alert.assignee == "Chloe Martin" && alert.resolvedAt == nil && alert.snoozedUntil == nil)
    }

    @Test("Assignees and notes are trimmed; an empty one is refused whatever the status")
    func emptyArguments() throws {
        #expect(try AlertLifecycle.apply(.assign(to: "  Chloe Martin\n"), to: From.open.alert, actor: "x", at: Self.now).assignee
            == "Chloe Martin")
        #expect(try AlertLifecycle.apply(.note("  looked  "), to: From.open.alert, actor: "x", at: Self.now).events.last?.note == "looked")
        // A blank resolution note is no note.
        #expect(try AlertLifecycle.apply(.resolve(note: "   "), to: From.open.alert, actor: "x", at: Self.now).events.last?.note == nil)
        for from in From.allCases {
            for name in ["", "   ", "\n\t"] {
                Self.expectRefusal("assign needs a name", "\(from) '\(name)'") {
                    try AlertLifecycle.apply(.assign(to: name), to: from.alert, actor: "x", at: Self.now)
                }
                Self.expectRefusal("a note needs some text", "\(from) '\(name)'") {
                    try AlertLifecycle.apply(.note(name), to: from.alert, actor: "x", at: Self.now)
                }
            }
        }
    }

    /// Expects `body` to throw a LifecycleError with exactly `message`.
    static func expectRefusal(_ message: String, _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
                              _ body: () throws -> DriftAlert) {
        let error = #expect(throws: LifecycleError.self, comment, sourceLocation: sourceLocation) { _ = try body() }
        #expect(error?.message == message, comment, sourceLocation: sourceLocation)
    }

    @Test("A snooze must end in the future: now or earlier is refused")
    func snoozeIntoThePast() throws {
        for from in [From.open, .acknowledged, .snoozed, .snoozedExpired] {
            for until in [Self.now, Self.now - 1, Self.now - 86_400] {
                Self.expectRefusal("a snooze must end in the future", "\(from) until \(until)") {
                    try AlertLifecycle.apply(.snooze(until: until), to: from.alert, actor: "x", at: Self.now)
                }
            }
        }
        #expect(try AlertLifecycle.apply(.snooze(until: Self.now + 1), to: From.open.alert, actor: "x", at: Self.now).status == .snoozed)
    }

    @Test("Resolving stamps the time of resolution, never before the alert opened")
    func resolvedAtNeverBeforeOpening() throws {
        let future = Self.alert(.open, openedAt: Self.now + 30)
        #expect(try AlertLifecycle.apply(.resolve(note: nil), to: future, actor: "x", at: Self.now).resolvedAt == Self.now + 30)
        #expect(try AlertLifecycle.apply(.resolve(note: nil), to: From.open.alert, actor: "x", at: Self.now).resolvedAt == Self.now)
    }

    @Test("AlertAction names its event kind and says what it did")
    func actionWords() {
        #expect(AlertAction.acknowledge.eventKind == .acknowledged)
        #expect(AlertAction.assign(to: "x").eventKind == .assigned)
        #expect(AlertAction.note("x").eventKind == .note)
        #expect(AlertAction.snooze(until: Self.now).eventKind == .snoozed)
        #expect(AlertAction.resolve(note: nil).eventKind == .resolved)
        #expect(AlertAction.reopen.eventKind == .reopened)
        #expect(AlertAction.assign(to: "Chloe").pastTense == "assigned to Chloe")
        #expect(AlertAction.snooze(until: Self.now).pastTense == "snoozed until 2026-01-12T09:00:00Z")
    }

    @Test("effectiveStatus: a snooze that has run out (at or before now) is open; nothing else changes")
    func effectiveStatus() {
        #expect(AlertLifecycle.effectiveStatus(.snoozed, snoozedUntil: Self.now - 1, now: Self.now) == .open)
        #expect(AlertLifecycle.effectiveStatus(.snoozed, snoozedUntil: Self.now, now: Self.now) == .open)
        #expect(AlertLifecycle.effectiveStatus(.snoozed, snoozedUntil: Self.now + 1, now: Self.now) == .snoozed)
        #expect(AlertLifecycle.effectiveStatus(.snoozed, snoozedUntil: nil, now: Self.now) == .snoozed)
        for status in [AlertStatus.open, .acknowledged, .resolved] {
            #expect(AlertLifecycle.effectiveStatus(status, snoozedUntil: Self.now - 1, now: Self.now) == status)
            #expect(AlertLifecycle.effectiveStatus(status, snoozedUntil: nil, now: Self.now) == status)
        }
    }

    // MARK: - Durations

    @Test("DurationText.parse reads the durations people type", arguments: [
        ("90s", 90.0), ("45m", 2700), ("1h", 3600), ("4h", 14_400), ("1d", 86_400), ("2w", 1_209_600), ("1h30m", 5400),
        ("4H", 14_400), (" 1d ", 86_400), ("1d2h3m4s", 93_784),
    ])
    func parsesDurations(_ text: String, _ seconds: TimeInterval) {
        #expect(DurationText.parse(text) == seconds)
    }

    @Test("DurationText.parse refuses what is not a duration", arguments: ["", "4", "h", "4x", "-1h", "0h", "1.5h", "soon", "1h 30m", "h4"])
    func refusesNonsense(_ text: String) {
        #expect(DurationText.parse(text) == nil)
    }

    @Test("DurationText.format writes the shortest form, and parse reads it back")
    func formatsDurations() {
        let cases: [(TimeInterval, String)] = [
            (90, "1m30s"), (2700, "45m"), (3600, "1h"), (14_400, "4h"), (86_400, "1d"), (1_209_600, "2w"), (5400, "1h30m"),
            (93_784, "1d2h3m4s"), (0, "0s"), (59, "59s"),
        ]
        for (seconds, text) in cases {
            #expect(DurationText.format(seconds) == text, "\(seconds)")
            if seconds > 0 { #expect(DurationText.parse(text) == seconds, "\(text)") }
        }
    }

    // MARK: - On a real store file

    /// A private store file holding the sample (its own dates), opened for writing.
    static func sampleStore(_ label: String) throws -> (folder: TemporaryFolder, path: String, store: PortfolioStore) {
        let folder = TemporaryFolder(label)
        let path = try SampleStoreTemplate.copy(into: folder)
        return (folder, path, try PortfolioStore.open(path: path))
    }

    /// The first sample alert with this stored status at the anchor.
    static func sampleAlert(_ status: AlertStatus, in store: PortfolioStore) throws -> DriftAlert {
        let id = try #require(try store.read { try $0.alertSummaries(now: now) }.first { $0.status == status }?.externalID)
        return try #require(try store.read { try $0.alert(externalID: id) })
    }

    /// An alert's event sequence numbers, straight from the table.
    static func seqs(_ externalID: String, path: String) throws -> [Int] {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        return try queue.read { db in
            try Int.fetchAll(db, sql: """
                SELECT e.seq FROM alert_events e JOIN drift_alerts a ON a.id = e.alert_id WHERE a.external_id = ? ORDER BY e.seq
                """, arguments: [externalID])
        }
    }

    @Test("An alert's detail holds its newest events only, and how many it has in all; the alert itself keeps every one")
    func detailTimelineIsBounded() throws {
        let (folder, path, store) = try Self.sampleStore("lifecycle-timeline")
        defer { try? store.close(); _ = folder }
        let alert = try Self.sampleAlert(.open, in: store)
        let extra = PortfolioReader.timelineLimit + 250
        try ForeignClient.execute(path, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < \(extra))
            INSERT INTO alert_events (alert_id, seq, kind, at, actor, note)
            SELECT a.id, (SELECT max(seq) FROM alert_events WHERE alert_id = a.id) + i, 'note', \(Int(Self.now.timeIntervalSince1970)) + i, 'monitor', 'check ' || i
            FROM n, drift_alerts a WHERE a.external_id = '\(alert.externalID)'
            """)
        let detail = try #require(try store.read { try $0.alertDetail(externalID: alert.externalID, now: Self.now) })
        #expect(detail.eventCount == alert.events.count + extra)
        #expect(detail.alert.events.count == PortfolioReader.timelineLimit)
        #expect(detail.alert.events.last?.note == "check \(extra)" && detail.alert.events.first?.note == "check 251")
        #expect(try store.read { try $0.alert(externalID: alert.externalID) }?.events.count == alert.events.count + extra)
    }

    @Test("apply updates the alert's row and appends exactly one event, numbered after the last one")
    func writerAppendsOneEvent() throws {
        let (folder, path, store) = try Self.sampleStore("lifecycle-append")
        defer { try? store.close(); _ = folder }
        let before = try Self.sampleAlert(.open, in: store)
        let seqsBefore = try Self.seqs(before.externalID, path: path)
        let totalBefore = try store.read { try $0.alertEvents(externalIDs: [before.externalID]) }[before.externalID]?.count
        let at = Self.now + 120

        let returned = try store.write { try $0.apply(.acknowledge, toAlert: before.externalID, actor: "Ops Bot", at: at) }
        let after = try #require(try store.read { try $0.alert(externalID: before.externalID) })
        #expect(returned == after)
        #expect(after.status == .acknowledged)
        #expect(after.assignee == before.assignee && after.snoozedUntil == nil && after.resolvedAt == nil)
        #expect(after.events == before.events + [AlertEvent(kind: .acknowledged, at: at, actor: "Ops Bot")])
        let seqsAfter = try Self.seqs(before.externalID, path: path)
        #expect(seqsAfter == seqsBefore + [(seqsBefore.max() ?? -1) + 1])
        #expect(totalBefore == before.events.count)

        // Each further action appends one more, in order, and updates the row.
        let steps: [(AlertAction, AlertStatus, AlertEventKind)] = [
            (.assign(to: "Chloe Martin"), .acknowledged, .assigned), (.note("looked"), .acknowledged, .note),
            (.snooze(until: at + 3600), .snoozed, .snoozed), (.reopen, .open, .reopened), (.resolve(note: "fixed"), .resolved, .resolved),
            (.reopen, .open, .reopened),
        ]
        for (index, (action, status, kind)) in steps.enumerated() {
            let time = at + TimeInterval(60 * (index + 1))
            let previous = try #require(try store.read { try $0.alert(externalID: before.externalID) })
            let previousSeqs = try Self.seqs(before.externalID, path: path)
            try store.write { _ = try $0.apply(action, toAlert: before.externalID, actor: "actor-\(index)", at: time) }
            let now = try #require(try store.read { try $0.alert(externalID: before.externalID) })
            #expect(now.status == status, "step \(index)")
            #expect(Array(now.events.dropLast()) == previous.events, "step \(index)")
            #expect(now.events.last?.kind == kind && now.events.last?.actor == "actor-\(index)" && now.events.last?.at == time)
            #expect(try Self.seqs(before.externalID, path: path) == previousSeqs + [previousSeqs.max()! + 1])
            if case .snooze = action { #expect(now.snoozedUntil == at + 3600) }
            if case .resolve = action {
                #expect(now.resolvedAt == time)
                #expect(now.events.last?.note == "fixed")
            }
        }
        let final = try #require(try store.read { try $0.alert(externalID: before.externalID) })
        #expect(final.assignee == "Chloe Martin" && final.resolvedAt == nil && final.snoozedUntil == nil)
        #expect(final.events.count == before.events.count + 1 + steps.count)
        // The screen query sees the same timeline.
        #expect(try store.read { try $0.alertEvents(externalIDs: [before.externalID]) }[before.externalID] == final.events)
    }

    @Test("A drift check on an alert sets what it checks and appends its note after the last event, reading and rewriting none, also after another program renumbered them; at the largest number the events are written anew")
    func driftCheckAppendsItsNote() throws {
        let (folder, path, store) = try Self.sampleStore("lifecycle-check")
        defer { try? store.close(); _ = folder }
        let alert = try Self.sampleAlert(.open, in: store)
        func check(_ score: Double) throws -> [String] {
            let record = DriftRecord(id: alert.externalID, model: alert.model, feature: alert.feature,
                                     evidence: DriftEvidence(method: alert.method, score: score, threshold: alert.threshold),
                                     actor: "monitor")
            return try store.recordingStatements { try store.write { _ = try $0.record(record, now: Self.now + score) } }.1
        }
        func expectAppended(_ score: Double, seq expected: Int, _ comment: Comment) throws {
            let before = try #require(try store.read { try $0.alert(externalID: alert.externalID) })
            let seqs = try Self.seqs(alert.externalID, path: path)
            let statements = try check(score)
            let after = try #require(try store.read { try $0.alert(externalID: alert.externalID) })
            #expect(Array(after.events.dropLast()) == before.events && after.events.last?.kind == .note && after.events.last?.actor == "monitor", comment)
            #expect(try Self.seqs(alert.externalID, path: path) == seqs + [expected], comment)
            #expect(!statements.contains { $0.hasPrefix("DELETE FROM alert_events") }, comment)
            // However long the alert's history, a check reads none of it, and sets only what it checks.
            #expect(!statements.contains { $0.hasPrefix("SELECT * FROM alert_events") }, comment)
            #expect(statements.contains { $0.hasPrefix("UPDATE drift_alerts SET method = ") }
                    && !statements.contains { $0.hasPrefix("INSERT INTO drift_alerts") }, comment)
        }
        let seqs = try Self.seqs(alert.externalID, path: path)
        try expectAppended(7, seq: (seqs.max() ?? -1) + 1, "the first check")
        try expectAppended(8, seq: (seqs.max() ?? -1) + 2, "the second check")
        try ForeignClient.execute(path, """
            UPDATE alert_events SET seq = 1000 WHERE seq = (SELECT max(seq) FROM alert_events e WHERE e.alert_id = alert_events.alert_id)
              AND alert_id = (SELECT id FROM drift_alerts WHERE external_id = '\(alert.externalID)');
            """)
        try expectAppended(9, seq: 1001, "after the last event was renumbered 1000")
        try ForeignClient.execute(path, """
            UPDATE alert_events SET seq = 9223372036854775807 WHERE seq = 1001
              AND alert_id = (SELECT id FROM drift_alerts WHERE external_id = '\(alert.externalID)');
            """)
        let before = try #require(try store.read { try $0.alert(externalID: alert.externalID) })
        let statements = try check(10)
        let after = try #require(try store.read { try $0.alert(externalID: alert.externalID) })
        #expect(Array(after.events.dropLast()) == before.events && after.events.last?.kind == .note)
        #expect(try Self.seqs(alert.externalID, path: path) == Array(0..<after.events.count))
        #expect(statements.contains { $0.hasPrefix("DELETE FROM alert_events") })
    }

    @Test("apply touches only the alert it names")
    func writerTouchesOneAlert() throws {
        let (folder, path, store) = try Self.sampleStore("lifecycle-one")
        defer { _ = folder }
        let target = try Self.sampleAlert(.open, in: store)
        let others = try store.read { reader in
            try reader.alertSummaries(now: Self.now).map(\.externalID).filter { $0 != target.externalID }
                .map { try reader.alert(externalID: $0)! }
        }
        try store.write { _ = try $0.apply(.note("only me"), toAlert: target.externalID, actor: "x", at: Self.now) }
        let othersAfter = try store.read { reader in try others.map { try reader.alert(externalID: $0.externalID)! } }
        #expect(othersAfter == others)
        try store.close()
        let counts = try StoreFingerprint(path: path).counts
        let template = try StoreFingerprint(path: SampleStoreTemplate.path).counts
        #expect(counts["alert_events"] == (template["alert_events"] ?? 0) + 1)
        // A new person acting that day is one more row of who acted by day (v15), kept from the events.
        #expect(counts["actor_days"] == (template["actor_days"] ?? 0) + 1)
        // And one more of the team's people, with their last day (v16).
        #expect(counts["actor_last"] == (template["actor_last"] ?? 0) + 1)
        let changed: Set<String> = ["alert_events", "actor_days", "actor_last"]
        #expect(counts.filter { !changed.contains($0.key) } == template.filter { !changed.contains($0.key) })
    }

    @Test("An unknown alert id throws unknownAlert and changes nothing")
    func unknownAlert() throws {
        let (folder, path, store) = try Self.sampleStore("lifecycle-unknown")
        defer { try? store.close(); _ = folder }
        let before = try StoreFingerprint(path: path)
        for action in [AlertAction.acknowledge, .note("x"), .reopen, .snooze(until: Self.now + 60)] {
            #expect(throws: AlertActionError.unknownAlert("alert-9999")) {
                try store.write { try $0.apply(action, toAlert: "alert-9999", actor: "x", at: Self.now) }
            }
        }
        #expect(AlertActionError.unknownAlert("alert-9999").description.contains("alert-9999"))
        #expect(try StoreFingerprint(path: path) == before)
    }

    @Test("A refused transition throws notAllowed with the lifecycle's reason and changes nothing")
    func refusedTransition() throws {
        let (folder, path, store) = try Self.sampleStore("lifecycle-refused")
        defer { try? store.close(); _ = folder }
        let resolved = try Self.sampleAlert(.resolved, in: store)
        let open = try Self.sampleAlert(.open, in: store)
        let acknowledged = try Self.sampleAlert(.acknowledged, in: store)
        let before = try StoreFingerprint(path: path)
        let refusals: [(String, AlertAction, String)] = [
            (resolved.externalID, .acknowledge, "alert \(resolved.externalID) is resolved; reopen it before acknowledging"),
            (resolved.externalID, .resolve(note: "again"), "alert \(resolved.externalID) is already resolved"),
            (open.externalID, .reopen, "alert \(open.externalID) is open; only a resolved or snoozed alert can be reopened"),
            (acknowledged.externalID, .acknowledge, "alert \(acknowledged.externalID) is already acknowledged"),
            (open.externalID, .note("  "), "a note needs some text"),
            (open.externalID, .snooze(until: Self.now - 1), "a snooze must end in the future"),
        ]
        for (id, action, message) in refusals {
            let error = #expect(throws: AlertActionError.self, "\(action) on \(id)") {
                try store.write { try $0.apply(action, toAlert: id, actor: "x", at: Self.now) }
            }
            guard case let .notAllowed(reason) = error else {
                Issue.record("\(action) on \(id): expected notAllowed, got \(String(describing: error))")
                continue
            }
            #expect(reason.message == message)
            #expect(error?.description == message, "the CLI prints the lifecycle's own words")
        }
        #expect(try StoreFingerprint(path: path) == before)
    }

    @Test("A store opened read-only refuses the write in SQLite itself (SQLITE_READONLY) and the file is unchanged")
    func readOnlyStore() throws {
        let (folder, path, store) = try Self.sampleStore("lifecycle-readonly")
        defer { _ = folder }
        let open = try Self.sampleAlert(.open, in: store)
        try store.close()
        let before = try StoreFingerprint(path: path)
        let readOnly = try PortfolioStore.open(path: path, readOnly: true)
        #expect(readOnly.isReadOnly)
        for action in [AlertAction.acknowledge, .note("x"), .assign(to: "Chloe")] {
            do {
                try readOnly.write { _ = try $0.apply(action, toAlert: open.externalID, actor: "x", at: Self.now) }
                Issue.record("\(action) was written to a read-only store")
            } catch let error as DatabaseError {
                #expect(error.resultCode == .SQLITE_READONLY, "\(error)")
            } catch {
                Issue.record("expected a SQLite read-only error; got \(type(of: error)): \(error)")
            }
        }
        // Reading still works, and sees the alert unchanged.
        #expect(try readOnly.read { try $0.alert(externalID: open.externalID) } == open)
        try readOnly.close()
        #expect(try StoreFingerprint(path: path) == before)
    }

    @Test("Opening a missing store read-only fails and creates nothing")
    func readOnlyMissingStore() {
        let folder = TemporaryFolder("lifecycle-missing")
        let path = folder.file("absent/portfolio.sqlite")
        #expect(throws: StoreError.self) { try PortfolioStore.open(path: path, readOnly: true) }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: folder.file("absent")))
    }

    @Test("Once now passes snoozed_until the alert lists as open and counts among active alerts (KPIs and its model)")
    func expiredSnoozeInQueries() throws {
        let (folder, _, store) = try Self.sampleStore("lifecycle-expiry")
        defer { try? store.close(); _ = folder }
        // Snooze an open alert for two hours from the anchor.
        let target = try Self.sampleAlert(.open, in: store)
        let until = Self.now + 7200
        try store.write { _ = try $0.apply(.snooze(until: until), toAlert: target.externalID, actor: "x", at: Self.now) }

        func summary(_ now: Date) throws -> DriftAlert? {
            try store.read { try $0.alertSummaries(now: now) }.first { $0.externalID == target.externalID }
        }
        func active(_ now: Date) throws -> Int { try store.read { try $0.currentFigures(FigureWindow(asOf: now)).portfolio.activeAlerts } }
        func modelActive(_ now: Date) throws -> Int? {
            let models = try store.read { reader in try reader.modelSummaries(now: now) }
            return models.first { $0.name == target.model }?.activeAlerts
        }
        /// Alerts other than `excluded` snoozed at `from` whose snooze ends in (from, to]: they wake up too.
        func waking(_ from: Date, _ to: Date, excluding excluded: String) throws -> Int {
            try store.read { reader in
                try reader.alertSummaries(now: from).filter {
                    $0.status == .snoozed && $0.externalID != excluded && $0.snoozedUntil.map { $0 > from && $0 <= to } == true
                }.count
            }
        }

        let justBefore = until - 1
        #expect(try summary(justBefore)?.status == .snoozed)
        #expect(try summary(justBefore)?.snoozedUntil == until)
        #expect(try summary(until)?.status == .open, "a snooze ends at its deadline")
        #expect(try summary(until + 3600)?.status == .open)
        #expect(try summary(until + 3600)?.snoozedUntil == until, "the deadline is still reported")
        #expect(try active(until) == (try active(justBefore)) + 1 + (try waking(justBefore, until, excluding: target.externalID)))
        #expect(try modelActive(until) ?? 0 > (try modelActive(justBefore) ?? 0))
        // The detail view agrees.
        #expect(try store.read { try $0.alertDetail(externalID: target.externalID, now: justBefore) }?.alert.status == .snoozed)
        #expect(try store.read { try $0.alertDetail(externalID: target.externalID, now: until) }?.alert.status == .open)

        // A sample alert the data itself left snoozed wakes up the same way.
        let sampleSnoozed = try #require(try store.read { try $0.alertSummaries(now: Self.now) }
            .first { $0.status == .snoozed && $0.externalID != target.externalID })
        let sampleUntil = try #require(sampleSnoozed.snoozedUntil)
        #expect(try store.read { try $0.alertSummaries(now: sampleUntil - 1) }.first { $0.externalID == sampleSnoozed.externalID }?.status
            == .snoozed)
        #expect(try store.read { try $0.alertSummaries(now: sampleUntil) }.first { $0.externalID == sampleSnoozed.externalID }?.status
            == .open)
        #expect(try active(sampleUntil)
            == (try active(sampleUntil - 1)) + 1 + (try waking(sampleUntil - 1, sampleUntil, excluding: sampleSnoozed.externalID)))
    }
}
