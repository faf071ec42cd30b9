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
            let small = try tmux.waitFor(all: ["terminal too small", "40×10"])
            #expect(small.matched, "no too-small screen naming 40×10 at \(width)×\(height):\n\(small.screen)")
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

    /// What the screen must show at a size: the too-small notice (where it fits), tabs, or the grid.
    static func expectation(width: Int, height: Int) -> String? {
        if width < 40 || height < 10 { return width >= 18 && height >= 3 ? "terminal too small" : nil }
        return width >= 120 && height >= 36 ? "4 Maturity" : "[1 Models]"
    }

    @Test("Swept from 1×1 to 300×100, each size shows the right screen, no line wider than the terminal; q still quits")
    func sizeSweep() throws {
        let environment = TestEnvironment("tmux-sweep")
        let store = try TmuxDashboardTests.makeStore(environment)
        let tmux = try Self.start(environment, store: store, width: 1, height: 1)
        defer { tmux.close() }
        let sizes = [(1, 1), (2, 1), (1, 2), (7, 3), (18, 3), (39, 10), (40, 9), (40, 10), (41, 11), (60, 15), (79, 23), (80, 24),
                     (100, 30), (119, 36), (120, 35), (120, 36), (121, 37), (160, 48), (200, 60), (250, 80), (299, 99), (300, 100),
                     (300, 5), (5, 100), (80, 24), (1, 1)]
        for (width, height) in sizes {
            try tmux.resize(width: width, height: height)
            let expected = Self.expectation(width: width, height: height)
            let screen = try tmux.waitFor(timeout: 10) { screen in
                let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
                return expected.map(screen.contains) ?? true && lines.allSatisfy { $0.count <= width }
            }
            #expect(screen.matched, "at \(width)×\(height), expected \(expected ?? "no crash"):\n\(screen.screen)")
            #expect(tmux.isAlive, "the program ended at \(width)×\(height)")
        }
        try tmux.send("q")
        try tmux.resize(width: 120, height: 40)
        #expect(try tmux.waitFor("EXIT=0").matched, "q did not end the program after the sweep")
    }

    @Test("A resize storm — 20 resizes within 2 s — ends on a correct screen at the final size")
    func resizeStorm() throws {
        let environment = TestEnvironment("tmux-storm")
        let store = try TmuxDashboardTests.makeStore(environment)
        let tmux = try Self.start(environment, store: store, width: 120, height: 40)
        defer { tmux.close() }
        #expect(try tmux.waitFor(all: ["4 Maturity", "retail-demand"]).matched)
        let sizes = [(80, 24), (200, 60), (10, 4), (150, 45), (1, 1), (300, 100), (39, 9), (120, 36), (60, 20), (250, 70),
                     (40, 10), (90, 30), (2, 2), (160, 48), (119, 35), (220, 66), (30, 8), (130, 38), (100, 50), (140, 42)]
        let started = Date()
        for (width, height) in sizes {
            try tmux.resize(width: width, height: height)
            usleep(60_000)
        }
        #expect(Date().timeIntervalSince(started) < 3, "the storm was too slow to be a storm")
        let final = try tmux.waitFor { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return ["4 Maturity", "retail-demand-forecast", "q quit"].allSatisfy(screen.contains)
                && lines.allSatisfy { $0.count <= 140 } && lines.first?.contains("Oversight") == true
        }
        #expect(final.matched, "no correct frame at 140×42 after the storm (the header first, no line wider than 140):\n\(final.screen)")
        try tmux.send("q")
        #expect(try tmux.waitFor("EXIT=0").matched)
    }

    @Test("Full-screen TERM types draw the dashboard at their colour depth: 256 colours, 8 colours, attributes only",
          arguments: [("xterm-256color", 256), ("tmux-256color", 256), ("screen", 8), ("vt100", 0)])
    func termTypes(term: String, colors: Int) throws {
        let environment = TestEnvironment("tmux-term")
        let store = try TmuxDashboardTests.makeStore(environment)
        var variables = environment.variables
        variables["TERM"] = term
        // Started a second late so the recording of its output begins before its first byte.
        let tmux = try TmuxSession(command: ["/bin/sh", "-c", "sleep 1; \"$0\" --store \"$1\"; echo EXIT=$?; sleep 30", RepoPaths.binary, store],
                                   environment: variables, width: 120, height: 40)
        defer { tmux.close() }
        let output = environment.file("output.bin")
        try tmux.recordOutput(to: output)
        let screen = try tmux.waitFor { ["1 Models", "2 Pipeline Runs", "3 Drift Alerts", "4 Maturity", "q quit"].allSatisfy($0.contains) }
        #expect(screen.matched, "TERM=\(term) did not draw the panels:\n\(screen.screen)")
        try tmux.send("q")
        #expect(try tmux.waitFor("EXIT=0").matched)
        let bytes = String(decoding: try Data(contentsOf: URL(fileURLWithPath: output)), as: UTF8.self)
        let indexed = bytes.contains("38;5;")
        let basic = bytes.range(of: "\u{1B}\\[([0-9;]*;)?3[0-7]m", options: .regularExpression) != nil
        switch colors {
        case 256: #expect(indexed, "TERM=\(term): no 256-colour sequences")
        case 8: #expect(basic && !indexed, "TERM=\(term): expected the 8 basic colours only")
        default:
            #expect(!basic && !indexed, "TERM=\(term): colour sequences on a terminal without colour")
            #expect(bytes.contains("7m"), "TERM=\(term): the selection is not in reverse video")
        }
    }

    @Test("TERM=dumb and an unknown TERM get a clear message instead of garbage", arguments: ["dumb", "no-such-terminal"])
    func unusableTerm(term: String) throws {
        let environment = TestEnvironment("tmux-dumb")
        let store = try TmuxDashboardTests.makeStore(environment)
        let tmux = try Self.start(environment, store: store, term: term, width: 120, height: 40)
        defer { tmux.close() }
        let screen = try tmux.waitFor(all: ["EXIT=1", term, "xterm-256color"], absent: ["1 Models"])
        #expect(screen.matched, "TERM=\(term) did not fail clearly, naming it and a TERM that works:\n\(screen.screen)")
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
