import Foundation
import GRDB
import Portfolio
@testable import PortfolioStore
import Testing
import TestSupport

/// `s` on runs: the same rows in the same order as the plain `ORDER BY`, for every column, both
/// directions, a page down, with a filter and a team; by every column but status through indexes.
@Suite("Run sorts")
struct RunSortTests {
    /// A generated store in `folder` of `models` models and `runs` runs (few alerts and points).
    static func generated(in folder: TemporaryFolder, models: Int, runs: Int, seed: UInt64) throws -> PortfolioStore {
        let store = try PortfolioStore.open(path: folder.file("store.sqlite"))
        _ = try PortfolioGenerator(store: store, plan: GenerationPlan(models: models, runs: runs, alerts: 5, metricPoints: 5, seed: seed,
                                                                      asOf: ISOTime.parse("2026-01-12T09:00:00Z")!)).generate()
        return store
    }

    @Test("Every sort of the runs gives the rows of the plain ORDER BY, in both directions, past the first page, filtered and scoped to a team")
    func sameRowsAsThePlainSort() throws {
        let folder = TemporaryFolder("run-sorts")
        let store = try Self.generated(in: folder, models: 30, runs: 3_000, seed: 9)
        defer { try? store.close() }
        let team = try store.read { try $0.sortedTeamNames().first }
        var checked = 0
        for column in RunSort.allCases {
            for descending in [false, true] {
                for (filter, team) in [("", nil), ("train", nil), ("ed", team), ("line0", nil)] as [(String, String?)] {
                    let query = PanelQuery(filter: filter, sort: .run(column), descending: descending, team: team)
                    let got = try store.read { try $0.runSummaries(offset: 7, limit: 30, query: query) }.map(\.externalID)
                    let expected = try store.read { reader in
                        var conditions: [String] = []
                        var arguments: StatementArguments = []
                        if !filter.isEmpty { conditions.append("(\(KeptTable.runSearchText)) LIKE ?"); arguments += ["%\(filter)%"] }
                        if let team { conditions.append("(SELECT name FROM teams WHERE id = m.team_id) = ?"); arguments += [team] }
                        return try String.fetchAll(reader.db, sql: """
                            SELECT r.external_id FROM pipeline_runs r JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id
                            \(conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "))
                            ORDER BY \(column.sql) \(descending ? "DESC" : "ASC"), coalesce(r.started_at, r.queued_at) DESC, r.id DESC
                            LIMIT 30 OFFSET 7
                            """, arguments: arguments)
                    }
                    #expect(!expected.isEmpty, "column \(column) \(filter)")
                    #expect(got == expected, "column \(column) descending \(descending) filter \(filter) team \(team ?? "-")")
                    checked += 1
                }
            }
        }
        #expect(checked == RunSort.allCases.count * 8)
    }

    @Test("Sorting by any column but status, or scoping to a team, reads runs by index, never scanning and sorting every run")
    func sortsReadIndexes() throws {
        let folder = TemporaryFolder("run-sort-plans")
        let store = try Self.generated(in: folder, models: 10, runs: 500, seed: 2)
        defer { try? store.close() }
        for column in RunSort.allCases where column != .status {
            for descending in [false, true] {
                let (_, statements) = try store.recordingStatements {
                    try store.read { _ = try $0.runSummaries(limit: 26, query: PanelQuery(sort: .run(column), descending: descending)) }
                }
                let sql = try #require(statements.last { $0.contains("r.external_id") })
                let plan = try store.read { try Row.fetchAll($0.db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String } }
                // A scan of the runs, or a sort of all of them, is what the indexes are for (a scan
                // of an index in the sorted order stops at the page).
                let orderedScans = ["USING INDEX runs_by_duration", "USING INDEX runs_by_error", "USING INDEX runs_recent"]
                #expect(!plan.contains { line in line.hasPrefix("SCAN r") && !orderedScans.contains { line.contains($0) } },
                        "column \(column): \(plan)")
                // The kind, trigger and error merges sort only their few candidate rows.
                #expect(!plan.contains { $0.hasPrefix("USE TEMP B-TREE FOR ORDER BY") } || sql.contains("UNION ALL"), "column \(column): \(plan)")
            }
        }
        // Scoped to a team, runs and alerts are read from the team's models, never all of them.
        let team = try #require(try store.read { try $0.sortedTeamNames().first })
        let (_, statements) = try store.recordingStatements {
            try store.read { reader in
                _ = try reader.runWindow(offset: 0, limit: 26, query: PanelQuery(team: team))
                _ = try reader.alertCount(now: Date(), PanelQuery(team: team))
            }
        }
        let scoped = statements.filter { $0.contains("SELECT id FROM teams WHERE name") }
        #expect(scoped.count == 3)
        for sql in scoped {
            let plan = try store.read { try Row.fetchAll($0.db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String } }
            #expect(!plan.contains { $0.hasPrefix("SCAN r") || $0.hasPrefix("SCAN a") }, "\(sql): \(plan)")
        }
    }

    @Test("The Models panel's default window is read in the order of the index models_rank: no sort of every model on a refresh")
    func modelsWindowReadsTheRankIndex() throws {
        let folder = TemporaryFolder("model-window-plan")
        let store = try Self.generated(in: folder, models: 200, runs: 50, seed: 3)
        defer { try? store.close() }
        let (_, statements) = try store.recordingStatements { try store.read { _ = try $0.modelSummaries(limit: 30) } }
        let sql = try #require(statements.last { $0.contains("AS active_critical") })
        let plan = try store.read { try Row.fetchAll($0.db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String } }
        // The window (materialized as w) walks the index in its order; only the rows shown are
        // sorted again after the join.
        let window = plan.drop { $0 != "MATERIALIZE w" }.prefix { $0 != "SCAN w" }
        #expect(window.contains { $0.hasPrefix("SCAN m USING") && $0.contains("INDEX models_rank") }, "\(plan)")
        #expect(!window.contains { $0.hasPrefix("USE TEMP B-TREE") }, "\(plan)")
    }

    @Test("A page of all runs anywhere, read by ids from the time index and from the far end for the older half, is the plain query's page")
    func pagesFromEitherEnd() throws {
        let folder = TemporaryFolder("run-pages")
        let store = try Self.generated(in: folder, models: 12, runs: 1_200, seed: 4)
        defer { try? store.close() }
        for offset in [1, 26, 599, 600, 601, 1_180, 1_199, 1_200, 1_300] {
            let got = try store.read { try $0.runSummaries(offset: offset, limit: 26) }.map(\.externalID)
            let expected = try store.read {
                try String.fetchAll($0.db, sql: """
                    SELECT r.external_id FROM pipeline_runs r ORDER BY coalesce(r.started_at, r.queued_at) DESC, r.id DESC LIMIT 26 OFFSET ?
                    """, arguments: [offset])
            }
            #expect(got == expected, "offset \(offset)")
            #expect(got.count == max(0, min(26, 1_200 - offset)), "offset \(offset)")
        }
    }
}
