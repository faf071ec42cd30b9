import Foundation
import Portfolio
import PortfolioStore
import Testing
import TestSupport

/// `PortfolioImporter` against docs/DATA-FORMAT.md: the sample imports with the counts its README
/// states, re-importing changes nothing, and every class of bad input is refused as a whole with an
/// error that names the file, the record and the field, leaving the store exactly as it was.
@Suite("Importer")
struct ImportTests {
    /// The sample's record counts, from sample-data/README.md.
    static let sampleCounts: [RecordKind: Int] = [
        .team: 5, .pipeline: 82, .model: 46, .run: 1720, .metric: 8554, .alert: 71, .maturity: 125,
    ]

    static let sampleRowCounts: [String: Int] = [
        "teams": 5, "pipelines": 82, "models": 46, "model_versions": 158, "pipeline_runs": 1720, "run_steps": 8655,
        "metric_points": 8554, "drift_alerts": 71, "alert_events": 329, "maturity_assessments": 125,
    ]

    /// Writes `files` (name, text) into a fresh folder beside a private copy of the sample store,
    /// imports them (or `paths(folder)` when given) on top of the sample, and returns the refusal.
    /// Records an issue unless the import throws an `ImportError` and the store's rows are unchanged.
    static func refusal(
        _ files: [(name: String, text: String)],
        paths: ((TemporaryFolder) -> [String])? = nil,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> (error: ImportError, folder: TemporaryFolder) {
        let folder = TemporaryFolder("import")
        let storePath = try SampleStoreTemplate.copy(into: folder)
        let written = files.map { folder.write("input/" + $0.name, $0.text) }
        let before = try StoreFingerprint(path: storePath)

        let store = try PortfolioStore.open(path: storePath)
        let result = Result { try PortfolioImporter(store: store).importFiles(paths?(folder) ?? written) }
        try store.close()

        let after = try StoreFingerprint(path: storePath)
        #expect(after == before, "a refused import must leave the store as it was", sourceLocation: sourceLocation)
        switch result {
        case let .success(summary):
            Issue.record("expected the import to be refused; it imported \(summary.records) records",
                         sourceLocation: sourceLocation)
            throw RefusalExpected()
        case let .failure(error as ImportError):
            return (error, folder)
        case let .failure(error):
            Issue.record("expected an ImportError; got \(type(of: error)): \(error)", sourceLocation: sourceLocation)
            throw RefusalExpected()
        }
    }

    struct RefusalExpected: Error {}

    /// [created, updated, unchanged] of one kind (nil when the kind was not imported at all).
    static func outcomes(_ counts: ImportSummary.Counts?) -> [Int]? {
        counts.map { [$0.created, $0.updated, $0.unchanged] }
    }

    /// A valid model record in YAML with one field replaced (or added).
    static func modelYAML(name: String = "fraud-scorer", team: String = "Risk & Fraud Analytics",
                          replacing field: String? = nil, with value: String? = nil) -> String {
        var fields: [(String, String)] = [
            ("name", "\"\(name)\""), ("team", "\"\(team)\""), ("owner", "\"Priya Raman\""), ("stage", "production"),
            ("risk_tier", "high"), ("business_value", "1200000"), ("serving_cost_per_month", "900.5"),
        ]
        if let field, let value {
            if let index = fields.firstIndex(where: { $0.0 == field }) {
                fields[index].1 = value
            } else {
                fields.append((field, value))
            }
        }
        return "format: 1\nmodels:\n" + fields.enumerated().map { index, pair in
            (index == 0 ? "  - " : "    ") + "\(pair.0): \(pair.1)\n"
        }.joined()
    }

    /// A valid run record as one NDJSON line, on a pipeline and model the sample holds.
    static func runLine(id: String, status: String = "succeeded", startedAt: String = "2026-01-10T02:00:00Z",
                        finishedAt: String? = "2026-01-10T02:30:00Z", steps: String = "[]") -> String {
        var line = #"{"type":"run","id":"\#(id)","pipeline":"retail-demand-forecast-train","model":"retail-demand-forecast","#
            + #""kind":"training","status":"\#(status)","trigger":"manual","started_at":"\#(startedAt)""#
        if let finishedAt { line += #","finished_at":"\#(finishedAt)""# }
        return line + #","steps":\#(steps)}"#
    }

    // MARK: - The sample

    @Test("the bundled sample imports with the counts its README states")
    func sampleImportsWithDocumentedCounts() throws {
        let folder = TemporaryFolder("import")
        let store = try PortfolioStore.open(path: folder.file("portfolio.sqlite"))
        defer { try? store.close() }

        let summary = try PortfolioImporter(store: store).importFiles([RepoPaths.sampleData])

        #expect(summary.files.map { ($0 as NSString).lastPathComponent }
            == ["alerts.yaml", "maturity.yaml", "metrics.ndjson", "models.yaml", "runs.ndjson", "teams.yaml"])
        for (kind, count) in Self.sampleCounts {
            #expect(Self.outcomes(summary.counts[kind]) == [count, 0, 0], "\(kind)")
        }
        #expect(summary.records == Self.sampleCounts.values.reduce(0, +))
        let rows = try store.read { try $0.rowCounts() }
        for (table, count) in Self.sampleRowCounts {
            #expect(rows[table] == count, "\(table)")
        }
    }

    @Test("a folder given through a symbolic link (with or without a trailing slash) imports as the folder it names, its files named by the path given")
    func folderThroughALink() throws {
        let folder = TemporaryFolder("import-link")
        try FileManager.default.createSymbolicLink(atPath: folder.file("linked"), withDestinationPath: RepoPaths.sampleData)
        for given in [folder.file("linked"), folder.file("linked") + "/"] {
            let store = try PortfolioStore.open(path: folder.file("\(given.count).sqlite"))
            defer { try? store.close() }
            let summary = try PortfolioImporter(store: store).importFiles([given])
            #expect(summary.records == Self.sampleCounts.values.reduce(0, +))
            #expect(summary.files.first == folder.file("linked") + "/alerts.yaml")
        }
    }

    @Test("importing the sample again reports everything unchanged and leaves the store identical")
    func reimportChangesNothing() throws {
        let folder = TemporaryFolder("import")
        let path = try SampleStoreTemplate.copy(into: folder)
        let before = try StoreFingerprint(path: path)

        let store = try PortfolioStore.open(path: path)
        let summary = try PortfolioImporter(store: store).importFiles([RepoPaths.sampleData])
        try store.close()

        #expect(summary.changed == 0)
        for (kind, count) in Self.sampleCounts {
            #expect(Self.outcomes(summary.counts[kind]) == [0, 0, count], "\(kind)")
        }
        #expect(try StoreFingerprint(path: path) == before)
    }

    @Test("a re-import that changes one field updates only that record")
    func reimportUpdatesChangedRecord() throws {
        let folder = TemporaryFolder("import")
        let path = try SampleStoreTemplate.copy(into: folder)
        let input = folder.write("team.yaml", """
            teams:
              - name: "Clinical AI"
                industry: "healthcare"
                lead: "Someone Else"
            """)
        let store = try PortfolioStore.open(path: path)
        defer { try? store.close() }
        let summary = try PortfolioImporter(store: store).importFiles([input])
        #expect(summary.counts.keys.sorted { $0.rawValue < $1.rawValue } == [.team])
        #expect(Self.outcomes(summary.counts[.team]) == [0, 1, 0])
        let team = try store.read { try $0.team(named: "Clinical AI") }
        #expect(team?.lead == "Someone Else")
        #expect(team?.description == nil, "a field left out is cleared: the file is the whole record")
        #expect(try store.read { try $0.rowCounts()["teams"] } == 5)
    }

    @Test("records may refer to records in other files of the same import, in any file order")
    func referencesAcrossFilesResolve() throws {
        let folder = TemporaryFolder("import")
        let store = try PortfolioStore.open(path: folder.file("portfolio.sqlite"))
        defer { try? store.close() }
        // Sorted path order reads the run before its model, and both before their team and pipeline.
        folder.write("input/a-runs.jsonl", """
            {"type":"run","id":"r1","pipeline":"p","model":"m","kind":"training","status":"queued","queued_at":"2026-01-01T00:00:00+01:00"}

            """)
        folder.write("input/b-models.yml", """
            models:
              - name: m
                team: T
                owner: Ana
                stage: staging
                version: 3.10
                versions:
                  - {version: 3.10, created_at: 2025-12-31}
            """)
        folder.write("input/c-teams.json", #"{"format": 1, "teams": [{"name": "T"}], "pipelines": [{"name": "p", "team": "T", "schedule": null}]}"#)
        folder.write("input/README.md", "not data: ignored")

        let summary = try PortfolioImporter(store: store).importFiles([folder.file("input")])

        #expect(summary.files.count == 3)
        #expect(summary.records == 4)
        let run = try #require(try store.read { try $0.run(externalID: "r1") })
        #expect(run.queuedAt == ISOTime.parse("2025-12-31T23:00:00Z"))
        #expect(run.trigger == .manual)
        let model = try #require(try store.read { try $0.model(named: "m") })
        #expect(model.version == "3.10", "a YAML plain scalar keeps the text as written")
        #expect(model.versions.map(\.version) == ["3.10"])
        #expect(model.versions.map(\.approvalStatus) == [.pending])
        #expect(model.versions.first?.createdAt == ISOTime.parse("2025-12-31T00:00:00Z"))
    }

    // MARK: - Bad input

    @Test("malformed YAML is refused with the file and line")
    func malformedYAML() throws {
        let (error, folder) = try Self.refusal([("models.yaml", "format: 1\nmodels:\n  - name: \"x\"\n    team: [unclosed\n")])
        #expect(error.file == folder.file("input/models.yaml"))
        #expect(error.line != nil)
        #expect(error.message.contains("malformed YAML"))
        #expect(error.description.hasPrefix(folder.file("input/models.yaml") + ":"))
    }

    @Test("malformed JSON in a .json file is refused with the file")
    func malformedJSONFile() throws {
        let (error, folder) = try Self.refusal([("teams.json", #"{"teams": [{"name": "A",}"#)])
        #expect(error.file == folder.file("input/teams.json"))
        #expect(error.message.contains("malformed JSON"))
    }

    @Test("malformed JSON on one NDJSON line is refused with that line's number")
    func malformedNDJSONLine() throws {
        let text = Self.runLine(id: "ok-1") + "\n\n" + #"{"type":"run","id":"broken","# + "\n" + Self.runLine(id: "ok-2") + "\n"
        let (error, folder) = try Self.refusal([("runs.ndjson", text)])
        #expect(error.file == folder.file("input/runs.ndjson"))
        #expect(error.line == 3)
        #expect(error.message.contains("malformed JSON"))
        #expect(error.description.hasPrefix(folder.file("input/runs.ndjson") + ":3: "))
    }

    @Test("an NDJSON line without a known type is refused with its line number")
    func ndjsonLineWithoutType() throws {
        let (error, _) = try Self.refusal([("x.ndjson", Self.runLine(id: "ok") + "\n" + #"{"type":"runs","id":"r"}"# + "\n")])
        #expect(error.line == 2)
        #expect(error.field == "type")
        #expect(error.message.contains("run"))
    }

    @Test("a value of the wrong type is refused naming the record and the field")
    func wrongType() throws {
        let (error, folder) = try Self.refusal([("models.yaml", Self.modelYAML(replacing: "business_value", with: "\"lots\""))])
        #expect(error.file == folder.file("input/models.yaml"))
        #expect(error.line == 8)
        #expect(error.record?.contains("fraud-scorer") == true)
        #expect(error.record?.contains("models[0]") == true)
        #expect(error.field == "business_value")
        #expect(error.message.contains("expected a number"))
        #expect(error.message.contains("lots"))
    }

    @Test("an unknown enum value is refused with the list of allowed values")
    func unknownEnumValue() throws {
        let (error, folder) = try Self.refusal([("models.yaml", Self.modelYAML(replacing: "stage", with: "prod"))])
        #expect(error.file == folder.file("input/models.yaml"))
        #expect(error.line == 6)
        #expect(error.field == "stage")
        #expect(error.record?.contains("fraud-scorer") == true)
        #expect(error.message == "expected one of development, staging, production, archived; got 'prod'")
        // The shape docs/DATA-FORMAT.md shows: file:line: position (name): field 'f': message.
        #expect(error.description == folder.file("input/models.yaml")
            + ":6: models[0] (fraud-scorer): field 'stage': expected one of development, staging, production, archived; got 'prod'")
    }

    @Test("an unknown enum value in a nested item names the item's field")
    func unknownNestedEnumValue() throws {
        let steps = #"[{"name":"train","status":"done"}]"#
        let (error, _) = try Self.refusal([("runs.ndjson", Self.runLine(id: "nested-1", steps: steps) + "\n")])
        #expect(error.field == "steps[0].status")
        #expect(error.record?.contains("nested-1") == true)
        #expect(error.message.contains(StepStatus.allowedList))
    }

    @Test("a reference to a team that does not exist is refused naming the field and the missing name")
    func unknownReference() throws {
        let (error, folder) = try Self.refusal([("models.yaml", Self.modelYAML(team: "Quantum Ventures"))])
        #expect(error.file == folder.file("input/models.yaml"))
        #expect(error.line == 4)  // the field's own line: the record begins on line 3
        #expect(error.record?.contains("fraud-scorer") == true)
        #expect(error.field == "team")
        #expect(error.message.contains("'Quantum Ventures'"))
    }

    @Test("A field given twice in a YAML record is refused as malformed YAML, so no record is read with two of one name")
    func duplicateFieldIsMalformed() throws {
        let (error, folder) = try Self.refusal([("models.yaml", Self.modelYAML() + "    team: \"Quantum Ventures\"\n")])
        #expect(error.file == folder.file("input/models.yaml"))
        #expect(error.line != nil)
        #expect(error.message == "malformed YAML: duplicate key team")
    }

    @Test("a run referring to a model that does not exist is refused")
    func unknownModelReference() throws {
        let line = Self.runLine(id: "ghost-1").replacingOccurrences(of: #""model":"retail-demand-forecast""#,
                                                                      with: #""model":"ghost-model""#)
        let (error, _) = try Self.refusal([("runs.ndjson", line + "\n")])
        #expect(error.field == "model")
        #expect(error.line == 1)
        #expect(error.message.contains("ghost-model"))
    }

    @Test("the same run id in two files of one import is refused as a duplicate naming both places")
    func duplicateIDAcrossFiles() throws {
        let (error, folder) = try Self.refusal(
            [("a.ndjson", Self.runLine(id: "dup-7") + "\n"),
             ("b.ndjson", Self.runLine(id: "other") + "\n" + Self.runLine(id: "dup-7", status: "failed") + "\n")],
            paths: { [$0.file("input")] })
        #expect(error.file == folder.file("input/b.ndjson"))
        #expect(error.line == 2)
        #expect(error.record?.contains("dup-7") == true)
        #expect(error.message.contains("duplicate"))
        #expect(error.message.contains(folder.file("input/a.ndjson") + ":1"))
    }

    @Test("a run id already in the store is an update, not a duplicate")
    func storeKeyIsNotDuplicate() throws {
        let folder = TemporaryFolder("import")
        let path = try SampleStoreTemplate.copy(into: folder)
        let store = try PortfolioStore.open(path: path)
        defer { try? store.close() }
        var run = try #require(try store.read { try $0.run(externalID: "run-000953") })
        let input = folder.write("again.ndjson", Self.runLine(id: "run-000953") + "\n")
        let summary = try PortfolioImporter(store: store).importFiles([input])
        #expect(Array(summary.counts.keys) == [.run])
        #expect(Self.outcomes(summary.counts[.run]) == [0, 1, 0])
        run = try #require(try store.read { try $0.run(externalID: "run-000953") })
        #expect(run.status == .succeeded)
        #expect(run.steps.isEmpty)
    }

    @Test("a non-finite number in YAML is refused", arguments: [".nan", ".NaN", ".inf", "-.inf", ".Inf"])
    func nonFiniteNumber(literal: String) throws {
        let yaml = """
            metrics:
              - model: "retail-demand-forecast"
                name: "mape"
                at: "2026-01-12T06:00:00Z"
                value: \(literal)
            """
        let (error, folder) = try Self.refusal([("metrics.yaml", yaml)])
        #expect(error.file == folder.file("input/metrics.yaml"))
        #expect(error.line == 5)
        #expect(error.field == "value")
        #expect(error.record == "metrics[0]")
        #expect(error.message.contains("finite"))
    }

    @Test("a non-finite business value is refused before its range is checked")
    func nonFiniteBusinessValue() throws {
        let (error, _) = try Self.refusal([("models.yaml", Self.modelYAML(replacing: "business_value", with: ".inf"))])
        #expect(error.field == "business_value")
        #expect(error.message.contains("finite"))
    }

    @Test("a negative amount of money, or one beyond a quadrillion dollars, is refused")
    func moneyOutOfRange() throws {
        let (error, _) = try Self.refusal([("models.yaml", Self.modelYAML(replacing: "serving_cost_per_month", with: "-1.5"))])
        #expect(error.field == "serving_cost_per_month")
        #expect(error.message.contains("expected an amount of US dollars from 0 to 1e15; got -1.5"))
        let (huge, _) = try Self.refusal([("models.yaml", Self.modelYAML(replacing: "business_value", with: "1.7e308"))])
        #expect(huge.field == "business_value")
        #expect(huge.message.contains("from 0 to 1e15"))
    }

    @Test("a run that finishes before it starts is refused as a negative duration")
    func negativeRunDuration() throws {
        let line = Self.runLine(id: "backwards", startedAt: "2026-01-10T02:00:00Z", finishedAt: "2026-01-10T01:59:59Z")
        let (error, folder) = try Self.refusal([("runs.ndjson", line + "\n")])
        #expect(error.file == folder.file("input/runs.ndjson"))
        #expect(error.line == 1)
        #expect(error.record?.contains("backwards") == true)
        #expect(error.field == "finished_at")
        #expect(error.message.contains("negative"))
    }

    @Test("a step that finishes before it starts is refused naming the step's field")
    func negativeStepDuration() throws {
        let steps = #"[{"name":"load","status":"succeeded","started_at":"2026-01-10T02:00:00Z","finished_at":"2026-01-10T02:05:00Z"},"#
            + #"{"name":"train","status":"succeeded","started_at":"2026-01-10T02:10:00Z","finished_at":"2026-01-10T02:09:00Z"}]"#
        let (error, _) = try Self.refusal([("runs.ndjson", Self.runLine(id: "step-back", steps: steps) + "\n")])
        #expect(error.record?.contains("step-back") == true)
        #expect(error.field == "steps[1].finished_at")
        #expect(error.message.contains("negative"))
    }

    @Test("a finish time on a running run is refused")
    func finishTimeOnRunningRun() throws {
        let (error, _) = try Self.refusal([("runs.ndjson", Self.runLine(id: "still-going", status: "running") + "\n")])
        #expect(error.field == "finished_at")
        #expect(error.message.contains("running"))
    }

    @Test("a batch whose first file is good and second bad writes nothing at all")
    func mixedBatchWritesNothing() throws {
        let good = """
            teams:
              - name: "Brand New Team"
                industry: "energy"
            models:
              - name: "grid-load-forecast"
                team: "Brand New Team"
                owner: "Ola Berg"
                stage: "development"
            """
        let bad = Self.modelYAML(name: "second-model", replacing: "stage", with: "\"prod\"")
        let (error, folder) = try Self.refusal([("1-good.yaml", good), ("2-bad.yaml", bad)], paths: { [$0.file("input")] })
        #expect(error.file == folder.file("input/2-bad.yaml"))
        #expect(error.field == "stage")

        let store = try PortfolioStore.open(path: folder.file("portfolio.sqlite"), readOnly: true)
        defer { try? store.close() }
        #expect(try store.read { try $0.team(named: "Brand New Team") } == nil)
        #expect(try store.read { try $0.model(named: "grid-load-forecast") } == nil)
    }

    @Test("a good file followed by a bad reference in another file writes nothing at all")
    func referenceFailureAfterGoodFileWritesNothing() throws {
        let good = "teams:\n  - name: \"Another Team\"\n"
        let (error, folder) = try Self.refusal([("1-good.yaml", good), ("2-bad.yaml", Self.modelYAML(team: "Nobody"))],
                                               paths: { [$0.file("input")] })
        #expect(error.file == folder.file("input/2-bad.yaml"))
        #expect(error.field == "team")
    }

    @Test("an unknown field is refused so a typo never drops data")
    func unknownField() throws {
        let (error, _) = try Self.refusal([("models.yaml", Self.modelYAML(replacing: "owner_email", with: "\"a@b.c\""))])
        #expect(error.field == "owner_email")
        #expect(error.record?.contains("fraud-scorer") == true)
        #expect(error.message == "unknown field")
    }

    @Test("an unknown field inside a nested item is refused with its path")
    func unknownNestedField() throws {
        let yaml = """
            models:
              - name: "m"
                team: "Clinical AI"
                owner: "Ana"
                stage: "staging"
                versions:
                  - {version: "1", created_at: "2025-12-01", aproved_by: "Board"}
            """
        let (error, _) = try Self.refusal([("models.yaml", yaml)])
        #expect(error.field == "versions[0].aproved_by")
        #expect(error.message == "unknown field")
    }

    @Test("an unknown top-level section is refused")
    func unknownSection() throws {
        let (error, folder) = try Self.refusal([("models.yaml", Self.modelYAML().replacingOccurrences(of: "models:", with: "modles:"))])
        #expect(error.file == folder.file("input/models.yaml"))
        #expect(error.field == "modles")
        #expect(error.message.contains("unknown section"))
        #expect(error.message.contains("models"))
    }

    @Test("a file of a newer format is refused", arguments: ["2", "\"1\"", "1.5"])
    func newerFormat(value: String) throws {
        let yaml = Self.modelYAML().replacingOccurrences(of: "format: 1", with: "format: \(value)")
        let (error, folder) = try Self.refusal([("models.yaml", yaml)])
        #expect(error.file == folder.file("input/models.yaml"))
        #expect(error.field == "format")
        #expect(error.line == 1)
        #expect(error.message.contains("format 1"))
    }

    @Test("a current version that is not among the model's versions is refused")
    func versionNotInVersions() throws {
        let yaml = """
            models:
              - name: "m"
                team: "Clinical AI"
                owner: "Ana"
                stage: "staging"
                version: "2.0"
                versions:
                  - {version: "1.0", created_at: "2025-12-01"}
            """
        let (error, _) = try Self.refusal([("models.yaml", yaml)])
        #expect(error.field == "version")
        #expect(error.message.contains("1.0"))
    }

    @Test("a maturity level outside 0–4 is refused")
    func maturityLevelOutOfRange() throws {
        let yaml = """
            maturity:
              - {team: "Clinical AI", component: "ci_cd", level: 5, assessed_at: "2026-03-31"}
            """
        let (error, _) = try Self.refusal([("maturity.yaml", yaml)])
        #expect(error.field == "level")
        #expect(error.message.contains("0 to 4"))
    }

    @Test("a time without a zone is refused")
    func timeWithoutZone() throws {
        let line = Self.runLine(id: "no-zone", startedAt: "2026-01-10T02:00:00")
        let (error, _) = try Self.refusal([("runs.ndjson", line + "\n")])
        #expect(error.field == "started_at")
        #expect(error.message.contains("ISO-8601"))
    }

    @Test("a path that does not exist is refused by name")
    func missingPath() throws {
        let (error, folder) = try Self.refusal([], paths: { [$0.file("nowhere.yaml")] })
        #expect(error.file == folder.file("nowhere.yaml"))
        #expect(error.message.contains("no such file"))
    }
}
