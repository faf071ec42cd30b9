import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A real MLflow tracking server for the tests: `mlflow server` from the virtual environment
/// `.ci/run` installs (MLflow 3.17.2), on a free loopback port, its backend a SQLite file in a
/// temporary folder. It runs in its own session (`setsid`): MLflow 3.17 starts job consumers that
/// outlive the server, so `stop()` ends the whole process group.
public final class MLflowServer: @unchecked Sendable {
    public let folder: TemporaryFolder
    public let port: Int
    /// The server's backend store, which the file importer reads.
    public var backendFile: String { folder.file("mlflow.db") }
    public var url: String { "http://127.0.0.1:\(port)" }
    private var process: Process?

    public struct StartError: Error, CustomStringConvertible {
        public let description: String
    }

    /// The pinned MLflow's virtual environment: `OVERSIGHT_MLFLOW_VENV`, else where `.ci/run` puts it.
    public static var environmentFolder: String {
        if let folder = ProcessInfo.processInfo.environment["OVERSIGHT_MLFLOW_VENV"], !folder.isEmpty { return folder }
        let home = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        return home + "/.cache/oversight-ci/mlflow-3.17.2"
    }

    /// The Python of that environment, to run the committed scripts that talk to the server.
    public static var python: String { environmentFolder + "/bin/python" }

    public init() throws {
        let mlflow = Self.environmentFolder + "/bin/mlflow"
        guard FileManager.default.isExecutableFile(atPath: mlflow) else {
            throw StartError(description: "MLflow is not installed at \(Self.environmentFolder) (.ci/run installs it)")
        }
        folder = TemporaryFolder("mlflow-server")
        port = try PostgresServer.freePort()
        let process = Process()
        // `setsid --wait`: the server in a session of its own, whose id `stop()` finds through
        // this process (setsid's child is the session leader; setsid itself waits for it).
        process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
        process.arguments = ["--wait", mlflow, "server", "--backend-store-uri", "sqlite:///\(backendFile)",
                             "--default-artifact-root", "file://\(folder.file("artifacts"))",
                             "--host", "127.0.0.1", "--port", "\(port)", "--workers", "1"]
        process.environment = ["PATH": "/usr/bin:/bin", "HOME": folder.path, "LANG": "C.UTF-8", "MLFLOW_ENABLE_TELEMETRY": "false",
                               "DO_NOT_TRACK": "true"]
        process.standardOutput = FileHandle(forWritingAtPath: folder.write("server.log", "")) ?? FileHandle.nullDevice
        process.standardError = process.standardOutput
        try process.run()
        self.process = process
        // A first start creates the backend's tables: seconds on a loaded machine.
        let deadline = Date().addingTimeInterval(120)
        while Date() < deadline {
            if try Self.healthy(url) { return }
            guard process.isRunning else { break }
            Thread.sleep(forTimeInterval: 0.25)
        }
        let log = (try? String(contentsOfFile: folder.file("server.log"), encoding: .utf8)) ?? ""
        stop()
        throw StartError(description: "mlflow server did not answer /health: \(log.suffix(2_000))")
    }

    deinit { stop() }

    /// Whether `GET /health` answers 200.
    public static func healthy(_ url: String) throws -> Bool {
        let result = try ProcessRunner.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2", url + "/health"],
                                           environment: ["PATH": "/usr/bin:/bin"])
        return result.stdout == "200"
    }

    /// Ends the server and everything it started: every process of its session.
    public func stop() {
        guard let process else { return }
        self.process = nil
        let sessions = (try? ProcessRunner.run("/usr/bin/ps", ["-o", "sid=", "--ppid", "\(process.processIdentifier)"],
                                               environment: ["PATH": "/usr/bin:/bin"]).stdout) ?? ""
        let members = sessions.split(whereSeparator: \.isWhitespace).flatMap { session in
            ((try? ProcessRunner.run("/usr/bin/pgrep", ["-s", String(session)], environment: ["PATH": "/usr/bin:/bin"]).stdout) ?? "")
                .split(whereSeparator: \.isWhitespace).compactMap { Int32($0) }
        }
        for member in members { kill(member, SIGTERM) }
        let deadline = Date().addingTimeInterval(10)
        while members.contains(where: { kill($0, 0) == 0 }), Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        for member in members { kill(member, SIGKILL) }
        process.waitUntilExit()
    }

    /// Runs `code` with MLflow's own Python client, `client` bound to this server (logging a run,
    /// deleting one, as a team's code would between two imports); what it prints.
    @discardableResult
    public func client(_ code: String) throws -> String {
        let program = "from mlflow.tracking import MlflowClient\nclient = MlflowClient(\"\(url)\")\n" + code
        let result = try ProcessRunner.run(Self.python, ["-c", program],
                                           environment: ["PATH": "/usr/bin:/bin", "HOME": folder.path, "LANG": "C.UTF-8",
                                                         "MLFLOW_ENABLE_TELEMETRY": "false", "DO_NOT_TRACK": "true"],
                                           timeout: 120)
        guard result.status == 0 else { throw StartError(description: "the MLflow client failed: \(result.stderr.suffix(2_000))") }
        return result.stdout
    }

    /// Runs the committed script that fills a tracking server (or a backend file) the way a team's
    /// training code would, through MLflow's own client.
    public func populate() throws {
        let script = RepoPaths.root + "/scripts/fixtures/make_mlflow_fixture.py"
        let result = try ProcessRunner.run(Self.python, [script, "--tracking-uri", url],
                                           environment: ["PATH": "/usr/bin:/bin", "HOME": folder.path, "LANG": "C.UTF-8",
                                                         "MLFLOW_ENABLE_TELEMETRY": "false", "DO_NOT_TRACK": "true"],
                                           timeout: 300)
        guard result.status == 0 else { throw StartError(description: "populating the server failed: \(result.stderr)\(result.stdout)") }
    }
}
