import Dashboard
import Foundation
import Portfolio
import Testing
import TestSupport

/// Detail views list what their item relates to as links: the arrows select them, Enter follows,
/// Esc goes back one step, and the title is the path. On the real sample, through the engine.
@Suite("Follow the thread")
struct FollowTheThreadTests {
    static func title(_ engine: DashboardEngine) -> String {
        DetailView(engine.state.detail!, trail: engine.state.trail.map(\.target), now: engine.state.now, zone: engine.state.timeZone).title
    }

    static func links(_ engine: DashboardEngine) -> [DetailLink] {
        let state = engine.state
        return DetailView(state.detail!, now: state.now, zone: state.timeZone)
            .links(width: DetailView.contentWidth(bodyWidth: state.layout.body.width))
    }

    /// Presses ↓ until `target` is the selected link, at most `limit` times; the presses it took.
    static func select(_ engine: DashboardEngine, _ target: DetailTarget, limit: Int = 40) throws -> Int? {
        for presses in 0...limit {
            if engine.state.detail?.link == target { return presses }
            try engine.send(.key(.down))
        }
        return nil
    }

    @Test("The tab shown as current is the panel the detail's path began in, whichever panel had the focus; back on the panels, the focus again")
    func tabFollowsThePathsRoot() throws {
        var state = DashboardState(width: 100, height: 30, now: SharedSample.now, sourceLabel: "test", isSample: true)
        state.focus = .models
        #expect(state.shownPanel == .models)
        state.detail = DetailState(.alert("alert-0071"))
        #expect(state.shownPanel == .alerts)
        state.trail = [DetailState(.run("run-001714"))]
        state.detail = DetailState(.model("card-fraud-detector"))
        #expect(state.shownPanel == .runs)
        state.trail = [DetailState(.team("Clinical AI"))]
        #expect(state.shownPanel == .maturity)
        state.trail = []
        state.detail = DetailState(.portfolio)
        #expect(state.shownPanel == .models)
        state.detail = nil
        state.focus = .runs
        #expect(state.shownPanel == .runs)
    }

    @Test("An alert's detail opens on its model; Enter follows it, the title is the path, and Esc goes back one step at a time")
    func alertToModelAndBack() throws {
        let engine = try SampleEngine.make(width: 120, height: 36)
        try engine.open(.alert("alert-0071"))
        #expect(engine.state.detail?.link == .model("card-fraud-detector"))
        #expect(Self.title(engine) == "Drift Alerts › alert-0071")

        try engine.send(.key(.enter))
        #expect(engine.state.detail?.target == .model("card-fraud-detector"))
        #expect(Self.title(engine) == "Drift Alerts › alert-0071 › card-fraud-detector")
        // A model's detail opens on its most urgent active alert.
        guard case let .model(model)? = engine.state.detail?.content else { Issue.record("no model detail"); return }
        #expect(model.activeAlerts.first?.severity == .critical)
        #expect(engine.state.detail?.link == model.activeAlerts.first.map { .alert($0.externalID) })

        try engine.send(.key(.escape))
        #expect(engine.state.detail?.target == .alert("alert-0071"))
        #expect(engine.state.detail?.link == .model("card-fraud-detector"), "the way back keeps what was selected")
        #expect(Self.title(engine) == "Drift Alerts › alert-0071")
        try engine.send(.key(.escape))
        #expect(engine.state.detail == nil)
    }

    @Test("From an alert the arrows reach the run its drift triggered, and that run's detail names the alert back")
    func alertToTriggeredRun() throws {
        let engine = try SampleEngine.make(width: 120, height: 36)
        try engine.open(.alert("alert-0071"))
        guard case let .alert(alert)? = engine.state.detail?.content else { Issue.record("no alert detail"); return }
        let run = try #require(alert.triggeredRuns.first, "the sample's card-fraud-detector retrains on drift after alert-0071")
        #expect(run.trigger == .drift && run.model == "card-fraud-detector")
        #expect(alert.otherActiveAlerts.allSatisfy { $0.model == "card-fraud-detector" && $0.externalID != "alert-0071" })
        #expect(alert.otherActiveAlerts.count >= 1)

        let presses = try Self.select(engine, .run(run.externalID))
        #expect(presses == 1, "the triggered run is the link after the model")
        try engine.send(.key(.enter))
        #expect(engine.state.detail?.target == .run(run.externalID))
        #expect(engine.state.detail?.link == .model("card-fraud-detector"))
        #expect(Self.links(engine).map(\.target).contains(.alert("alert-0071")), "the run's detail links the alert that triggered it")
        #expect(try Self.select(engine, .alert("alert-0071")) != nil)
        try engine.send(.key(.enter))
        #expect(Self.title(engine) == "Drift Alerts › alert-0071 › \(run.externalID) › alert-0071")
    }

    @Test("Scrolling never leaves a link selected off screen: the selection moves to one in view, or to none")
    func selectionStaysInView() throws {
        let engine = try SampleEngine.make(width: 120, height: 24)
        try engine.open(.model("card-fraud-detector"))
        let visible = engine.state.layout.body.height - 2
        var seen: Set<DetailTarget> = []
        for key in [Key.pageDown, .pageDown, .down, .down, .pageDown, .end, .up, .pageUp, .home] + Array(repeating: Key.down, count: 30) {
            try engine.send(.key(key))
            let detail = try #require(engine.state.detail)
            if let link = detail.link {
                seen.insert(link)
                let line = try #require(Self.links(engine).first { $0.target == link }?.line)
                #expect(line >= detail.scroll && line < detail.scroll + visible, "\(link) at line \(line), view \(detail.scroll)+\(visible)")
            }
        }
        #expect(seen.count > 3, "the arrows passed through the model's links: \(seen)")
    }

    @Test("A team's detail lists its models and the overview its teams, each a link")
    func teamAndOverviewLinks() throws {
        let engine = try SampleEngine.make(width: 160, height: 48)
        try engine.open(.team("Risk & Fraud Analytics"))
        guard case let .team(team)? = engine.state.detail?.content else { Issue.record("no team detail"); return }
        #expect(team.modelList.count == team.models && team.models > 0)
        let links = Self.links(engine).map(\.target)
        #expect(team.modelList.allSatisfy { links.contains(.model($0.name)) })
        try engine.send(.key(.character(":")))
        try SampleEngine.type(engine, "overview")
        try engine.send(.key(.enter))
        #expect(engine.state.detail?.target == .portfolio)
        #expect(engine.state.trail.isEmpty, ":overview starts a new path")
        #expect(Self.links(engine).map(\.target).contains(.team("Clinical AI")))
    }

    @Test(":model, :run and :alert open a detail; Tab completes their keys from the store")
    func colonCommandsOpenDetails() throws {
        let engine = try SampleEngine.make(width: 120, height: 36)
        try engine.send(.key(.character(":")))
        try SampleEngine.type(engine, "model card")
        try engine.send(.key(.tab))
        #expect(engine.state.prompt?.editor.text == "model card-fraud-detector")
        try engine.send(.key(.enter))
        #expect(engine.state.detail?.target == .model("card-fraud-detector"))

        // From a detail, one more step along its path.
        try engine.send(.key(.character(":")))
        try SampleEngine.type(engine, "alert alert-007")
        try engine.send(.key(.tab))
        #expect(engine.state.prompt?.editor.text == "alert alert-007")
        #expect(engine.state.message?.contains("alert-0070  alert-0071") == true, "candidates: \(engine.state.message ?? "none")")
        try SampleEngine.type(engine, "1")
        try engine.send(.key(.enter))
        #expect(engine.state.detail?.target == .alert("alert-0071"))
        #expect(Self.title(engine) == "Models › card-fraud-detector › alert-0071")

        try engine.send(.key(.character(":")))
        try SampleEngine.type(engine, "run run-nope")
        try engine.send(.key(.tab))
        #expect(engine.state.message == "nothing starts with 'run-nope'")
        try engine.send(.key(.enter))
        #expect(engine.state.message == "pipeline run 'run-nope' is not in the store")
        #expect(engine.state.detail?.target == .alert("alert-0071"), "a key not in the store leaves the view where it was")
    }
}
