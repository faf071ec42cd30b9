import Foundation
import Testing
import TestSupport

/// `oversight import --format mlflow URL` against a real `mlflow server` on loopback, filled by
/// MLflow's own client: the same store as the file importer, incremental passes, `--watch`, and
/// each fault a real deployment gives (through scripts/fixtures/mlflow_fault_proxy.py).
@Suite("import --format mlflow from a tracking server", .serialized)
struct CLIMLflowServerTests {
    static func importing(_ source: String, _ store: String, _ environment: TestEnvironment, _ extra: [String] = [],
                          variables: [String: String] = [:]) throws -> ProcessResult {
        try ProcessRunner.oversight(["import", "--format", "mlflow", source, "--store", store] + extra,
                                    environment: environment.variables.merging(variables) { $1 })
    }

    /// A watcher (`import --watch 1`) whose standard output is a pipe, read line by line.
    final class Watcher {
        let process = Process()
        let output = Pipe()
        let errors = Pipe()
        private var text = ""

        init(_ arguments: [String], environment: [String: String]) throws {
            process.executableURL = URL(fileURLWithPath: RepoPaths.binary)
            process.arguments = arguments
            process.environment = environment
            process.standardOutput = output
            process.standardError = errors
            try process.run()
        }

        /// The lines printed so far, once one holding `text` has arrived (or `timeout` passed).
        func lines(waitingFor wanted: String, timeout: TimeInterval = 90) -> [String] {
            output.fileHandleForReading.read(onto: &text, until: wanted, timeout: timeout)
            return text.split(separator: "\n").map(String.init)
        }

        func stop() -> String {
            // SIGTERM, as a supervisor stops it: `--watch` unblocks it even though a child of the
            // test runner inherits it blocked.
            if process.isRunning { process.terminate() }
            let deadline = Date().addingTimeInterval(30)
            while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
            if process.isRunning {
                Issue.record("import --watch did not stop on SIGTERM")
                kill(process.processIdentifier, SIGKILL)
            }
            process.waitUntilExit()
            return String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        }
    }

    @Test("The server import equals the file import of the server's own backend; a pass that finds nothing writes nothing; --watch prints one line per pass that changed the store, with the run logged and the run deleted since")
    func sameStoreIncrementalAndWatch() throws {
        let server = try MLflowServer()
        defer { server.stop() }
        try server.populate()
        let environment = TestEnvironment("mlflow-rest")
        let served = environment.file("served.sqlite")
        let fromFile = environment.file("file.sqlite")

        let first = try Self.importing(server.url, served, environment, ["--json"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("\"created\":37"), "\(first.stdout)")
        #expect(try Self.importing(server.backendFile, fromFile, environment).status == 0)
        #expect(try StoreFingerprint(path: served, excluding: ["import_cursors"]) == StoreFingerprint(path: fromFile, excluding: ["import_cursors"]),
                "the server's import and the file's differ")
        for what in ["models", "runs", "alerts", "maturity"] {
            let a = try ProcessRunner.oversight(["list", what, "--json", "--store", served], environment: environment.variables)
            let b = try ProcessRunner.oversight(["list", what, "--json", "--store", fromFile], environment: environment.variables)
            #expect(a.stdout == b.stdout, "list \(what) differs")
        }

        // Nothing new on the server: the pass reads the running runs again and writes nothing.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: served))
        // With no URL given, the one MLflow's own client reads.
        let again = try ProcessRunner.oversight(["import", "--format", "mlflow", "--store", served, "--json"],
                                                environment: environment.variables.merging(["MLFLOW_TRACKING_URI": server.url]) { $1 })
        #expect(again.status == 0 && again.stdout.contains("\"created\":0") && again.stdout.contains("\"updated\":0")
                && again.stdout.contains("\"removed\":0"), "\(again.stdout)\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: served)) == bytes, "a pass that found nothing changed the store file")

        // Following the server; piped, each changed pass's line arrives as it is printed.
        let watcher = try Watcher(["import", "--format", "mlflow", server.url, "--store", served, "--watch", "1"],
                                  environment: environment.variables)
        let quiet = watcher.lines(waitingFor: "no change")
        #expect(quiet.count == 1 && quiet[0].contains(server.url), "\(quiet)")
        try server.client("""
            churn = client.get_experiment_by_name("churn-experiments").experiment_id
            fraud = client.get_experiment_by_name("fraud-training").experiment_id
            late = client.create_run(churn, run_name="late-arrival", tags={"mlflow.user": "sofia", "trigger": "drift"})
            client.log_metric(late.info.run_id, "f1", 0.71)
            client.set_terminated(late.info.run_id)
            running = client.search_runs([fraud], filter_string="attributes.status = 'RUNNING'")[0]
            client.log_metric(running.info.run_id, "auc", 0.89, timestamp=running.info.start_time + 600000, step=1)
            old = client.search_runs([fraud], filter_string="attributes.run_name = 'nightly-2025-12-29'")[0]
            client.delete_run(old.info.run_id)
            """)
        // The deletion came last: once a pass has reported it, every change before it is in too
        // (in that pass or an earlier one, as the client's calls fell between passes).
        let changed = watcher.lines(waitingFor: " -1")
        let errors = watcher.stop()
        let reports = changed.dropFirst()
        #expect(!reports.isEmpty && reports.allSatisfy { !$0.contains("no change") }, "a line for a pass that changed nothing: \(changed) \(errors)")
        func total(_ kind: String, _ mark: String) -> Int {
            reports.reduce(0) { sum, line in
                guard let range = line.range(of: "\(kind) \(mark)") else { return sum }
                return sum + (Int(line[range.upperBound...].prefix { $0.isNumber }) ?? 0)
            }
        }
        #expect(total("runs", "+") == 1 && total("metrics", "+") >= 1 && reports.contains { $0.contains("runs ") && $0.contains(" -1") },
                "\(changed)")
        // A pass reads the running runs before the deleted ones, so the running run's new point
        // may fall to the pass after the one that saw the deletion: one more pass takes it.
        let last = try Self.importing(server.url, served, environment, ["--json"])
        #expect(last.status == 0, "\(last.stderr)")

        // The file importer, reading the backend now, makes the same store.
        #expect(try Self.importing(server.backendFile, fromFile, environment).status == 0)
        // The full-text index's segments depend on how many transactions wrote it, not on what it holds.
        let layout: Set<String> = ["import_cursors", "run_search_data", "run_search_idx"]
        let servedPrint = try StoreFingerprint(path: served, excluding: layout)
        let filePrint = try StoreFingerprint(path: fromFile, excluding: layout)
        #expect(servedPrint == filePrint, "after the incremental passes the server's import and the file's differ: \(servedPrint) vs \(filePrint); \(last.stdout)")
        let runs = try ProcessRunner.oversight(["list", "runs", "--json", "--store", served], environment: environment.variables)
        #expect(runs.stdout.contains("late-arrival") && !runs.stdout.contains("nightly-2025-12-29"))
    }

    @Test("Each fault gives a clear error, a non-zero exit and an unchanged store: unreachable, 401 and 403 naming the variable, an old server's 404, 503 after retries, truncated JSON, an untrusted certificate; 429 and a brief 503 are retried; MLflow's TLS variables are honoured; secrets are never printed")
    func faults() throws {
        let server = try MLflowServer()
        defer { server.stop() }
        try server.populate()
        let proxy = try MLflowFaultProxy(upstream: server)
        defer { proxy.stop() }
        let environment = TestEnvironment("mlflow-faults")
        let store = environment.file("store.sqlite")
        #expect(try ProcessRunner.oversight(["import", "--store", store, RepoPaths.sampleData + "/teams.yaml"], environment: environment.variables).status == 0)
        let before = try StoreFingerprint(path: store)

        func refused(_ source: String, _ variables: [String: String] = [:], saying expected: [String], _ comment: String) throws {
            let result = try Self.importing(source, store, environment, variables: variables)
            #expect(result.status != 0, "\(comment): exit 0")
            for text in expected { #expect(result.stderr.contains(text), "\(comment): \(result.stderr)") }
            for secret in variables.values where secret.count > 3 { #expect(!result.stderr.contains(secret) && !result.stdout.contains(secret)) }
            #expect(try StoreFingerprint(path: store) == before, "\(comment): the store changed")
        }

        let closed = try PostgresServer.freePort()
        try refused("http://127.0.0.1:\(closed)", saying: ["cannot reach the MLflow tracking server at http://127.0.0.1:\(closed)"], "unreachable")
        try refused("ftp://127.0.0.1:\(closed)", saying: ["not an http(s) tracking server URL"], "not http")

        proxy.set("auth")
        try refused(proxy.url, saying: ["asks for credentials", "MLFLOW_TRACKING_TOKEN", "MLFLOW_TRACKING_USERNAME"], "no credentials")
        try refused(proxy.url, ["MLFLOW_TRACKING_TOKEN": "s3cret-wrong-token"], saying: ["rejected the credentials in MLFLOW_TRACKING_TOKEN"], "bad token")
        try refused(proxy.url, ["MLFLOW_TRACKING_USERNAME": "ana", "MLFLOW_TRACKING_PASSWORD": "hunter2-password"],
                    saying: ["rejected the credentials in MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD"], "bad password")
        try refused(proxy.url, ["MLFLOW_TRACKING_TOKEN": "read-nothing"], saying: ["refused", "403", "MLFLOW_TRACKING_TOKEN"], "forbidden")

        proxy.set("old")
        try refused(proxy.url, saying: ["has no /api/2.0/mlflow/runs/search", "MLflow 2.0 or later"], "old server")
        proxy.set("unavailable")
        try refused(proxy.url, ["OVERSIGHT_MLFLOW_RETRIES": "1"], saying: ["503", "after 2 tries"], "server down")
        proxy.set("truncated")
        try refused(proxy.url, saying: ["runs/search", "not the MLflow API's JSON"], "truncated answer")

        // Passing faults: retried, then the import goes through.
        proxy.set("auth")
        let authorized = try Self.importing(proxy.url, environment.file("authorized.sqlite"), environment, ["--json"],
                                            variables: ["MLFLOW_TRACKING_TOKEN": "good-token"])
        #expect(authorized.status == 0 && authorized.stdout.contains("\"created\":37"), "\(authorized.stderr)")
        for mode in ["flaky 2", "throttled 2"] {
            proxy.set(mode)
            let retried = try Self.importing(proxy.url, environment.file("retried-\(mode.prefix(5)).sqlite"), environment, ["--json"])
            #expect(retried.status == 0 && retried.stdout.contains("\"created\":37"), "\(mode): \(retried.stderr)")
        }

        // A server behind a certificate of a private CA: refused with the hint, then read with
        // either of MLflow's TLS variables.
        let secure = try MLflowFaultProxy(upstream: server, tls: true)
        defer { secure.stop() }
        try refused(secure.url, saying: ["cannot reach", "MLFLOW_TRACKING_SERVER_CERT_PATH"], "untrusted certificate")
        for (name, value) in [("MLFLOW_TRACKING_INSECURE_TLS", "true"), ("MLFLOW_TRACKING_SERVER_CERT_PATH", secure.certificate ?? "")] {
            let trusted = try Self.importing(secure.url, environment.file("tls-\(name).sqlite"), environment, ["--json"], variables: [name: value])
            #expect(trusted.status == 0 && trusted.stdout.contains("\"created\":37"), "\(name): \(trusted.stderr)")
        }

        // A follower survives an outage: it says so, and the next pass after it imports.
        proxy.set("unavailable")
        let followed = environment.file("followed.sqlite")
        let watcher = try Watcher(["import", "--format", "mlflow", proxy.url, "--store", followed, "--watch", "1"],
                                  environment: environment.variables.merging(["OVERSIGHT_MLFLOW_RETRIES": "0"]) { $1 })
        var errors = ""
        watcher.errors.fileHandleForReading.read(onto: &errors, until: "pass failed", timeout: 60)
        #expect(errors.contains("503"), "\(errors)")
        proxy.set("pass")
        let lines = watcher.lines(waitingFor: "runs +10")
        _ = watcher.stop()
        #expect(lines.contains { $0.contains("runs +10") }, "\(lines)")
    }

    @Test("A run deleted between two pages is seen as deleted (run_view_type=ALL keeps the pages steady) and left out; --experiment reads only the experiments named")
    func deletedBetweenPagesAndExperiments() throws {
        let server = try MLflowServer()
        defer { server.stop() }
        try server.populate()
        let newest = try server.client("""
            churn = client.get_experiment_by_name("churn-experiments").experiment_id
            print(client.search_runs([churn], filter_string="attributes.run_name = 'queued-backfill'")[0].info.run_id)
            """).trimmingCharacters(in: .whitespacesAndNewlines)
        let proxy = try MLflowFaultProxy(upstream: server, mode: "delete-between-pages \(newest)")
        defer { proxy.stop() }
        let environment = TestEnvironment("mlflow-pages")
        let store = environment.file("store.sqlite")
        let paged = try Self.importing(proxy.url, store, environment, ["--json"], variables: ["OVERSIGHT_MLFLOW_PAGE_SIZE": "2"])
        #expect(paged.status == 0, "\(paged.stderr)")
        let runs = try ProcessRunner.oversight(["list", "runs", "--json", "--store", store], environment: environment.variables)
        #expect(!runs.stdout.contains("queued-backfill") && runs.stdout.contains("retrain-after-drift"), "\(runs.stdout.prefix(400))")
        #expect(runs.stdout.components(separatedBy: "\"id\" : \"mlflow-").count - 1 == 9)

        let only = environment.file("only.sqlite")
        let limited = try Self.importing(server.url, only, environment, ["--experiment", "forecast-sandbox", "--json"])
        #expect(limited.status == 0, "\(limited.stderr)")
        let models = try ProcessRunner.oversight(["list", "models", "--json", "--store", only], environment: environment.variables)
        #expect(models.stdout.contains("forecast-sandbox") && !models.stdout.contains("churn-propensity"), "\(models.stdout.prefix(400))")
        let unknown = try Self.importing(server.url, only, environment, ["--experiment", "no-such-thing"])
        #expect(unknown.status != 0 && unknown.stderr.contains("no active experiment named 'no-such-thing'"), "\(unknown.stderr)")
    }
}
