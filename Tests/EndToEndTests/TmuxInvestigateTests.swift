import Foundation
import Testing
import TestSupport

/// Investigating and acting from the keyboard, through the real binary under tmux.
@Suite("Investigate and act under tmux", .serialized)
struct TmuxInvestigateTests {
    /// A store with the sample shifted to now, so its alerts are live.
    static func makeStore(_ environment: TestEnvironment) throws -> String {
        try TmuxDashboardTests.makeStore(environment)
    }

    static func alerts(_ store: String, _ environment: TestEnvironment) throws -> [[String: Any]] {
        let result = try ProcessRunner.oversight(["list", "alerts", "--json", "--store", store, "--as-of", "2026-01-12T09:00:00Z"],
                                                 environment: environment.variables)
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    @Test("Filtering the alerts by a model's name leaves only that model's alerts, and a then acknowledges one, as list shows")
    func filterThenAcknowledge() throws {
        let environment = TestEnvironment("tmux-ack")
        let store = try Self.makeStore(environment)
        var variables = environment.variables
        variables["USER"] = "e2e-engineer"
        let tmux = try TmuxSession(command: [RepoPaths.binary, "--store", store], environment: variables, width: 160, height: 48)
        defer { tmux.close() }
        #expect(try tmux.waitFor("3 Drift Alerts").matched)

        let model = "card-fraud-detector"
        let expected = try Self.alerts(store, environment).filter { ($0["model"] as? String) == model }
        try tmux.send("3", "/")
        try tmux.send("-l", model)
        try tmux.send("Enter")
        // The alerts panel is the bottom-left quarter: its rows hold only that model.
        func panelRows(_ screen: String) -> [String] {
            screen.split(separator: "\n").dropFirst(26).prefix(20)
                .map { String($0.prefix(80)) }.filter { $0.contains("◆") || $0.contains("▲") || $0.contains("●") }
        }
        let filtered = try tmux.waitFor { $0.contains("/\(model)  \(expected.count)/") && panelRows($0).count == min(expected.count, 20) }
        #expect(filtered.matched, "no filter in the title, or not its rows:\n\(filtered.screen)")
        #expect(panelRows(filtered.screen).allSatisfy { $0.contains("card-fraud") })

        // Find an open alert of that model and acknowledge it from the keyboard.
        let open = try #require(expected.first { ($0["status"] as? String) == "open" })
        let id = try #require(open["id"] as? String)
        try tmux.send("Enter")
        #expect(try tmux.waitFor("Drift Alerts › ").matched)
        try tmux.send("Escape")
        // Esc followed within the 25 ms escape delay by a would read as Alt-a; wait as a person would.
        #expect(try tmux.waitFor(all: ["3 Drift Alerts"], absent: ["Drift Alerts › "]).matched)
        try tmux.send("a")
        let done = try tmux.waitFor("acknowledged by e2e-engineer")
        #expect(done.matched, "no acknowledgement message:\n\(done.screen)")

        let after = try Self.alerts(store, environment)
        let acknowledged = after.filter { ($0["model"] as? String) == model && ($0["status"] as? String) == "acknowledged" }
        let event = acknowledged.compactMap { ($0["events"] as? [[String: Any]])?.last }
            .first { ($0["actor"] as? String) == "e2e-engineer" && ($0["kind"] as? String) == "acknowledged" }
        let summary = after.filter { ($0["model"] as? String) == model }
            .map { "\($0["id"] ?? "") \($0["status"] ?? "") \((($0["events"] as? [[String: Any]])?.last ?? [:]))" }
        #expect(event != nil, "no acknowledged event by e2e-engineer in list alerts --json (first open alert was \(id)): \(summary)")
    }

    @Test("At 120×36, Enter on an alert's detail follows its model, the title shows the path, and Esc comes back one step at a time")
    func followTheThread() throws {
        let environment = TestEnvironment("tmux-follow")
        let store = try Self.makeStore(environment)
        let tmux = try TmuxSession(command: [RepoPaths.binary, "--store", store], environment: environment.variables, width: 120, height: 36)
        defer { tmux.close() }
        #expect(try tmux.waitFor("3 Drift Alerts").matched)
        try tmux.send("3", "Enter")
        // The whole alert detail: its title and its model line (the link selected first).
        let opened = try tmux.waitFor { $0.contains("Drift Alerts › alert-") && $0.contains("Runs the drift triggered") }
        #expect(opened.matched, "no alert detail:\n\(opened.screen)")
        let id = try #require(opened.screen.firstMatch(of: /Drift Alerts › (alert-[0-9]+)/)?.1).description
        let model = try #require(opened.screen.firstMatch(of: /┃ model +([A-Za-z0-9_.-]+)/)?.1).description

        try tmux.send("Enter")
        let followed = try tmux.waitFor(all: ["Drift Alerts › \(id) › \(model)", "Open alerts ("])
        #expect(followed.matched, "Enter did not follow the alert's model:\n\(followed.screen)")
        try tmux.send("Escape")
        let back = try tmux.waitFor(all: ["Drift Alerts › \(id) ", "Runs the drift triggered"], absent: ["› \(model)"])
        #expect(back.matched, "Esc did not go back to the alert:\n\(back.screen)")
        try tmux.send("Escape")
        #expect(try tmux.waitFor(all: ["3 Drift Alerts"], absent: ["Drift Alerts › "]).matched)

        // :alert ID opens the same detail directly.
        try tmux.send(":")
        try tmux.send("-l", "alert \(id)")
        try tmux.send("Enter")
        #expect(try tmux.waitFor(all: ["Drift Alerts › \(id) ", "Runs the drift triggered"]).matched)
    }

    @Test("At 120×36, f fills the screen with Drift Alerts and the columns the grid drops (ids, assignee), f again brings the grid back; scrolling moves no column")
    func zoomAndStillColumns() throws {
        let environment = TestEnvironment("tmux-zoom")
        let store = try Self.makeStore(environment)
        let tmux = try TmuxSession(command: [RepoPaths.binary, "--store", store], environment: environment.variables, width: 120, height: 36)
        defer { tmux.close() }
        #expect(try tmux.waitFor("3 Drift Alerts").matched)
        try tmux.send("3")
        let grid = try tmux.waitFor { $0.contains("▶ 3 Drift Alerts") && $0.contains("1/") }
        let header = try #require(grid.screen.split(separator: "\n").first { $0.contains("SEVERITY") }).prefix(60)
        #expect(!header.contains("ASSIGNEE") && !header.contains("ID "))

        // Down to the 20th alert (past the open ones): the header stays as it was.
        for _ in 0..<19 { try tmux.send("j") }
        let scrolled = try tmux.waitFor { $0.contains("20/") }
        #expect(scrolled.matched, "the selection did not reach row 20:\n\(scrolled.screen)")
        let after = try #require(scrolled.screen.split(separator: "\n").first { $0.contains("SEVERITY") }).prefix(60)
        #expect(after == header, "the columns moved while scrolling:\n\(header)\n\(after)")

        try tmux.send("f")
        let zoomed = try tmux.waitFor(all: ["▶ 3 Drift Alerts", "ASSIGNEE", "alert-0"], absent: ["1 Models", "4 Maturity"])
        #expect(zoomed.matched, "no zoomed alerts with ids and assignees:\n\(zoomed.screen)")
        #expect(zoomed.screen.contains("f all panels"), "the footer does not say how to leave the zoom")
        try tmux.send("f")
        #expect(try tmux.waitFor(all: ["1 Models", "▶ 3 Drift Alerts", "4 Maturity"]).matched)
    }

    @Test("The header says when the screen refreshed; r says when it is done; p pauses (the header says so, with the data's time) and p resumes")
    func refreshAndPause() throws {
        let environment = TestEnvironment("tmux-pause")
        let store = try Self.makeStore(environment)
        let tmux = try TmuxSession(command: [RepoPaths.binary, "--store", store, "--refresh", "1"], environment: environment.variables,
                                   width: 120, height: 36)
        defer { tmux.close() }
        #expect(try tmux.waitFor(all: ["3 Drift Alerts", "refreshed "]).matched)
        try tmux.send("r")
        let refreshed = try tmux.waitFor("refreshed at ")
        #expect(refreshed.matched, "r gave no feedback:\n\(refreshed.screen)")
        try tmux.send("p")
        let paused = try tmux.waitFor(all: ["PAUSED · data as of", "p resumes"])
        #expect(paused.matched, "no paused header:\n\(paused.screen)")
        try tmux.send("p")
        let resumed = try tmux.waitFor(all: ["following the store again", "refreshed "], absent: ["PAUSED"])
        #expect(resumed.matched, "did not resume:\n\(resumed.screen)")
    }

    @Test("y puts the selected alert's id on the clipboard with OSC 52: tmux, set to take it, holds it in its paste buffer")
    func copyThroughOSC52() throws {
        let environment = TestEnvironment("tmux-copy")
        let store = try Self.makeStore(environment)
        let tmux = try TmuxSession(command: [RepoPaths.binary, "--store", store], environment: environment.variables, width: 120, height: 36)
        defer { tmux.close() }
        _ = try tmux.tmux(["set-option", "-g", "set-clipboard", "on"])
        #expect(try tmux.waitFor("3 Drift Alerts").matched)
        try tmux.send("3", "y")
        let copied = try tmux.waitFor { $0.contains("copied alert-") }
        #expect(copied.matched, "no copy message:\n\(copied.screen)")
        let id = try #require(copied.screen.firstMatch(of: /copied (alert-[0-9]+)/)?.1).description
        var buffer = ""
        for _ in 0..<50 where buffer != id {
            buffer = (try? tmux.tmux(["show-buffer"]).stdout) ?? ""
            if buffer != id { Thread.sleep(forTimeInterval: 0.1) }
        }
        #expect(buffer == id, "tmux's buffer holds '\(buffer)', not \(id)")
    }

    @Test("w widens the window to 90 days: the header's figures say 90d and the alert detail charts 90 days with dates")
    func windowKey() throws {
        // No store: the bundled sample, shifted so its newest event is now and its history in the window.
        let environment = TestEnvironment("tmux-window")
        let tmux = try TmuxSession(command: [RepoPaths.binary], environment: environment.variables, width: 160, height: 48)
        defer { tmux.close() }
        #expect(try tmux.waitFor(all: ["3 Drift Alerts", "deploys 30d"]).matched)
        try tmux.send("w")
        let wider = try tmux.waitFor(all: ["deploys 90d", "window: 90 days"])
        #expect(wider.matched, "the header does not show the 90-day window:\n\(wider.screen)")
        try tmux.send("3", "Enter")
        let chart = try tmux.waitFor(all: ["Score history, last 90 days", "threshold "])
        #expect(chart.matched, "no 90-day chart:\n\(chart.screen)")
        // The chart's axis: a line holding the window's dates.
        #expect(chart.screen.split(separator: "\n").contains { $0.matches(of: /20[0-9]{2}-[0-9]{2}-[0-9]{2}/).count >= 2 },
                "no line of dates under the chart:\n\(chart.screen)")
    }

    @Test("? shows the keys of the focused panel, and Esc closes it")
    func help() throws {
        let environment = TestEnvironment("tmux-help")
        let store = try Self.makeStore(environment)
        let tmux = try TmuxSession(command: [RepoPaths.binary, "--store", store], environment: environment.variables)
        defer { tmux.close() }
        #expect(try tmux.waitFor("3 Drift Alerts").matched)
        try tmux.send("3", "?")
        // The whole overlay, on a settled frame: its title is drawn before its lines.
        let help = try tmux.waitFor(all: ["Keys: Drift Alerts panel", "acknowledge the alert", "filter the rows"])
        #expect(help.matched, "no help overlay with the alert keys:\n\(help.screen)")
        try tmux.send("Escape")
        #expect(try tmux.waitFor(all: ["3 Drift Alerts"], absent: ["Keys: Drift Alerts panel"]).matched)
        try tmux.send("1", "?")
        let models = try tmux.waitFor(all: ["Keys: Models panel", "filter the rows"], absent: ["acknowledge the alert"])
        #expect(models.matched, "the Models help shows alert keys, or is not there:\n\(models.screen)")
    }

    @Test("Read-only refuses a and leaves the store unchanged")
    func readOnlyRefuses() throws {
        let environment = TestEnvironment("tmux-readonly")
        let store = try Self.makeStore(environment)
        let before = try StoreFingerprint(path: store)
        let tmux = try TmuxSession(command: [RepoPaths.binary, "--store", store, "--read-only"], environment: environment.variables)
        defer { tmux.close() }
        #expect(try tmux.waitFor("3 Drift Alerts").matched)
        try tmux.send("3", "a")
        let refused = try tmux.waitFor("read-only")
        #expect(refused.matched, "no read-only message:\n\(refused.screen)")
        try tmux.send("q")
        #expect(tmux.waitForExit(timeout: 5))
        #expect(try StoreFingerprint(path: store) == before)
    }

    @Test("An acknowledgement made in one dashboard shows in another on the same store, in its open detail, within a few refreshes")
    func twoDashboards() throws {
        let environment = TestEnvironment("tmux-two")
        let store = try Self.makeStore(environment)
        var variables = environment.variables
        variables["USER"] = "first-dashboard"
        let first = try TmuxSession(command: [RepoPaths.binary, "--store", store, "--refresh", "1"], environment: variables)
        defer { first.close() }
        let second = try TmuxSession(command: [RepoPaths.binary, "--store", store, "--refresh", "1"], environment: environment.variables)
        defer { second.close() }
        #expect(try first.waitFor("3 Drift Alerts").matched)
        #expect(try second.waitFor("3 Drift Alerts").matched)
        try second.send("3", "Enter")
        let detail = try second.waitFor("Timeline")
        #expect(detail.matched)
        try first.send("3", "a")
        #expect(try first.waitFor("acknowledged by first-dashboard").matched)
        let seen = try second.waitFor("acknowledged  by first-dashboard", timeout: 10)
        #expect(seen.matched, "the other dashboard never showed the acknowledgement:\n\(seen.screen)")
    }

    @Test("A broken theme file starts the dashboard with the default theme and says why; :theme switches live")
    func themes() throws {
        let environment = TestEnvironment("tmux-theme")
        let store = try Self.makeStore(environment)
        let broken = environment.root.write("broken.yaml", "name: broken\nroles:\n  warn: {fg: chartreuse-ish}\n")
        let tmux = try TmuxSession(command: [RepoPaths.binary, "--store", store, "--theme", broken], environment: environment.variables,
                                   width: 200, height: 48)
        defer { tmux.close() }
        let started = try tmux.waitFor(all: ["broken.yaml:3", "1 Models"])
        #expect(started.matched, "no theme message:\n\(started.screen)")
        try tmux.send(":", "t", "h", "e", "m", "e", "Space", "m", "o", "n", "o", "Enter")
        let switched = try tmux.waitFor("theme mono")
        #expect(switched.matched, "no switch:\n\(switched.screen)")
        try tmux.send("q")
        #expect(tmux.waitForExit(timeout: 5))
    }

    @Test("3 g a n TEXT Enter acknowledges and notes the same alert, and an alert another program inserts above it leaves it selected")
    func acknowledgeThenNoteSameAlert() throws {
        let environment = TestEnvironment("tmux-identity")
        let store = try Self.makeStore(environment)
        func alerts() throws -> [[String: Any]] { try Self.alerts(store, environment) }
        var variables = environment.variables
        variables["USER"] = "identity-test"
        let tmux = try TmuxSession(command: [RepoPaths.binary, "--store", store, "--refresh", "0.5"], environment: variables, width: 160, height: 48)
        defer { tmux.close() }
        #expect(try tmux.waitFor("3 Drift Alerts").matched)
        try tmux.send("3", "g", "a")
        let acked = try tmux.waitFor(" acknowledged by identity-test")
        #expect(acked.matched, "\(acked.screen)")
        let line = try #require(acked.screen.split(separator: "\n").first { $0.contains("acknowledged by identity-test") })
        let id = try #require(line.split(separator: " ").first { $0.hasPrefix("alert-") }.map(String.init))
        try tmux.send("n")
        #expect(try tmux.waitFor("Note on \(id):").matched, "the note prompt is not for the acknowledged alert")
        try tmux.send("-l", "checked with the feature owner")
        try tmux.send("Enter")
        #expect(try tmux.waitFor("\(id) noted by identity-test").matched)
        let alert = try #require(try alerts().first { $0["id"] as? String == id })
        let events = try #require(alert["events"] as? [[String: Any]])
        #expect(alert["status"] as? String == "acknowledged")
        #expect(events.last?["note"] as? String == "checked with the feature owner")
        #expect(events.dropLast().last?["kind"] as? String == "acknowledged")

        // Another program raises a critical alert, which sorts above the selected one.
        let count = try alerts().count
        let raised = try ProcessRunner.oversight(["record", "alert", "--store", store, "--model", "card-fraud-detector", "--feature", "inserted_above",
                                                  "--method", "psi", "--score", "0.9", "--threshold", "0.1", "--severity", "critical"],
                                                 environment: environment.variables)
        #expect(raised.status == 0, "\(raised.stderr)")
        #expect(try tmux.waitFor("/\(count + 1) ━").matched, "the new alert never reached the panel")
        try tmux.send("n")
        #expect(try tmux.waitFor("Note on \(id):").matched, "the insert moved the selection to another alert")
        try tmux.send("Escape")
    }

    @Test("z 90m Enter snoozes for 90 minutes (the suggested 4h is replaced, not appended to), and x on a resolved alert says so before any prompt")
    func snoozeAndRefusal() throws {
        let environment = TestEnvironment("tmux-prompts")
        let store = try Self.makeStore(environment)
        var variables = environment.variables
        variables["USER"] = "prompt-test"
        let tmux = try TmuxSession(command: [RepoPaths.binary, "--store", store], environment: variables, width: 160, height: 48)
        defer { tmux.close() }
        #expect(try tmux.waitFor("3 Drift Alerts").matched)
        try tmux.send("3", "g", "z")
        #expect(try tmux.waitFor("for (1h, 4h, 1d or e.g. 90m): 4h").matched)
        try tmux.send("9", "0", "m", "Enter")
        let snoozed = try tmux.waitFor(" snoozed until ")
        #expect(snoozed.matched, "\(snoozed.screen)")
        let line = try #require(snoozed.screen.split(separator: "\n").last { $0.contains(" snoozed until ") })
        let stamp = try #require(line.split(separator: " ").first { $0.hasPrefix("20") && $0.hasSuffix("Z") })
        let until = try #require(ISO8601DateFormatter().date(from: String(stamp)))
        let minutes = until.timeIntervalSinceNow / 60
        #expect(minutes > 85 && minutes < 95, "snoozed for \(Int(minutes)) minutes, not 90")

        // A resolved alert: x refuses at once, without a prompt to type a note into.
        try tmux.send("G")
        let resolved = try ForeignClient.strings(store, "SELECT count(*) FROM drift_alerts WHERE status = 'resolved'")
        try #require(Int(resolved.first ?? "0") ?? 0 > 0)
        try tmux.send("x")
        let refused = try tmux.waitFor(all: ["is already resolved"], absent: ["note (optional):"])
        #expect(refused.matched, "no refusal, or a prompt opened:\n\(refused.screen)")
    }
}
