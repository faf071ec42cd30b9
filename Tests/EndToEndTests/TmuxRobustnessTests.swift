import Foundation
import Testing
import TestSupport

/// Terminals nobody chose: tiny sizes, other TERM types, no UTF-8 — through the real binary under tmux.
@Suite("Robustness under tmux", .serialized)
struct TmuxRobustnessTests {
    static func start(_ environment: TestEnvironment, store: String, term: String = "xterm-256color", lang: String = "C.UTF-8",
                      width: Int, height: Int) throws -> TmuxSession {
        var variables = environment.variables
        variables["TERM"] = term
        variables["LANG"] = lang
        variables["LC_ALL"] = lang
        // `; sleep` keeps the pane (and what the program printed last) readable after it exits.
        return try TmuxSession(command: ["/bin/sh", "-c", "\"$0\" --store \"$1\"; echo EXIT=$?; sleep 30", RepoPaths.binary, store],
                               environment: variables, width: width, height: height)
    }

    @Test("Below the minimum size a 'terminal too small' screen names the size needed and still answers q; growing back restores the layout",
          arguments: [(1, 1), (10, 4), (39, 9), (80, 9)])
    func tooSmall(width: Int, height: Int) throws {
        let environment = TestEnvironment("tmux-small")
        let store = try TmuxDashboardTests.makeStore(environment)
        let tmux = try Self.start(environment, store: store, width: width, height: height)
        defer { tmux.close() }
        if width >= 20, height >= 3 {
            let small = try tmux.waitFor("terminal too small")
            #expect(small.matched, "no too-small screen at \(width)×\(height):\n\(small.screen)")
            #expect(small.screen.contains("40×10"))
        } else {
            usleep(1_500_000)
        }
        try tmux.resize(width: 120, height: 40)
        let grown = try tmux.waitFor("2 Pipeline Runs")
        #expect(grown.matched, "layout not restored after growing from \(width)×\(height):\n\(grown.screen)")
        try tmux.resize(width: width, height: height)
        usleep(300_000)
        try tmux.send("q")
        try tmux.resize(width: 120, height: 40)
        #expect(try tmux.waitFor("EXIT=0").matched, "q did not end the program at \(width)×\(height)")
    }

    @Test("Full-screen TERM types draw the dashboard at their colour depth", arguments: ["xterm-256color", "tmux-256color", "screen", "vt100"])
    func termTypes(term: String) throws {
        let environment = TestEnvironment("tmux-term")
        let store = try TmuxDashboardTests.makeStore(environment)
        let tmux = try Self.start(environment, store: store, term: term, width: 120, height: 40)
        defer { tmux.close() }
        let screen = try tmux.waitFor { ["1 Models", "2 Pipeline Runs", "3 Drift Alerts", "4 Maturity"].allSatisfy($0.contains) }
        #expect(screen.matched, "TERM=\(term) did not draw the panels:\n\(screen.screen)")
        try tmux.send("q")
        #expect(try tmux.waitFor("EXIT=0").matched)
    }

    @Test("TERM=dumb and an unknown TERM get a clear message instead of garbage", arguments: ["dumb", "no-such-terminal"])
    func unusableTerm(term: String) throws {
        let environment = TestEnvironment("tmux-dumb")
        let store = try TmuxDashboardTests.makeStore(environment)
        let tmux = try Self.start(environment, store: store, term: term, width: 120, height: 40)
        defer { tmux.close() }
        let screen = try tmux.waitFor("EXIT=1")
        #expect(screen.matched, "TERM=\(term) did not fail clearly:\n\(screen.screen)")
        #expect(screen.screen.contains(term))
        #expect(screen.screen.contains("xterm-256color"))
        #expect(!screen.screen.contains("1 Models"))
    }

    @Test("With LANG=C the screen uses ASCII borders and no other bytes")
    func asciiLocale() throws {
        let environment = TestEnvironment("tmux-ascii")
        let store = try TmuxDashboardTests.makeStore(environment)
        let tmux = try Self.start(environment, store: store, lang: "C", width: 120, height: 40)
        defer { tmux.close() }
        let screen = try tmux.waitFor("# > 1 Models")
        #expect(screen.matched, "no ASCII frame:\n\(screen.screen)")
        #expect(screen.screen.unicodeScalars.allSatisfy { $0.isASCII })
    }
}
