import Foundation
import Portfolio
import PortfolioStore
import Testing
import TestSupport

/// `EvidentlyImporter` on reports the real Evidently library wrote (scripts/fixtures/make_evidently_fixtures.py):
/// in each, `amount` and `channel` drift and `age` does not.
@Suite("Evidently import")
struct EvidentlyImportTests {
    static let fixtures = RepoPaths.root + "/Tests/Fixtures/evidently"
    static let now = Date(timeIntervalSince1970: 1_768_208_400)

    static func store() throws -> (TemporaryFolder, PortfolioStore) {
        let folder = TemporaryFolder("evidently")
        return (folder, try PortfolioStore.open(path: try SampleStoreTemplate.copy(into: folder)))
    }

    static func alerts(_ store: PortfolioStore, model: String) throws -> [DriftAlert] {
        try store.read { try $0.alertSummaries(now: now) }.filter { $0.model == model && ["amount", "age", "channel"].contains($0.feature) }
    }

    @Test("Exactly the drifted columns become alerts, with the report's method, score and threshold",
          arguments: [("small.json", DriftMethod.ks, DriftMethod.chi2), ("large.json", .wasserstein, .js), ("psi.json", .psi, .psi)])
    func driftedColumns(file: String, numeric: DriftMethod, categorical: DriftMethod) throws {
        let (folder, store) = try Self.store()
        defer { try? store.close(); _ = folder }
        let (summary, drifted) = try EvidentlyImporter(store: store).importReport(at: "\(Self.fixtures)/\(file)", model: "no-show-predictor", now: Self.now)
        #expect(Set(drifted) == ["amount", "channel"])
        #expect(summary.counts[.alert]?.created == 2)
        let alerts = try Self.alerts(store, model: "no-show-predictor")
        #expect(Set(alerts.map(\.feature)) == ["amount", "channel"])
        let amount = try #require(alerts.first { $0.feature == "amount" })
        let channel = try #require(alerts.first { $0.feature == "channel" })
        #expect(amount.method == numeric)
        #expect(channel.method == categorical)
        #expect(amount.method.isDrifted(score: amount.score, threshold: amount.threshold))
        #expect(amount.threshold == (numeric.isPValue ? 0.05 : 0.1))
        #expect(amount.status == .open)
    }

    @Test("Importing the same report again updates nothing and opens no duplicate")
    func noDuplicates() throws {
        let (folder, store) = try Self.store()
        defer { try? store.close(); _ = folder }
        let importer = EvidentlyImporter(store: store)
        _ = try importer.importReport(at: "\(Self.fixtures)/psi.json", model: "no-show-predictor", now: Self.now)
        let (again, _) = try importer.importReport(at: "\(Self.fixtures)/psi.json", model: "no-show-predictor", now: Self.now + 60)
        #expect(again.counts[.alert]?.unchanged == 2)
        #expect(try Self.alerts(store, model: "no-show-predictor").count == 2)
    }

    @Test("The report's metadata names the model when --model is not given")
    func modelFromMetadata() throws {
        let (folder, store) = try Self.store()
        defer { try? store.close(); _ = folder }
        let (_, drifted) = try EvidentlyImporter(store: store).importReport(at: "\(Self.fixtures)/large.json", model: nil, now: Self.now)
        #expect(Set(drifted) == ["amount", "channel"])
        #expect(try Self.alerts(store, model: "card-fraud-detector").contains { $0.feature == "amount" && $0.method == .wasserstein })
    }

    @Test("An alert opens at the snapshot's own timestamp (never later than now); a report without one opens at the import's time")
    func openedAtSnapshotTime() throws {
        let (folder, store) = try Self.store()
        defer { try? store.close(); _ = folder }
        let later = try #require(ISOTime.parse("2026-12-01T00:00:00Z"))
        _ = try EvidentlyImporter(store: store).importReport(at: "\(Self.fixtures)/large.json", model: "no-show-predictor", now: later)
        let snapshot = try #require(ISOTime.parse("2026-11-28T09:35:39Z"))
        let fromSnapshot = try store.read { try $0.alertSummaries(now: later) }.filter { $0.model == "no-show-predictor" && $0.feature == "amount" }
        #expect(fromSnapshot.map(\.openedAt) == [snapshot])
        _ = try EvidentlyImporter(store: store).importReport(at: "\(Self.fixtures)/small.json", model: "card-fraud-detector", now: later)
        let withoutTime = try store.read { try $0.alertSummaries(now: later) }.filter { $0.model == "card-fraud-detector" && $0.feature == "channel" }
        #expect(!withoutTime.isEmpty && withoutTime.allSatisfy { $0.openedAt == later }, "\(withoutTime.map(\.openedAt))")
    }

    @Test("A report without a model, for an unknown model, or without drift metrics is refused and writes nothing")
    func refusals() throws {
        let (folder, store) = try Self.store()
        defer { try? store.close(); _ = folder }
        let before = try store.read { try $0.rowCounts() }
        #expect { try EvidentlyImporter(store: store).importReport(at: "\(Self.fixtures)/small.json", model: nil) } throws: {
            "\($0)".contains("small.json") && "\($0)".contains("--model")
        }
        #expect { try EvidentlyImporter(store: store).importReport(at: "\(Self.fixtures)/small.json", model: "ghost") } throws: {
            "\($0)".contains("no model named 'ghost'")
        }
        let empty = folder.write("empty.json", #"{"metrics": [], "tests": []}"#)
        #expect { try EvidentlyImporter(store: store).importReport(at: empty, model: "no-show-predictor") } throws: {
            "\($0)".contains("no data-drift metrics")
        }
        let other = folder.write("other.json", #"{"hello": 1}"#)
        #expect { try EvidentlyImporter(store: store).importReport(at: other, model: "no-show-predictor") } throws: {
            "\($0)".contains("not an Evidently report")
        }
        #expect(try store.read { try $0.rowCounts() } == before)
    }
}
