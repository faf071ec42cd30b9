import Foundation
import Portfolio
import PortfolioStore
import Testing
import TestSupport

/// `oversight record …` and `oversight ingest` through the real binary, checked with `list --json`.
@Suite("record and ingest")
struct CLIWriterTests {
    /// A private store holding the sample, and an environment to run in.
    static func setUp(_ label: String) throws -> (TestEnvironment, String) {
        let environment = TestEnvironment(label)
        let store = environment.file("store.sqlite")
        let result = try ProcessRunner.oversight(["import", "--store", store, RepoPaths.sampleData], environment: environment.variables)
        try #require(result.status == 0, "import failed: \(result.stderr)")
        return (environment, store)
    }

    static func list(_ what: String, _ store: String, _ environment: TestEnvironment) throws -> [[String: Any]] {
        let result = try ProcessRunner.oversight(["list", what, "--json", "--store", store], environment: environment.variables)
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    static func oversight(_ arguments: [String], _ environment: TestEnvironment, stdin: String? = nil) throws -> ProcessResult {
        try ProcessRunner.oversight(arguments, environment: environment.variables, stdin: stdin)
    }

    @Test("record run creates a run (and its unknown pipeline), and the same id updates it as it progresses")
    func recordRunProgresses() throws {
        let (environment, store) = try Self.setUp("record-run")
        let base = ["record", "run", "--store", store, "--pipeline", "ci-fraud-retrain", "--model", "card-fraud-detector",
                    "--kind", "training", "--id", "gh-4242"]
        let first = try Self.oversight(base + ["--status", "running", "--started", "2026-11-28T08:00:00Z", "--commit", "abc123"], environment)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("created pipeline 'ci-fraud-retrain'"))
        var run = try #require(try Self.list("runs", store, environment).first { ($0["id"] as? String) == "gh-4242" })
        #expect(run["status"] as? String == "running")
        #expect(run["finished_at"] is NSNull)
        #expect(run["pipeline"] as? String == "ci-fraud-retrain")

        let second = try Self.oversight(base + ["--status", "failed", "--finished", "2026-11-28T08:30:00Z", "--error", "CUDA out of memory"], environment)
        #expect(second.status == 0, "\(second.stderr)")
        #expect(!second.stdout.contains("created pipeline"))
        run = try #require(try Self.list("runs", store, environment).first { ($0["id"] as? String) == "gh-4242" })
        #expect(run["status"] as? String == "failed")
        #expect(run["started_at"] as? String == "2026-11-28T08:00:00Z")
        #expect(run["duration_s"] as? Int == 1800)
        #expect(run["error"] as? String == "CUDA out of memory")
        #expect(try Self.list("runs", store, environment).filter { ($0["id"] as? String) == "gh-4242" }.count == 1)

        let fingerprint = try StoreFingerprint(path: store)
        let again = try Self.oversight(base + ["--status", "failed", "--finished", "2026-11-28T08:30:00Z", "--error", "CUDA out of memory", "--json"], environment)
        #expect(again.stdout.contains("\"unchanged\":1"))
        #expect(try StoreFingerprint(path: store) == fingerprint)
    }

    @Test("Writers refuse an unknown model clearly and write nothing")
    func unknownModel() throws {
        let (environment, store) = try Self.setUp("record-unknown")
        let before = try StoreFingerprint(path: store)
        for arguments in [["run", "--pipeline", "p", "--model", "ghost", "--kind", "training", "--status", "queued"],
                          ["metric", "--model", "ghost", "--name", "auc", "--value", "0.9"],
                          ["alert", "--model", "ghost", "--feature", "f", "--method", "psi", "--score", "0.3", "--threshold", "0.25"]] {
            let result = try Self.oversight(["record"] + arguments + ["--store", store], environment)
            #expect(result.status != 0)
            #expect(result.stderr.contains("no model named 'ghost'"))
        }
        #expect(try StoreFingerprint(path: store) == before)
    }

    @Test("record metric adds a point the model detail will draw; the same point again changes nothing")
    func recordMetric() throws {
        let (environment, store) = try Self.setUp("record-metric")
        let arguments = ["record", "metric", "--store", store, "--model", "card-fraud-detector", "--name", "auc", "--value", "0.913",
                         "--at", "2026-11-28T00:00:00Z", "--json"]
        #expect(try Self.oversight(arguments, environment).stdout.contains("\"created\":1"))
        #expect(try Self.oversight(arguments, environment).stdout.contains("\"unchanged\":1"))
        let opened = try PortfolioStore.open(path: store, readOnly: true)
        defer { try? opened.close() }
        let series = try opened.read { try $0.metricSeries(model: "card-fraud-detector", name: "auc") }
        #expect(series.last?.value == 0.913)
    }

    @Test("record alert derives severity by the documented rule and updates the active alert instead of duplicating it")
    func recordAlert() throws {
        let (environment, store) = try Self.setUp("record-alert")
        let base = ["record", "alert", "--store", store, "--model", "no-show-predictor", "--feature", "brand_new_feature"]
        let first = try Self.oversight(base + ["--method", "psi", "--score", "0.3", "--threshold", "0.25", "--json"], environment)
        #expect(first.stdout.contains("\"created\":1"), "\(first.stderr)")
        var mine = try Self.list("alerts", store, environment).filter { ($0["feature"] as? String) == "brand_new_feature" }
        #expect(mine.count == 1)
        #expect(mine.first?["severity"] as? String == "warning")
        #expect(mine.first?["status"] as? String == "open")

        let second = try Self.oversight(base + ["--method", "psi", "--score", "0.61", "--threshold", "0.25", "--json"], environment)
        #expect(second.stdout.contains("\"updated\":1"))
        mine = try Self.list("alerts", store, environment).filter { ($0["feature"] as? String) == "brand_new_feature" }
        #expect(mine.count == 1)
        #expect(mine.first?["severity"] as? String == "critical")
        #expect(mine.first?["score"] as? Double == 0.61)
        // The timeline states each check's evidence: opened, then the new check as a note.
        let notes = (mine.first?["events"] as? [[String: Any]] ?? []).compactMap { $0["note"] as? String }
        #expect(notes == ["psi 0.3 vs threshold 0.25; severity warning", "new check: psi 0.61 vs threshold 0.25; severity critical"])

        #expect(DriftEvidence(method: .ks, score: 0.2, threshold: 0.05).derivedSeverity == .info)
        #expect(DriftEvidence(method: .ks, score: 0.01, threshold: 0.05).derivedSeverity == .warning)
        #expect(DriftEvidence(method: .ks, score: 0.001, threshold: 0.05).derivedSeverity == .critical)
        #expect(DriftEvidence(method: .wasserstein, score: 0.09, threshold: 0.1).derivedSeverity == .info)
    }

    static let goodLines = """
        {"type":"team","name":"Ingest Team","industry":"retail"}
        {"type":"model","name":"ingested-model","team":"Ingest Team","owner":"Ana","stage":"staging"}
        {"type":"run","pipeline":"ingest-pipe","model":"ingested-model","kind":"training","status":"succeeded","id":"ing-1","started":"2026-11-28T01:00:00Z","finished":"2026-11-28T01:10:00Z"}
        {"type":"metric","model":"ingested-model","name":"auc","value":0.8,"at":"2026-11-28T01:10:00Z"}

        {"type":"alert","model":"ingested-model","feature":"basket","method":"js","score":0.3,"threshold":0.1,"id":"ing-alert-1"}
        """

    @Test("ingest writes every kind of line in one go, creating the pipeline it names")
    func ingestGood() throws {
        let (environment, store) = try Self.setUp("ingest-good")
        let file = environment.root.write("events.ndjson", Self.goodLines)
        let result = try Self.oversight(["ingest", file, "--store", store, "--json"], environment)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("\"created\":5"))
        #expect(result.stdout.contains("\"created_pipelines\":[\"ingest-pipe\"]"))
        #expect(try Self.list("models", store, environment).contains { ($0["name"] as? String) == "ingested-model" })
        #expect(try Self.list("runs", store, environment).contains { ($0["id"] as? String) == "ing-1" && ($0["duration_s"] as? Int) == 600 })
        #expect(try Self.list("alerts", store, environment).contains { ($0["id"] as? String) == "ing-alert-1" && ($0["severity"] as? String) == "critical" })
        let again = try Self.oversight(["ingest", file, "--store", store, "--json"], environment)
        #expect(again.stdout.contains("\"unchanged\":5"))
    }

    @Test("A bad line refuses the whole batch, naming its line and field; --skip-invalid skips and counts it")
    func ingestBadLine() throws {
        let (environment, store) = try Self.setUp("ingest-bad")
        let lines = Self.goodLines + "\n" + #"{"type":"metric","model":"ingested-model","name":"auc","value":"high"}"# + "\n"
            + #"{"type":"run","pipeline":"x","model":"ingested-model","kind":"training","status":"done"}"#
        let file = environment.root.write("bad.ndjson", lines)
        let before = try StoreFingerprint(path: store)
        let refused = try Self.oversight(["ingest", file, "--store", store], environment)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("bad.ndjson:7"))
        #expect(refused.stderr.contains("field 'value'"))
        #expect(try StoreFingerprint(path: store) == before)

        let skipped = try Self.oversight(["ingest", file, "--store", store, "--skip-invalid", "--json"], environment)
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stdout.contains("\"skipped\":2"))
        #expect(skipped.stdout.contains("\"created\":5"))
        #expect(skipped.stderr.contains("bad.ndjson:8"))
        #expect(skipped.stderr.contains("field 'status'"))
    }

    @Test("An id names one run or alert for life: another model, pipeline, kind or feature under it is refused, naming id, field and both values")
    func idsCannotMoveRecords() throws {
        let (environment, store) = try Self.setUp("identity")
        let before = try StoreFingerprint(path: store)
        let runs = try Self.list("runs", store, environment)
        let run = try #require(runs.first { $0["model"] as? String != "card-fraud-detector" })
        let runID = try #require(run["id"] as? String), runModel = try #require(run["model"] as? String)
        let moveRun = try Self.oversight(["record", "run", "--store", store, "--id", runID, "--pipeline", try #require(run["pipeline"] as? String),
                                          "--model", "card-fraud-detector", "--kind", try #require(run["kind"] as? String), "--status", "succeeded"],
                                         environment)
        #expect(moveRun.status != 0)
        #expect(moveRun.stderr.contains("run '\(runID)' has model '\(runModel)'; refusing to change it to 'card-fraud-detector'"), "\(moveRun.stderr)")
        #expect(moveRun.stderr.contains("field 'model'"))
        let otherKind: String = try #require(["training", "evaluation", "deployment"].first { $0 != run["kind"] as? String })
        let changeKind = try Self.oversight(["record", "run", "--store", store, "--id", runID, "--pipeline", try #require(run["pipeline"] as? String),
                                             "--model", runModel, "--kind", otherKind, "--status", "succeeded"], environment)
        #expect(changeKind.status != 0)
        #expect(changeKind.stderr.contains("field 'kind'"))

        let alerts = try Self.list("alerts", store, environment)
        let alert = try #require(alerts.first { $0["model"] as? String != "card-fraud-detector" && $0["status"] as? String == "resolved" })
        let alertID = try #require(alert["id"] as? String)
        let moveAlert = try Self.oversight(["record", "alert", "--store", store, "--id", alertID, "--model", "card-fraud-detector",
                                            "--feature", try #require(alert["feature"] as? String), "--method", "psi", "--score", "0.5",
                                            "--threshold", "0.2"], environment)
        #expect(moveAlert.status != 0)
        #expect(moveAlert.stderr.contains("alert '\(alertID)' has model '\(try #require(alert["model"] as? String))'"), "\(moveAlert.stderr)")
        let ingest = try Self.oversight(["ingest", "--store", store], environment, stdin: """
            {"type": "alert", "id": "\(alertID)", "model": "\(try #require(alert["model"] as? String))", "feature": "another", "method": "psi", "score": 0.5, "threshold": 0.2}

            """)
        #expect(ingest.status != 0)
        #expect(ingest.stderr.contains("line 1") && ingest.stderr.contains("field 'feature'"), "\(ingest.stderr)")
        let file = environment.root.write("moved.yaml", """
            runs:
              - id: \(runID)
                pipeline: \(try #require(run["pipeline"] as? String))
                model: card-fraud-detector
                kind: \(try #require(run["kind"] as? String))
                status: queued
                queued_at: 2026-01-01T00:00:00Z
            """)
        let imported = try Self.oversight(["import", "--store", store, file], environment)
        #expect(imported.status != 0)
        #expect(imported.stderr.contains("moved.yaml:4") && imported.stderr.contains("field 'model'"), "\(imported.stderr)")
        #expect(try StoreFingerprint(path: store) == before)
    }

    @Test("ingest - reads standard input")
    func ingestStdin() throws {
        let (environment, store) = try Self.setUp("ingest-stdin")
        let result = try Self.oversight(["ingest", "-", "--store", store], environment,
                                        stdin: #"{"type":"metric","model":"card-fraud-detector","name":"auc","value":0.5,"at":"2026-11-28T02:00:00Z"}"# + "\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("1 created"))
    }
}
