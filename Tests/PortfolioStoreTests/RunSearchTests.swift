import Foundation
import GRDB
import Portfolio
@testable import PortfolioStore
import Testing
import TestSupport

/// `/` on runs through the search index (migration v6): the same rows as the plain LIKE over the
/// runs' text, the index kept in step with every write, and the count stopped at the cap.
@Suite("Run search")
struct RunSearchTests {
    /// The runs a filter keeps, read the slow way: the LIKE over every run's text, newest first.
    static func plainMatches(_ db: Database, _ filter: String) throws -> [String] {
        let pattern = "%" + filter.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "%"
        return try String.fetchAll(db, sql: """
            SELECT r.external_id FROM pipeline_runs r JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id
            WHERE (\(KeptTable.runSearchText)) LIKE ? ESCAPE '\\'
            ORDER BY coalesce(r.started_at, r.queued_at) DESC, r.id DESC
            """, arguments: [pattern])
    }

    /// A store in `folder` with the sample imported, closed; its path.
    static func importedSample(in folder: TemporaryFolder) throws -> String {
        let path = folder.file("store.sqlite")
        let store = try PortfolioStore.open(path: path)
        _ = try PortfolioImporter(store: store).importFiles([RepoPaths.sampleData])
        try store.close()
        return path
    }

    /// run_search holds exactly each run's search text.
    static func expectIndexInStep(_ db: Database) throws {
        let indexed = try Row.fetchAll(db, sql: "SELECT rowid, text FROM run_search ORDER BY rowid").map { "\($0[0] as Int64) \($0[1] as String)" }
        let runs = try Row.fetchAll(db, sql: """
            SELECT r.id, \(KeptTable.runSearchText) FROM pipeline_runs r JOIN pipelines p ON p.id = r.pipeline_id
            JOIN models m ON m.id = r.model_id ORDER BY r.id
            """).map { "\($0[0] as Int64) \($0[1] as String)" }
        #expect(!runs.isEmpty)
        #expect(indexed == runs)
    }

    @Test("A filter gives the same runs and count (up to the cap) as the plain LIKE, for long, short, mixed-case, wildcard and absent texts, after imports, renames, updates and deletes")
    func sameRowsAsThePlainFilter() throws {
        let folder = TemporaryFolder("run-search")
        let path = try Self.importedSample(in: folder)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: """
                UPDATE models SET name = 'renamed-fraud-model' WHERE id = (SELECT model_id FROM pipeline_runs ORDER BY id LIMIT 1);
                UPDATE pipelines SET name = 'renamed-pipeline' WHERE id = (SELECT pipeline_id FROM pipeline_runs ORDER BY id DESC LIMIT 1);
                UPDATE pipeline_runs SET status = 'failed', error = 'xq-oom-unique: 100% of memory_limit' WHERE id = (SELECT max(id) FROM pipeline_runs);
                UPDATE pipeline_runs SET compute_cost = 1 WHERE id = (SELECT min(id) FROM pipeline_runs);
                DELETE FROM run_steps WHERE run_id = (SELECT min(id) + 1 FROM pipeline_runs);
                DELETE FROM pipeline_runs WHERE id = (SELECT min(id) + 1 FROM pipeline_runs);
                """)
            try Self.expectIndexInStep(db)
        }
        try queue.close()
        let store = try PortfolioStore.open(path: path, readOnly: true)
        defer { try? store.close() }
        let filters = ["renamed-fraud", "RENAMED-pipe", "XQ-OOM", "100%", "memory_limit", "fa", "d", "no such text anywhere", "ing"]
        for filter in filters {
            let query = PanelQuery(filter: filter)
            let expected = try store.read { try Self.plainMatches($0.db, filter) }
            let rows = try store.read { try $0.runSummaries(limit: 50, query: query) }.map(\.externalID)
            let count = try store.read { try $0.runCount(query) }
            #expect(rows == Array(expected.prefix(50)), "\(filter)")
            #expect(count == min(expected.count, PortfolioReader.runMatchCap + 1), "\(filter)")
        }
        #expect(try store.read { try Self.plainMatches($0.db, "renamed-fraud") }.count > 0)
        #expect(try store.read { try Self.plainMatches($0.db, "xq-oom") }.count == 1)
        #expect(try store.read { try Self.plainMatches($0.db, "memory_limit") }.count == 1)
    }

    @Test("A common text counts up to the cap and one more, and the window still shows the newest matching runs first; a generated store's index holds every run")
    func countStopsAtTheCap() throws {
        let folder = TemporaryFolder("run-search-cap")
        let path = folder.file("store.sqlite")
        let plan = GenerationPlan(models: 30, runs: PortfolioReader.runMatchCap + 500, alerts: 10, metricPoints: 10, seed: 3,
                                  asOf: ISOTime.parse("2026-01-12T09:00:00Z")!)
        let store = try PortfolioStore.open(path: path)
        defer { try? store.close() }
        _ = try PortfolioGenerator(store: store, plan: plan).generate()
        try store.read { try Self.expectIndexInStep($0.db) }
        let common = try store.read { reader in
            try ["run", "ing", "ed"].first { try Self.plainMatches(reader.db, $0).count > PortfolioReader.runMatchCap }
        }
        let filter = try #require(common)
        let query = PanelQuery(filter: filter)
        #expect(try store.read { try $0.runCount(query) } == PortfolioReader.runMatchCap + 1)
        let expected = try store.read { try Self.plainMatches($0.db, filter) }
        #expect(try store.read { try $0.runSummaries(offset: 5, limit: 40, query: query) }.map(\.externalID) == Array(expected[5..<45]))
    }

    @Test("A store from before the search index gets it when opened for writing, filled from its runs, and the caller is told which migrations run first")
    func migrationFillsTheIndex() throws {
        let folder = TemporaryFolder("run-search-migrate")
        let path = try Self.importedSample(in: folder)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "DROP TABLE run_search; DELETE FROM grdb_migrations WHERE identifier = 'v6-run-search'")
            for trigger in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_search' ESCAPE '\\'") {
                try db.execute(sql: "DROP TRIGGER \(trigger)")
            }
        }
        try queue.close()
        // Read-only, the older store is read as it is, filters by LIKE alone.
        var store = try PortfolioStore.open(path: path, readOnly: true)
        #expect(try store.read { try $0.runCount(PanelQuery(filter: "churn-propensity")) }
            == (try store.read { try Self.plainMatches($0.db, "churn-propensity") }.count))
        try store.close()
        var told: [[String]] = []
        store = try PortfolioStore.open(path: path, migrating: { told.append($0) })
        defer { try? store.close() }
        #expect(told == [["v6-run-search"]])
        try store.read { try Self.expectIndexInStep($0.db) }
        var again: [[String]] = []
        try store.close()
        store = try PortfolioStore.open(path: path, migrating: { again.append($0) })
        #expect(again.isEmpty)
    }
}
