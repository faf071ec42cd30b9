import Foundation
import GRDB
import Portfolio
import PortfolioStore
import Testing
import TestSupport

/// The alert lifecycle's rules, and its writes on a real store file.
@Suite("Alert lifecycle rules")
struct LifecycleRulesTests {
    static let now = Date(timeIntervalSince1970: 1_768_208_400)

    static func alert(_ status: AlertStatus, snoozedUntil: Date? = nil) -> DriftAlert {
        DriftAlert(externalID: "a-1", model: "m", feature: "f", method: .psi, score: 0.3, threshold: 0.25, severity: .critical,
                   status: status, openedAt: now - 3600, snoozedUntil: snoozedUntil,
                   resolvedAt: status == .resolved ? now - 60 : nil)
    }

    static let statuses: [(String, DriftAlert)] = [
        ("open", alert(.open)), ("acknowledged", alert(.acknowledged)), ("snoozed", alert(.snoozed, snoozedUntil: now + 3600)),
        ("expired snooze", alert(.snoozed, snoozedUntil: now - 1)), ("resolved", alert(.resolved)),
    ]

    /// Which actions each status allows, and the status after.
    static let table: [String: [String: AlertStatus?]] = [
        "open": ["ack": .acknowledged, "assign": .open, "note": .open, "snooze": .snoozed, "resolve": .resolved, "reopen": nil],
        "acknowledged": ["ack": nil, "assign": .acknowledged, "note": .acknowledged, "snooze": .snoozed, "resolve": .resolved, "reopen": nil],
        "snoozed": ["ack": .acknowledged, "assign": .snoozed, "note": .snoozed, "snooze": .snoozed, "resolve": .resolved, "reopen": .open],
        "expired snooze": ["ack": .acknowledged, "assign": .snoozed, "note": .snoozed, "snooze": .snoozed, "resolve": .resolved, "reopen": .open],
        "resolved": ["ack": nil, "assign": nil, "note": .resolved, "snooze": nil, "resolve": nil, "reopen": .open],
    ]

    static let actions: [(String, AlertAction)] = [
        ("ack", .acknowledge), ("assign", .assign(to: "Chloe")), ("note", .note("looked")), ("snooze", .snooze(until: now + 7200)),
        ("resolve", .resolve(note: "fixed")), ("reopen", .reopen),
    ]

    @Test("Every action from every status is allowed or refused as the lifecycle says, and a success appends one event")
    func transitionTable() {
        for (statusName, alert) in Self.statuses {
            for (actionName, action) in Self.actions {
                let expected = Self.table[statusName]![actionName]!
                do {
                    let after = try AlertLifecycle.apply(action, to: alert, actor: "tester", at: Self.now)
                    #expect(expected != nil, "\(actionName) from \(statusName) should be refused")
                    #expect(after.status == expected, "\(actionName) from \(statusName)")
                    #expect(after.events.count == alert.events.count + 1)
                    #expect(after.events.last?.kind == action.eventKind)
                    #expect(after.events.last?.actor == "tester")
                    #expect(after.events.last?.at == Self.now)
                } catch {
                    #expect(expected == nil, "\(actionName) from \(statusName) refused: \(error)")
                    #expect(error.message.contains("a-1") || error.message.contains("needs") || error.message.contains("future"))
                }
            }
        }
    }

    @Test("Assign sets the assignee; resolve sets the time and keeps its note; reopen clears resolution and snooze")
    func effects() throws {
        let assigned = try AlertLifecycle.apply(.assign(to: " Chloe Martin "), to: Self.alert(.open), actor: "x", at: Self.now)
        #expect(assigned.assignee == "Chloe Martin")
        let resolved = try AlertLifecycle.apply(.resolve(note: "retrained"), to: Self.alert(.acknowledged), actor: "x", at: Self.now)
        #expect(resolved.resolvedAt == Self.now)
        #expect(resolved.events.last?.note == "retrained")
        let reopened = try AlertLifecycle.apply(.reopen, to: resolved, actor: "x", at: Self.now + 10)
        #expect(reopened.resolvedAt == nil && reopened.snoozedUntil == nil && reopened.status == .open)
        let snoozed = try AlertLifecycle.apply(.snooze(until: Self.now + 60), to: Self.alert(.open), actor: "x", at: Self.now)
        #expect(snoozed.snoozedUntil == Self.now + 60)
    }

    @Test("Empty names and notes and snoozes into the past are refused")
    func badArguments() {
        #expect(throws: LifecycleError.self) { try AlertLifecycle.apply(.assign(to: "  "), to: Self.alert(.open), actor: "x", at: Self.now) }
        #expect(throws: LifecycleError.self) { try AlertLifecycle.apply(.note(""), to: Self.alert(.open), actor: "x", at: Self.now) }
        #expect(throws: LifecycleError.self) {
            try AlertLifecycle.apply(.snooze(until: Self.now - 1), to: Self.alert(.open), actor: "x", at: Self.now)
        }
    }

    @Test("A snooze that has run out counts as open")
    func effectiveStatus() {
        #expect(AlertLifecycle.effectiveStatus(.snoozed, snoozedUntil: Self.now - 1, now: Self.now) == .open)
        #expect(AlertLifecycle.effectiveStatus(.snoozed, snoozedUntil: Self.now + 1, now: Self.now) == .snoozed)
        #expect(AlertLifecycle.effectiveStatus(.resolved, snoozedUntil: nil, now: Self.now) == .resolved)
    }

    @Test("Durations are read as people type them, and nonsense is refused")
    func durations() {
        for (text, seconds) in [("90s", 90.0), ("45m", 2700), ("4h", 14_400), ("1d", 86_400), ("2w", 1_209_600), ("1h30m", 5400)] {
            #expect(DurationText.parse(text) == seconds, "\(text)")
        }
        for text in ["", "4", "h", "4x", "-1h", "soon"] { #expect(DurationText.parse(text) == nil, "\(text)") }
        #expect(DurationText.format(5400) == "1h30m")
    }

    // MARK: - On a real store

    static func store() throws -> (TemporaryFolder, PortfolioStore) {
        let folder = TemporaryFolder("lifecycle")
        let path = try SampleStoreTemplate.copy(into: folder)
        return (folder, try PortfolioStore.open(path: path))
    }

    @Test("apply updates the alert and appends exactly one event after the last one")
    func writerAppends() throws {
        let (folder, store) = try Self.store()
        defer { try? store.close(); _ = folder }
        let open = try #require(try store.read { try $0.alertSummaries(now: Self.now) }.first { $0.status == .open })
        let before = try #require(try store.read { try $0.alert(externalID: open.externalID) })
        try store.write { _ = try $0.apply(.acknowledge, toAlert: open.externalID, actor: "tester", at: Self.now) }
        let after = try #require(try store.read { try $0.alert(externalID: open.externalID) })
        #expect(after.status == .acknowledged)
        #expect(after.events.count == before.events.count + 1)
        #expect(Array(after.events.dropLast()) == before.events)
        #expect(after.events.last == AlertEvent(kind: .acknowledged, at: Self.now, actor: "tester"))
    }

    @Test("An unknown id or a refused transition changes nothing in the store")
    func refusalsWriteNothing() throws {
        let (folder, store) = try Self.store()
        defer { _ = folder }
        let resolved = try #require(try store.read { try $0.alertSummaries(now: Self.now) }.first { $0.status == .resolved })
        try store.close()
        let path = folder.file("portfolio.sqlite")
        let before = try StoreFingerprint(path: path)
        let reopened = try PortfolioStore.open(path: path)
        #expect(throws: AlertActionError.unknownAlert("no-such-alert")) {
            try reopened.write { _ = try $0.apply(.acknowledge, toAlert: "no-such-alert", actor: "x", at: Self.now) }
        }
        #expect(throws: AlertActionError.self) {
            try reopened.write { _ = try $0.apply(.acknowledge, toAlert: resolved.externalID, actor: "x", at: Self.now) }
        }
        try reopened.close()
        #expect(try StoreFingerprint(path: path) == before)
    }

    @Test("A store opened read-only refuses a lifecycle write in SQLite itself (SQLITE_READONLY)")
    func readOnlyAtSQLiteLevel() throws {
        let (folder, store) = try Self.store()
        defer { _ = folder }
        let open = try #require(try store.read { try $0.alertSummaries(now: Self.now) }.first { $0.status == .open })
        try store.close()
        let path = folder.file("portfolio.sqlite")
        let before = try StoreFingerprint(path: path)
        let readOnly = try PortfolioStore.open(path: path, readOnly: true)
        #expect {
            try readOnly.write { _ = try $0.apply(.acknowledge, toAlert: open.externalID, actor: "x", at: Self.now) }
        } throws: { error in
            (error as? DatabaseError)?.resultCode == .SQLITE_READONLY
        }
        try readOnly.close()
        #expect(try StoreFingerprint(path: path) == before)
    }

    @Test("Queries show an expired snooze as open and count it among active alerts")
    func expiredSnoozeInQueries() throws {
        let (folder, store) = try Self.store()
        defer { try? store.close(); _ = folder }
        let snoozed = try #require(try store.read { try $0.alertSummaries(now: Self.now) }.first { $0.status == .snoozed })
        let until = try #require(snoozed.snoozedUntil)
        let activeBefore = try store.read { try $0.kpis(now: until - 1).activeAlerts }
        let later = try store.read { try $0.alertSummaries(now: until + 1) }
        #expect(later.first { $0.externalID == snoozed.externalID }?.status == .open)
        #expect(try store.read { try $0.kpis(now: until + 1).activeAlerts } == activeBefore + 1)
    }
}
