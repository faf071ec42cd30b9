import Foundation
import PortfolioStore
import Testing
import TestSupport

/// The real binary's terminal front end under tmux, on a private server socket per test. Run one
/// at a time; every test kills its tmux server, whatever happens.
@Suite("Dashboard under tmux", .serialized)
struct TmuxDashboardTests {
    /// A test store: the sample imported into a temporary file (not shifted; the clock is real).
    static func makeStore(_ environment: TestEnvironment) throws -> String {
        let path = environment.file("store.sqlite")
        let result = try ProcessRunner.oversight(["import", "--store", path, RepoPaths.sampleData], environment: environment.variables)
        #expect(result.status == 0, "import failed: \(result.stderr)")
        return path
    }

    static func start(_ environment: TestEnvironment, _ arguments: [String], width: Int = 160, height: Int = 48) throws -> TmuxSession {
        try TmuxSession(command: [RepoPaths.binary] + arguments, environment: environment.variables, width: width, height: height)
    }

    @Test("The dashboard shows the four panel titles, Tab moves the focus, Enter and Esc open and close a detail, q quits")
    func browseAndQuit() throws {
        let environment = TestEnvironment("tmux-browse")
        let store = try Self.makeStore(environment)
        let tmux = try Self.start(environment, ["--store", store])
        defer { tmux.close() }

        let opened = try tmux.waitFor(all: ["▶ 1 Models", "2 Pipeline Runs", "3 Drift Alerts", "4 Maturity"])
        #expect(opened.matched, "panel titles, with the focus on Models, never appeared:\n\(opened.screen)")

        try tmux.send("Tab")
        let moved = try tmux.waitFor(all: ["▶ 2 Pipeline Runs"], absent: ["▶ 1 Models"])
        #expect(moved.matched, "focus did not move:\n\(moved.screen)")

        try tmux.send("1")
        #expect(try tmux.waitFor("▶ 1 Models").matched)
        try tmux.send("Enter")
        let detail = try tmux.waitFor(all: ["Models › ", "Versions", "Recent runs"])
        #expect(detail.matched, "no detail view with its versions and recent runs:\n\(detail.screen)")

        try tmux.send("Escape")
        let back = try tmux.waitFor(all: ["2 Pipeline Runs"], absent: ["Models › "])
        #expect(back.matched, "Esc did not close the detail:\n\(back.screen)")

        try tmux.send("q")
        #expect(tmux.waitForExit(timeout: 5), "q did not end the program")
    }

    @Test("A row another process writes into the store appears within a few refresh intervals")
    func liveUpdate() throws {
        let environment = TestEnvironment("tmux-live")
        let store = try Self.makeStore(environment)
        let tmux = try Self.start(environment, ["--store", store, "--refresh", "1"])
        defer { tmux.close() }
        #expect(try tmux.waitFor("2 Pipeline Runs").matched)

        let marker = "zz-e2e-live-model"
        let file = environment.root.write("live.yaml", """
            models:
              - {name: \(marker), team: Clinical AI, owner: E2E Writer, stage: production, business_value: 99000000000}
            """)
        let result = try ProcessRunner.oversight(["import", "--store", store, file], environment: environment.variables)
        #expect(result.status == 0, "import failed: \(result.stderr)")
        // Two refresh intervals (2 s) plus the time the screen needs to show it — with room for a
        // loaded machine; the cost of an unchanged poll is tested without a terminal.
        let seen = try tmux.waitFor(marker, timeout: 10)
        #expect(seen.matched, "the new model never appeared:\n\(seen.screen)")
    }

    @Test("A panel scrolled to its end that another process shrinks to five rows shows those five, and k moves within them")
    func shrinkingPanel() throws {
        let environment = TestEnvironment("tmux-shrink")
        let store = environment.file("store.sqlite")
        let generated = try ProcessRunner.oversight(["generate", "--store", store, "--models", "60", "--runs", "100", "--alerts", "10",
                                                     "--seed", "4", "--as-of", "2026-01-12T09:00:00Z"], environment: environment.variables)
        #expect(generated.status == 0, "\(generated.stderr)")
        let tmux = try Self.start(environment, ["--store", store, "--refresh", "1"])
        defer { tmux.close() }
        #expect(try tmux.waitFor("1 Models").matched)
        try tmux.send("1", "G")
        #expect(try tmux.waitFor("60/60").matched, "G did not reach the last model")

        try ForeignClient.execute(store, "DELETE FROM models WHERE id > 5")
        let shrunk = try tmux.waitFor(all: ["5/5"], absent: ["no models", "60/60"], timeout: 10)
        #expect(shrunk.matched, "the panel did not follow the shrink:\n\(shrunk.screen)")
        try tmux.send("k")
        let moved = try tmux.waitFor(all: ["4/5"], absent: ["no models"])
        #expect(moved.matched, "\(moved.screen)")
    }

    @Test("Killing the tmux session leaves no oversight process behind after 2 s")
    func hangUpEndsTheProcess() throws {
        let environment = TestEnvironment("tmux-hangup")
        let store = try Self.makeStore(environment)
        let tmux = try Self.start(environment, ["--store", store])
        defer { tmux.close() }
        #expect(try tmux.waitFor("1 Models").matched)
        let pid = try #require(try tmux.panePID())
        try tmux.killSession()
        let ended = TmuxSession.processEnds(pid, within: 2)
        #expect(ended, "process \(pid) still running 2 s after the session was killed")
        if !ended { kill(pid, SIGKILL) }
    }

    @Test("SIGTERM restores the terminal and ends the program within a second")
    func sigtermEndsQuickly() throws {
        let environment = TestEnvironment("tmux-sigterm")
        let store = try Self.makeStore(environment)
        let tmux = try Self.start(environment, ["--store", store])
        defer { tmux.close() }
        #expect(try tmux.waitFor("1 Models").matched)
        let pid = try #require(try tmux.panePID())
        kill(pid, SIGTERM)
        #expect(TmuxSession.processEnds(pid, within: 1), "still running 1 s after SIGTERM")
    }

    @Test("Resizing the terminal redraws at the new size: tabs when small, the grid when large again")
    func resize() throws {
        let environment = TestEnvironment("tmux-resize")
        let store = try Self.makeStore(environment)
        let tmux = try Self.start(environment, ["--store", store], width: 160, height: 48)
        defer { tmux.close() }
        #expect(try tmux.waitFor("4 Maturity ─").matched)
        try tmux.resize(width: 80, height: 24)
        let small = try tmux.waitFor("[1 Models]")
        #expect(small.matched, "no tabs at 80×24:\n\(small.screen)")
        try tmux.resize(width: 200, height: 60)
        let large = try tmux.waitFor("4 Maturity ─")
        #expect(large.matched, "no grid at 200×60:\n\(large.screen)")
    }

    @Test("With no store anywhere, the dashboard opens the bundled sample and says so, writing no store")
    func defaultOpensSample() throws {
        let environment = TestEnvironment("tmux-sample")
        let tmux = try Self.start(environment, [])
        defer { tmux.close() }
        // Wait for the whole frame: a capture can land between the header and the rows being drawn.
        let screen = try tmux.waitFor(all: ["SAMPLE PORTFOLIO", "retail-demand-forecast"], timeout: 30)
        #expect(screen.matched, "no sample header and rows:\n\(screen.screen)")
        try tmux.send("q")
        #expect(tmux.waitForExit(timeout: 5))
        #expect(!FileManager.default.fileExists(atPath: environment.defaultStorePath))
    }
}
