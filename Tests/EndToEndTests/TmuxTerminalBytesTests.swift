import Foundation
import Glibc
import Testing
import TestSupport

/// The C library's `wcwidth` (Swift's Glibc module does not export it).
@_silgen_name("wcwidth") func cWcwidth(_ character: Int32) -> Int32

/// The bytes the real ncurses front end writes to the terminal, recorded raw with `tmux pipe-pane`:
/// hostile text from the store arrives inert, and an idle dashboard writes only its clock.
@Suite("Terminal bytes under tmux", .serialized)
struct TmuxTerminalBytesTests {
    /// ESC, OSC (a window title), BEL, CSI (reverse video), C1 CSI, DEL, a bidi override, a
    /// zero-width space, CJK and an emoji.
    static let hostileYAML = #""\e]0;PWNED\a\e[7mEVIL\x9b2J\x7f\u202Ertl\u200Bzw模型🚀""#

    static func hostileStore(_ environment: TestEnvironment) throws -> String {
        let store = try TmuxDashboardTests.makeStore(environment)
        let now = ISO8601DateFormatter().string(from: Date())
        let file = environment.root.write("hostile.yaml", """
            models:
              - {name: \(hostileYAML), team: Clinical AI, owner: \(hostileYAML), stage: production, business_value: 99000000000}
            alerts:
              - {id: hostile-1, model: \(hostileYAML), feature: \(hostileYAML), method: psi, score: 0.9, threshold: 0.2,
                 severity: critical, status: open, opened_at: "\(now)"}
            """)
        let result = try ProcessRunner.oversight(["import", "--store", store, file], environment: environment.variables)
        #expect(result.status == 0, "import failed: \(result.stderr)")
        return store
    }

    /// Starts the dashboard a second after the session, so recording begins before its first byte.
    static func startRecorded(_ environment: TestEnvironment, store: String, output: String, extra: [String] = []) throws -> TmuxSession {
        let tmux = try TmuxSession(command: ["/bin/sh", "-c", "sleep 1; exec \"$0\" --store \"$@\"", RepoPaths.binary, store] + extra,
                                   environment: environment.variables, width: 160, height: 48)
        try tmux.recordOutput(to: output)
        return tmux
    }

    /// Terminal columns of a screen line as tmux shows it (wide characters take two), by the C
    /// library's `wcwidth` in a UTF-8 locale — what terminals and tmux use, not our own table.
    static func column(of index: String.Index, in line: String) -> Int {
        _ = setlocale(LC_CTYPE, "C.UTF-8")
        return line[..<index].unicodeScalars.reduce(0) { total, scalar in
            total + max(0, Int(cWcwidth(Int32(bitPattern: scalar.value))))
        }
    }

    /// What in the raw output could act on the terminal beyond drawing: every escape sequence
    /// that is not a CSI or a character-set switch (OSC titles, DCS, APC), BEL, DEL, C1 controls,
    /// bidi and zero-width format characters.
    static func activeControls(in bytes: [UInt8]) -> [String] {
        var found: [String] = []
        for (i, byte) in bytes.enumerated() {
            if byte == 0x07 { found.append("BEL at \(i)") }
            if byte == 0x7F { found.append("DEL at \(i)") }
            if byte == 0x1B, i + 1 < bytes.count, !"[()=>78".utf8.contains(bytes[i + 1]) {
                found.append("ESC \(Character(Unicode.Scalar(bytes[i + 1]))) at \(i)")
            }
        }
        for scalar in String(decoding: bytes, as: UTF8.self).unicodeScalars {
            if (0x80...0x9F).contains(scalar.value) || (scalar.properties.generalCategory == .format && scalar.value != 0xFEFF) {
                found.append("U+\(String(scalar.value, radix: 16, uppercase: true))")
            }
        }
        return found
    }

    @Test("Escape sequences, controls, bidi and zero-width characters in the store reach the terminal inert; wide characters keep columns aligned")
    func hostileTextIsInert() throws {
        let environment = TestEnvironment("tmux-hostile")
        let store = try Self.hostileStore(environment)
        let output = environment.file("output.bin")
        let tmux = try Self.startRecorded(environment, store: store, output: output)
        defer { tmux.close() }

        let grid = try tmux.waitFor(timeout: 30) { $0.contains("4 Maturity") && $0.contains("EVIL") }
        #expect(grid.matched, "the hostile rows never appeared:\n\(grid.screen)")
        // Zoomed, the Models panel has room for the whole name: its right border stays in column
        // 159 on every row, the one with CJK and an emoji included.
        try tmux.send("f")
        let screen = try tmux.waitFor { $0.contains("模型🚀") && $0.contains("OWNER") && !$0.contains("4 Maturity") }
        #expect(screen.matched, "the hostile name never appeared whole:\n\(screen.screen)")
        let lines = screen.screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in lines[2..<47] {
            let index = line.unicodeScalars.indices.first { Self.column(of: $0, in: line) == 159 }
            let border = index.map { line.unicodeScalars[$0].value } ?? 0
            #expect((0x2500...0x257F).contains(border), "column 159 is not a border in: \(line)")
        }
        try tmux.send("f")
        #expect(try tmux.waitFor("4 Maturity").matched)
        // The alert's detail draws the hostile feature again, in a wider field.
        try tmux.send("3")
        #expect(try tmux.waitFor("▶ 3 Drift Alerts").matched)
        try tmux.send("Enter")
        #expect(try tmux.waitFor(all: ["Drift Alerts › ", "EVIL", "Timeline"]).matched)
        try tmux.send("q")
        #expect(tmux.waitForExit(timeout: 5))

        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: output)))
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains("EVIL") && text.contains("PWNED") && text.contains("模型🚀"), "the hostile text was not drawn at all")
        let controls = Self.activeControls(in: bytes)
        #expect(controls.isEmpty, "active controls reached the terminal: \(controls.prefix(10))")
    }

    @Test("The hostile window title never reaches the terminal's title")
    func titleUntouched() throws {
        let environment = TestEnvironment("tmux-title")
        let store = try Self.hostileStore(environment)
        let tmux = try Self.startRecorded(environment, store: store, output: environment.file("output.bin"))
        defer { tmux.close() }
        #expect(try tmux.waitFor(timeout: 30) { $0.contains("EVIL") }.matched)
        #expect(!(try tmux.paneVariable("pane_title")).contains("PWNED"))
    }

    @Test("With no change in the store, each refresh writes only the clock: at most 20 bytes a second")
    func idleRefreshWritesOnlyTheClock() throws {
        let environment = TestEnvironment("tmux-idle")
        let store = try TmuxDashboardTests.makeStore(environment)
        let output = environment.file("output.bin")
        let tmux = try Self.startRecorded(environment, store: store, output: output, extra: ["--refresh", "1"])
        defer { tmux.close() }
        #expect(try tmux.waitFor(timeout: 30) { $0.contains("4 Maturity") && $0.contains("retail-demand-forecast") }.matched)
        // Measure from when the first frame and any late redraw are done: a second with no more
        // than a clock tick's bytes (a loaded machine can take several seconds to get there).
        func size() -> Int { (try? FileManager.default.attributesOfItem(atPath: output)[.size] as? Int) ?? 0 }
        var before = size()
        let settle = Date().addingTimeInterval(30)
        while Date() < settle {
            usleep(1_000_000)
            let now = size()
            defer { before = now }
            if now - before <= 20 { break }
        }
        let seconds = 6
        usleep(UInt32(seconds) * 1_000_000)
        let data = try Data(contentsOf: URL(fileURLWithPath: output))
        let idle = data.count - before
        let sample = String(decoding: data.suffix(idle), as: UTF8.self).debugDescription
        // The clock ticks once a second: one cursor move and the digits that changed.
        #expect(idle > 0, "nothing was written in \(seconds) s: is the clock still ticking?")
        #expect(idle <= 20 * (seconds + 1), "\(idle) bytes in \(seconds) s of idling: \(sample.prefix(600))")
        try tmux.send("q")
        #expect(tmux.waitForExit(timeout: 5))
    }
}
