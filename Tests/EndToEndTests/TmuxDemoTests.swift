import Foundation
import Testing
import TestSupport

/// `oversight demo` under tmux: it comes alive, obeys the presenter's display settings, and
/// leaves nothing behind.
@Suite("The demo under tmux")
struct TmuxDemoTests {
    /// The Runs panel's count (" 1/1720 " on its border).
    static func runCount(_ screen: String) -> Int? {
        guard let pattern = try? NSRegularExpression(pattern: " \\d+/(\\d{4,}) ") else { return nil }
        let range = NSRange(screen.startIndex..., in: screen)
        return pattern.matches(in: screen, range: range).compactMap { match in
            Range(match.range(at: 1), in: screen).flatMap { Int(screen[$0]) }
        }.max()
    }

    /// The header's "N critical active".
    static func criticals(_ screen: String) -> Int? {
        guard let pattern = try? NSRegularExpression(pattern: "(\\d+) critical active"),
              let match = pattern.firstMatch(in: screen, range: NSRange(screen.startIndex..., in: screen)),
              let range = Range(match.range(at: 1), in: screen) else { return nil }
        return Int(screen[range])
    }

    @Test("The demo starts, its runs change with no key pressed while its criticals stay near the sample's, q ends it, and its store is gone")
    func demo() throws {
        let environment = TestEnvironment("tmux-demo")
        var variables = environment.variables
        let temp = environment.file("tmp")
        try FileManager.default.createDirectory(atPath: temp, withIntermediateDirectories: true)
        variables["TMPDIR"] = temp
        let tmux = try TmuxSession(command: [RepoPaths.binary, "demo", "--speed", "120"], environment: variables)
        defer { tmux.close() }
        let first = try tmux.waitFor(timeout: 30) { Self.runCount($0) != nil && Self.criticals($0) != nil }
        #expect(first.matched, "the demo did not start:\n\(first.screen)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp).contains { $0.hasPrefix("oversight-sample-") })
        let before = try #require(Self.runCount(first.screen))
        // About six runs a simulated hour, so at 120× one every five seconds or so.
        let changed = try tmux.waitFor(timeout: 60) { (Self.runCount($0) ?? 0) > before + 2 && Self.criticals($0) != nil }
        #expect(changed.matched, "the runs never changed (\(before) runs):\n\(changed.screen)")
        let critical = Self.criticals(changed.screen) ?? -1
        #expect((3...14).contains(critical), "\(critical) critical alerts active after a simulated hour (the sample has 8):\n\(changed.screen)")
        try tmux.send("q")
        #expect(tmux.waitForExit(timeout: 10))
        #expect(try FileManager.default.contentsOfDirectory(atPath: temp).filter { $0.hasPrefix("oversight-sample-") }.isEmpty)
    }

    @Test("The demo takes the dashboard's display settings: OVERSIGHT_UNICODE=off, the config's theme, --color 8 and --timezone")
    func displaySettings() throws {
        let environment = TestEnvironment("tmux-demo-display")
        environment.root.write("config/oversight/config.yaml", "theme: high-contrast\n")
        var variables = environment.variables
        variables["OVERSIGHT_UNICODE"] = "off"
        let output = environment.file("bytes.out")
        let tmux = try TmuxSession(command: ["/bin/sh", "-c", "sleep 1; exec \"$0\" \"$@\"", RepoPaths.binary, "demo",
                                             "--color", "8", "--timezone", "Asia/Kolkata"],
                                   environment: variables, width: 120, height: 36)
        defer { tmux.close() }
        try tmux.recordOutput(to: output)
        let shown = try tmux.waitFor(timeout: 30) { $0.contains("2 Pipeline Runs") && $0.contains("4 Maturity") && $0.contains("GMT+5:30") }
        #expect(shown.matched, "the demo did not start with the zone asked for:\n\(shown.screen)")
        #expect(shown.screen.unicodeScalars.allSatisfy { $0.isASCII }, "OVERSIGHT_UNICODE=off was not followed:\n\(shown.screen)")
        try tmux.send(":", "t", "h", "e", "m", "e", "Enter")
        let theme = try tmux.waitFor("the theme is high-contrast")
        #expect(theme.matched, "the config's theme was not used:\n\(theme.screen)")
        let bytes = try String(decoding: Data(contentsOf: URL(fileURLWithPath: output)), as: UTF8.self)
        #expect(bytes.contains("\u{1B}[3"), "no 8-colour escape sequences were written")
        #expect(!bytes.contains("38;5;"), "--color 8 was not followed: 256-colour sequences were written")
        try tmux.send("q")
        #expect(tmux.waitForExit(timeout: 10))
    }
}
