import Foundation

/// scripts/fixtures/mlflow_fault_proxy.py in front of a real `MLflowServer`: answers as a broken
/// or guarded server would (401/403, 404 of an old server, 429/503, truncated JSON, a run deleted
/// between two pages), in the mode `set` chooses, which may change while a follower runs.
public final class MLflowFaultProxy: @unchecked Sendable {
    public let port: Int
    public var url: String { "http://127.0.0.1:\(port)" }
    private let folder = TemporaryFolder("mlflow-proxy")
    private var process: Process?

    public init(upstream: MLflowServer, mode: String = "pass") throws {
        port = try PostgresServer.freePort()
        set(mode)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: MLflowServer.python)
        process.arguments = [RepoPaths.root + "/scripts/fixtures/mlflow_fault_proxy.py", "--upstream", upstream.url, "--port", "\(port)",
                             "--mode-file", folder.file("mode")]
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        // The proxy says `listening PORT` once its socket is bound.
        let line = String(decoding: output.fileHandleForReading.availableDataUntil("\n", timeout: 30), as: UTF8.self)
        guard line.contains("listening") else {
            stop()
            throw MLflowServer.StartError(description: "the fault proxy did not start: \(line)")
        }
    }

    deinit { stop() }

    /// The mode for the requests that follow (see the script's docstring).
    public func set(_ mode: String) {
        folder.write("mode", mode)
    }

    public func stop() {
        guard let process else { return }
        self.process = nil
        // SIGKILL: a child of the test runner inherits its blocked SIGTERM.
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

extension FileHandle {
    /// Bytes read until `delimiter` arrives, the stream ends or `timeout` passes.
    func availableDataUntil(_ delimiter: String, timeout: TimeInterval) -> Data {
        var data = Data()
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let chunk = availableData
            if chunk.isEmpty { break }
            data.append(chunk)
            if String(decoding: data, as: UTF8.self).contains(delimiter) { break }
        }
        return data
    }
}
