import Foundation

/// A real PostgreSQL server for the tests: a cluster made in a temporary folder with `initdb`,
/// started with `pg_ctl` on a free loopback port, password (SCRAM) authentication for the role
/// `oversight`, and stopped (its folder removed) by `stop()`. PostgreSQL refuses to run as root,
/// which CI is, so when run as root the cluster belongs to the `postgres` user (`runuser`).
public final class PostgresServer: @unchecked Sendable {
    public let folder: String
    public let port: Int
    public let user = "oversight"
    public let password: String
    private let binaries: String
    private var running = true
    private var paused = false

    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// `postgres://oversight@127.0.0.1:PORT/DATABASE`: the password is not in it (give it as `PGPASSWORD`).
    public func url(_ database: String = "postgres") -> String { "postgres://\(user)@127.0.0.1:\(port)/\(database)" }

    /// `PGPASSWORD` and the rest a client needs beside the URL.
    public var clientEnvironment: [String: String] {
        ["PGPASSWORD": password, "PGHOST": "127.0.0.1", "PGPORT": "\(port)", "PGUSER": user, "PGCONNECT_TIMEOUT": "5"]
    }

    /// The newest installed PostgreSQL's programs, or nil when none is installed.
    public static var installedBinaries: String? {
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).compactMap(Int.init).sorted()
        return versions.last.map { "\(root)/\($0)/bin" }.flatMap { FileManager.default.isExecutableFile(atPath: $0 + "/initdb") ? $0 : nil }
    }

    /// Server settings beyond the defaults (`log_statement=all`, say), as `-c` options.
    private let settings: [String]

    /// The server's log: with `log_statement=all`, every statement a client ran.
    public var log: String { (try? String(contentsOfFile: folder + "/log", encoding: .utf8)) ?? "" }

    public init(label: String = "pg", settings: [String] = []) throws {
        self.settings = settings
        guard let binaries = Self.installedBinaries else { throw StartError(description: "PostgreSQL is not installed (.ci/run installs it)") }
        self.binaries = binaries
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("oversight-\(label)-\(getpid())-\(UUID().uuidString.prefix(8))").path
        password = "pw-" + UUID().uuidString
        port = try Self.freePort()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let passwordFile = folder + "/pwfile"
        try Data(password.utf8).write(to: URL(fileURLWithPath: passwordFile))
        if geteuid() == 0 {
            try Self.run("/bin/chown", ["-R", "postgres:postgres", folder])
            try Self.run("/bin/chmod", ["700", folder])
        }
        try asServerUser(binaries + "/initdb", ["-D", folder + "/data", "-U", user, "-A", "scram-sha-256", "--pwfile", passwordFile,
                                                 "-E", "UTF8", "--no-locale"])
        try startServer()
    }

    /// Starts the server on its port (again, after `stopServer`).
    public func startServer() throws {
        let options = (["-p \(port)", "-k \(folder)", "-c listen_addresses=127.0.0.1"] + settings.map { "-c \($0)" }).joined(separator: " ")
        try asServerUser(binaries + "/pg_ctl", ["-D", folder + "/data", "-o", options, "-l", folder + "/log", "-w", "-t", "60", "start"])
    }

    /// Stops the server (fast: clients are disconnected) and keeps its data, for an outage.
    public func stopServer() throws {
        try asServerUser(binaries + "/pg_ctl", ["-D", folder + "/data", "-w", "-t", "60", "-m", "fast", "stop"])
    }

    /// Pauses every process of the server (SIGSTOP): its connections stay open and nothing
    /// answers, as from a hung server or behind a network that drops packets. `resume` (or
    /// `stop`) lets it go on.
    public func pause() throws {
        try signalEveryProcess(SIGSTOP)
        paused = true
    }

    /// Lets a paused server's processes go on.
    public func resume() throws {
        try signalEveryProcess(SIGCONT)
        paused = false
    }

    /// Sends `signal` to the postmaster, then to its children (a stopped postmaster starts no other).
    private func signalEveryProcess(_ signal: Int32) throws {
        let postmaster = try postmasterID()
        kill(postmaster, signal)
        let children = try ProcessRunner.run("/usr/bin/pgrep", ["-P", "\(postmaster)"], environment: ["PATH": "/usr/bin:/bin"])
        for child in children.stdout.split(separator: "\n").compactMap({ Int32($0) }) { kill(child, signal) }
    }

    /// The postmaster's process id, the first line of its pid file.
    private func postmasterID() throws -> Int32 {
        let file = (try? String(contentsOfFile: folder + "/data/postmaster.pid", encoding: .utf8)) ?? ""
        guard let id = file.split(separator: "\n").first.flatMap({ Int32($0) }) else {
            throw StartError(description: "the server is not running (no process id in \(folder)/data/postmaster.pid)")
        }
        return id
    }

    deinit { stop() }

    /// One server for a whole test process, started on first use and stopped when the process
    /// exits; each test makes its own database in it (`newDatabase`), so tests never share data.
    public static let shared: Result<PostgresServer, StartError> = {
        stopLeftovers()
        do {
            let server = try PostgresServer(label: "pg-shared")
            atexit { (try? PostgresServer.shared.get())?.stop() }
            return .success(server)
        } catch let error as StartError {
            return .failure(error)
        } catch {
            return .failure(StartError(description: "\(error)"))
        }
    }()

    /// The database a URL of `newDatabase` names.
    public static func database(of url: String) -> String {
        String(url.split(separator: "/").last?.split(separator: "?").first ?? "")
    }

    /// Stops the clusters of test processes that died without stopping theirs (a crash skips
    /// `atexit`): their folders are named with the process id, and that process is gone.
    static func stopLeftovers() {
        guard let binaries = installedBinaries else { return }
        let temporary = FileManager.default.temporaryDirectory.path
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? [] where name.hasPrefix("oversight-pg-") {
            let parts = name.split(separator: "-")
            guard parts.count >= 4, let owner = Int32(parts[parts.count - 2]), kill(owner, 0) != 0, errno == ESRCH else { continue }
            let folder = temporary + "/" + name
            if FileManager.default.fileExists(atPath: folder + "/data/postmaster.pid") {
                let stop = [binaries + "/pg_ctl", "-D", folder + "/data", "-w", "-t", "30", "-m", "immediate", "stop"]
                _ = try? ProcessRunner.run(geteuid() == 0 ? "/sbin/runuser" : stop[0], geteuid() == 0 ? ["-u", "postgres", "--"] + stop : Array(stop.dropFirst()),
                                           environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C"])
            }
            try? FileManager.default.removeItem(atPath: folder)
        }
    }

    /// Creates an empty database with a fresh name and returns its URL (no password; give
    /// `clientEnvironment`), with `sslmode=disable`: the test cluster has no certificate.
    public func newDatabase(_ label: String) throws -> String {
        let name = "\(label.lowercased().filter { $0.isLetter || $0.isNumber })_\(UUID().uuidString.prefix(8).lowercased())"
        _ = try psql("CREATE DATABASE \(name)")
        return url(name) + "?sslmode=disable"
    }

    /// Stops the server (fast shutdown: clients are disconnected) and removes its folder.
    public func stop() {
        guard running else { return }
        running = false
        if paused { try? resume() }
        try? asServerUser(binaries + "/pg_ctl", ["-D", folder + "/data", "-w", "-t", "60", "-m", "fast", "stop"])
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs `psql` against `database` with `sql`; its standard output, unaligned and without headers.
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        let result = try ProcessRunner.run(binaries + "/psql", ["-X", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", sql],
                                           environment: ProcessInfo.processInfo.environment.merging(clientEnvironment) { $1 })
        guard result.status == 0 else { throw StartError(description: "psql failed (\(result.status)): \(result.stderr)") }
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    private func asServerUser(_ program: String, _ arguments: [String]) throws {
        if geteuid() == 0 {
            try Self.run("/sbin/runuser", ["-u", "postgres", "--", program] + arguments)
        } else {
            try Self.run(program, arguments)
        }
    }

    private static func run(_ program: String, _ arguments: [String]) throws {
        let result = try ProcessRunner.run(program, arguments, environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C"])
        guard result.status == 0 else {
            throw StartError(description: "\(program) \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.stderr)\(result.stdout)")
        }
    }

    /// A port nothing listens on now: bound on 127.0.0.1 with port 0, then given back.
    public static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw StartError(description: "no socket for a free port") }
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) == 0 && getsockname(socketFD, $0, &length) == 0 }
        }
        guard bound else { throw StartError(description: "cannot bind a loopback port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
