import Dashboard
import Foundation
import Portfolio
import PortfolioStore
import Testing
import TestSupport

/// The `:` command line (with Tab completion) and the mouse, through the reducer and the engine.
@Suite("Command line and mouse")
struct CommandLineMouseTests {
    @Test(":alerts, :runs, :maturity and :models jump to their panel, also from a detail view")
    func jumps() throws {
        let engine = try SampleEngine.make()
        for (command, panel) in [("alerts", PanelID.alerts), ("runs", .runs), ("maturity", .maturity), ("models", .models)] {
            try engine.send(.key(.enter))
            try engine.send(.key(.character(":")))
            try SampleEngine.type(engine, command)
            try engine.send(.key(.enter))
            #expect(engine.state.focus == panel)
            #expect(engine.state.detail == nil)
        }
    }

    @Test("Tab completes command names and team names")
    func completion() throws {
        let engine = try SampleEngine.make()
        try engine.send(.key(.character(":")))
        try SampleEngine.type(engine, "te")
        try engine.send(.key(.tab))
        #expect(engine.state.prompt?.editor.text == "team ")
        try SampleEngine.type(engine, "ri")
        try engine.send(.key(.tab))
        #expect(engine.state.prompt?.editor.text == "team Risk & Fraud Analytics")
        try engine.send(.key(.escape))
        try engine.send(.key(.character(":")))
        try SampleEngine.type(engine, "m")
        try engine.send(.key(.tab))
        #expect(engine.state.prompt?.editor.text == "m")
        #expect(engine.state.message == "models  maturity  model  messages")
    }

    @Test(":team NAME scopes every panel to the team and :team alone clears it")
    func teamScope() throws {
        let engine = try SampleEngine.make()
        try engine.send(.key(.character(":")))
        try SampleEngine.type(engine, "team clinical ai")
        try engine.send(.key(.enter))
        #expect(engine.state.scope.team == "Clinical AI")
        #expect(engine.state.data.models.total == 10)
        #expect(engine.state.data.models.rows.allSatisfy { $0.team == "Clinical AI" })
        #expect(engine.state.data.maturity.total == 1)
        #expect(engine.state.data.runs.total < 1720)
        #expect(HeaderView(state: engine.state).source.contains("team Clinical AI"))
        // The header's figures are the team's, as `status --team "Clinical AI"` prints them.
        let team = try #require(engine.state.data.figures?.team("Clinical AI"))
        #expect(HeaderView(state: engine.state).figures.first { $0.label == "value at risk" }?.value == Format.money(team.valueAtRisk))
        #expect(HeaderView(state: engine.state).figures.first?.value == "\(team.modelsInProduction)/\(team.modelsTotal)")
        try engine.send(.key(.character(":")))
        try SampleEngine.type(engine, "team")
        try engine.send(.key(.enter))
        #expect(engine.state.scope.team == nil)
        #expect(engine.state.data.models.total == 46)
    }

    @Test(":stage and :severity narrow models and alerts")
    func stageAndSeverity() throws {
        let engine = try SampleEngine.make()
        try engine.send(.key(.character(":")))
        try SampleEngine.type(engine, "stage production")
        try engine.send(.key(.enter))
        #expect(engine.state.data.models.total == 18)
        try engine.send(.key(.character(":")))
        try SampleEngine.type(engine, "severity critical")
        try engine.send(.key(.enter))
        #expect(engine.state.data.alerts.rows.allSatisfy { $0.severity == .critical })
    }

    @Test("Unknown commands and unknown arguments get a message, never a crash")
    func unknown() throws {
        let engine = try SampleEngine.make()
        for line in ["bogus", "team Nobody", "stage prod", "severity huge", ""] {
            try engine.send(.key(.character(":")))
            try SampleEngine.type(engine, line)
            try engine.send(.key(.enter))
            #expect(engine.state.message != nil, "no message for ':\(line)'")
            #expect(engine.state.prompt == nil)
        }
        try engine.send(.key(.character(":")))
        try SampleEngine.type(engine, "q")
        try engine.send(.key(.enter))
        #expect(engine.state.shouldQuit)
    }

    @Test("A click focuses the panel under it and selects the row under it; the wheel moves the selection")
    func mouse() throws {
        let engine = try SampleEngine.make()
        let runs = engine.state.layout.panels[.runs]!
        try engine.send(.mouse(MouseEvent(.click, x: runs.x + 5, y: runs.y + 2 + 4)))
        #expect(engine.state.focus == .runs)
        #expect(engine.state.selected(.runs) == 4)
        try engine.send(.mouse(MouseEvent(.wheelDown, x: runs.x + 5, y: runs.y + 5)))
        #expect(engine.state.selected(.runs) == 7)
        try engine.send(.mouse(MouseEvent(.wheelUp, x: runs.x + 5, y: runs.y + 5)))
        #expect(engine.state.selected(.runs) == 4)
        let alerts = engine.state.layout.panels[.alerts]!
        try engine.send(.mouse(MouseEvent(.click, x: alerts.x + 1, y: alerts.y)))
        #expect(engine.state.focus == .alerts)
        #expect(engine.state.selected(.alerts) == 0)
    }

    @Test("In tabs, a click on a tab shows that panel")
    func clickTab() throws {
        let engine = try SampleEngine.make(width: 80, height: 24)
        let tabs = engine.state.layout.tabs!
        try engine.send(.mouse(MouseEvent(.click, x: 30, y: tabs.y)))
        #expect(engine.state.focus == .alerts || engine.state.focus == .runs)
        #expect(engine.state.focus != .models)
    }

    @Test(":theme NAME asks for that theme, with Tab completing the bundled names")
    func themeCommand() throws {
        let engine = try SampleEngine.make()
        var state = engine.state
        state.themeNames = ["colorblind", "dark", "high-contrast", "light", "mono"]
        _ = DashboardReducer.reduce(&state, .key(.character(":")))
        for c in "theme hi" { _ = DashboardReducer.reduce(&state, .key(.character(c))) }
        _ = DashboardReducer.reduce(&state, .key(.tab))
        #expect(state.prompt?.editor.text == "theme high-contrast")
        _ = DashboardReducer.reduce(&state, .key(.enter))
        #expect(state.themeName == "high-contrast")
        _ = DashboardReducer.reduce(&state, .key(.character(":")))
        for c in "theme" { _ = DashboardReducer.reduce(&state, .key(.character(c))) }
        _ = DashboardReducer.reduce(&state, .key(.enter))
        #expect(state.themeName == "high-contrast")
        #expect(state.message?.contains("which theme") == true)
    }
}
