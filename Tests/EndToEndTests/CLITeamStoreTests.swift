import Foundation
import Synchronization
import Testing
import TestSupport

/// Every command on a team store (issue 17), through the real binary and a real PostgreSQL
/// server: hosts are test environments with their own cache folders, so each keeps its own local
/// copy of the one team store, as two machines would.
@Suite("oversight on a team store")
struct CLITeamStoreTests {
    static let asOf = "2026-01-12T09:00:00Z"

    /// A host: its own HOME and XDG folders (so its own local copy), the server's password as PGPASSWORD.
    static func host(_ label: String, _ server: PostgresServer) -> TestEnvironment {
        var environment = TestEnvironment(label)
        environment.variables.merge(server.clientEnvironment) { $1 }
        return environment
    }

    static func run(_ arguments: [String], _ host: TestEnvironment) throws -> ProcessResult {
        try ProcessRunner.oversight(arguments, environment: host.variables)
    }

    @Test("The sample imported into a team store gives the same status and lists as a store file, for the portfolio and every team, on another host too")
    func sameFiguresAsAFile() throws {
        let server = try PostgresServer.shared.get()
        let url = try server.newDatabase("figures")
        let writer = Self.host("team-writer", server), reader = Self.host("team-reader", server), local = Self.host("team-file", server)
        let file = local.file("portfolio.sqlite")
        let imported = try Self.run(["import", "--store", url, RepoPaths.sampleData], writer)
        try #require(imported.status == 0, "\(imported.stderr)")
        #expect(try Self.run(["import", "--store", file, RepoPaths.sampleData], local).status == 0)

        let teams = try server.psql("SELECT name FROM teams ORDER BY name", database: PostgresServer.database(of: url)).split(separator: "\n").map(String.init)
        #expect(teams.count == 5, "\(teams)")
        for host in [writer, reader] {
            for team in [nil] + teams {
                let options = ["status", "--json", "--as-of", Self.asOf] + (team.map { ["--team", $0] } ?? [])
                let onTeam = try Self.run(options + ["--store", url], host), onFile = try Self.run(options + ["--store", file], local)
                #expect(onTeam.status == 0 && onFile.status == 0, "\(onTeam.stderr)\(onFile.stderr)")
                #expect(onTeam.stdout == onFile.stdout, "status \(team ?? "(all)") differs on the team store")
            }
            for what in ["models", "runs", "alerts", "maturity"] {
                let onTeam = try Self.run(["list", what, "--json", "--store", url], host)
                let onFile = try Self.run(["list", what, "--json", "--store", file], local)
                #expect(onTeam.status == 0 && onTeam.stdout == onFile.stdout, "list \(what) differs: \(onTeam.stderr)")
            }
        }
    }

    @Test("A write on one host is read by another, and a reader never sees a password it was not shown")
    func writesCrossHosts() throws {
        let server = try PostgresServer.shared.get()
        let url = try server.newDatabase("hosts")
        let first = Self.host("team-first", server), second = Self.host("team-second", server)
        #expect(try Self.run(["import", "--store", url, RepoPaths.sampleData], first).status == 0)
        #expect(try Self.run(["list", "alerts", "--store", url], second).stdout.contains("alert-0071"))
        let ack = try Self.run(["alert", "ack", "alert-0071", "--by", "ana", "--store", url], first)
        #expect(ack.status == 0, "\(ack.stderr)")
        let seen = try Self.run(["list", "alerts", "--json", "--store", url], second)
        #expect(seen.stdout.contains("\"acknowledged\""), "the second host does not see the first host's acknowledgement")
        let again = try Self.run(["alert", "ack", "alert-0071", "--by", "bo", "--store", url], second)
        #expect(again.status != 0 && again.stderr.contains("already acknowledged"), "\(again.stderr)")

        // A password in the URL works, is warned about, and appears in no output.
        var withPassword = url.replacingOccurrences(of: "oversight@", with: "oversight:\(server.password)@")
        withPassword = withPassword.replacingOccurrences(of: "postgres://", with: "postgresql://")
        var bare = second
        bare.variables["PGPASSWORD"] = nil
        let listed = try Self.run(["list", "models", "--store", withPassword], bare)
        #expect(listed.status == 0, "\(listed.stderr)")
        #expect(listed.stderr.contains("process list"))
        #expect(!(listed.stdout + listed.stderr).contains(server.password))
        let config = try ProcessRunner.oversight(["config"], environment: bare.variables.merging(["OVERSIGHT_STORE": withPassword]) { $1 })
        #expect(config.stdout.contains("postgresql://oversight:***@") && !config.stdout.contains(server.password), "\(config.stdout)")
    }

    @Test("Two hosts acknowledging one alert at once: exactly one succeeds, the other is refused, and one event is kept")
    func oneTransitionWins() throws {
        let server = try PostgresServer.shared.get()
        let url = try server.newDatabase("race")
        let hosts = (0..<4).map { Self.host("team-race-\($0)", server) }
        #expect(try Self.run(["import", "--store", url, RepoPaths.sampleData], hosts[0]).status == 0)
        let alerts = ["alert-0071", "alert-0069", "alert-0067", "alert-0065"]
        for alert in alerts {
            let results = Mutex<[ProcessResult?]>([])
            DispatchQueue.concurrentPerform(iterations: hosts.count) { index in
                let result = try? Self.run(["alert", "ack", alert, "--by", "host\(index)", "--store", url], hosts[index])
                results.withLock { $0.append(result) }
            }
            let all = results.withLock { $0 }.compactMap { $0 }
            #expect(all.count == hosts.count)
            #expect(all.filter { $0.status == 0 }.count == 1, "\(alert): \(all.map { "\($0.status) \($0.stderr)" })")
            #expect(all.filter { $0.status != 0 }.allSatisfy { $0.stderr.contains("already acknowledged") }, "\(all.map(\.stderr))")
            let events = try server.psql("""
                SELECT count(*) FROM alert_events e JOIN drift_alerts a ON a.id = e.alert_id
                WHERE a.external_id = '\(alert)' AND e.kind = 'acknowledged'
                """, database: PostgresServer.database(of: url))
            #expect(events == "1", "\(alert) has \(events) acknowledgements")
        }
    }

    @Test("With the grants of docs/TEAM-STORE.md a reader role reads and is refused writes (naming server, user and database), a writer role writes")
    func readerAndWriterRoles() throws {
        let server = try PostgresServer.shared.get()
        let url = try server.newDatabase("roles")
        let owner = Self.host("team-owner", server)
        #expect(try Self.run(["import", "--store", url, RepoPaths.sampleData], owner).status == 0)
        let database = PostgresServer.database(of: url)
        let suffix = UUID().uuidString.prefix(6).lowercased()
        let reader = "reader_\(suffix)", writer = "writer_\(suffix)"
        // The statements of docs/TEAM-STORE.md, with these names.
        _ = try server.psql("""
            CREATE ROLE \(reader) LOGIN PASSWORD 'readerpw';
            CREATE ROLE \(writer) LOGIN PASSWORD 'writerpw';
            GRANT CONNECT ON DATABASE \(database) TO \(reader), \(writer);
            """)
        _ = try server.psql("""
            GRANT USAGE ON SCHEMA public TO \(reader), \(writer);
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(reader);
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO \(writer);
            """, database: database)
        var readerHost = Self.host("team-role-reader", server), writerHost = Self.host("team-role-writer", server)
        readerHost.variables["PGPASSWORD"] = "readerpw"
        writerHost.variables["PGPASSWORD"] = "writerpw"
        let readerURL = url.replacingOccurrences(of: "oversight@", with: "\(reader)@")
        let writerURL = url.replacingOccurrences(of: "oversight@", with: "\(writer)@")
        let status = try Self.run(["status", "--json", "--as-of", Self.asOf, "--store", readerURL], readerHost)
        #expect(status.status == 0, "\(status.stderr)")
        let readOnly = try Self.run(["list", "runs", "--read-only", "--store", readerURL], readerHost)
        #expect(readOnly.status == 0, "\(readOnly.stderr)")
        let write = try Self.run(["alert", "ack", "alert-0071", "--store", readerURL], readerHost)
        #expect(write.status != 0)
        #expect(write.stderr.contains("permission denied") && write.stderr.contains("user \(reader)") && write.stderr.contains("database \(database)"),
                "\(write.stderr)")
        #expect(try server.psql("SELECT status FROM drift_alerts WHERE external_id = 'alert-0071'", database: database) == "open",
                "a refused write left something behind")
        let written = try Self.run(["alert", "ack", "alert-0071", "--by", "writer", "--store", writerURL], writerHost)
        #expect(written.status == 0, "\(written.stderr)")
        #expect(try server.psql("SELECT status FROM drift_alerts WHERE external_id = 'alert-0071'", database: database) == "acknowledged")
    }

    @Test("Unreachable, wrong password, missing database, no team store and a newer schema each get an error naming what failed")
    func errorsNameWhatFailed() throws {
        let server = try PostgresServer.shared.get()
        let host = Self.host("team-errors", server)
        let url = try server.newDatabase("errors")
        func failure(_ arguments: [String], _ environment: TestEnvironment = host) throws -> String {
            let result = try Self.run(arguments, environment)
            #expect(result.status != 0, "\(arguments) succeeded")
            #expect(!result.stderr.contains(server.password))
            return result.stderr
        }
        let closedPort = try failure(["status", "--store", "postgres://oversight@127.0.0.1:1/x?sslmode=disable"])
        #expect(closedPort.contains("cannot reach") && closedPort.contains("host 127.0.0.1, port 1, user oversight, database x"), "\(closedPort)")
        var wrong = host
        wrong.variables["PGPASSWORD"] = "wrong"
        let password = try failure(["status", "--store", url], wrong)
        #expect(password.contains("refused the login") && password.contains("user oversight"), "\(password)")
        let missing = try failure(["status", "--store", server.url("nosuchdb") + "?sslmode=disable"])
        #expect(missing.contains("no database nosuchdb"), "\(missing)")
        let empty = try failure(["status", "--store", url])
        #expect(empty.contains("holds no Oversight team store") && empty.contains("oversight init"), "\(empty)")
        #expect(try Self.run(["init", url], host).stdout.contains("is an Oversight team store"))
        _ = try server.psql("INSERT INTO oversight_migrations (identifier) VALUES ('v99-from-the-future')", database: PostgresServer.database(of: url))
        let newer = try failure(["status", "--store", url])
        #expect(newer.contains("newer Oversight") && newer.contains("v99-from-the-future"), "\(newer)")
        let write = try failure(["import", "--store", url, RepoPaths.sampleData])
        #expect(write.contains("newer Oversight"), "\(write)")
        #expect(try server.psql("SELECT count(*) FROM models", database: PostgresServer.database(of: url)) == "0")
    }

    @Test("copy moves a store file into a team store and back, every record and event kept, and refuses a target that holds anything")
    func copyInAndOut() throws {
        let server = try PostgresServer.shared.get()
        let url = try server.newDatabase("copy")
        let host = Self.host("team-copy", server)
        let file = host.file("source.sqlite"), back = host.file("back/portfolio.sqlite")
        #expect(try Self.run(["import", "--store", file, RepoPaths.sampleData], host).status == 0)
        #expect(try Self.run(["alert", "note", "alert-0071", "--note", "checked the feed", "--store", file], host).status == 0)

        let into = try Self.run(["copy", "--from", file, "--to", url], host)
        #expect(into.status == 0 && into.stdout.contains("copied"), "\(into.stderr)")
        let out = try Self.run(["copy", "--from", url, "--to", back], host)
        #expect(out.status == 0, "\(out.stderr)")
        for arguments in [["status", "--json", "--as-of", Self.asOf]] + ["models", "runs", "alerts", "maturity"].map({ ["list", $0, "--json"] }) {
            let outputs = try [file, url, back].map { store in try Self.run(arguments + ["--store", store], host) }
            #expect(outputs.allSatisfy { $0.status == 0 }, "\(outputs.map(\.stderr))")
            #expect(Set(outputs.map(\.stdout)).count == 1, "\(arguments) differs between the file, the team store and the copy back")
        }
        #expect(try server.psql("SELECT count(*) FROM alert_events WHERE note = 'checked the feed'", database: PostgresServer.database(of: url)) == "1")

        let again = try Self.run(["copy", "--from", file, "--to", url], host)
        #expect(again.status != 0 && again.stderr.contains("already holds") && again.stderr.contains("nothing was written"), "\(again.stderr)")
        let onto = try Self.run(["copy", "--from", url, "--to", file], host)
        #expect(onto.status != 0 && onto.stderr.contains("already holds"), "\(onto.stderr)")
    }

    @Test("Every other command works on a team store as on a file: generate, check, snapshot, record, simulate, doctor")
    func everyCommand() throws {
        let server = try PostgresServer.shared.get()
        let url = try server.newDatabase("commands")
        let host = Self.host("team-commands", server), other = Self.host("team-commands-other", server)
        let file = host.file("generated.sqlite")
        let generate = ["generate", "--models", "40", "--runs", "30000", "--alerts", "60", "--metric-points", "500", "--seed", "3",
                        "--as-of", Self.asOf]
        // 30 000 runs: the runs and their steps go by COPY, the small tables by multi-row inserts.
        let generated = try Self.run(generate + ["--store", url], host)
        #expect(generated.status == 0, "\(generated.stderr)")
        #expect(try Self.run(generate + ["--store", file], host).status == 0)
        let again = try Self.run(generate + ["--store", url], other)
        #expect(again.status != 0, "generate into a team store that holds data was not refused")
        for arguments in [["status", "--json", "--as-of", Self.asOf], ["list", "runs", "--json"], ["check"],
                          ["snapshot", "--width", "120", "--height", "36", "--as-of", Self.asOf]] {
            let onTeam = try Self.run(arguments + ["--store", url], other), onFile = try Self.run(arguments + ["--store", file], host)
            // A snapshot's first line names the store (a URL, a path); every other line is the same.
            func shown(_ result: ProcessResult) -> String {
                arguments[0] == "snapshot" ? result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
                    : result.stdout
            }
            #expect(onTeam.status == onFile.status && shown(onTeam) == shown(onFile), "\(arguments) differs on the team store: \(onTeam.stderr)")
        }
        let record = try Self.run(["record", "run", "--pipeline", "cmd-pipe", "--model", "cmd-model", "--kind", "training",
                                   "--status", "succeeded", "--id", "ci-1", "--store", url], host)
        // The generated store has no such model: refused as on a file, naming it.
        #expect(record.status != 0 && record.stderr.contains("cmd-model"), "\(record.stderr)")
        let model = try server.psql("SELECT name FROM models ORDER BY id LIMIT 1", database: PostgresServer.database(of: url))
        let pipeline = try server.psql("SELECT name FROM pipelines ORDER BY id LIMIT 1", database: PostgresServer.database(of: url))
        let recorded = try Self.run(["record", "run", "--pipeline", pipeline, "--model", model, "--kind", "training",
                                     "--status", "succeeded", "--id", "ci-1", "--store", url], host)
        #expect(recorded.status == 0, "\(recorded.stderr)")
        let simulated = try Self.run(["simulate", "--no-wait", "--steps", "20", "--seed", "5", "--store", url], other)
        #expect(simulated.status == 0, "\(simulated.stderr)")
        #expect(try Self.run(["list", "runs", "--json", "--store", url], host).stdout.contains("\"ci-1\""))
        for someone in [host, other] {
            let doctor = try Self.run(["doctor", "--store", url], someone)
            #expect(doctor.status == 0 && doctor.stdout.contains("healthy"), "\(doctor.stdout)\(doctor.stderr)")
        }
    }
}
