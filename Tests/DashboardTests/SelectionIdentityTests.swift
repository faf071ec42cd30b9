import Dashboard
import Foundation
import Portfolio
import PortfolioStore
import Testing
import TestSupport

/// The selection is a thing, not a row number: with the real engine on a real store, it follows
/// the selected item across reloads, sorts, filters, other programs' writes and the user's own
/// actions, and says so when the item leaves the view.
@Suite("Selection by identity")
struct SelectionIdentityTests {
    static func engine(_ store: PortfolioStore, width: Int = 160, height: Int = 48) throws -> DashboardEngine {
        var state = DashboardState(width: width, height: height, now: SharedSample.now, sourceLabel: "test")
        state.lastPoll = SharedSample.now
        return try DashboardEngine(store: store, state: state, actor: "tester")
    }

    /// Another program's write becomes visible at the next poll.
    static func poll(_ engine: DashboardEngine) throws {
        try engine.send(.tick(SharedSample.now.addingTimeInterval(engine.state.refreshInterval + 1)))
    }

    static func selectedAlert(_ engine: DashboardEngine) -> String? {
        engine.state.data.alerts[absolute: engine.state.selected(.alerts)]?.externalID
    }

    @Test("3 g a then n: the acknowledgement and the note land on the same alert, though acknowledging moved it in the list")
    func actionThenNote() throws {
        let (folder, store) = try EngineTests.privateSample()
        defer { _ = folder; try? store.close() }
        let engine = try Self.engine(store)
        for key in ["3", "g"] { try engine.send(.key(.character(Character(key)))) }
        let first = try #require(Self.selectedAlert(engine))
        try engine.send(.key(.character("a")))
        #expect(engine.state.message == "\(first) acknowledged by tester")
        // Acknowledged alerts sort below open ones: the alert moved, the selection with it.
        #expect(engine.state.selected(.alerts) > 0)
        #expect(Self.selectedAlert(engine) == first)
        try engine.send(.key(.character("n")))
        guard case let .note(target)? = engine.state.prompt?.purpose else { Issue.record("no note prompt"); return }
        #expect(target == first)
        try SampleEngine.type(engine, "same alert")
        try engine.send(.key(.enter))
        let alert = try #require(try store.read { try $0.alert(externalID: first) })
        #expect(alert.status == .acknowledged)
        #expect(alert.events.last?.note == "same alert")
    }

    @Test("A row another program inserts above the selection does not move it: the same alert stays selected, one row down")
    func insertAboveKeepsSelection() throws {
        let (folder, store) = try EngineTests.privateSample()
        defer { _ = folder; try? store.close() }
        let engine = try Self.engine(store)
        for key in ["3", "j", "j", "j"] { try engine.send(.key(.character(Character(key)))) }
        let selected = try #require(Self.selectedAlert(engine))
        let index = engine.state.selected(.alerts)
        // A new critical alert sorts first.
        let writer = try PortfolioStore.open(path: store.path)
        _ = try writer.write { try $0.record(DriftRecord(model: "card-fraud-detector", feature: "inserted_above",
                                                         evidence: DriftEvidence(method: .psi, score: 0.9, threshold: 0.1),
                                                         severity: .critical), now: SharedSample.now) }
        try writer.close()
        try Self.poll(engine)
        #expect(engine.state.data.alerts.rows.first?.feature == "inserted_above")
        #expect(Self.selectedAlert(engine) == selected)
        #expect(engine.state.selected(.alerts) == index + 1)
    }

    @Test("When the selected item is deleted the selection takes the row in its place, and the footer says so")
    func deletedItem() throws {
        let (folder, store) = try EngineTests.privateSample()
        defer { _ = folder; try? store.close() }
        let engine = try Self.engine(store)
        for key in ["3", "j", "j"] { try engine.send(.key(.character(Character(key)))) }
        let selected = try #require(Self.selectedAlert(engine))
        let index = engine.state.selected(.alerts)
        let next = try #require(engine.state.data.alerts[absolute: index + 1]?.externalID)
        try ForeignClient.execute(store.path, "DELETE FROM drift_alerts WHERE external_id = '\(selected)'")
        try Self.poll(engine)
        #expect(engine.state.message == "\(selected) was deleted from the store; selected the row in its place")
        #expect(engine.state.selected(.alerts) == index)
        #expect(Self.selectedAlert(engine) == next)
        #expect(engine.state.selectedKey[.alerts] == next)
    }

    @Test("Resolved out of a filtered view, an alert leaves it: the selection takes its neighbour and says why")
    func resolvedOutOfFilter() throws {
        let (folder, store) = try EngineTests.privateSample()
        defer { _ = folder; try? store.close() }
        let engine = try Self.engine(store)
        try engine.send(.key(.character("3")))
        try engine.send(.key(.character("/")))
        try SampleEngine.type(engine, "open")
        try engine.send(.key(.enter))
        try engine.send(.key(.character("j")))
        let selected = try #require(Self.selectedAlert(engine))
        try engine.send(.key(.character("x")))
        try engine.send(.key(.enter))
        #expect(try store.read { try $0.alert(externalID: selected)?.status } == .resolved)
        #expect(engine.state.message?.contains("\(selected) is no longer in Drift Alerts as filtered and scoped") == true,
                "\(engine.state.message ?? "")")
        #expect(Self.selectedAlert(engine) != selected)
        #expect(Self.selectedAlert(engine) != nil)
    }

    @Test("A sort or a filter keeps the selected item selected wherever it lands")
    func sortKeepsSelection() throws {
        let engine = try SampleEngine.make()
        try engine.send(.key(.character("1")))
        for _ in 0..<5 { try engine.send(.key(.character("j"))) }
        let name = try #require(engine.state.data.models[absolute: engine.state.selected(.models)]?.name)
        try engine.send(.key(.character("s")))
        #expect(engine.state.data.models[absolute: engine.state.selected(.models)]?.name == name)
        try engine.send(.key(.character("S")))
        #expect(engine.state.data.models[absolute: engine.state.selected(.models)]?.name == name)
        try engine.send(.key(.character("/")))
        try SampleEngine.type(engine, String(name.prefix(6)))
        #expect(engine.state.data.models[absolute: engine.state.selected(.models)]?.name == name)
    }

    @Test("On a panel longer than the search reaches, an item moved far away sends the view to the first row, saying so")
    func beyondSearch() throws {
        let (folder, store) = try GeneratedStore.make("selection-deep", models: 20, runs: 3_000, alerts: 50, seed: 3)
        defer { try? store.close(); _ = folder }
        let engine = try Self.engine(store)
        try engine.send(.key(.character("2")))
        let first = try #require(engine.state.data.runs[absolute: 0]?.externalID)
        try engine.send(.key(.character("S")))
        #expect(engine.state.message?.contains("\(first) moved beyond the first \(2_000) rows of Pipeline Runs; back to the first row") == true,
                "\(engine.state.message ?? "")")
        #expect(engine.state.selected(.runs) == 0)
        // And a far item that moves only a little is still found: the last run, then one more run before it.
        try engine.send(.key(.character("S")))
        try engine.send(.key(.character("G")))
        let last = try #require(engine.state.data.runs[absolute: engine.state.selected(.runs)])
        let writer = try PortfolioStore.open(path: store.path)
        _ = try writer.write { try $0.record(RunRecord(id: "inserted-first", pipeline: "p-new", model: last.model, kind: .training,
                                                        status: .queued, started: SharedSample.now), now: SharedSample.now) }
        try writer.close()
        try Self.poll(engine)
        #expect(engine.state.data.runs[absolute: engine.state.selected(.runs)]?.externalID == last.externalID)
    }

    @Test("A load that leaves the scroll below the last row asks for another, which is never dropped: 60 models, G, 55 deleted")
    func shrinkingPanelReloads() throws {
        let (folder, store) = try GeneratedStore.make("selection-shrink", models: 60, runs: 100, alerts: 10, seed: 4)
        defer { try? store.close(); _ = folder }
        let engine = try Self.engine(store)
        try engine.send(.key(.character("G")))
        #expect(engine.state.selected(.models) == 59)
        try ForeignClient.execute(store.path, "DELETE FROM models WHERE id > 5")
        try Self.poll(engine)
        let view = PanelViewModel.view(.models, state: engine.state)
        #expect(view.position == "5/5")
        #expect(engine.state.data.models.rows.count == 5, "the panel shows no rows: the follow-up reload was dropped")
        try engine.send(.key(.character("k")))
        #expect(PanelViewModel.view(.models, state: engine.state).position == "4/5")
        #expect(engine.state.data.models.rows.count == 5)
    }
}
