import Foundation
import GRDB
import Portfolio
import PortfolioStore
import Testing
import TestSupport

/// `MLflowImporter` on stores the real MLflow library wrote (scripts/fixtures/make_mlflow_fixture.py).
@Suite("MLflow import")
struct MLflowImportTests {
    static let fixtures = RepoPaths.root + "/Tests/Fixtures/mlflow"

    /// Every committed fixture: one per MLflow major version made so far.
    static var stores: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: fixtures)) ?? []).filter { $0.hasSuffix(".db") }.sorted()
            .map { fixtures + "/" + $0 }
    }

    static func imported(_ fixture: String) throws -> (TemporaryFolder, PortfolioStore, ImportSummary) {
        let folder = TemporaryFolder("mlflow")
        let store = try PortfolioStore.open(path: folder.file("store.sqlite"))
        let summary = try MLflowImporter(store: store).importStore(at: fixture)
        return (folder, store, summary)
    }

    @Test("There is a fixture made by MLflow 3")
    func fixturesPresent() {
        #expect(Self.stores.contains { $0.hasSuffix("mlflow-3.db") })
    }

    @Test("Runs map to pipeline runs with exact counts per status, the deleted run left out", arguments: stores)
    func runCounts(fixture: String) throws {
        let (folder, store, summary) = try Self.imported(fixture)
        defer { try? store.close(); _ = folder }
        let runs = try store.read { try $0.runSummaries() }
        let byStatus = Dictionary(grouping: runs, by: \.status).mapValues(\.count)
        #expect(byStatus == [.succeeded: 5, .failed: 2, .cancelled: 1, .running: 1, .queued: 1])
        #expect(!runs.contains { $0.name == "oops-wrong-data" })
        #expect(summary.counts[.run]?.created == 10)
        #expect(runs.allSatisfy { $0.externalID.hasPrefix("mlflow-") })
        let running = try #require(runs.first { $0.status == .running })
        #expect(running.finishedAt == nil && running.startedAt != nil)
        let queued = try #require(runs.first { $0.status == .queued })
        #expect(queued.startedAt == nil)
        let failed = try #require(runs.first { $0.status == .failed && $0.pipeline == "fraud-training" })
        #expect(failed.startedBy == "ci-bot")
        #expect(failed.name == "nightly-2025-12-31")
        #expect(failed.duration == 600)
        #expect(Set(runs.map(\.pipeline)) == ["fraud-training", "churn-experiments", "forecast-sandbox"])
    }

    @Test("Registered models become models with versions and the documented stage; runs belong to the right model", arguments: stores)
    func models(fixture: String) throws {
        let (folder, store, _) = try Self.imported(fixture)
        defer { try? store.close(); _ = folder }
        let fraud = try #require(try store.read { try $0.model(named: "card-fraud-détecteur") })
        #expect(fraud.stage == .production)  // the champion alias
        #expect(fraud.version == "2")
        #expect(fraud.versions.map(\.version) == ["1", "2"])
        #expect(fraud.owner == "priya")
        #expect(fraud.tags["framework"] == "xgboost")
        let churn = try #require(try store.read { try $0.model(named: "churn-propensity") })
        #expect(churn.stage == .staging)  // the Staging stage (or the challenger alias)
        let sandbox = try #require(try store.read { try $0.model(named: "forecast-sandbox") })
        #expect(sandbox.stage == .development)  // an experiment without a registered model
        let runs = try store.read { try $0.runSummaries() }
        #expect(runs.filter { $0.pipeline == "fraud-training" }.allSatisfy { $0.model == "card-fraud-détecteur" })
        #expect(runs.first { $0.name == "nightly-2025-12-30" }.map { _ in true } == true)
        let produced = try #require(try store.read { try $0.run(externalID: runs.first { $0.name == "nightly-2025-12-30" }!.externalID) })
        #expect(produced.modelVersion == "2")
    }

    @Test("A run tagged trigger=drift-alert is a drift-triggered run; a failed run's failure_reason or note is its error; a version's validation_status is its approval",
          arguments: stores)
    func mappingRules(fixture: String) throws {
        let (folder, store, _) = try Self.imported(fixture)
        defer { try? store.close(); _ = folder }
        let runs = try store.read { try $0.runSummaries() }
        let retrain = try #require(runs.first { $0.name == "retrain-after-drift" })
        let stored = try #require(try store.read { try $0.run(externalID: retrain.externalID) })
        #expect(stored.trigger == .drift)
        #expect(stored.error == "feature store timeout")
        let nightly = try #require(try store.read { try $0.run(externalID: runs.first { $0.name == "nightly-2025-12-31" }!.externalID) })
        #expect(nightly.error == "CUDA out of memory")
        #expect(nightly.trigger == .manual)
        let fraud = try #require(try store.read { try $0.model(named: "card-fraud-détecteur") })
        #expect(fraud.versions.map(\.approvalStatus) == [.rejected, .approved])
        let churn = try #require(try store.read { try $0.model(named: "churn-propensity") })
        #expect(churn.versions.map(\.approvalStatus) == [.pending, .pending])
    }

    @Test("NaN and infinite metric values never become points; the finite steps do", arguments: stores)
    func metrics(fixture: String) throws {
        let (folder, store, _) = try Self.imported(fixture)
        defer { try? store.close(); _ = folder }
        let auc = try store.read { try $0.metricSeries(model: "card-fraud-détecteur", name: "auc") }
        let loss = try store.read { try $0.metricSeries(model: "card-fraud-détecteur", name: "loss") }
        #expect(auc.allSatisfy { $0.value.isFinite && $0.value > 0 && $0.value < 1 })
        #expect(loss.allSatisfy { $0.value.isFinite && abs($0.value) < 1e300 })
        #expect(auc.count == 3 + 2 + 1 + 1)  // the NaN step of the second run left out
        #expect(loss.count == 3 + 2)         // the infinite step left out
    }

    @Test("Importing again changes nothing", arguments: stores)
    func idempotent(fixture: String) throws {
        let (folder, store, _) = try Self.imported(fixture)
        defer { _ = folder }
        let again = try MLflowImporter(store: store).importStore(at: fixture)
        #expect(again.changed == 0)
        try store.close()
        let before = try StoreFingerprint(path: folder.file("store.sqlite"))
        let reopened = try PortfolioStore.open(path: folder.file("store.sqlite"))
        _ = try MLflowImporter(store: reopened).importStore(at: fixture)
        try reopened.close()
        #expect(try StoreFingerprint(path: folder.file("store.sqlite")) == before)
    }

    @Test("The MLflow file is only read, never written", arguments: stores)
    func readOnly(fixture: String) throws {
        let before = try Data(contentsOf: URL(fileURLWithPath: fixture))
        let (folder, store, _) = try Self.imported(fixture)
        try store.close()
        _ = folder
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture)) == before)
    }

    @Test("A SQLite file that is not an MLflow store, or an unknown layout, is refused clearly and writes nothing")
    func refused() throws {
        let folder = TemporaryFolder("mlflow-bad")
        let store = try PortfolioStore.open(path: folder.file("store.sqlite"))
        defer { try? store.close() }
        // An Oversight store is a SQLite file but not an MLflow one.
        #expect {
            try MLflowImporter(store: store).importStore(at: SampleStoreTemplate.path)
        } throws: { "\($0)".contains("not an MLflow tracking store") }
        // An MLflow store whose runs table lost a column we read: an unknown (newer) layout.
        let odd = folder.file("odd.db")
        try FileManager.default.copyItem(atPath: Self.fixtures + "/mlflow-3.db", toPath: odd)
        let queue = try DatabaseQueue(path: odd)
        try queue.write { try $0.execute(sql: "ALTER TABLE runs DROP COLUMN user_id") }
        try queue.close()
        #expect {
            try MLflowImporter(store: store).importStore(at: odd)
        } throws: { error in
            let text = "\(error)"
            return text.contains("unknown MLflow layout") && text.contains("user_id") && text.contains("runs")
        }
        #expect(try store.read { try $0.rowCounts() }.values.allSatisfy { $0 == 0 })
    }
}
