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
        let server = try PostgresServer(label: "pg-restart")
        defer { server.stop() }
        let url = try server.newDatabase("live")
        let writer = CLITeamStoreTests.host("team-live-writer", server), watcher = CLITeamStoreTests.host("team-live-watcher", server)
        #expect(try CLITeamStoreTests.run(["import", "--store", url, RepoPaths.sampleData], writer).status == 0)

        let tmux = try TmuxSession(command: [RepoPaths.binary, "--store", url, "--refresh", "1"], environment: watcher.variables,
                                   width: 160, height: 48)
        defer { tmux.close() }
        let opened = try tmux.waitFor(all: ["3 Drift Alerts", "card-fraud-detector", "postgres://oversight@127.0.0.1"])
        #expect(opened.matched, "the dashboard on the team store never showed:\n\(opened.screen)")

        let marker = "zz-live-team-model"
        let file = writer.root.write("live.yaml", """
            models:
              - name: \(marker)
                team: Clinical AI
                owner: ana
                stage: production
                business_value: 99000000000
            """)
        #expect(try CLITeamStoreTests.run(["import", "--store", url, file], writer).status == 0)
        let live = try tmux.waitFor(marker, timeout: 30)
        #expect(live.matched, "another host's commit did not show:\n\(live.screen)")

        try server.stopServer()
        let down = try tmux.waitFor("store unreachable since", timeout: 30)
        #expect(down.matched, "the outage is not shown:\n\(down.screen)")
        #expect(down.screen.contains(marker), "the dashboard stopped showing the last data it read")
        let refused = try CLITeamStoreTests.run(["alert", "ack", "alert-0071", "--store", url], writer)
        #expect(refused.status != 0 && refused.stderr.contains("cannot reach"), "\(refused.stderr)")

        try server.startServer()
        let back = try tmux.waitFor(all: ["3 Drift Alerts"], absent: ["store unreachable"], timeout: 30)
        #expect(back.matched, "the dashboard did not reconnect:\n\(back.screen)")
        let after = "zz-after-restart-model"
        let second = writer.root.write("after.yaml", """
            models:
              - name: \(after)
                team: Clinical AI
                owner: ana
                stage: production
                business_value: 98000000000
            """)
        #expect(try CLITeamStoreTests.run(["import", "--store", url, second], writer).status == 0)
        #expect(try tmux.waitFor(after, timeout: 30).matched, "no catch-up after the restart")
        try tmux.send("q")
        #expect(tmux.waitForExit(timeout: 10), "q did not end the program")
    }
}
