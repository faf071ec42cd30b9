import Foundation
import Testing
import TestSupport

/// A dashboard on a team store under tmux (issue 17): a commit by another host shows without a
/// restart, and a PostgreSQL restart under it is survived in the open. The server here is the
/// suite's own (it is stopped and started), not the shared one.
@Suite("Dashboard on a team store under tmux", .serialized)
struct TmuxTeamStoreTests {
    @Test("Another host's commit shows live; a server restart shows 'store unreachable since', and the dashboard catches up after it")
    func liveThroughARestart() throws {
        let server = try PostgresServer(label: "pg-restart", settings: ["log_statement=all"])
        defer { server.stop() }
        let url = try server.newDatabase("live")
        let writer = CLITeamStoreTests.host("team-live-writer", server), watcher = CLITeamStoreTests.host("team-live-watcher", server)
        #expect(try CLITeamStoreTests.run(["import", "--store", url, RepoPaths.sampleData], writer).status == 0)

        let tmux = try TmuxSession(command: [RepoPaths.binary, "--store", url, "--refresh", "1"], environment: watcher.variables,
                                   width: 160, height: 48)
        defer { tmux.close() }
        let opened = try tmux.waitFor(all: ["3 Drift Alerts", "card-fraud-detector", "postgres://oversight@127.0.0.1"])
        #expect(opened.matched, "the dashboard on the team store never showed:\n\(opened.screen)")

        // At rest, a dashboard costs the server one cheap question every 3 s: over 7.5 s, at most
        // four reads of the counter and nothing else.
        let before = server.log.count
        Thread.sleep(forTimeInterval: 7.5)
        let atRest = server.log.dropFirst(before).split(separator: "\n").filter { $0.contains("statement: ") || $0.contains("execute ") }
        // (The follower's LISTEN may fall in the window on a loaded machine: it is its start.)
        let counterReads = atRest.filter { $0.contains("SELECT change_seq FROM oversight_store") }
        #expect(counterReads.count <= 4 && atRest.allSatisfy { $0.contains("SELECT change_seq FROM oversight_store") || $0.contains("LISTEN ") },
                "\(atRest)")

        /// Another host imports a production model worth enough to head the Models panel.
        func importModel(_ name: String, value: Int) throws {
            let file = writer.root.write("\(name).yaml", """
                models:
                  - name: \(name)
                    team: Clinical AI
                    owner: ana
                    stage: production
                    business_value: \(value)
                """)
            #expect(try CLITeamStoreTests.run(["import", "--store", url, file], writer).status == 0)
        }
        let marker = "zz-live-team-model"
        try importModel(marker, value: 99_000_000_000)
        let live = try tmux.waitFor(marker, timeout: 30)
        #expect(live.matched, "another host's commit did not show:\n\(live.screen)")

        // A stream being ingested when the server goes: one line a second.
        let stream = Process()
        stream.executableURL = URL(fileURLWithPath: "/bin/sh")
        stream.arguments = ["-c", #"""
            for i in 1 2 3 4 5 6 7 8 9; do
              echo "{\"type\":\"metric\",\"model\":\"card-fraud-detector\",\"name\":\"outage_auc\",\"value\":0.5,\"at\":\"2026-01-0${i}T00:00:00Z\"}"
              sleep 1
            done | "$OVERSIGHT" ingest --store "$STORE"
            """#]
        stream.environment = writer.variables.merging(["OVERSIGHT": RepoPaths.binary, "STORE": url]) { $1 }
        let errors = Pipe()
        stream.standardError = errors
        stream.standardOutput = FileHandle.nullDevice
        try stream.run()
        // Until at least one batch is in.
        var waited = 0
        while waited < 300, (try? server.psql("SELECT count(*) FROM metric_points WHERE name = 'outage_auc'", database: PostgresServer.database(of: url))) ?? "0" == "0" {
            Thread.sleep(forTimeInterval: 0.1)
            waited += 1
        }

        try server.stopServer()
        stream.waitUntilExit()
        let streamErrors = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        // Refused at connect, or cut off mid-batch while the server shuts down: either way it says so.
        #expect(stream.terminationStatus != 0 && (streamErrors.contains("cannot reach") || streamErrors.contains("lost the connection"))
                && streamErrors.contains("resume from line"), "\(streamErrors)")
        let down = try tmux.waitFor("store unreachable since", timeout: 30)
        #expect(down.matched, "the outage is not shown:\n\(down.screen)")
        #expect(down.screen.contains(marker), "the dashboard stopped showing the last data it read")
        let refused = try CLITeamStoreTests.run(["alert", "ack", "alert-0069", "--store", url], writer)
        #expect(refused.status != 0 && refused.stderr.contains("cannot reach"), "\(refused.stderr)")
        // An acknowledgement typed during the outage is kept, to be retried with R.
        try tmux.send("3")
        #expect(try tmux.waitFor("▶ 3 Drift Alerts").matched)
        try tmux.send("a")
        let kept = try tmux.waitFor("not saved: acknowledge alert-0071", timeout: 30)
        #expect(kept.matched, "the action typed during the outage was not kept:\n\(kept.screen)")

        try server.startServer()
        // What was committed is exactly the lines before the one to resume from.
        let resume = streamErrors.components(separatedBy: "resume from line ").last.flatMap { Int($0.prefix { $0.isNumber }) } ?? 0
        #expect(try server.psql("SELECT count(*) FROM metric_points WHERE name = 'outage_auc'", database: PostgresServer.database(of: url))
                == "\(resume - 1)")
        let back = try tmux.waitFor(all: ["3 Drift Alerts"], absent: ["store unreachable"], timeout: 30)
        #expect(back.matched, "the dashboard did not reconnect:\n\(back.screen)")
        try tmux.send("R")
        let retried = try tmux.waitFor("alert-0071 acknowledged by", timeout: 30)
        #expect(retried.matched, "R did not save the kept action:\n\(retried.screen)")
        #expect(try server.psql("SELECT status FROM drift_alerts WHERE external_id = 'alert-0071'", database: PostgresServer.database(of: url))
                == "acknowledged")
        let after = "zz-after-restart-model"
        try importModel(after, value: 98_000_000_000)
        #expect(try tmux.waitFor(after, timeout: 30).matched, "no catch-up after the restart")
        try tmux.send("q")
        #expect(tmux.waitForExit(timeout: 10), "q did not end the program")
    }
}
