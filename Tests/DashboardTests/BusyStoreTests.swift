import Dashboard
import Foundation
import GRDB
import Portfolio
import PortfolioStore
import Testing
import TestSupport

/// Another program holding the store's write lock (a long import, a stuck script) never freezes
/// the dashboard: alert actions are written in the background, each waiting at most its deadline,
/// and one that could not be saved says so and is kept, with its typed text, for `R`.
@Suite("A busy store")
struct BusyStoreTests {
    /// Holds the write lock of `path` from another connection until `release` is called.
    final class LockHolder: @unchecked Sendable {
        private let released = DispatchSemaphore(value: 0)
        private let taken = DispatchSemaphore(value: 0)
        private let finished = DispatchSemaphore(value: 0)

        init(_ path: String) throws {
            let queue = try DatabaseQueue(path: path)
            Thread.detachNewThread { [self] in
                try? queue.writeWithoutTransaction { db in
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    taken.signal()
                    released.wait()
                    try db.execute(sql: "COMMIT")
                }
                finished.signal()
            }
            taken.wait()
        }

        func release() {
            released.signal()
            finished.wait()
        }
    }

    static func engine(_ store: PortfolioStore, deadline: TimeInterval) throws -> DashboardEngine {
        var state = DashboardState(width: 160, height: 48, now: SharedSample.now, sourceLabel: "test")
        state.lastPoll = SharedSample.now
        state.focus = .alerts
        return try DashboardEngine(store: store, state: state, actor: "tester", writes: .background(deadline: deadline))
    }

    static func notes(_ store: PortfolioStore, _ alert: String) throws -> [String] {
        try store.read { try $0.alert(externalID: alert)?.events.compactMap(\.note) ?? [] }
    }

    @Test("A note the store is too busy to take is not lost: the footer says so, keeps it, and R saves it")
    func busyNoteIsKeptAndRetried() throws {
        let (folder, store) = try EngineTests.privateSample()
        defer { _ = folder; try? store.close() }
        let engine = try Self.engine(store, deadline: 0.3)
        let alert = try #require(engine.state.data.alerts.rows.first { $0.status != .resolved }?.externalID)
        try engine.send(.openDetail(.alert(alert)))
        let holder = try LockHolder(store.path)
        try engine.send(.key(.character("n")))
        try SampleEngine.type(engine, "checked the upstream feed")
        let started = Date()
        try engine.send(.key(.enter))
        #expect(Date().timeIntervalSince(started) < 0.2, "the key waited for the write")
        #expect(engine.state.saving.map(\.alert) == [alert])
        #expect(FooterView(state: engine.state).message?.hasPrefix("saving: note on \(alert)") == true)

        try engine.waitForWrites()
        #expect(engine.state.unsaved == [PendingAlertAction(alert: alert, action: .note("checked the upstream feed"))])
        #expect(engine.state.message?.contains("not saved: note on \(alert)") == true)
        #expect(engine.state.message?.contains("R retries") == true)
        holder.release()
        #expect(try !Self.notes(store, alert).contains("checked the upstream feed"))

        try engine.send(.key(.character("j")))
        #expect(FooterView(state: engine.state).message?.contains("not saved: note on \(alert) — R retries") == true)
        try engine.send(.key(.character("R")))
        try engine.waitForWrites()
        #expect(engine.state.unsaved == [])
        #expect(engine.state.message == "\(alert) noted by tester")
        #expect(try Self.notes(store, alert).contains("checked the upstream feed"))
    }

    @Test("Keys keep working while a write waits for the lock")
    func keysWorkWhileWriting() throws {
        let (folder, store) = try EngineTests.privateSample()
        defer { _ = folder; try? store.close() }
        let engine = try Self.engine(store, deadline: 5)
        let holder = try LockHolder(store.path)
        try engine.send(.key(.character("a")))
        #expect(engine.isWriting)
        let before = engine.state.selected(.alerts)
        try engine.send(.key(.character("j")))
        try engine.send(.key(.character("1")))
        #expect(engine.state.selected(.alerts) == before + 1)
        #expect(engine.state.focus == .models)
        #expect(engine.isWriting)
        holder.release()
        try engine.waitForWrites()
        #expect(engine.state.unsaved == [])
        #expect(engine.state.message?.contains("acknowledged by tester") == true)
    }

    @Test("Every action the store could not take is kept, also when the user quits meanwhile; R saves them all, oldest first")
    func severalUnsaved() throws {
        let (folder, store) = try EngineTests.privateSample()
        defer { _ = folder; try? store.close() }
        let engine = try Self.engine(store, deadline: 0.3)
        let open = engine.state.data.alerts.rows.filter { $0.status == .open }.map(\.externalID)
        try #require(open.count >= 2)
        let holder = try LockHolder(store.path)
        try engine.send(.openDetail(.alert(open[0])))
        try engine.send(.key(.character("n")))
        try SampleEngine.type(engine, "first note")
        try engine.send(.key(.enter))
        try engine.send(.key(.escape))
        try engine.send(.openDetail(.alert(open[1])))
        try engine.send(.key(.character("a")))
        // Quitting collects what became of the writes still in flight.
        engine.cancelBackgroundWork()
        #expect(engine.state.unsaved == [PendingAlertAction(alert: open[0], action: .note("first note")),
                                         PendingAlertAction(alert: open[1], action: .acknowledge)])
        #expect(FooterView(state: DashboardState(width: 80, height: 24, now: SharedSample.now, sourceLabel: "")).message == nil)
        var state = engine.state
        state.message = nil
        #expect(FooterView(state: state).message == "2 alert actions not saved — R retries")
        holder.release()
        try engine.send(.key(.character("R")))
        try engine.waitForWrites()
        #expect(engine.state.unsaved == [])
        #expect(try Self.notes(store, open[0]).contains("first note"))
        #expect(try store.read { try $0.alert(externalID: open[1])?.status } == .acknowledged)
    }
}
