import Dashboard
import Foundation
import PortfolioStore
import Render
import TerminalUI

/// Bytes the real `TerminalScreen` (ncurses) writes to a terminal for one frame: a child process
/// runs the dashboard's screen on the slave side of a pseudo-terminal of the chosen size, and this
/// side counts what arrives on the master, frame by frame. After each frame the child reports on a
/// pipe and waits for an acknowledgement, so frames never mix.
enum TerminalBytes {
    /// Bytes per kind of frame at one terminal size.
    struct Result: Codable {
        var width: Int
        var height: Int
        /// The first frame, with ncurses' start-up sequences.
        var first: Int
        /// Nothing changed but the clock.
        var idle: Int
        /// An alert acknowledged elsewhere: a few rows change.
        var typical: Int
        /// Everything drawn again on a cleared screen: the first frame without ncurses' start-up
        /// sequences (smcup, modes, colours), which a redraw does not repeat.
        var full: Int
    }

    static let frames = ["first", "idle", "typical", "narrower", "full"]

    /// The parent: a pseudo-terminal of `width`×`height`, the child on it, the bytes counted.
    static func measure(storePath: String, asOf: Date, width: Int, height: Int, environment: [String: String]) throws -> Result {
        let terminal = try PseudoTerminal(width: width, height: height)
        let master = terminal.master, slave = terminal.slave
        defer { terminal.closeMaster() }
        var report: [Int32] = [0, 0], ack: [Int32] = [0, 0]
        guard pipe(&report) == 0, pipe(&ack) == 0 else { throw BenchError("pipe failed") }
        var env = environment
        env["TERM"] = "xterm-256color"
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"
        let started = Clock.now()
        let pid = try ChildProcess.spawn(["terminal-child", "--store", storePath, "--as-of", String(Int(asOf.timeIntervalSince1970))],
                                         environment: env, descriptors: [0: slave, 1: slave, 3: report[1], 4: ack[0]])
        close(slave)
        close(report[1])
        close(ack[0])
        defer { close(report[0]); close(ack[1]) }

        var counts: [String: Int] = [:]
        var pending = 0
        // OVERSIGHT_BENCH_DUMP=FOLDER keeps each frame's bytes, to see what a frame costs.
        let dump = ProcessInfo.processInfo.environment["OVERSIGHT_BENCH_DUMP"]
        var frameBytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        var lines = ""
        func drain(timeout: Int32) -> Bool {
            let n = terminal.drain(into: &buffer, timeout: timeout)
            pending += n
            if dump != nil { frameBytes += buffer[0..<n] }
            return n > 0
        }
        while counts.count < frames.count {
            var fds = [pollfd(fd: master, events: Int16(POLLIN), revents: 0), pollfd(fd: report[0], events: Int16(POLLIN), revents: 0)]
            guard poll(&fds, 2, 30_000) > 0 else { throw BenchError("the terminal child stopped answering") }
            if fds[0].revents & Int16(POLLIN) != 0 { _ = drain(timeout: 0) }
            if fds[1].revents & Int16(POLLIN | POLLHUP) != 0 {
                let n = read(report[0], &buffer, buffer.count)
                guard n > 0 else { throw BenchError("the terminal child ended early") }
                lines += String(decoding: buffer[0..<n], as: UTF8.self)
                while let newline = lines.firstIndex(of: "\n") {
                    let frame = String(lines[..<newline])
                    lines = String(lines[lines.index(after: newline)...])
                    // The child's write returned, so every byte of the frame is in the terminal's buffer.
                    while drain(timeout: 50) {}
                    counts[frame] = pending
                    if let dump { _ = FileManager.default.createFile(atPath: "\(dump)/\(width)x\(height)-\(frame).bytes", contents: Data(frameBytes)) }
                    frameBytes = []
                    pending = 0
                    _ = write(ack[1], "k", 1)
                }
            }
        }
        // Let the child restore the terminal and exit; its last bytes are not counted.
        while drain(timeout: 100) {}
        let outcome = ChildProcess.wait(pid, started: started)
        guard outcome.status == 0 else { throw BenchError("terminal child failed with status \(outcome.status)") }
        return Result(width: width, height: height, first: counts["first"] ?? 0, idle: counts["idle"] ?? 0,
                      typical: counts["typical"] ?? 0, full: counts["full"] ?? 0)
    }

    /// The child: the real screen on its terminal, four frames, each reported on descriptor 3.
    static func child(storePath: String, asOf: Date) throws {
        // A private copy: the typical frame writes an acknowledgement.
        let copy = NSTemporaryDirectory() + "oversight-bench-terminal-\(getpid()).sqlite"
        try? FileManager.default.removeItem(atPath: copy)
        try FileManager.default.copyItem(atPath: storePath, toPath: copy)
        defer { DataTables.remove(copy) }
        let store = try PortfolioStore.open(path: copy)
        defer { try? store.close() }
        let environment = ProcessInfo.processInfo.environment
        let screen = try TerminalScreen(theme: try Theme.load("dark", environment: environment), environment: environment)
        defer { screen.stop() }
        var state = DashboardState(width: screen.width, height: screen.height, now: asOf, sourceLabel: "bench")
        state.lastPoll = asOf
        let engine = try DashboardEngine(store: store, state: state, actor: "bench", figures: .interactive)
        defer { engine.cancelBackgroundWork() }  // before the store closes
        try engine.waitForWindowFigures()
        func frame(_ name: String) {
            screen.draw(DashboardRenderer.render(engine.state, glyphs: screen.glyphs))
            _ = write(3, name + "\n", name.utf8.count + 1)
            var byte: UInt8 = 0
            _ = read(4, &byte, 1)
        }
        frame("first")
        try engine.send(.tick(asOf.addingTimeInterval(1)))
        frame("idle")
        if let open = engine.state.data.alerts.rows.first(where: { $0.status == .open }) {
            try store.write { _ = try $0.apply(.acknowledge, toAlert: open.externalID, actor: "bench", at: asOf.addingTimeInterval(2)) }
        }
        try engine.send(.tick(asOf.addingTimeInterval(2)))
        try engine.send(.key(.character("r")))
        frame("typical")
        // A full redraw, as after a resize: one column narrower (not counted), then back.
        func resize(columns: Int) throws {
            var size = winsize(ws_row: UInt16(screen.height), ws_col: UInt16(columns), ws_xpixel: 0, ws_ypixel: 0)
            _ = ioctl(1, UInt(TIOCSWINSZ), &size)
            if case let .resized(width, height) = screen.wait(timeout: 0) { try engine.send(.resized(width: width, height: height)) }
        }
        let width = screen.width
        try resize(columns: width - 1)
        frame("narrower")
        try resize(columns: width)
        frame("full")
    }
}
