import Foundation
import GRDB
import Portfolio
@testable import PortfolioStore
import Testing
import TestSupport

/// Stores made by every build that shipped a different schema (Fixtures/schema-history, each
/// made once by that commit's own `oversight import` of the same data; README.md there says how):
/// each migrates to the current schema, and reads the same while it cannot be migrated.
@Suite("Schema history")
struct SchemaHistoryTests {
    static let folder = RepoPaths.root + "/Tests/PortfolioStoreTests/Fixtures/schema-history"
    static let fixtures = (try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.hasSuffix(".sqlite") }.sorted() ?? []
    static let asOf = ISOTime.parse("2026-11-28T12:00:00Z")!

    /// Every object of a store's schema but GRDB's own table, as (type, name, table, SQL).
    static func shape(_ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: """
            SELECT type || ' ' || name || ' ON ' || tbl_name || ': ' || coalesce(sql, '') FROM sqlite_master
            WHERE name NOT IN ('grdb_migrations', 'sqlite_autoindex_grdb_migrations_1')
            """))
    }

    static func copy(_ fixture: String, into folder: TemporaryFolder) throws -> String {
        let path = folder.file(fixture)
        try FileManager.default.copyItem(atPath: Self.folder + "/" + fixture, toPath: path)
        return path
    }

    static func baseRows(_ path: String) throws -> [String] {
        try KeptTable.baseTables.map { table in "\(table) \(try ForeignClient.strings(path, "SELECT count(*) FROM \(table)").first ?? "-")" }
    }

    /// What a new store of this version holds.
    static let current: (shape: Set<String>, migrations: [String]) = {
        let queue = try! DatabaseQueue()
        try! StoreSchema.migrator.migrate(queue)
        return try! queue.read { (try shape($0), try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")) }
    }()

    @Test("There is a fixture for each build that shipped a different schema")
    func fixturesArePresent() {
        #expect(Self.fixtures.count == 21, "\(Self.fixtures)")
    }

    @Test("A store made by each build that shipped a different schema migrates to today's, keeps every row, and passes doctor",
          arguments: fixtures)
    func upgrades(_ fixture: String) throws {
        let folder = TemporaryFolder("schema-history")
        let path = try Self.copy(fixture, into: folder)
        let before = try Self.baseRows(path)
        #expect(before.contains("pipeline_runs 6"), "\(before)")
        let store = try PortfolioStore.open(path: path)
        defer { try? store.close() }
        let (shape, migrations) = try store.pool.read {
            (try Self.shape($0), try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier"))
        }
        #expect(shape.subtracting(Self.current.shape).isEmpty, "objects a new store lacks or holds otherwise: \(shape.subtracting(Self.current.shape).sorted())")
        #expect(Self.current.shape.subtracting(shape).isEmpty, "objects missing or different: \(Self.current.shape.subtracting(shape).sorted())")
        #expect(migrations == Self.current.migrations)
        #expect(try Self.baseRows(path) == before)
        let findings = try StoreDoctor.examine(store)
        #expect(findings.isEmpty, "\(findings.map(\.description))")
        #expect(store.features == SchemaFeatures(present: Set(SchemaFeatures.Feature.allCases)))
    }

    @Test("A store with rows another program left without their parent still migrates, and doctor --repair removes them",
          arguments: ["06-8dab17d.sqlite", "15-59aadc7.sqlite"])
    func orphansDoNotBlockTheUpgrade(_ fixture: String) throws {
        let folder = TemporaryFolder("schema-history-orphans")
        let path = try Self.copy(fixture, into: folder)
        try ForeignClient.execute(path, "PRAGMA foreign_keys = OFF; DELETE FROM pipeline_runs WHERE id IN (SELECT run_id FROM run_steps LIMIT 1)")
        let store = try PortfolioStore.open(path: path)
        defer { try? store.close() }
        let findings = try StoreDoctor.examine(store)
        #expect(findings.contains { $0.check == "references" && $0.repairable }, "\(findings.map(\.description))")
        _ = try StoreDoctor.repair(store)
        #expect(try StoreDoctor.examine(store).isEmpty)
    }

    @Test("Read-only, before it is migrated, each store shows the figures and the rows of every panel and sort it shows once migrated",
          arguments: fixtures)
    func readsTheSameUnmigrated(_ fixture: String) throws {
        let folder = TemporaryFolder("schema-history-read")
        let path = try Self.copy(fixture, into: folder)
        struct Seen: Equatable {
            var figures: FiguresReport
            var models: [ModelSummary]
            var alerts: [DriftAlert]
            var counts: [Int]
            var teams: [TeamMaturity]
            var runs: [[String]]
            var newest: Date?
        }
        func everything(_ store: PortfolioStore) throws -> Seen {
            try store.read { reader in
                var runs: [[String]] = []
                for sort in [nil] + RunSort.allCases.map(SortKey.run) {
                    for descending in [false, true] {
                        runs.append(try reader.runSummaries(limit: 10, query: PanelQuery(sort: sort, descending: descending)).map(\.externalID))
                    }
                }
                runs.append(try reader.runSummaries(limit: 10, query: PanelQuery(filter: "train")).map(\.externalID))
                return Seen(figures: try reader.figures(FigureWindow(asOf: Self.asOf)), models: try reader.modelSummaries(now: Self.asOf),
                            alerts: try reader.alertSummaries(now: Self.asOf, limit: 10),
                            counts: [try reader.alertCount(now: Self.asOf), try reader.runCount(PanelQuery())],
                            teams: try reader.teamMaturity(), runs: runs, newest: try reader.newestEventTime())
            }
        }
        let unmigrated = try PortfolioStore.open(path: path, readOnly: true)
        let read = try everything(unmigrated)
        try unmigrated.close()
        let migrated = try PortfolioStore.open(path: path)
        defer { try? migrated.close() }
        let expected = try everything(migrated)
        #expect(read.figures == expected.figures)
        #expect(read.models == expected.models)
        #expect(read.alerts == expected.alerts)
        #expect(read.counts == expected.counts)
        #expect(read.teams == expected.teams)
        #expect(read.runs == expected.runs)
        #expect(read.newest == expected.newest && read.newest != nil)
    }

    @Test("An object another program drops under an open store is read around from the next read on, as an older store is")
    func droppedUnderAnOpenStore() throws {
        let folder = TemporaryFolder("schema-history-dropped")
        let path = try Self.copy("15-59aadc7.sqlite", into: folder)
        let store = try PortfolioStore.open(path: path)
        defer { try? store.close() }
        let before = try store.read { (try $0.runCount(PanelQuery(filter: "train")), try $0.figures(FigureWindow(asOf: Self.asOf))) }
        try ForeignClient.execute(path, "DROP TABLE run_search; DROP TABLE model_totals")
        let after = try store.read { (try $0.runCount(PanelQuery(filter: "train")), try $0.figures(FigureWindow(asOf: Self.asOf))) }
        #expect(after.0 == before.0)
        #expect(after.1 == before.1)
        #expect(!store.features.has(.runSearch) && !store.features.has(.keptTotals))
    }

    @Test("Each migration runs the text that first shipped: a new store up to v6 is the v6 build's, up to v7 the v7 build's (its search table aside)")
    func migrationsAreTheShippedText() throws {
        for (fixture, last, aside) in [("07-ef18736.sqlite", "v6-run-search", "run_search"), ("09-41f8413.sqlite", "v7-run-sorts", "run_search")] {
            let queue = try DatabaseQueue()
            try StoreSchema.migrator.migrate(queue, upTo: last)
            let fresh = try queue.read(Self.shape).filter { !$0.contains(aside) }
            let shipped = try DatabaseQueue(path: Self.folder + "/" + fixture, configuration: { var c = Configuration(); c.readonly = true; return c }())
            let old = try shipped.read(Self.shape).filter { !$0.contains(aside) }
            #expect(fresh == old, "\(fixture): \(fresh.symmetricDifference(old).sorted())")
        }
    }
}
