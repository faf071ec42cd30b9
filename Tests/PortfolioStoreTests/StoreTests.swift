import Foundation
import GRDB
import Portfolio
@testable import PortfolioStore
import Testing
import TestSupport

/// The store file itself: its schema, its upserts, what it refuses to open, and where it lives.
@Suite("Portfolio store")
struct StoreTests {
    static let tables: Set<String> = [
        "teams", "pipelines", "models", "model_tags", "model_versions", "pipeline_runs", "run_steps",
        "metric_points", "drift_alerts", "alert_events", "maturity_assessments",
    ]

    /// A whole-second time, as the store keeps them.
    static func time(_ text: String) -> Date { ISOTime.parse(text)! }

    static let team = Team(name: "Risk & Fraud Analytics", industry: "finance", lead: "Priya Raman",
                           description: "Fraud, AML and credit models")
    static let pipeline = Pipeline(name: "fraud-train", team: team.name, schedule: "0 2 * * *",
                                   description: "Nightly retrain")
    static let model = Model(
        name: "card-fraud-detector", team: team.name, owner: "Priya Raman", useCase: "Real-time card fraud scoring",
        stage: .production, version: "3.2.0", riskTier: .high, businessValue: 4_200_000, servingCostPerMonth: 18_500.25,
        tags: ["framework": "xgboost", "regulated": "yes"], createdAt: time("2024-03-01T00:00:00Z"),
        versions: [
            ModelVersion(version: "3.1.0", createdAt: time("2025-10-01T09:00:00Z"), stage: .staging,
                         approvalStatus: .rejected, approvedBy: "Model Risk Committee",
                         approvedAt: time("2025-10-03T10:00:00Z")),
            ModelVersion(version: "3.2.0", createdAt: time("2025-12-01T09:00:00Z"), stage: .production,
                         approvalStatus: .approved, approvedBy: "Model Risk Committee",
                         approvedAt: time("2025-12-03T16:00:00Z")),
        ])
    static let run = PipelineRun(
        externalID: "gh-881234", pipeline: pipeline.name, model: model.name, name: "nightly-retrain", kind: .training,
        status: .failed, trigger: .schedule, startedBy: "scheduler", modelVersion: nil, isRollback: false,
        queuedAt: time("2026-01-09T01:59:30Z"), startedAt: time("2026-01-09T02:00:00Z"),
        finishedAt: time("2026-01-09T02:41:10Z"), commit: "9f2c1ab", computeCost: 31.4, error: "CUDA out of memory",
        steps: [
            RunStep(name: "load", status: .succeeded, startedAt: time("2026-01-09T02:00:00Z"),
                    finishedAt: time("2026-01-09T02:05:00Z")),
            RunStep(name: "train", status: .failed, startedAt: time("2026-01-09T02:05:00Z"),
                    finishedAt: time("2026-01-09T02:41:10Z"), error: "CUDA out of memory"),
            RunStep(name: "register", status: .skipped),
        ])
    static let metric = MetricPoint(model: model.name, name: "drift.psi.transaction_amount",
                                    at: time("2026-01-12T06:00:00Z"), value: 0.3125)
    static let alert = DriftAlert(
        externalID: "alert-9001", model: model.name, feature: "transaction_amount", method: .psi, score: 0.312,
        threshold: 0.25, severity: .critical, status: .snoozed, assignee: "Daniel Okafor",
        openedAt: time("2026-01-11T21:47:12Z"), snoozedUntil: time("2026-01-20T00:00:00Z"), resolvedAt: nil,
        events: [
            AlertEvent(kind: .opened, at: time("2026-01-11T21:47:12Z"), actor: "drift-monitor", note: "psi 0.312 >= 0.25"),
            AlertEvent(kind: .assigned, at: time("2026-01-12T07:52:08Z"), actor: "Priya Raman", note: "Assigned to Daniel Okafor."),
            AlertEvent(kind: .snoozed, at: time("2026-01-12T08:00:00Z"), actor: "Daniel Okafor"),
        ])
    static let assessment = MaturityAssessment(
        team: team.name, component: .modelMonitoring, level: 3, assessedAt: time("2025-12-31"),
        assessor: "Platform guild", evidence: "Drift monitors on every production model")

    /// Writes one of every entity into `store` and returns what each upsert reported.
    @discardableResult
    static func writeEverything(_ store: PortfolioStore) throws -> [UpsertOutcome] {
        try store.write { writer in
            [
                try writer.upsert(team), try writer.upsert(pipeline), try writer.upsert(model), try writer.upsert(run),
                try writer.upsert(metric), try writer.upsert(alert), try writer.upsert(assessment),
            ]
        }
    }

    /// A store holding one of everything, closed, then edited directly with SQL (as another program
    /// would); returns its path.
    static func makeStore(in folder: TemporaryFolder, _ edit: (Database) throws -> Void) throws -> String {
        let path = folder.file("portfolio.sqlite")
        let store = try PortfolioStore.open(path: path)
        try writeEverything(store)
        try store.close()
        let queue = try DatabaseQueue(path: path)
        try queue.write(edit)
        try queue.close()
        return path
    }

    // MARK: - Schema

    @Test("opening a path that does not exist creates the folder, the file and every table, all empty")
    func migrationFromNothingCreatesAllTables() throws {
        let folder = TemporaryFolder("store")
        let path = folder.file("nested/deeper/portfolio.sqlite")
        let store = try PortfolioStore.open(path: path)
        let counts = try store.read { try $0.rowCounts() }
        try store.close()

        #expect(FileManager.default.fileExists(atPath: path))
        #expect(Set(counts.keys) == Self.tables)
        #expect(counts.values.allSatisfy { $0 == 0 })
        let fingerprint = try StoreFingerprint(path: path)
        #expect(Self.tables.isSubset(of: Set(fingerprint.counts.keys)))
        #expect(fingerprint.counts["grdb_migrations"] == 20)  // v1 … v20-alert-weeks (StoreSchema.migrations)
    }

    @Test("an empty existing file is migrated into a store")
    func emptyFileIsMigrated() throws {
        let folder = TemporaryFolder("store")
        let path = folder.write("empty.sqlite", "")
        let store = try PortfolioStore.open(path: path)
        let counts = try store.read { try $0.rowCounts() }
        try store.close()
        #expect(Set(counts.keys) == Self.tables)
    }

    @Test("reopening a store keeps its data and does not migrate it again")
    func reopeningKeepsData() throws {
        let folder = TemporaryFolder("store")
        let path = folder.file("portfolio.sqlite")
        let first = try PortfolioStore.open(path: path)
        try Self.writeEverything(first)
        try first.close()
        let before = try StoreFingerprint(path: path)

        let second = try PortfolioStore.open(path: path)
        let model = try second.read { try $0.model(named: Self.model.name) }
        try second.close()
        #expect(model == Self.model)
        #expect(try StoreFingerprint(path: path) == before)
    }

    // MARK: - Round trips

    @Test("every entity written is read back equal, children and optional fields included")
    func everyEntityRoundTrips() throws {
        let folder = TemporaryFolder("store")
        let store = try PortfolioStore.open(path: folder.file("portfolio.sqlite"))
        defer { try? store.close() }

        let outcomes = try Self.writeEverything(store)
        #expect(outcomes == Array(repeating: .created, count: 7))

        try store.read { reader throws in
            #expect(try reader.team(named: Self.team.name) == Self.team)
            #expect(try reader.pipeline(named: Self.pipeline.name) == Self.pipeline)
            #expect(try reader.model(named: Self.model.name) == Self.model)
            #expect(try reader.run(externalID: Self.run.externalID) == Self.run)
            #expect(try reader.metricSeries(model: Self.model.name, name: Self.metric.name) == [Self.metric])
            #expect(try reader.alert(externalID: Self.alert.externalID) == Self.alert)
            #expect(try reader.assessment(team: Self.team.name, component: .modelMonitoring,
                                          at: Self.assessment.assessedAt) == Self.assessment)
            let counts = try reader.rowCounts()
            #expect(counts["model_versions"] == 2)
            #expect(counts["model_tags"] == 2)
            #expect(counts["run_steps"] == 3)
            #expect(counts["alert_events"] == 3)
        }
    }

    @Test("The newest event time is the newest thing any table holds, a metric point's read through its series, each by an index and never a scan")
    func newestEventTimeFollowsThePoints() throws {
        let folder = TemporaryFolder("store")
        let path = try Self.makeStore(in: folder) { _ in }
        var store = try PortfolioStore.open(path: path)
        let before = try #require(try store.read { try $0.newestEventTime() })
        let later = Self.time("2026-03-01T00:00:00Z")
        try store.write { _ = try $0.upsert(MetricPoint(model: Self.model.name, name: "latency_ms", at: later, value: 1)) }
        let (newest, recorded) = try store.recordingStatements { try store.read { try $0.newestEventTime() } }
        #expect(newest == later)
        let statements = recorded.filter { $0.hasPrefix("SELECT") }  // not the transaction's own
        #expect(statements.count == 1, "\(recorded)")
        for sql in statements {
            let plan = try store.read { try Row.fetchAll($0.db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String } }
            #expect(plan.contains("SEARCH metric_series USING COVERING INDEX metric_series_last_at"), "\(plan)")
            #expect(!plan.contains { $0.hasPrefix("SCAN") && !$0.contains("subquery") }, "\(plan)")
        }
        try store.close()
        // Another program deletes the point: its series is worked out again, and the time falls back.
        let queue = try DatabaseQueue(path: path)
        try queue.write { try $0.execute(sql: "DELETE FROM metric_points WHERE name = 'latency_ms'") }
        try queue.close()
        store = try PortfolioStore.open(path: path)
        defer { try? store.close() }
        #expect(try store.read { try $0.newestEventTime() } == before)
    }

    @Test("an entity with only its required fields round-trips with nils and empty lists")
    func minimalEntitiesRoundTrip() throws {
        let folder = TemporaryFolder("store")
        let store = try PortfolioStore.open(path: folder.file("portfolio.sqlite"))
        defer { try? store.close() }
        let team = Team(name: "Solo")
        let model = Model(name: "bare", team: "Solo", owner: "Ana", stage: .development)
        let pipeline = Pipeline(name: "bare-train", team: "Solo")
        let run = PipelineRun(externalID: "q-1", pipeline: "bare-train", model: "bare", kind: .evaluation,
                              status: .queued, queuedAt: Self.time("2026-01-12T08:00:00Z"))
        try store.write { writer in
            try writer.upsert(team)
            try writer.upsert(pipeline)
            try writer.upsert(model)
            try writer.upsert(run)
        }
        try store.read { reader throws in
            #expect(try reader.team(named: "Solo") == team)
            #expect(try reader.model(named: "bare") == model)
            #expect(try reader.run(externalID: "q-1") == run)
            #expect(try reader.run(externalID: "q-1")?.startedAt == nil)
        }
    }

    @Test("writing the same entities twice reports unchanged and leaves the file's rows identical")
    func writingTwiceChangesNothing() throws {
        let folder = TemporaryFolder("store")
        let path = folder.file("portfolio.sqlite")
        let store = try PortfolioStore.open(path: path)
        try Self.writeEverything(store)
        let before = try StoreFingerprint(path: path)

        let outcomes = try Self.writeEverything(store)
        try store.close()

        #expect(outcomes == Array(repeating: .unchanged, count: 7))
        #expect(try StoreFingerprint(path: path) == before)
    }

    @Test("changing a field reports updated and replaces the children lists")
    func changedEntityIsUpdated() throws {
        let folder = TemporaryFolder("store")
        let store = try PortfolioStore.open(path: folder.file("portfolio.sqlite"))
        defer { try? store.close() }
        try Self.writeEverything(store)

        var model = Self.model
        model.stage = .archived
        model.tags = ["framework": "lightgbm"]
        model.versions.removeFirst()
        var alert = Self.alert
        alert.status = .resolved
        alert.snoozedUntil = nil
        alert.resolvedAt = Self.time("2026-01-13T00:00:00Z")
        alert.events.append(AlertEvent(kind: .resolved, at: Self.time("2026-01-13T00:00:00Z"), actor: "Daniel Okafor"))
        let outcomes = try store.write { writer in [try writer.upsert(model), try writer.upsert(alert)] }

        #expect(outcomes == [.updated, .updated])
        try store.read { reader throws in
            #expect(try reader.model(named: model.name) == model)
            #expect(try reader.alert(externalID: alert.externalID) == alert)
            let counts = try reader.rowCounts()
            #expect(counts["models"] == 1)
            #expect(counts["model_tags"] == 1)
            #expect(counts["model_versions"] == 1)
            #expect(counts["alert_events"] == 4)
        }
    }

    @Test("a write that throws midway leaves nothing behind")
    func failedWriteRollsBack() throws {
        let folder = TemporaryFolder("store")
        let path = folder.file("portfolio.sqlite")
        let store = try PortfolioStore.open(path: path)
        defer { try? store.close() }
        let before = try StoreFingerprint(path: path)

        #expect(throws: StoreError.notFound(what: "team", key: "Nobody")) {
            try store.write { writer in
                try writer.upsert(Team(name: "Somebody"))
                try writer.upsert(Pipeline(name: "orphan", team: "Nobody"))
            }
        }
        #expect(try StoreFingerprint(path: path) == before)
        #expect(try store.read { try $0.team(named: "Somebody") } == nil)
    }

    // MARK: - Refusals

    @Test("a store holding a migration this version does not know is refused as newer and left untouched")
    func newerSchemaIsRefused() throws {
        let folder = TemporaryFolder("store")
        let path = try Self.makeStore(in: folder) { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9-from-the-future')")
        }
        let before = try StoreFingerprint(path: path)

        let error = try #require(throws: StoreError.self) { try PortfolioStore.open(path: path) }
        #expect(error == .newerSchema(path: path, unknownMigrations: ["v9-from-the-future"]))
        #expect(error.description.contains("newer Oversight"))
        #expect(try StoreFingerprint(path: path) == before)
    }

    @Test("a SQLite file that is not an Oversight store is refused and gets no tables")
    func foreignDatabaseIsRefused() throws {
        let folder = TemporaryFolder("store")
        let path = folder.file("notes.sqlite")
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)")
            try db.execute(sql: "INSERT INTO notes (text) VALUES ('keep me')")
        }
        try queue.close()
        let before = try StoreFingerprint(path: path)

        #expect(throws: StoreError.notAnOversightStore(path: path)) { try PortfolioStore.open(path: path) }
        let after = try StoreFingerprint(path: path)
        #expect(after == before)
        #expect(Set(after.counts.keys) == ["notes"])
    }

    @Test("a file that is not SQLite at all is refused without being overwritten")
    func garbageFileIsRefused() throws {
        let folder = TemporaryFolder("store")
        let text = String(repeating: "this is not a database\n", count: 400)
        let path = folder.write("portfolio.sqlite", text)

        #expect(throws: StoreError.self) { try PortfolioStore.open(path: path) }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test("opening read-only a store that does not exist fails and creates nothing")
    func readOnlyMissingStoreIsNotCreated() throws {
        let folder = TemporaryFolder("store")
        let path = folder.file("missing/portfolio.sqlite")
        #expect(throws: StoreError.self) { try PortfolioStore.open(path: path, readOnly: true) }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: folder.file("missing")))
    }

    // MARK: - Location

    @Test("--store beats OVERSIGHT_STORE, which beats the XDG default")
    func storeFlagBeatsEnvironmentBeatsXDG() {
        let environment = ["OVERSIGHT_STORE": "/env/store.sqlite", "XDG_DATA_HOME": "/xdg", "HOME": "/home/ana"]

        #expect(StoreLocation.resolve(flag: "/flag/store.sqlite", environment: environment)
            == StoreLocation(path: "/flag/store.sqlite", source: .flag))
        #expect(StoreLocation.resolve(flag: nil, environment: environment)
            == StoreLocation(path: "/env/store.sqlite", source: .environment))
        var withoutStore = environment
        withoutStore["OVERSIGHT_STORE"] = nil
        #expect(StoreLocation.resolve(flag: nil, environment: withoutStore)
            == StoreLocation(path: "/xdg/oversight/portfolio.sqlite", source: .xdgDefault))
    }

    @Test("an empty --store or OVERSIGHT_STORE counts as not given")
    func emptyChoicesAreIgnored() {
        let environment = ["OVERSIGHT_STORE": "", "XDG_DATA_HOME": "/xdg", "HOME": "/home/ana"]
        #expect(StoreLocation.resolve(flag: "", environment: environment)
            == StoreLocation(path: "/xdg/oversight/portfolio.sqlite", source: .xdgDefault))
    }

    @Test("without XDG_DATA_HOME the default is under $HOME/.local/share")
    func defaultFallsBackToHome() {
        #expect(StoreLocation.resolve(flag: nil, environment: ["HOME": "/home/ana"])
            == StoreLocation(path: "/home/ana/.local/share/oversight/portfolio.sqlite", source: .xdgDefault))
        // A relative XDG_DATA_HOME is invalid per the XDG spec and ignored.
        #expect(StoreLocation.resolve(flag: nil, environment: ["HOME": "/home/ana", "XDG_DATA_HOME": "relative/data"])
            == StoreLocation(path: "/home/ana/.local/share/oversight/portfolio.sqlite", source: .xdgDefault))
    }

    @Test("a leading ~ in --store or OVERSIGHT_STORE means $HOME")
    func tildeExpandsToHome() {
        #expect(StoreLocation.resolve(flag: "~/p.sqlite", environment: ["HOME": "/home/ana"]).path == "/home/ana/p.sqlite")
        #expect(StoreLocation.resolve(flag: nil, environment: ["HOME": "/home/ana", "OVERSIGHT_STORE": "~/q.sqlite"]).path
            == "/home/ana/q.sqlite")
    }

    @Test("the test environment's default store path is where StoreLocation resolves")
    func testEnvironmentMatchesResolution() {
        let environment = TestEnvironment("location")
        #expect(StoreLocation.resolve(flag: nil, environment: environment.variables).path == environment.defaultStorePath)
    }
}

/// The counts migration v4's triggers keep, against a count of the rows themselves.
@Suite("Alert counts kept by triggers")
struct AlertCountsTests {
    static func counts(_ db: Database, _ sql: String) throws -> [String: Int] {
        Dictionary(uniqueKeysWithValues: try Row.fetchAll(db, sql: sql).map { ("\($0["status"] as String)/\($0["severity"] as String)", $0["n"] as Int) }
            .filter { $0.1 != 0 })
    }

    @Test("alert_counts equals a count of the alerts by status and severity after imports, lifecycle actions, other writers' updates and deletes")
    func countsFollowEveryWrite() throws {
        let folder = TemporaryFolder("alert-counts")
        let path = folder.file("store.sqlite")
        let store = try PortfolioStore.open(path: path)
        _ = try PortfolioImporter(store: store).importFiles([RepoPaths.sampleData])
        let open = try store.read { try $0.alertSummaries(now: SharedSample.now, limit: 5) }.filter { $0.status == .open }
        try store.write { writer in
            for alert in open.prefix(2) { _ = try writer.apply(.acknowledge, toAlert: alert.externalID, actor: "t", at: SharedSample.now) }
            if let last = open.last { _ = try writer.apply(.resolve(note: nil), toAlert: last.externalID, actor: "t", at: SharedSample.now) }
        }
        // Importing the same data again upserts every alert back to its recorded status.
        _ = try PortfolioImporter(store: store).importFiles([RepoPaths.sampleData])
        try store.close()
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try queue.write { db in
            try db.execute(sql: "UPDATE drift_alerts SET severity = 'info' WHERE id IN (SELECT id FROM drift_alerts LIMIT 3)")
            try db.execute(sql: "UPDATE drift_alerts SET score = score + 1")  // neither status nor severity
            try db.execute(sql: "DELETE FROM drift_alerts WHERE id IN (SELECT id FROM drift_alerts ORDER BY id DESC LIMIT 2)")
        }
        try queue.read { db in
            let kept = try Self.counts(db, "SELECT status, severity, alerts AS n FROM alert_counts")
            let actual = try Self.counts(db, "SELECT status, severity, count(*) AS n FROM drift_alerts GROUP BY status, severity")
            #expect(!actual.isEmpty)
            #expect(kept == actual)
        }
    }
}

/// How a name typed on the command line finds the one meant.
@Suite("Name matching")
struct NameMatchTests {
    static let teams = ["Clinical AI", "ML Platform", "Manufacturing Quality AI", "Risk & Fraud Analytics"]

    @Test("The exact name, the same name in any case, or the only name it begins finds the team")
    func found() {
        #expect(NameMatch.resolve("ML Platform", among: Self.teams) == .found("ML Platform"))
        #expect(NameMatch.resolve("ml platform", among: Self.teams) == .found("ML Platform"))
        #expect(NameMatch.resolve("risk", among: Self.teams) == .found("Risk & Fraud Analytics"))
    }

    @Test("A start shared by several names is ambiguous; a typo names the close matches; nothing close lists all")
    func notFound() {
        #expect(NameMatch.resolve("m", among: Self.teams) == .ambiguous(["ML Platform", "Manufacturing Quality AI"]))
        #expect(NameMatch.resolve("Clinicla AI", among: Self.teams) == .none(suggestions: ["Clinical AI"]))
        #expect(NameMatch.resolve("Rsk", among: Self.teams) == .none(suggestions: ["Risk & Fraud Analytics"]))
        let nothing = NameMatch.resolve("Zebra", among: Self.teams)
        #expect(NameMatch.problem(nothing, kind: "team", text: "Zebra", all: Self.teams) == "no team named 'Zebra'; teams: \(Self.teams.joined(separator: ", "))")
    }
}
