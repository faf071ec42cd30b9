import Foundation

/// A program running in a detached tmux session on a private server socket (`tmux -L NAME`), at a
/// fixed size: the real terminal front end, driven and read like a user would. The server is
/// always killed by `close()` (and on release), so no test leaves a process behind.
public final class TmuxSession: @unchecked Sendable {
    public let socket: String
    public let session = "t"
    private var closed = false

    public init(command: [String], environment: [String: String], width: Int = 160, height: Int = 48) throws {
        socket = "oversight-test-\(getpid())-\(UUID().uuidString.prefix(8))"
        // tmux passes its own environment to the session; `env -i` gives the program exactly ours.
        let envArguments = environment.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let shellCommand = (["env", "-i"] + envArguments + command).map(Self.quote).joined(separator: " ")
        let result = try tmux(["-f", "/dev/null", "new-session", "-d", "-s", session, "-x", String(width), "-y", String(height), shellCommand])
        guard result.status == 0 else { throw TmuxError(message: "tmux new-session failed: \(result.stderr)") }
        _ = try tmux(["set-option", "-t", session, "remain-on-exit", "off"])
    }

    /// tmux from PATH (posix_spawn does not search it).
    static let tmuxPath: String = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
            ?? "/usr/bin/tmux"
    }()

    public static func quote(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    @discardableResult
    public func tmux(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run(Self.tmuxPath, ["-L", socket] + arguments,
                              environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
                                            "TERM": "xterm-256color", "LANG": "C.UTF-8", "TMUX_TMPDIR": NSTemporaryDirectory()],
                              timeout: 20)
    }

    /// The text on screen now.
    public func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-t", session]).stdout
    }

    /// Sends tmux key names (`Tab`, `Enter`, `Escape`, `q`, `BTab`).
    public func send(_ keys: String...) throws {
        try tmux(["send-keys", "-t", session] + keys)
    }

    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", session, "-x", String(width), "-y", String(height)])
    }

    /// Appends every byte the program writes to the terminal, raw, to `path` (`tmux pipe-pane`).
    public func recordOutput(to path: String) throws {
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        try tmux(["pipe-pane", "-t", session, "cat >> " + Self.quote(path)])
    }

    /// A pane variable (`pane_title`, `cursor_flag`, `alternate_on`, …).
    public func paneVariable(_ name: String) throws -> String {
        try tmux(["display-message", "-p", "-t", session, "#{\(name)}"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Whether the session (and so the program) is still there.
    public var isAlive: Bool {
        (try? tmux(["has-session", "-t", session]).status == 0) ?? false
    }

    /// Polls the screen until `condition` holds on a settled frame — the same on two captures in a
    /// row, so never one ncurses is still drawing — or the deadline passes; returns the last screen.
    /// A test asserts only on what its condition waited for: a frame that shows one expected text
    /// may not yet show the next (a loaded machine draws slowly).
    @discardableResult
    public func waitFor(timeout: TimeInterval = 20, _ condition: (String) -> Bool) throws -> (matched: Bool, screen: String) {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = "", previous: String?
        while Date() < deadline {
            screen = try capture()
            if condition(screen), screen == previous { return (true, screen) }
            previous = condition(screen) ? screen : nil
            usleep(previous == nil ? 100_000 : 50_000)
        }
        return (false, screen)
    }

    /// Waits until every one of `texts` is on a settled screen, and none of `absent`.
    public func waitFor(all texts: [String], absent: [String] = [], timeout: TimeInterval = 20) throws -> (matched: Bool, screen: String) {
        try waitFor(timeout: timeout) { screen in
            texts.allSatisfy { screen.contains($0) } && !absent.contains { screen.contains($0) }
        }
    }

    public func waitFor(_ text: String, timeout: TimeInterval = 20) throws -> (matched: Bool, screen: String) {
        try waitFor(all: [text], timeout: timeout)
    }

    /// Waits until the session has ended (the program exited).
    public func waitForExit(timeout: TimeInterval = 10) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !isAlive { return true }
            usleep(100_000)
        }
        return false
    }

    /// The process id of the program in the pane (`env` execs it, so it is the program itself).
    public func panePID() throws -> Int32? {
        Int32(try tmux(["display-message", "-p", "-t", session, "#{pane_pid}"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// Whether process `pid` is gone within `seconds` (polling `kill(pid, 0)`).
    public static func processEnds(_ pid: Int32, within seconds: TimeInterval) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if isGone(pid) { return true }
            usleep(20_000)
        }
        return isGone(pid)
    }

    /// Gone, or a zombie: it has exited and only waits for a parent to collect its status.
    static func isGone(_ pid: Int32) -> Bool {
        if kill(pid, 0) != 0 { return true }
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        return stat[stat.index(close, offsetBy: 2)] == "Z"
    }

    public func killSession() throws {
        try tmux(["kill-session", "-t", session])
    }

    public func close() {
        guard !closed else { return }
        closed = true
        _ = try? tmux(["kill-server"])
    }

    deinit { close() }
}

public struct TmuxError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
