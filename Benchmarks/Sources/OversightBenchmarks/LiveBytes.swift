import Foundation

/// Bytes a terminal receives per second from a live dashboard — the real `oversight` binary on a
/// pseudo-terminal, refreshing every second while `oversight simulate` writes into its store at
/// speed 1 — beside `htop -d 10` (a refresh a second) on a pseudo-terminal of the same size in the
/// same run: the live terminal view everyone knows, as the yardstick for an SSH link.
enum LiveBytes {
    struct Result: Codable {
        var width: Int
        var height: Int
        var seconds: Double
        var oversightBytesPerSecond: Double
        /// Nil when htop is not installed (scripts/bench.sh installs it).
        var htopBytesPerSecond: Double?
        var htopVersion: String?

        /// Oversight's bytes per second over htop's.
        var ratio: Double? { htopBytesPerSecond.map { $0 > 0 ? oversightBytesPerSecond / $0 : .nan } }
    }

    static func measure(oversight: String, storePath: String, width: Int, height: Int, seconds: Double,
                        environment: [String: String]) throws -> Result {
        let work = NSTemporaryDirectory() + "oversight-bench-live-\(getpid())"
        try FileManager.default.createDirectory(atPath: work + "/config", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: work) }
        let store = work + "/live.sqlite"
        try FileManager.default.copyItem(atPath: storePath, toPath: store)
        var env = environment
        // Nobody's own settings: an empty config folder, a terminal like the ones users have.
        env["XDG_CONFIG_HOME"] = work + "/config"
        env["XDG_STATE_HOME"] = work
        env["XDG_CACHE_HOME"] = work
        env["TERM"] = "xterm-256color"
        env["LANG"] = "C.UTF-8"
        env["LC_ALL"] = "C.UTF-8"

        let simulator = try ChildProcess.spawn(["simulate", "--store", store, "--speed", "1"], program: oversight, environment: env)
        defer {
            kill(simulator, SIGINT)
            _ = ChildProcess.wait(simulator, started: Clock.now())
        }
        let dashboard = try rate(oversight, ["--store", store, "--refresh", "1", "--read-only"], width: width, height: height,
                                 seconds: seconds, environment: env)
        var htop: Double?
        var version: String?
        if let program = which("htop") {
            htop = try rate(program, ["-d", "10"], width: width, height: height, seconds: seconds, environment: env)
            version = try? output(program, ["--version"]).split(separator: "\n").first.map(String.init)
        }
        return Result(width: width, height: height, seconds: seconds, oversightBytesPerSecond: dashboard,
                      htopBytesPerSecond: htop, htopVersion: version)
    }

    /// Starts `program` on a pseudo-terminal of its own, lets it draw its first screens for a
    /// few seconds, counts what it writes for `seconds`, then quits it with `q`: bytes per second.
    static func rate(_ program: String, _ arguments: [String], width: Int, height: Int, seconds: Double,
                     environment: [String: String]) throws -> Double {
        let terminal = try PseudoTerminal(width: width, height: height)
        defer { terminal.closeMaster() }
        let pid = try ChildProcess.spawn(arguments, program: program, environment: environment,
                                         descriptors: [0: terminal.slave, 1: terminal.slave, 2: terminal.slave])
        terminal.closeSlave()
        _ = terminal.count(for: 5)
        let bytes = terminal.count(for: seconds)
        terminal.type("q")
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let deadline = Clock.now() + 10
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            guard Clock.now() < deadline else {
                kill(pid, SIGKILL)
                _ = ChildProcess.wait(pid, started: Clock.now())
                throw BenchError("\(program) did not quit on q")
            }
            _ = terminal.drain(into: &buffer, timeout: 50)
        }
        return Double(bytes) / seconds
    }

    /// `program` on PATH, or nil.
    static func which(_ program: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(program)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// What `program ARGS` prints on standard output.
    static func output(_ program: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
