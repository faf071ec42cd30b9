import Foundation
import GRDB
import Portfolio
import PortfolioStore
import Testing
import TestSupport

/// `PortfolioGenerator`: the sizes it is asked for, the same bytes for the same seed, and data
/// that passes every check imported data passes (schema, keys, lifecycles, times, the screens).
@Suite("Portfolio generator")
struct GeneratorTests {
    static let asOf = ISOTime.parse("2026-01-12T09:00:00Z")!
    static let plan = GenerationPlan(models: 40, runs: 1_500, alerts: 300, metricPoints: 2_000, seed: 7, asOf: asOf)

    /// Generates `plan` into a new store file in `folder` and returns its path.
    static func generate(_ plan: GenerationPlan, in folder: TemporaryFolder, name: String = "store.sqlite") throws -> String {
        let path = folder.file(name)
        let store = try PortfolioStore.open(path: path)
        defer { try? store.close() }
        _ = try PortfolioGenerator(store: store, plan: plan).generate()
        return path
    }

    static func database(_ path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        return try DatabaseQueue(path: path, configuration: config)
    }

    @Test("It writes exactly the requested models, runs, alerts and metric points, and the rest around them")
    func requestedCounts() throws {
        let folder = TemporaryFolder("generate-counts")
        let path = try Self.generate(Self.plan, in: folder)
        let counts = try StoreFingerprint(path: path).counts
        #expect(counts["models"] == 40)
        #expect(counts["pipeline_runs"] == 1_500)
        #expect(counts["drift_alerts"] == 300)
        #expect(counts["metric_points"] == 2_000)
        #expect((counts["teams"] ?? 0) >= 3)
        #expect((counts["run_steps"] ?? 0) >= 3 * 1_500)
        #expect((counts["alert_events"] ?? 0) >= 300)
        #expect((counts["model_versions"] ?? 0) >= 40)
        #expect(counts["maturity_assessments"] == (counts["teams"] ?? 0) * 5 * 8)
    }

    @Test("The same seed and as-of give identical stores; another seed gives another store")
    func deterministic() throws {
        let folder = TemporaryFolder("generate-seed")
        let first = try StoreFingerprint(path: Self.generate(Self.plan, in: folder, name: "a.sqlite"))
        let second = try StoreFingerprint(path: Self.generate(Self.plan, in: folder, name: "b.sqlite"))
        #expect(first == second)
        var other = Self.plan
        other.seed = 8
        let third = try StoreFingerprint(path: Self.generate(other, in: folder, name: "c.sqlite"))
        #expect(third.checksum != first.checksum)
    }

    @Test("A store that holds data is refused and left as it was; a bad plan is refused")
    func refusals() throws {
        let folder = TemporaryFolder("generate-refuse")
        let path = try Self.generate(GenerationPlan(models: 3, runs: 10, alerts: 2, metricPoints: 5, asOf: Self.asOf), in: folder)
        let before = try StoreFingerprint(path: path)
        let store = try PortfolioStore.open(path: path)
        #expect(throws: GenerationError.self) { try PortfolioGenerator(store: store, plan: Self.plan).generate() }
        try store.close()
        #expect(try StoreFingerprint(path: path) == before)

        let empty = try PortfolioStore.open(path: folder.file("empty.sqlite"))
        defer { try? empty.close() }
        let bad = GenerationPlan(models: 0, runs: 1, alerts: 1, metricPoints: 0, asOf: Self.asOf)
        #expect(throws: GenerationError.invalidPlan(bad.problem!)) { try PortfolioGenerator(store: empty, plan: bad).generate() }
    }

    @Test("Generated data passes the store's checks: foreign keys, integrity, times in order, nothing after as-of")
    func passesStoreChecks() throws {
        let folder = TemporaryFolder("generate-valid")
        let path = try Self.generate(Self.plan, in: folder)
        let now = Int64(Self.asOf.timeIntervalSince1970)
        let queue = try Self.database(path)
        defer { try? queue.close() }
        func int(_ sql: String, _ arguments: StatementArguments = []) throws -> Int? {
            try queue.read { try Int.fetchOne($0, sql: sql, arguments: arguments) }
        }
        #expect(try queue.read { try Row.fetchAll($0, sql: "PRAGMA foreign_key_check") }.isEmpty)
        #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        // Runs: queued ≤ started ≤ finished ≤ as-of; finished exactly when the status says so; failures say why.
        #expect(try int("""
            SELECT count(*) FROM pipeline_runs WHERE started_at < queued_at OR finished_at < started_at
               OR coalesce(finished_at, started_at, queued_at) > ?
               OR (status IN ('succeeded', 'failed', 'cancelled')) != (finished_at IS NOT NULL)
               OR (status = 'queued') != (started_at IS NULL)
               OR (status = 'failed' AND error IS NULL)
            """, [now]) == 0)
        // Steps lie inside their run and run in order.
        #expect(try int("""
            SELECT count(*) FROM run_steps s JOIN pipeline_runs r ON r.id = s.run_id
            WHERE s.started_at < r.started_at OR s.finished_at > coalesce(r.finished_at, ?)
               OR s.finished_at < s.started_at
               OR (r.status = 'failed') AND s.status = 'failed' AND s.error IS NULL
            """, [now]) == 0)
        #expect(try int("""
            SELECT count(*) FROM pipeline_runs r WHERE status = 'failed'
              AND NOT EXISTS (SELECT 1 FROM run_steps s WHERE s.run_id = r.id AND s.status = 'failed')
            """) == 0)
        // Every run kind, every trigger, some rollbacks, some failures.
        #expect(try int("SELECT count(DISTINCT kind) FROM pipeline_runs") == RunKind.allCases.count)
        #expect(try int("SELECT count(DISTINCT trigger) FROM pipeline_runs") == RunTrigger.allCases.count)
        #expect(try int("SELECT count(*) FROM pipeline_runs WHERE is_rollback") ?? 0 > 0)
        #expect(try int("SELECT count(*) FROM pipeline_runs WHERE status = 'failed'") ?? 0 > 0)
        // Nothing happened after as-of but snooze deadlines.
        #expect(try int("SELECT max(at) FROM alert_events") ?? .max < Int(now))
        #expect(try int("SELECT max(at) FROM metric_points") ?? .max < Int(now))
        #expect(try int("SELECT max(assessed_at) FROM maturity_assessments") ?? .max < Int(now))
        #expect(try int("SELECT max(created_at) FROM model_versions") ?? .max < Int(now))
        // A production model's current version is approved.
        #expect(try int("""
            SELECT count(*) FROM models m WHERE m.stage = 'production' AND NOT EXISTS (
              SELECT 1 FROM model_versions v WHERE v.model_id = m.id AND v.version = m.version AND v.approval_status = 'approved')
            """) == 0)
    }

    @Test("integrity_check reports a row that breaks a CHECK, so the generator may skip the per-row checks")
    func integrityCheckSeesCheckConstraints() throws {
        let folder = TemporaryFolder("generate-checks")
        let path = try Self.generate(GenerationPlan(models: 3, runs: 5, alerts: 2, metricPoints: 3, asOf: Self.asOf), in: folder)
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        #expect(try queue.read { try String.fetchOne($0, sql: "PRAGMA integrity_check") } == "ok")
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE pipeline_runs SET kind = 'nonsense' WHERE id = 1")
            try db.execute(sql: "PRAGMA ignore_check_constraints = OFF")
        }
        let report = try queue.read { try String.fetchAll($0, sql: "PRAGMA integrity_check") }
        #expect(report.contains { $0.contains("CHECK constraint failed") }, "\(report)")
    }

    /// The action an event records, to replay a timeline through `AlertLifecycle`.
    static func action(_ event: AlertEvent, alert: DriftAlert) -> AlertAction? {
        switch event.kind {
        case .acknowledged: .acknowledge
        case .assigned: .assign(to: String((event.note ?? "").dropFirst("assigned to ".count)))
        case .note: .note(event.note ?? "")
        case .snoozed: .snooze(until: ISOTime.parse(String((event.note ?? "").dropFirst("until ".count))) ?? event.at)
        case .resolved: .resolve(note: event.note)
        case .reopened: .reopen
        case .opened, .escalated: nil
        }
    }

    @Test("Every alert's timeline replays through AlertLifecycle to the stored status, assignee and times")
    func lifecyclesReplay() throws {
        let folder = TemporaryFolder("generate-lifecycle")
        let path = try Self.generate(Self.plan, in: folder)
        let store = try PortfolioStore.open(path: path, readOnly: true)
        defer { try? store.close() }
        let ids = try store.read { try $0.alertSummaries(now: Self.asOf).map(\.externalID) }
        #expect(ids.count == 300)
        var statuses: Set<AlertStatus> = []
        let alerts = try store.read { reader in try ids.compactMap { try reader.alert(externalID: $0) } }
        #expect(alerts.count == ids.count)
        for stored in alerts {
            statuses.insert(stored.status)
            let first = try #require(stored.events.first)
            #expect(first.kind == .opened && first.at == stored.openedAt)
            var replayed = stored
            replayed.status = .open
            replayed.assignee = nil
            replayed.snoozedUntil = nil
            replayed.resolvedAt = nil
            replayed.events = [first]
            for event in stored.events.dropFirst() {
                #expect(event.at >= replayed.events.last!.at && event.at < Self.asOf)
                let action = try #require(Self.action(event, alert: replayed))
                replayed = try AlertLifecycle.apply(action, to: replayed, actor: event.actor ?? "", at: event.at)
            }
            #expect(replayed == stored, "alert \(stored.externalID) does not replay")
        }
        #expect(statuses == Set(AlertStatus.allCases))
    }

    @Test("The dashboard's queries answer on a generated store")
    func screensAnswer() throws {
        let folder = TemporaryFolder("generate-screens")
        let path = try Self.generate(Self.plan, in: folder)
        let store = try PortfolioStore.open(path: path, readOnly: true)
        defer { try? store.close() }
        let (kpis, models, runs, alerts, teams) = try store.read { reader in
            (try reader.currentFigures(FigureWindow(asOf: Self.asOf)).portfolio, try reader.modelSummaries(now: Self.asOf, limit: 20), try reader.runSummaries(limit: 20),
             try reader.alertSummaries(now: Self.asOf, limit: 20), try reader.teamMaturity(limit: 10))
        }
        #expect(kpis.modelsTotal == 40 && kpis.modelsInProduction > 0)
        #expect(models.count == 20 && runs.count == 20 && alerts.count == 20)
        #expect(teams.allSatisfy { $0.entries.count == MaturityComponent.allCases.count })
        let detail = try store.read { try $0.modelDetail(named: models[0].name, now: Self.asOf) }
        #expect(detail?.metrics.isEmpty == false && detail?.model.versions.isEmpty == false)
        let run = try store.read { try $0.runDetail(externalID: runs[0].externalID) }
        #expect(run?.run.steps.isEmpty == false)
    }

    @Test("The row counters of v2-scale-indexes match the tables after generating, inserting and deleting")
    func rowCountersFollowWrites() throws {
        let folder = TemporaryFolder("generate-counters")
        let path = try Self.generate(GenerationPlan(models: 5, runs: 50, alerts: 10, metricPoints: 0, asOf: Self.asOf), in: folder)
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        func counters() throws -> [String: Int] {
            try queue.read { db in
                let pairs = try Row.fetchAll(db, sql: "SELECT name, rows FROM row_counts").map { ($0["name"] as String, $0["rows"] as Int) }
                return Dictionary(uniqueKeysWithValues: pairs)
            }
        }
        func actual() throws -> [String: Int] {
            try queue.read { db in
                ["pipeline_runs": try Int.fetchOne(db, sql: "SELECT count(*) FROM pipeline_runs") ?? -1,
                 "drift_alerts": try Int.fetchOne(db, sql: "SELECT count(*) FROM drift_alerts") ?? -1]
            }
        }
        #expect(try counters() == ["pipeline_runs": 50, "drift_alerts": 10])
        try queue.write { db in
            try db.execute(sql: "DELETE FROM run_steps WHERE run_id IN (1, 2)")
            try db.execute(sql: "DELETE FROM pipeline_runs WHERE id IN (1, 2)")
            try db.execute(sql: "DELETE FROM alert_events WHERE alert_id = 3")
            try db.execute(sql: "DELETE FROM drift_alerts WHERE id = 3")
        }
        #expect(try counters() == actual())
        let store = try PortfolioStore.open(path: path)
        defer { try? store.close() }
        #expect(try store.read { try $0.runCount() } == 48)
        #expect(try store.read { try $0.alertCount(now: Self.asOf) } == 9)
    }
}
