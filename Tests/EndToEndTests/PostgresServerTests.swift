import Foundation
import Testing
import TestSupport

/// The real PostgreSQL server the team-store tests run against (issue 17): the suite starts its
/// own cluster on loopback and stops it, leaving nothing behind.
@Suite("PostgreSQL for the tests", .serialized)
struct PostgresServerTests {
    @Test("A cluster starts on a free loopback port, answers with password authentication only, and stops leaving no server or folder")
    func startsAnswersStops() throws {
        let server = try PostgresServer(label: "pg-harness")
        let version = try server.psql("SHOW server_version_num")
        #expect((Int(version) ?? 0) >= 150_000, "\(version)")
        #expect(try server.psql("SELECT current_user") == "oversight")
        #expect(try server.psql("SHOW listen_addresses") == "127.0.0.1")
        #expect(try server.psql("SELECT name FROM pg_available_extensions WHERE name = 'pg_trgm'") == "pg_trgm")

        var wrong = ProcessInfo.processInfo.environment.merging(server.clientEnvironment) { $1 }
        wrong["PGPASSWORD"] = "not-the-password"
        let refused = try ProcessRunner.run("/usr/bin/psql", ["-X", "-A", "-t", "-d", "postgres", "-c", "SELECT 1"], environment: wrong)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("password authentication failed"), "\(refused.stderr)")

        server.stop()
        #expect(!FileManager.default.fileExists(atPath: server.folder))
        let after = try ProcessRunner.run("/usr/bin/psql", ["-X", "-A", "-t", "-d", "postgres", "-c", "SELECT 1"],
                                          environment: ProcessInfo.processInfo.environment.merging(server.clientEnvironment) { $1 })
        #expect(after.status != 0, "the server still answers after stop()")
    }
}
