import Dashboard
import Foundation
import Portfolio
import PortfolioStore
import Testing
import TestSupport

/// Knowing what one is looking at: when the screen last refreshed, whether that failed, a pause
/// that holds the data still, the rows a refresh changed, and every message whole.
@Suite("Refresh status")
struct RefreshStatusTests {
    static func header(_ engine: DashboardEngine) -> HeaderView { HeaderView(state: engine.state) }

    @Test("The header says when the screen last refreshed, and r says in the footer when its refresh is done")
    func refreshedTime() throws {
        let engine = try SampleEngine.make()
        #expect(engine.state.lastRefresh == SharedSample.now)
        #expect(Self.header(engine).clock.hasSuffix("refreshed 2026-01-12 09:00:00 UTC"), "\(Self.header(engine).clock)")
        #expect(Self.header(engine).clockTone == nil)
        try engine.send(.key(.character("r")))
        #expect(engine.state.message == "refreshed at 09:00:00")
    }

    @Test("A failed refresh turns the header's clock into 'refresh failed' with the time of the data shown, until a refresh succeeds")
    func failedRefresh() throws {
        var state = ReducerTests.state()
        state.lastRefresh = ReducerTests.now
        state.now = ReducerTests.now.addingTimeInterval(30)
        _ = DashboardReducer.reduce(&state, .storeFailed("database is locked"))
        let header = HeaderView(state: state, zone: TimeZone(identifier: "UTC")!)
        #expect(header.clock.hasPrefix("refresh failed ") && header.clock.contains("data as of"), "\(header.clock)")
        #expect(header.clockTone == .critical)
        #expect(state.message == "store: database is locked")
        _ = DashboardReducer.reduce(&state, .polled)
        #expect(state.refreshFailure == nil && state.lastRefresh == state.now)
        #expect(HeaderView(state: state).clock.contains("refreshed"))
    }

    @Test("p pauses: the clock stops polling and the header says paused with the data's time; p again follows the store at once")
    func pauseAndResume() {
        var state = ReducerTests.state()
        state.lastRefresh = ReducerTests.now
        state.lastPoll = ReducerTests.now
        _ = DashboardReducer.reduce(&state, .key(.character("p")))
        #expect(state.isPaused && state.pausedDataTime == ReducerTests.now)
        #expect(DashboardReducer.reduce(&state, .tick(ReducerTests.now.addingTimeInterval(600))).isEmpty, "a paused dashboard polls nothing")
        let header = HeaderView(state: state, zone: TimeZone(identifier: "UTC")!)
        #expect(header.clock.hasPrefix("PAUSED · data as of") && header.clockTone == .warn, "\(header.clock)")
        #expect(DashboardReducer.reduce(&state, .key(.character("p"))) == [.pollForChanges])
        #expect(!state.isPaused)
        #expect(KeyMap.command(for: .character("p"), in: .panel(.models)) == .pause)
        #expect(KeyMap.command(for: .character("p"), in: .detail(.alert)) == .pause)
    }

    @Test("The rows another program changed are marked at the next refresh, and only until the one after")
    func changedRowsMarkedForOneInterval() throws {
        let (folder, store) = try EngineTests.privateSample()
        defer { _ = folder; try? store.close() }
        let engine = try SelectionIdentityTests.engine(store)
        try engine.send(.key(.character("3")))
        #expect(engine.state.changedKeys.values.allSatisfy { $0.isEmpty })
        let target = try #require(engine.state.data.alerts.rows.first { $0.status == .open })
        let writer = try PortfolioStore.open(path: store.path)
        _ = try writer.write { try $0.apply(.acknowledge, toAlert: target.externalID, actor: "someone else", at: SharedSample.now) }
        try writer.close()
        try SelectionIdentityTests.poll(engine)
        #expect(engine.state.changedKeys[.alerts]?.contains(target.externalID) == true)
        let table = PanelViewModel.view(.alerts, state: engine.state).table
        let row = try #require(engine.state.data.alerts.rows.firstIndex { $0.externalID == target.externalID })
        #expect(table.changedRows.contains(row))
        #expect(engine.state.changedKeys[.models]?.isEmpty != false || engine.state.changedKeys[.models]!.contains(target.model))
        // The next refresh finds nothing new: nothing is marked.
        try engine.send(.tick(SharedSample.now.addingTimeInterval(2 * (engine.state.refreshInterval + 1))))
        #expect(engine.state.changedKeys.values.allSatisfy { $0.isEmpty })
    }

    @Test(":messages lists the recent messages whole, newest first; Esc closes it")
    func messagesKeptWhole() throws {
        let engine = try SampleEngine.make(width: 80, height: 24)
        let long = String(repeating: "a long explanation of what happened ", count: 6)
        try engine.send(.notice(long))
        try engine.send(.key(.character(":")))
        try SampleEngine.type(engine, "messages")
        try engine.send(.key(.enter))
        #expect(engine.state.showMessages)
        #expect(engine.state.messages.last?.text == long)
        try engine.send(.key(.escape))
        #expect(!engine.state.showMessages)
        var many = ReducerTests.state()
        for i in 0..<(DashboardState.messageLimit + 5) { many.message = "message \(i)" }
        #expect(many.messages.count == DashboardState.messageLimit && many.messages.last?.text == "message \(DashboardState.messageLimit + 4)")
    }
}

/// The window of the header's figures and the detail views' charts.
@Suite("Figure window")
struct FigureWindowTests {
    @Test("w cycles the window between 7, 30 and 90 days: the header's window figures and an open detail's charts follow it")
    func windowCycles() throws {
        let engine = try SampleEngine.make()
        #expect(engine.state.windowDays == 30)
        try engine.open(.model("card-fraud-detector"))
        guard case let .model(thirty)? = engine.state.detail?.content else { Issue.record("no model detail"); return }
        var seen: [Int] = []
        for _ in 0..<3 {
            try engine.send(.key(.character("w")))
            seen.append(engine.state.windowDays)
            #expect(engine.state.data.figures?.window.days == engine.state.windowDays)
            #expect(HeaderView(state: engine.state).figures.contains { $0.label == "deploys \(engine.state.windowDays)d" })
            guard case let .model(detail)? = engine.state.detail?.content else { Issue.record("no model detail"); return }
            #expect(detail.window?.days == engine.state.windowDays)
            let start = engine.state.now.addingTimeInterval(-Double(engine.state.windowDays) * 86_400)
            #expect(detail.metrics.allSatisfy { $0.points.allSatisfy { $0.at >= start } })
            if engine.state.windowDays == 90 {
                #expect(detail.metrics.map(\.points.count).reduce(0, +) > thirty.metrics.map(\.points.count).reduce(0, +))
            }
        }
        #expect(seen == [90, 7, 30])
    }
}
