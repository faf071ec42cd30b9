import Foundation
import Portfolio
import PortfolioStore
import Testing
import TestSupport

/// The real `oversight` binary: `import` into a store given by --store, and `list … --json`, whose
/// output scripts rely on (keys, names instead of ids, ISO-8601 UTC times, nulls for what is not
/// known yet). Every run uses a TestEnvironment, so the user's files are never touched.
@Suite("oversight import and list")
struct CLIListTests {
    /// One store per test process, filled by `oversight import --store S sample-data`; the tests
    /// below only read it.
    enum Imported {
        static let environment = TestEnvironment("cli-list")
        static let store = environment.file("imported/portfolio.sqlite")
        static let result: ProcessResult = {
            // Statics are never released, so remove the folder when the test process exits.
            atexit { try? FileManager.default.removeItem(atPath: Imported.environment.root.path) }
            return try! ProcessRunner.oversight(["import", "--store", store, RepoPaths.sampleData],
                                                environment: environment.variables)
        }()
    }

    /// Runs `oversight ARGS` against the imported sample store.
    static func oversight(_ arguments: [String]) throws -> ProcessResult {
        _ = Imported.result
        return try ProcessRunner.oversight(arguments, environment: Imported.environment.variables)
    }

    /// `oversight list WHAT --json --store S [extra]` parsed as an array of objects.
    static func listJSON(_ what: String, _ extra: [String] = []) throws -> [[String: Any]] {
        let result = try oversight(["list", what, "--json", "--store", Imported.store, "--as-of", "2026-01-12T09:00:00Z"] + extra)
        try #require(result.status == 0, "list \(what) failed: \(result.stderr)")
        return try parseArray(result.stdout)
    }

    static func parseArray(_ text: String) throws -> [[String: Any]] {
        let parsed = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(parsed as? [[String: Any]], "expected a JSON array of objects; got \(text.prefix(200))")
    }

    static func strings(_ records: [[String: Any]], _ key: String) -> [String] {
        records.compactMap { $0[key] as? String }
    }

    static func isNull(_ value: Any?) -> Bool { value is NSNull }

    static func isUTCTime(_ value: Any?) -> Bool {
        guard let text = value as? String else { return false }
        return text.hasSuffix("Z") && ISOTime.parse(text) != nil
    }

    static func expectKeys(_ records: [[String: Any]], _ keys: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!records.isEmpty, sourceLocation: sourceLocation)
        for record in records {
            let missing = keys.filter { record[$0] == nil }
            #expect(missing.isEmpty, "missing \(missing) in \(record)", sourceLocation: sourceLocation)
            if !missing.isEmpty { return }
        }
    }

    // MARK: - import

    @Test("importing the sample folder exits 0 and prints what it created per kind")
    func importPrintsCounts() throws {
        let result = Imported.result
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Imported 10603 records from 6 file(s) into \(Imported.store)"))
        let lines = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        for (section, count) in [("teams", 5), ("pipelines", 82), ("models", 46), ("runs", 1720), ("metrics", 8554),
                                 ("alerts", 71), ("maturity", 125)] {
            #expect(lines.contains { $0.hasPrefix(section + " ") && $0.hasSuffix("\(count) created, 0 updated, 0 unchanged") },
                    "\(section)")
        }
        #expect(FileManager.default.fileExists(atPath: Imported.store))
    }

    @Test("importing a bad file exits non-zero, names the file and field on stderr, and leaves the store unchanged")
    func importBadFileIsRefused() throws {
        _ = Imported.result
        let folder = TemporaryFolder("cli-bad")
        let store = folder.file("portfolio.sqlite")
        try FileManager.default.copyItem(atPath: Imported.store, toPath: store)
        let bad = folder.write("bad-models.yaml", """
            format: 1
            models:
              - name: "fraud-scorer"
                team: "Risk & Fraud Analytics"
                owner: "Priya Raman"
                stage: "prod"
            """)
        let before = try StoreFingerprint(path: store)

        let result = try ProcessRunner.oversight(["import", "--store", store, bad], environment: Imported.environment.variables)

        #expect(result.status != 0)
        // The message docs/DATA-FORMAT.md shows: file:line: position (name): field 'f': what was expected.
        #expect(result.stderr.contains(bad + ":6: models[0] (fraud-scorer): field 'stage': "
            + "expected one of development, staging, production, archived; got 'prod'"), "\(result.stderr)")
        #expect(result.stderr.contains("nothing was written"))
        #expect(try StoreFingerprint(path: store) == before)
    }

    // MARK: - list --json

    @Test("list models --json gives every model with its keys, names for teams, and every stage")
    func listModelsJSON() throws {
        let models = try Self.listJSON("models")
        Self.expectKeys(models, ["id", "name", "team", "owner", "stage", "version", "business_value",
                                 "serving_cost_per_month", "open_alerts"])
        #expect(models.count == 46)
        #expect(Set(Self.strings(models, "stage")) == Set(Stage.allCases.map(\.rawValue)))
        let teams = Set(Self.strings(models, "team"))
        #expect(teams == ["Risk & Fraud Analytics", "Clinical AI", "Retail Demand & Personalization",
                          "Manufacturing Quality AI", "ML Platform"])
        #expect(models.allSatisfy { $0["open_alerts"] as? Int != nil })
        let fraud = try #require(models.first { $0["name"] as? String == "card-fraud-detector" })
        #expect(fraud["id"] as? String == "card-fraud-detector")
        #expect(fraud["team"] as? String == "Risk & Fraud Analytics")
        #expect(fraud["stage"] as? String == "production")
        #expect((fraud["open_alerts"] as? Int ?? 0) >= 1)
        let defect = try #require(models.first { $0["name"] as? String == "visual-defect-detector" })
        #expect(defect["business_value"] as? Double == 180_000)
        #expect(defect["serving_cost_per_month"] as? Double == 21_500)
    }

    @Test("list runs --json gives every run with names for pipeline and model, UTC times, and nulls until a run finishes")
    func listRunsJSON() throws {
        let runs = try Self.listJSON("runs")
        Self.expectKeys(runs, ["id", "pipeline", "model", "kind", "status", "trigger", "started_at", "finished_at",
                               "duration_s", "compute_cost"])
        #expect(runs.count == 1720)
        #expect(Set(Self.strings(runs, "status")) == Set(RunStatus.allCases.map(\.rawValue)))
        #expect(Set(Self.strings(runs, "kind")) == Set(RunKind.allCases.map(\.rawValue)))

        let modelNames = Set(Self.strings(try Self.listJSON("models"), "name"))
        let store = try PortfolioStore.open(path: Imported.store, readOnly: true)
        let pipelineNames = try store.read { try $0.pipelineNames() }
        try store.close()
        #expect(Set(Self.strings(runs, "model")).isSubset(of: modelNames))
        #expect(Set(Self.strings(runs, "pipeline")).isSubset(of: pipelineNames))
        #expect(Self.strings(runs, "model").count == runs.count)
        #expect(Self.strings(runs, "pipeline").count == runs.count)

        for run in runs {
            let id = run["id"] as? String ?? "?"
            #expect(Self.isUTCTime(run["started_at"]), "\(id): started_at is never null")
            switch run["status"] as? String {
            case "queued", "running":
                #expect(Self.isNull(run["finished_at"]), "\(id)")
                #expect(Self.isNull(run["duration_s"]), "\(id)")
            case "succeeded", "failed":
                #expect(Self.isUTCTime(run["finished_at"]), "\(id)")
                let duration = run["duration_s"] as? Int
                #expect(duration != nil && duration! >= 0, "\(id)")
                #expect(run["compute_cost"] as? Double != nil, "\(id)")
            default:
                break
            }
        }
        let queued = try #require(runs.first { $0["status"] as? String == "queued" })
        #expect(queued["started_at"] as? String == queued["queued_at"] as? String, "a queued run shows its queue time")
    }

    @Test("list alerts --json gives every alert with its evidence, a model name and every status")
    func listAlertsJSON() throws {
        let alerts = try Self.listJSON("alerts")
        Self.expectKeys(alerts, ["id", "model", "feature", "method", "score", "threshold", "severity", "status",
                                 "assignee", "opened_at"])
        #expect(alerts.count == 71)
        #expect(Set(Self.strings(alerts, "status")) == Set(AlertStatus.allCases.map(\.rawValue)))
        #expect(Set(Self.strings(alerts, "severity")) == Set(Severity.allCases.map(\.rawValue)))
        #expect(Set(Self.strings(alerts, "method")) == Set(DriftMethod.allCases.map(\.rawValue)))
        let modelNames = Set(Self.strings(try Self.listJSON("models"), "name"))
        #expect(Set(Self.strings(alerts, "model")).isSubset(of: modelNames))
        #expect(alerts.allSatisfy { Self.isUTCTime($0["opened_at"]) })
        #expect(alerts.allSatisfy { $0["score"] as? Double != nil && $0["threshold"] as? Double != nil })
        #expect(alerts.first?["status"] as? String == "open", "active alerts come first")
        let fraud = try #require(alerts.first {
            $0["model"] as? String == "card-fraud-detector" && $0["feature"] as? String == "transaction_amount"
                && $0["status"] as? String == "open"
        })
        #expect(fraud["severity"] as? String == "critical")
        #expect(fraud["opened_at"] as? String == "2026-01-11T21:47:12Z")
    }

    @Test("list maturity --json gives every assessment with a team name, a component and a level")
    func listMaturityJSON() throws {
        let assessments = try Self.listJSON("maturity")
        Self.expectKeys(assessments, ["team", "component", "level", "assessed_at"])
        #expect(assessments.count == 125)
        #expect(Set(Self.strings(assessments, "component")) == Set(MaturityComponent.allCases.map(\.rawValue)))
        #expect(Set(Self.strings(assessments, "team")).count == 5)
        #expect(assessments.allSatisfy { ($0["level"] as? Int).map((0...4).contains) == true })
        #expect(assessments.allSatisfy { Self.isUTCTime($0["assessed_at"]) })
        #expect(assessments.first?["assessed_at"] as? String == "2025-12-31T00:00:00Z", "newest first")
    }

    @Test("--limit 3 gives three records of each kind", arguments: ["models", "runs", "alerts", "maturity"])
    func limitThree(what: String) throws {
        #expect(try Self.listJSON(what, ["--limit", "3"]).count == 3)
    }

    @Test("--limit 1 gives one record; --limit 0 is refused (the limit must be positive: leave it out for all)")
    func limitOneAndZero() throws {
        #expect(try Self.listJSON("runs", ["--limit", "1"]).count == 1)
        let zero = try Self.oversight(["list", "runs", "--json", "--store", Imported.store, "--limit", "0"])
        #expect(zero.status == 64)
        #expect(zero.stderr.contains("--limit must be positive"))
        #expect(zero.stdout.isEmpty)
    }

    // MARK: - list as a table

    @Test("without --json, list prints a table with a header line", arguments: [
        ("models", ["NAME", "TEAM", "STAGE"]), ("runs", ["ID", "PIPELINE", "STATUS"]),
        ("alerts", ["ID", "MODEL", "SEVERITY"]), ("maturity", ["TEAM", "COMPONENT", "LEVEL"]),
    ])
    func tableHasHeader(what: String, columns: [String]) throws {
        let result = try Self.oversight(["list", what, "--limit", "5", "--store", Imported.store])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: true)
        let header = try #require(lines.first.map(String.init))
        for column in columns { #expect(header.contains(column), "\(header)") }
        #expect(lines.count == 6, "a header and five rows")
    }

    // MARK: - Which store

    @Test("with no store configured and none at the default path, list refuses, and reads the sample only with --sample, creating no store file")
    func listWithoutStoreUsesSample() throws {
        let environment = TestEnvironment("cli-nostore")
        let refused = try ProcessRunner.oversight(["list", "models", "--json"], environment: environment.variables)
        #expect(refused.status == 1)
        #expect(refused.stdout.isEmpty)
        #expect(refused.stderr.contains("no store at \(environment.defaultStorePath) (the default path)"), "\(refused.stderr)")
        let status = try ProcessRunner.oversight(["status", "--json"], environment: environment.variables)
        #expect(status.status == 1 && status.stdout.isEmpty)
        let result = try ProcessRunner.oversight(["list", "models", "--json", "--sample"], environment: environment.variables)

        #expect(result.status == 0, "\(result.stderr)")
        let models = try Self.parseArray(result.stdout)
        #expect(models.count == 46)
        #expect(!FileManager.default.fileExists(atPath: environment.defaultStorePath))
        #expect(!FileManager.default.fileExists(atPath: (environment.defaultStorePath as NSString).deletingLastPathComponent))
    }

    @Test("OVERSIGHT_STORE chooses the store when --store is not given")
    func environmentChoosesStore() throws {
        _ = Imported.result
        var variables = Imported.environment.variables
        variables["OVERSIGHT_STORE"] = Imported.store
        let result = try ProcessRunner.oversight(["list", "maturity", "--json"], environment: variables)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("sample portfolio"))
        #expect(try Self.parseArray(result.stdout).count == 125)
    }

    @Test("a --store that does not exist fails with a message naming it and creates nothing")
    func missingStoreFails() throws {
        let environment = TestEnvironment("cli-missing")
        let missing = "/nonexistent/x.sqlite"
        let result = try ProcessRunner.oversight(["list", "models", "--store", missing], environment: environment.variables)

        #expect(result.status != 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains("no store at \(missing)"))
        #expect(result.stderr.contains("create one with `oversight init` or `oversight import`"))
        #expect(!FileManager.default.fileExists(atPath: missing))
        #expect(!FileManager.default.fileExists(atPath: environment.defaultStorePath))
    }

    @Test("--store given before the subcommand is rejected rather than silently ignored")
    func storeBeforeSubcommandFails() throws {
        let environment = TestEnvironment("cli-order")
        let result = try ProcessRunner.oversight(["--store", "/nonexistent/x.sqlite", "list", "models"],
                                                 environment: environment.variables)
        #expect(result.status != 0)
        #expect(!result.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent/x.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: environment.defaultStorePath))
    }
}
