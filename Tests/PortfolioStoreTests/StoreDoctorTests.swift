import Foundation
import GRDB
import Portfolio
@testable import PortfolioStore
import Testing
import TestSupport

/// `doctor`: a healthy store passes every check; what other SQLite programs can do to a store —
/// a REPLACE without recursive triggers, a dropped trigger, a DELETE without foreign keys, a value
/// of the wrong type — is found and named, and `repair` rebuilds what the base tables determine.
@Suite("Store doctor")
struct StoreDoctorTests {
    static func sample(_ label: String) throws -> (TemporaryFolder, PortfolioStore) {
        let folder = TemporaryFolder(label)
        let store = try PortfolioStore.open(path: folder.file("store.sqlite"))
        _ = try PortfolioImporter(store: store).importFiles([RepoPaths.sampleData])
        return (folder, store)
    }

    /// An active critical alert replaced, by another program, with itself: SQLite deletes the old
    /// row and inserts a new one, firing no DELETE trigger without recursive_triggers.
    static let foreignReplace = """
        INSERT OR REPLACE INTO drift_alerts (external_id, model_id, feature, method, score, threshold, severity, status, opened_at)
        SELECT external_id, model_id, feature, method, score, threshold, severity, status, opened_at FROM drift_alerts
        WHERE status = 'open' AND severity = 'critical' ORDER BY id LIMIT 2
        """

    @Test("A store written every way Oversight writes passes every check")
    func healthy() throws {
        let folder = TemporaryFolder("doctor-healthy")
        try KeptTotalsTests.storeAfterManyWrites(folder.file("store.sqlite"))
        let store = try PortfolioStore.open(path: folder.file("store.sqlite"))
        defer { try? store.close() }
        #expect(try StoreDoctor.examine(store) == [])
    }

    @Test("A foreign REPLACE skews the kept totals: doctor names them, repair makes them the rows' counts again")
    func foreignReplace() throws {
        let (folder, store) = try Self.sample("doctor-replace")
        defer { _ = folder; try? store.close() }
        let counted = try store.read { try $0.currentFigures(FigureWindow(asOf: SharedSample.now)).portfolio }
        try ForeignClient.execute(store.path, Self.foreignReplace)
        let skewed = try store.read { try $0.currentFigures(FigureWindow(asOf: SharedSample.now)).portfolio }
        #expect(skewed.activeCriticalAlerts == counted.activeCriticalAlerts + 2, "the REPLACE did not skew the totals: the test shows nothing")
        let findings = try StoreDoctor.examine(store)
        #expect(Set(findings.filter(\.repairable).map { $0.problem.components(separatedBy: " ")[0] })
            .isSuperset(of: ["row_counts", "alert_counts", "model_critical"]), "\(findings)")
        #expect(findings.contains { $0.check == "references" && $0.repairable }, "the replaced alerts' events are orphans: \(findings)")

        let done = try StoreDoctor.repair(store)
        #expect(done.contains { $0.hasPrefix("rebuilt the kept totals") })
        #expect(try StoreDoctor.examine(store) == [])
        try store.read { try KeptTotalsTests.expectKeptTablesMatchRows($0.db) }
        let repaired = try store.read { try $0.currentFigures(FigureWindow(asOf: SharedSample.now)).portfolio }
        #expect(repaired.activeCriticalAlerts == counted.activeCriticalAlerts)
        #expect(repaired.valueAtRisk == counted.valueAtRisk)
    }

    @Test("The same REPLACE through Oversight's own connection keeps every total right: its connections turn recursive triggers on")
    func ownReplace() throws {
        let (folder, store) = try Self.sample("doctor-own-replace")
        defer { _ = folder; try? store.close() }
        try store.write { try $0.db.execute(sql: Self.foreignReplace) }
        #expect(try StoreDoctor.examine(store).filter { $0.check == "kept totals" } == [])
        try store.read { try KeptTotalsTests.expectKeptTablesMatchRows($0.db) }
    }

    @Test("A trigger, an index or a kept table another program dropped is found and made again; a lost base table is not")
    func droppedSchema() throws {
        let (folder, store) = try Self.sample("doctor-trigger")
        defer { _ = folder; try? store.close() }
        try ForeignClient.execute(store.path, "DROP TRIGGER drift_alerts_insert_by_status; DROP INDEX runs_by_kind; DROP TABLE model_totals")
        let findings = try StoreDoctor.examine(store)
        #expect(findings.contains { $0.problem.contains("trigger drift_alerts_insert_by_status is missing") }, "\(findings)")
        #expect(findings.contains { $0.problem.contains("index runs_by_kind is missing") })
        #expect(findings.contains { $0.problem.contains("table model_totals is missing") && $0.repairable })
        _ = try StoreDoctor.repair(store)
        #expect(try StoreDoctor.examine(store) == [])
        try store.read { try KeptTotalsTests.expectKeptTablesMatchRows($0.db) }

        try ForeignClient.execute(store.path, "DROP TABLE model_tags")
        let lost = try StoreDoctor.examine(store)
        #expect(lost.contains { $0.problem.contains("table model_tags is missing") && $0.problem.contains("restore the store from a backup") && !$0.repairable },
                "\(lost)")
    }

    @Test("A trigger or index another program defined otherwise is named and made again as this version writes it; a table is only named")
    func changedSchema() throws {
        let (folder, store) = try Self.sample("doctor-changed")
        defer { _ = folder; try? store.close() }
        try ForeignClient.execute(store.path, """
            DROP TRIGGER models_insert_totals;
            CREATE TRIGGER models_insert_totals AFTER INSERT ON models BEGIN SELECT 1; END;
            DROP INDEX runs_by_kind;
            CREATE INDEX runs_by_kind ON pipeline_runs(kind);
            """)
        let findings = try StoreDoctor.examine(store)
        #expect(findings.contains { $0.problem.contains("trigger models_insert_totals is not defined as this version defines it") && $0.repairable },
                "\(findings)")
        #expect(findings.contains { $0.problem.contains("index runs_by_kind is not defined as this version defines it") })
        let done = try StoreDoctor.repair(store)
        #expect(done.contains("made the trigger models_insert_totals again as this version writes it"), "\(done)")
        #expect(try StoreDoctor.examine(store) == [])
        // The trigger works again: a new model is counted in the kept totals.
        try store.write { try $0.upsert(Model(name: "doctor-model", team: "Clinical AI", owner: "Doc", stage: .production)) }
        try store.read { try KeptTotalsTests.expectKeptTablesMatchRows($0.db) }

        try ForeignClient.execute(store.path, "ALTER TABLE teams ADD COLUMN extra TEXT")
        let table = try StoreDoctor.examine(store)
        #expect(table.contains { $0.problem.contains("table teams is not defined as this version defines it") && !$0.repairable }, "\(table)")
    }

    @Test("Kept money that differs from a fresh sum by less than half a cent is not a difference")
    func moneyTolerance() throws {
        let (folder, store) = try Self.sample("doctor-cents")
        defer { _ = folder; try? store.close() }
        try ForeignClient.execute(store.path, "UPDATE model_totals SET value = value + 0.0049 WHERE (team_id, stage) IN (SELECT team_id, stage FROM model_totals WHERE models > 0 LIMIT 1)")
        #expect(try StoreDoctor.examine(store) == [])
        try ForeignClient.execute(store.path, "UPDATE model_totals SET value = value + 0.01 WHERE (team_id, stage) IN (SELECT team_id, stage FROM model_totals WHERE models > 0 LIMIT 1)")
        #expect(try StoreDoctor.examine(store).contains { $0.problem.hasPrefix("model_totals differs") })
    }

    @Test("The store refuses a value of the wrong type from any program; one written before (or with its check dropped) is named")
    func wrongTypes() throws {
        let (folder, store) = try Self.sample("doctor-types")
        defer { _ = folder; try? store.close() }
        for sql in ["UPDATE drift_alerts SET score = 'abc' WHERE id = 3", "UPDATE pipeline_runs SET queued_at = 1.5 WHERE id = 5",
                    "UPDATE models SET owner = x'00ff' WHERE id = 2",
                    "INSERT INTO metric_points (model_id, name, at, value) VALUES (1, 'x', 'yesterday', 1)"] {
            #expect(throws: DatabaseError.self, "\(sql) was accepted") { try ForeignClient.execute(store.path, sql) }
        }
        try ForeignClient.execute(store.path, "DROP TRIGGER drift_alerts_update_types; UPDATE drift_alerts SET score = 'abc' WHERE id = 3")
        let findings = try StoreDoctor.examine(store)
        #expect(findings.contains { $0.check == "values" && $0.problem.contains("1 row of drift_alerts holds a value that is not a finite number in score") },
                "\(findings)")
    }
}
