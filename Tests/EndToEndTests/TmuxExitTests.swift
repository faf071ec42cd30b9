import Foundation
import Testing
import TestSupport

/// Every way the dashboard can be stopped ends it promptly and gives the terminal back: Ctrl-C,
/// a crash, and a vanished terminal under `nohup` (SIGHUP ignored) — no busy loop, no key to press.
@Suite("Exits under tmux", .serialized)
struct TmuxExitTests {
    /// Runs the dashboard from a shell that, once it ends, prints its exit status and whether the
    /// terminal is back in its normal (canonical, echoing) mode, then keeps the pane open.
    static func start(_ environment: TestEnvironment, store: String, prefix: String = "") throws -> TmuxSession {
        let script = prefix + "trap : INT; \"$0\" --store \"$1\"; echo EXIT=$?; echo MODES=$(stty -a | tr ' ;' '\\n\\n' | grep -E -x -e '-?(icanon|echo)' | tr '\\n' ' '); sleep 30"
        return try TmuxSession(command: ["/bin/sh", "-c", script, RepoPaths.binary, store], environment: environment.variables)
    }

    /// The terminal after the program: out of the alternate screen, cursor visible, line editing on.
    static func expectRestored(_ tmux: TmuxSession, exit status: Int, sourceLocation: SourceLocation = #_sourceLocation) throws {
        // The shell prints EXIT= then MODES=: both lines, on a settled screen, before anything is asserted.
        let screen = try tmux.waitFor(all: ["EXIT=", "MODES="], timeout: 5)
        #expect(screen.matched, "the shell never got the terminal back:\n\(screen.screen)", sourceLocation: sourceLocation)
        #expect(screen.screen.contains("EXIT=\(status)"), "wrong exit status:\n\(screen.screen)", sourceLocation: sourceLocation)
        #expect(screen.screen.contains("MODES=icanon echo"), "terminal modes not restored:\n\(screen.screen)", sourceLocation: sourceLocation)
        #expect(!screen.screen.contains("2 Pipeline Runs"), "the dashboard is still on screen", sourceLocation: sourceLocation)
        #expect(try tmux.paneVariable("alternate_on") == "0", sourceLocation: sourceLocation)
        #expect(try tmux.paneVariable("cursor_flag") == "1", "cursor left hidden", sourceLocation: sourceLocation)
    }

    static func dashboardPID(_ tmux: TmuxSession) throws -> Int32? {
        let shell = try #require(try tmux.panePID())
        let children = (try? String(contentsOfFile: "/proc/\(shell)/task/\(shell)/children", encoding: .utf8)) ?? ""
        return children.split(separator: " ").first.flatMap { Int32($0) }
    }

    @Test("Ctrl-C ends the dashboard within a second with the terminal restored")
    func controlC() throws {
        let environment = TestEnvironment("tmux-ctrl-c")
        let store = try TmuxDashboardTests.makeStore(environment)
        let tmux = try Self.start(environment, store: store)
        defer { tmux.close() }
        #expect(try tmux.waitFor(all: ["4 Maturity", "retail-demand-forecast"]).matched)
        let pid = try #require(try Self.dashboardPID(tmux))
        try tmux.send("C-c")
        #expect(TmuxSession.processEnds(pid, within: 1), "still running 1 s after Ctrl-C")
        try Self.expectRestored(tmux, exit: 130)
    }

    @Test("A crash (SIGSEGV) restores the terminal at once and waits for no key")
    func crashRestores() throws {
        let environment = TestEnvironment("tmux-crash")
        let store = try TmuxDashboardTests.makeStore(environment)
        let tmux = try Self.start(environment, store: store)
        defer { tmux.close() }
        #expect(try tmux.waitFor(all: ["4 Maturity", "retail-demand-forecast"]).matched)
        let pid = try #require(try Self.dashboardPID(tmux))
        kill(pid, SIGSEGV)
        #expect(TmuxSession.processEnds(pid, within: 2), "still running 2 s after SIGSEGV")
        try Self.expectRestored(tmux, exit: 139)
        #expect(try tmux.capture().contains("crashed; the terminal was restored"))
    }

    @Test("Under nohup (SIGHUP ignored) a closed terminal still ends the program, without spinning")
    func closedTerminalUnderNohup() throws {
        let environment = TestEnvironment("tmux-nohup")
        let store = try TmuxDashboardTests.makeStore(environment)
        // `exec` keeps the shell's ignored SIGHUP, as nohup does.
        let tmux = try TmuxSession(command: ["/bin/sh", "-c", "trap '' HUP; exec \"$0\" --store \"$1\"", RepoPaths.binary, store],
                                   environment: environment.variables)
        defer { tmux.close() }
        #expect(try tmux.waitFor(all: ["4 Maturity", "retail-demand-forecast"]).matched)
        let pid = try #require(try tmux.panePID())
        let ignored = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("SigIgn:") }
            .flatMap { UInt64($0.split(separator: "\t").last ?? "", radix: 16) } ?? 0
        #expect(ignored & (1 << (UInt64(SIGHUP) - 1)) != 0, "the program does not ignore SIGHUP, so this test proves nothing")
        // Closes the terminal's master side: the program sees EOF / EIO, not a signal.
        try tmux.killSession()
        let ended = TmuxSession.processEnds(pid, within: 2)
        #expect(ended, "process \(pid) still running 2 s after its terminal closed")
        if !ended { kill(pid, SIGKILL) }
    }

    @Test("nohup oversight works: output goes to nohup.out, the dashboard to the terminal, and q ends it")
    func nohupDashboard() throws {
        let environment = TestEnvironment("tmux-nohup-run")
        let store = try TmuxDashboardTests.makeStore(environment)
        let folder = environment.file("cwd")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // From a shell, as a person types it: nohup points standard output at nohup.out and
        // standard input at /dev/null, so the dashboard draws on the controlling terminal.
        let tmux = try TmuxSession(command: ["/bin/sh", "-c", "cd \"$0\" && nohup \"$1\" --store \"$2\"; echo EXIT=$?; sleep 30",
                                             folder, RepoPaths.binary, store], environment: environment.variables)
        defer { tmux.close() }
        let drawn = try tmux.waitFor(all: ["4 Maturity", "retail-demand-forecast"])
        #expect(drawn.matched, "no dashboard under nohup:\n\(drawn.screen)")
        #expect(FileManager.default.fileExists(atPath: folder + "/nohup.out"))
        try tmux.send("q")
        #expect(try tmux.waitFor("EXIT=0", timeout: 5).matched)
    }

    @Test("Without any terminal (no controlling terminal, input and output redirected) the dashboard says so and exits")
    func noTerminalAtAll() throws {
        let environment = TestEnvironment("no-terminal")
        let store = try TmuxDashboardTests.makeStore(environment)
        let result = try ProcessRunner.run("/usr/bin/setsid", [RepoPaths.binary, "--store", store], environment: environment.variables)
        #expect(result.status == 1)
        #expect(result.stderr.contains("the dashboard needs a terminal"), "\(result.stderr)")
    }
}
