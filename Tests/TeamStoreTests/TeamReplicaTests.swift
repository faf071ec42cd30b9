import Foundation
import GRDB
@testable import PortfolioStore
import Testing
@testable import TeamStore
import TestSupport

/// The local read model and the team store kept in step row by row, against a real PostgreSQL
/// server: what a write touches is what arrives, deletes included, and a write lands in both
/// stores or in neither.
@Suite("Team store replication")
struct TeamReplicaTests {
    /// A host: its own cache folder, so its own local copy of the team store.
    struct Host {
        let folder = TemporaryFolder("team-host")
        let address: TeamStoreAddress
        let environment: [String: String]

        init(_ url: String, _ server: PostgresServer) throws {
            environment = server.clientEnvironment.merging(["HOME": folder.path]) { $1 }
            address = try TeamStoreAddress(url, environment: environment)
        }

        func open(readOnly: Bool = false) throws -> PortfolioStore {
            try TeamStore.open(address, environment: environment, readOnly: readOnly, creating: !readOnly, cacheFolder: folder.file("cache"))
        }
    }

    static let team = """
        INSERT INTO teams (id, name) VALUES (1, 'fraud');
        INSERT INTO models (id, name, team_id, owner, stage, business_value) VALUES (1, 'scorer', 1, 'ana', 'production', 1250.5);
        INSERT INTO model_tags (model_id, key, value) VALUES (1, 'domain', 'payments'), (1, 'tier', 'gold');
        INSERT INTO drift_alerts (id, external_id, model_id, feature, method, score, threshold, severity, status, opened_at)
          VALUES (1, 'a-1', 1, 'amount', 'psi', 0.4, 0.25, 'critical', 'open', 1700000000);
        """

    @Test("The team store's tables hold exactly the local store's columns, each with the change that last wrote its row")
    func sameColumns() throws {
        let server = try PostgresServer.shared.get()
        let url = try server.newDatabase("columns")
        let host = try Host(url, server)
        let store = try host.open()
        defer { try? store.close() }
        let local = try store.read { reader in try ReplicatedTable.all(reader.db) }
        for table in local {
            let remote = try server.psql("""
                SELECT string_agg(column_name, ',' ORDER BY column_name) FROM information_schema.columns WHERE table_name = '\(table.name)'
                """, database: PostgresServer.database(of: url))
            #expect(remote == (table.columns + ["change_seq"]).sorted().joined(separator: ","), "\(table.name)")
        }
    }

    @Test("Rows written, changed and deleted on one host arrive so on another, and its kept totals stay what doctor expects")
    func rowsArriveDeletesToo() throws {
        let server = try PostgresServer.shared.get()
        let url = try server.newDatabase("rows")
        let firstHost = try Host(url, server), secondHost = try Host(url, server)
        let first = try firstHost.open()
        defer { try? first.close() }
        try first.write { try $0.db.execute(sql: Self.team) }
        let second = try secondHost.open(readOnly: true)
        defer { try? second.close() }
        #expect(try second.read { try Int.fetchOne($0.db, sql: "SELECT count(*) FROM model_tags") } == 2)

        try first.write { writer in
            try writer.db.execute(sql: "DELETE FROM model_tags WHERE key = 'tier'")
            try writer.db.execute(sql: "UPDATE models SET business_value = 99.25 WHERE id = 1")
            try writer.db.execute(sql: "UPDATE drift_alerts SET status = 'resolved', resolved_at = 1700000500 WHERE id = 1")
        }
        let replica = try #require(second.upstream as? TeamReplica)
        #expect(try replica.refresh(second))
        #expect(try second.read { try String.fetchAll($0.db, sql: "SELECT key FROM model_tags") } == ["domain"])
        #expect(try second.read { try Double.fetchOne($0.db, sql: "SELECT business_value FROM models") } == 99.25)
        #expect(try StoreDoctor.examine(second).isEmpty)
        #expect(try !replica.refresh(second), "an unchanged team store brought something in")
        #expect(try server.psql("SELECT count(*) FROM oversight_deleted", database: PostgresServer.database(of: url)) == "1")
    }

    @Test("A large write goes by COPY — straight in when the table is empty, staged and upserted when not — with every value exact")
    func largeWritesByCopy() throws {
        let server = try PostgresServer.shared.get()
        let url = try server.newDatabase("copy")
        let firstHost = try Host(url, server), secondHost = try Host(url, server)
        let first = try firstHost.open()
        defer { try? first.close() }
        try first.write { try $0.db.execute(sql: Self.team) }
        let count = TeamReplica.copyFrom + 5_000
        // Text that COPY's format must escape, and numbers at the edges of what a double holds.
        let awkward = ["tab\there", "line\nbreak", "back\\slash", "\\N", "quote ' and \"", "é ✓ 中", "", "cr\rhere"]
        func fill(_ round: Int) throws {
            try first.write { writer in
                let tag = try writer.db.makeStatement(sql: "INSERT OR REPLACE INTO model_tags (model_id, key, value) VALUES (1, ?, ?)")
                let point = try writer.db.makeStatement(sql: "INSERT OR REPLACE INTO metric_points (model_id, name, at, value) VALUES (1, 'auc', ?, ?)")
                for i in 0..<count {
                    try tag.execute(arguments: ["k\(i)", "\(awkward[i % awkward.count])\(round)"])
                    try point.execute(arguments: [i, [Double.greatestFiniteMagnitude / 2, -0.0, 5e-324, 0.1, -1e300][i % 5] * Double(round)])
                }
            }
        }
        try fill(1)
        try fill(2)
        let second = try secondHost.open(readOnly: true)
        defer { try? second.close() }
        for sql in ["SELECT key, value FROM model_tags ORDER BY key", "SELECT at, value FROM metric_points ORDER BY at"] {
            let mine = try first.read { try Row.fetchAll($0.db, sql: sql) }
            let theirs = try second.read { try Row.fetchAll($0.db, sql: sql) }
            #expect(mine.count >= count && mine == theirs, "\(sql): the second host's rows differ")
        }
        #expect(try StoreDoctor.examine(second).isEmpty)
    }

    @Test("A write that fails — in its body, or refused by the server partway — lands in neither store")
    func failedWritesLandNowhere() throws {
        let server = try PostgresServer.shared.get()
        let url = try server.newDatabase("atomic")
        let host = try Host(url, server)
        let store = try host.open()
        defer { try? store.close() }
        try store.write { try $0.db.execute(sql: Self.team) }
        let database = PostgresServer.database(of: url)
        let before = try server.psql("SELECT change_seq FROM oversight_store", database: database)

        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.write { writer in
                try writer.db.execute(sql: "INSERT INTO teams (id, name) VALUES (2, 'risk')")
                throw Stop()
            }
        }
        // The server refuses one row of a write that touches two tables, as it would on a full disk.
        _ = try server.psql("""
            CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the server'; END $$;
            CREATE TRIGGER refuse_team BEFORE INSERT ON teams FOR EACH ROW WHEN (NEW.name = 'refused') EXECUTE FUNCTION refuse();
            """, database: database)
        #expect(throws: TeamStoreError.self) {
            try store.write { writer in
                try writer.db.execute(sql: "INSERT INTO models (id, name, team_id, owner, stage) VALUES (7, 'm7', 1, 'ana', 'staging')")
                try writer.db.execute(sql: "INSERT INTO teams (id, name) VALUES (3, 'refused')")
            }
        }
        #expect(try store.read { try Int.fetchOne($0.db, sql: "SELECT count(*) FROM teams") } == 1)
        #expect(try store.read { try Int.fetchOne($0.db, sql: "SELECT count(*) FROM models") } == 1)
        #expect(try server.psql("SELECT count(*) FROM teams", database: database) == "1")
        #expect(try server.psql("SELECT count(*) FROM models", database: database) == "1")
        #expect(try server.psql("SELECT change_seq FROM oversight_store", database: database) == before)
        // And the next write goes through as if nothing had happened.
        try store.write { try $0.db.execute(sql: "INSERT INTO teams (id, name) VALUES (4, 'growth')") }
        #expect(try server.psql("SELECT string_agg(name, ',' ORDER BY id) FROM teams", database: database) == "fraud,growth")
    }

    @Test("A database made anew under the same URL replaces this host's copy instead of mixing with it")
    func replacedStore() throws {
        let server = try PostgresServer.shared.get()
        let url = try server.newDatabase("anew")
        let host = try Host(url, server)
        let store = try host.open()
        try store.write { try $0.db.execute(sql: Self.team) }
        try store.close()
        let database = PostgresServer.database(of: url)
        _ = try server.psql("DROP SCHEMA public CASCADE; CREATE SCHEMA public", database: database)
        let again = try host.open()
        defer { try? again.close() }
        #expect(try again.read { try Int.fetchOne($0.db, sql: "SELECT count(*) FROM teams") } == 0)
    }
}
