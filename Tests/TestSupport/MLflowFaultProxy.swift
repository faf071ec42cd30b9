import Foundation

/// scripts/fixtures/mlflow_fault_proxy.py in front of a real `MLflowServer`: answers as a broken
/// or guarded server would (401/403, 404 of an old server, 429/503, truncated JSON, a run deleted
/// between two pages), in the mode `set` chooses, which may change while a follower runs.
public final class MLflowFaultProxy: @unchecked Sendable {
    public let port: Int
    /// With TLS: the self-signed certificate it answers with (for MLFLOW_TRACKING_SERVER_CERT_PATH).
    public let certificate: String?
    public var url: String { "\(certificate == nil ? "http" : "https")://127.0.0.1:\(port)" }
    private let folder = TemporaryFolder("mlflow-proxy")
    private var process: Process?

    /// `tls`: answer HTTPS with a self-signed certificate for 127.0.0.1, made here by openssl.
    public init(upstream: MLflowServer, mode: String = "pass", tls: Bool = false) throws {
        port = try PostgresServer.freePort()
        var tlsArguments: [String] = []
        if tls {
            let made = try ProcessRunner.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                                                                  "-keyout", folder.file("key.pem"), "-out", folder.file("cert.pem"),
                                                                  "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
                                             environment: ["PATH": "/usr/bin:/bin"])
            guard made.status == 0 else { throw MLflowServer.StartError(description: "openssl could not make a certificate: \(made.stderr)") }
            certificate = folder.file("cert.pem")
            tlsArguments = ["--tls-cert", folder.file("cert.pem"), "--tls-key", folder.file("key.pem")]
        } else {
            certificate = nil
        }
        set(mode)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: MLflowServer.python)
        process.arguments = [RepoPaths.root + "/scripts/fixtures/mlflow_fault_proxy.py", "--upstream", upstream.url, "--port", "\(port)",
                             "--mode-file", folder.file("mode")] + tlsArguments
        process.environment = ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        // The proxy says `listening PORT` once its socket is bound.
        var line = ""
        output.fileHandleForReading.read(onto: &line, until: "\n", timeout: 30)
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
    /// Reads onto `text` until it holds `wanted`, the stream ends or `timeout` passes (a read
    /// already waiting for bytes finishes first).
    public func read(onto text: inout String, until wanted: String, timeout: TimeInterval) {
        let deadline = Date().addingTimeInterval(timeout)
        while !text.contains(wanted), Date() < deadline {
            let chunk = availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
    }
}
