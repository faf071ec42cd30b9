import Foundation
import Testing
import TestSupport

/// `oversight alert …` through the real binary, and two processes writing events at once.
@Suite("oversight alert")
struct CLIAlertLifecycleTests {
    static let asOf = "2026-01-12T09:00:00Z"

    /// A private store holding the sample, and an environment to run in.
    static func setUp(_ label: String) throws -> (TestEnvironment, String) {
        let environment = TestEnvironment(label)
        let store = environment.file("store.sqlite")
        let result = try ProcessRunner.oversight(["import", "--store", store, RepoPaths.sampleData], environment: environment.variables)
        try #require(result.status == 0, "import failed: \(result.stderr)")
        return (environment, store)
    }

    static func alerts(_ store: String, _ variables: [String: String]) throws -> [[String: Any]] {
        let result = try ProcessRunner.oversight(["list", "alerts", "--json", "--store", store, "--as-of", asOf], environment: variables)
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    static func alert(_ id: String, _ store: String, _ variables: [String: String]) throws -> [String: Any] {
        try #require(try alerts(store, variables).first { ($0["id"] as? String) == id })
    }

    static func lastEvent(_ alert: [String: Any]) -> [String: Any] {
        (alert["events"] as? [[String: Any]])?.last ?? [:]
    }

    static func firstID(status: String, _ store: String, _ variables: [String: String]) throws -> String {
        try #require(try alerts(store, variables).first { ($0["status"] as? String) == status }?["id"] as? String)
    }

    @Test("ack, assign, note, snooze, reopen and resolve each change the alert and append one event by the named actor")
    func everyCommand() throws {
        let (environment, store) = try Self.setUp("cli-alert")
        let variables = environment.variables
        let id = try Self.firstID(status: "open", store, variables)
        let steps: [([String], String, String)] = [
            (["ack"], "acknowledged", "acknowledged"),
            (["assign", "--to", "Chloe Martin"], "acknowledged", "assigned"),
            (["note", "--note", "checked the feed"], "acknowledged", "note"),
            (["snooze", "--for", "1d"], "snoozed", "snoozed"),
            (["reopen"], "open", "reopened"),
            (["resolve", "--note", "retrained"], "resolved", "resolved"),
        ]
        for (arguments, status, kind) in steps {
            let before = (try Self.alert(id, store, variables)["events"] as? [Any])?.count ?? 0
            let result = try ProcessRunner.oversight(["alert", arguments[0], id] + arguments.dropFirst() + ["--store", store, "--by", "Ops Bot"],
                                                     environment: variables)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
            let after = try Self.alert(id, store, variables)
            #expect(after["status"] as? String == status, "\(arguments)")
            #expect((after["events"] as? [Any])?.count == before + 1)
            let event = Self.lastEvent(after)
            #expect(event["kind"] as? String == kind)
            #expect(event["actor"] as? String == "Ops Bot")
        }
        let final = try Self.alert(id, store, variables)
        #expect(final["assignee"] as? String == "Chloe Martin")
        #expect(Self.lastEvent(final)["note"] as? String == "retrained")
    }

    @Test("Without --by the actor is $USER, and without USER the login name")
    func actorFallback() throws {
        let (environment, store) = try Self.setUp("cli-actor")
        var variables = environment.variables
        variables["USER"] = "night-shift"
        let id = try Self.firstID(status: "open", store, variables)
        #expect(try ProcessRunner.oversight(["alert", "note", id, "--note", "a", "--store", store], environment: variables).status == 0)
        #expect(Self.lastEvent(try Self.alert(id, store, variables))["actor"] as? String == "night-shift")
        variables["USER"] = nil
        #expect(try ProcessRunner.oversight(["alert", "note", id, "--note", "b", "--store", store], environment: variables).status == 0)
        let login = getpwuid(getuid()).map { String(cString: $0.pointee.pw_name) } ?? "unknown"
        #expect(Self.lastEvent(try Self.alert(id, store, variables))["actor"] as? String == login)
    }

    @Test("Disallowed transitions and unknown ids exit non-zero, say why, and write nothing")
    func refusals() throws {
        let (environment, store) = try Self.setUp("cli-refuse")
        let variables = environment.variables
        let open = try Self.firstID(status: "open", store, variables)
        let resolved = try Self.firstID(status: "resolved", store, variables)
        let acknowledged = try Self.firstID(status: "acknowledged", store, variables)
        let before = try StoreFingerprint(path: store)
        let cases: [([String], String)] = [
            (["ack", acknowledged], "already acknowledged"),
            (["reopen", open], "only a resolved or snoozed alert can be reopened"),
            (["ack", resolved], "resolved"),
            (["assign", resolved, "--to", "x"], "resolved"),
            (["ack", "no-such-alert"], "no-such-alert"),
        ]
        for (arguments, reason) in cases {
            let result = try ProcessRunner.oversight(["alert"] + arguments + ["--store", store], environment: variables)
            #expect(result.status != 0, "\(arguments) should fail")
            #expect(result.stderr.contains(reason), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("nothing was written"))
        }
        let badDuration = try ProcessRunner.oversight(["alert", "snooze", open, "--for", "soon", "--store", store], environment: variables)
        #expect(badDuration.status != 0)
        #expect(badDuration.stderr.contains("soon"))
        #expect(try StoreFingerprint(path: store) == before)
    }

    @Test("--read-only and OVERSIGHT_READ_ONLY=1 make alert and import refuse, leaving the store unchanged")
    func readOnly() throws {
        let (environment, store) = try Self.setUp("cli-readonly")
        let open = try Self.firstID(status: "open", store, environment.variables)
        let before = try StoreFingerprint(path: store)
        let flag = try ProcessRunner.oversight(["alert", "ack", open, "--store", store, "--read-only"], environment: environment.variables)
        #expect(flag.status != 0)
        #expect(flag.stderr.contains("read-only"))
        var variables = environment.variables
        variables["OVERSIGHT_READ_ONLY"] = "1"
        let env = try ProcessRunner.oversight(["alert", "ack", open, "--store", store], environment: variables)
        #expect(env.status != 0)
        #expect(env.stderr.contains("read-only"))
        let importing = try ProcessRunner.oversight(["import", "--store", store, RepoPaths.sampleData], environment: variables)
        #expect(importing.status != 0)
        #expect(importing.stderr.contains("read-only"))
        let listing = try ProcessRunner.oversight(["list", "alerts", "--store", store], environment: variables)
        #expect(listing.status == 0, "reading still works read-only: \(listing.stderr)")
        #expect(try StoreFingerprint(path: store) == before)
    }

    @Test("An alert command on a store that does not exist fails and creates nothing")
    func missingStore() throws {
        let environment = TestEnvironment("cli-missing")
        let path = environment.file("nowhere/store.sqlite")
        let result = try ProcessRunner.oversight(["alert", "ack", "alert-0001", "--store", path], environment: environment.variables)
        #expect(result.status != 0)
        #expect(result.stderr.contains("no store"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("Two processes appending notes to the same alerts at the same time lose none and never report a locked database")
    func concurrentWriters() throws {
        let (environment, store) = try Self.setUp("cli-concurrent")
        let variables = environment.variables
        let ids = try Self.alerts(store, variables).filter { ($0["status"] as? String) != "resolved" }.prefix(2)
            .compactMap { $0["id"] as? String }
        try #require(ids.count == 2)
        let perProcess = 15
        // Each process is a shell loop of real `oversight alert note` calls, alternating alerts.
        let script = """
            i=1; while [ $i -le \(perProcess) ]; do
              "$0" alert note "$1" --note "$3-$i" --store "$4" --by "$3" || exit 1
              "$0" alert note "$2" --note "$3-$i" --store "$4" --by "$3" || exit 1
              i=$((i+1)); done
            """
        nonisolated(unsafe) var results: [ProcessResult?] = [nil, nil]
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            results[index] = try? ProcessRunner.run("/bin/sh", ["-c", script, RepoPaths.binary, ids[0], ids[1], "writer\(index)", store],
                                                    environment: variables, timeout: 300)
        }
        for result in results {
            let result = try #require(result)
            #expect(result.status == 0, "a writer failed: \(result.stderr)")
            #expect(!result.stderr.lowercased().contains("locked"))
        }
        for id in ids {
            let notes = (try Self.alert(id, store, variables)["events"] as? [[String: Any]] ?? [])
                .filter { ($0["kind"] as? String) == "note" }.compactMap { $0["note"] as? String }
            for writer in ["writer0", "writer1"] {
                let mine = Set(notes.filter { $0.hasPrefix(writer + "-") })
                #expect(mine.count == perProcess, "\(id): \(writer) has \(mine.count) of \(perProcess) notes")
            }
        }
    }
}
