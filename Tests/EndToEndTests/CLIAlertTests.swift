import Foundation
import Portfolio
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `oversight alert ack|assign|note|snooze|resolve|reopen ID` through the real binary, on private
/// copies of a store made by `oversight import`, checked through `list alerts --json`.
@Suite("oversight alert: lifecycle commands")
struct CLIAlertTests {
    /// The sample's anchor: every sample snooze is still running then, so statuses are as stored.
    static let anchor = "2026-01-12T09:00:00Z"

    /// One store per test process made by `oversight import --store S sample-data`; tests copy it.
    enum Imported {
        static let environment = TestEnvironment("cli-alert-template")
        static let store = environment.file("template/portfolio.sqlite")
        static let result: ProcessResult = {
            atexit { try? FileManager.default.removeItem(atPath: Imported.environment.root.path) }
            return try! ProcessRunner.oversight(["import", "--store", store, RepoPaths.sampleData], environment: environment.variables)
        }()
    }

    /// A fresh environment and a private copy of the imported sample store inside it.
    static func setUp(_ label: String) throws -> (environment: TestEnvironment, store: String) {
        try #require(Imported.result.status == 0, "import failed: \(Imported.result.stderr)")
        let environment = TestEnvironment(label)
        let store = environment.file("store/portfolio.sqlite")
        try FileManager.default.createDirectory(atPath: environment.file("store"), withIntermediateDirectories: true)
        for suffix in ["", "-wal"] where FileManager.default.fileExists(atPath: Imported.store + suffix) {
            try FileManager.default.copyItem(atPath: Imported.store + suffix, toPath: store + suffix)
        }
        return (environment, store)
    }

    /// `oversight alert ARGS --store S`.
    static func runAlert(_ arguments: [String], store: String, _ variables: [String: String]) throws -> ProcessResult {
        try ProcessRunner.oversight(["alert"] + arguments + ["--store", store], environment: variables)
    }

    /// `oversight list alerts --json --store S --as-of T` (default: now), parsed.
    static func alerts(_ store: String, _ variables: [String: String], asOf: String? = nil) throws -> [[String: Any]] {
        let result = try ProcessRunner.oversight(["list", "alerts", "--json", "--store", store, "--as-of", asOf ?? ISOTime.format(Date())],
                                                 environment: variables)
        try #require(result.status == 0, "list alerts failed: \(result.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
    }

    static func alert(_ id: String, _ store: String, _ variables: [String: String]) throws -> [String: Any] {
        try #require(try alerts(store, variables).first { $0["id"] as? String == id }, "no alert \(id) in the list")
    }

    static func events(_ alert: [String: Any]) -> [[String: Any]] {
        alert["events"] as? [[String: Any]] ?? []
    }

    /// The ids of sample alerts with this status at the anchor (as stored).
    static func ids(status: String, _ store: String, _ variables: [String: String]) throws -> [String] {
        let ids = try alerts(store, variables, asOf: anchor).filter { $0["status"] as? String == status }.compactMap { $0["id"] as? String }
        try #require(!ids.isEmpty, "the sample has no \(status) alert")
        return ids
    }

    /// Events compared as strings, so `[String: Any]` can be compared.
    static func describe(_ events: [[String: Any]]) -> [String] {
        events.map { event in ["kind", "actor", "at", "note"].map { "\(event[$0] ?? "missing")" }.joined(separator: "|") }
    }

    static func time(_ value: Any?) -> Date? { (value as? String).flatMap(ISOTime.parse) }

    /// The login name the password database gives this process: the actor when neither --by nor USER says.
    static var loginName: String {
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return "unknown" }
        return String(cString: name)
    }

    // MARK: - Each command

    @Test("ack, assign, note, snooze, reopen and resolve each succeed and show in list alerts --json, the new event last")
    func everyCommand() throws {
        let (environment, store) = try Self.setUp("cli-alert-every")
        let variables = environment.variables
        let id = try Self.ids(status: "open", store, variables)[0]
        struct Step {
            var arguments: [String]
            var status: String
            var kind: String
            var note: String?
            var output: String
        }
        let steps = [
            Step(arguments: ["ack"], status: "acknowledged", kind: "acknowledged", note: nil, output: "acknowledged by Ops Bot; now acknowledged"),
            Step(arguments: ["assign", "--to", "Chloe Martin"], status: "acknowledged", kind: "assigned", note: "assigned to Chloe Martin",
                 output: "assigned to Chloe Martin by Ops Bot; now acknowledged, assigned to Chloe Martin"),
            Step(arguments: ["note", "--note", "Checked the upstream feed"], status: "acknowledged", kind: "note",
                 note: "Checked the upstream feed", output: "noted by Ops Bot"),
            Step(arguments: ["snooze", "--for", "1d"], status: "snoozed", kind: "snoozed", note: nil, output: "snoozed until"),
            Step(arguments: ["reopen"], status: "open", kind: "reopened", note: nil, output: "reopened by Ops Bot; now open"),
            Step(arguments: ["resolve", "--note", "Retrained on recent data"], status: "resolved", kind: "resolved",
                 note: "Retrained on recent data", output: "resolved by Ops Bot; now resolved"),
            Step(arguments: ["reopen"], status: "open", kind: "reopened", note: nil, output: "now open"),
            Step(arguments: ["note", "--note", "Seen again after the retrain"], status: "open", kind: "note",
                 note: "Seen again after the retrain", output: "noted"),
            Step(arguments: ["resolve"], status: "resolved", kind: "resolved", note: nil, output: "now resolved"),
        ]
        for step in steps {
            let before = try Self.alert(id, store, variables)
            let started = Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down))
            let result = try Self.runAlert([step.arguments[0], id] + step.arguments.dropFirst() + ["--by", "Ops Bot"], store: store, variables)
            let finished = Date()
            #expect(result.status == 0, "\(step.arguments): \(result.stderr)")
            #expect(result.stdout.hasPrefix(id + " "), "\(step.arguments): \(result.stdout)")
            #expect(result.stdout.contains(step.output), "\(step.arguments): \(result.stdout)")

            let after = try Self.alert(id, store, variables)
            #expect(after["status"] as? String == step.status, "\(step.arguments)")
            let events = Self.events(after)
            #expect(events.count == Self.events(before).count + 1, "\(step.arguments): one event appended")
            #expect(Self.describe(Array(events.dropLast())) == Self.describe(Self.events(before)), "earlier events untouched")
            let event = try #require(events.last)
            #expect(event["kind"] as? String == step.kind, "\(step.arguments)")
            #expect(event["actor"] as? String == "Ops Bot")
            let at = try #require(Self.time(event["at"]))
            #expect(at >= started && at <= finished, "\(step.arguments): event at \(at) outside \(started)…\(finished)")
            if step.kind == "snoozed" {
                let until = try #require(Self.time(after["snoozed_until"]))
                // The deadline is counted from the command's start, at most a second before the event.
                #expect((86_399...86_400).contains(until.timeIntervalSince(at)), "snoozed until \(until), event at \(at)")
                #expect(event["note"] as? String == "until " + ISOTime.format(until))
            } else if let note = step.note {
                #expect(event["note"] as? String == note, "\(step.arguments)")
            } else {
                #expect(event["note"] is NSNull, "\(step.arguments): \(event["note"] ?? "missing")")
            }
            if step.status != "snoozed" { #expect(after["snoozed_until"] is NSNull, "\(step.arguments)") }
        }
        let final = try Self.alert(id, store, variables)
        #expect(final["assignee"] as? String == "Chloe Martin")
        #expect(Self.events(final).suffix(steps.count).map { $0["kind"] as? String } == steps.map(\.kind))
    }

    @Test("snooze takes 1h, 4h, 1d or a typed duration (default 4h); the alert lists as snoozed until then")
    func snoozeDurations() throws {
        let (environment, store) = try Self.setUp("cli-alert-snooze")
        let variables = environment.variables
        let ids = try Self.ids(status: "open", store, variables) + Self.ids(status: "acknowledged", store, variables)
        let durations: [(String?, TimeInterval)] = [("1h", 3600), ("4h", 14_400), ("1d", 86_400), ("90m", 5400), ("1h30m", 5400), (nil, 14_400)]
        try #require(ids.count >= durations.count)
        for ((text, seconds), id) in zip(durations, ids) {
            let result = try Self.runAlert(["snooze", id] + (text.map { ["--for", $0] } ?? []), store: store, variables)
            #expect(result.status == 0, "\(text ?? "default"): \(result.stderr)")
            let after = try Self.alert(id, store, variables)
            #expect(after["status"] as? String == "snoozed")
            let at = try #require(Self.time(Self.events(after).last?["at"]))
            let until = try #require(Self.time(after["snoozed_until"]))
            #expect((seconds - 1...seconds).contains(until.timeIntervalSince(at)), "\(text ?? "default"): \(until) after \(at)")
            #expect(Self.events(after).last?["kind"] as? String == "snoozed")
            // Once the deadline passes the same alert lists as open again.
            let later = try Self.alerts(store, variables, asOf: ISOTime.format(until + 1)).first { $0["id"] as? String == id }
            #expect(later?["status"] as? String == "open", "\(text ?? "default"): after its snooze")
        }
    }

    @Test("ack --note acknowledges and then adds the note, by the same actor")
    func ackWithNote() throws {
        let (environment, store) = try Self.setUp("cli-alert-ack-note")
        let variables = environment.variables
        let id = try Self.ids(status: "open", store, variables)[0]
        let before = Self.events(try Self.alert(id, store, variables)).count
        let result = try Self.runAlert(["ack", id, "--note", "Looking into it", "--by", "Chloe Martin"], store: store, variables)
        #expect(result.status == 0, "\(result.stderr)")
        let after = try Self.alert(id, store, variables)
        #expect(after["status"] as? String == "acknowledged")
        let new = Self.events(after).dropFirst(before).map { [$0["kind"] as? String, $0["actor"] as? String, $0["note"] as? String] }
        #expect(new == [["acknowledged", "Chloe Martin", nil], ["note", "Chloe Martin", "Looking into it"]])
    }

    // MARK: - Who acts

    @Test("--by names the actor; without it $USER; without USER (or with it empty) the login name")
    func actor() throws {
        let (environment, store) = try Self.setUp("cli-alert-actor")
        var variables = environment.variables
        let id = try Self.ids(status: "open", store, variables)[0]
        func lastActor() throws -> String? { Self.events(try Self.alert(id, store, variables)).last?["actor"] as? String }

        variables["USER"] = "night-shift"
        #expect(try Self.runAlert(["note", id, "--note", "by flag", "--by", "Ops Bot"], store: store, variables).status == 0)
        #expect(try lastActor() == "Ops Bot", "--by wins over USER")
        #expect(try Self.runAlert(["note", id, "--note", "blank flag", "--by", "  "], store: store, variables).status == 0)
        #expect(try lastActor() == "night-shift", "a blank --by falls back to USER")
        #expect(try Self.runAlert(["note", id, "--note", "from USER"], store: store, variables).status == 0)
        #expect(try lastActor() == "night-shift")

        variables["USER"] = nil
        #expect(try Self.runAlert(["note", id, "--note", "no USER"], store: store, variables).status == 0)
        #expect(try lastActor() == Self.loginName)
        variables["USER"] = ""
        #expect(try Self.runAlert(["note", id, "--note", "empty USER"], store: store, variables).status == 0)
        #expect(try lastActor() == Self.loginName)
        #expect(Self.loginName != "unknown", "this process has a password-database entry")
    }

    // MARK: - Refusals

    @Test("Disallowed transitions exit non-zero, say why on stderr, and leave the store unchanged")
    func disallowedTransitions() throws {
        let (environment, store) = try Self.setUp("cli-alert-refuse")
        let variables = environment.variables
        let open = try Self.ids(status: "open", store, variables)
        let resolved = try Self.ids(status: "resolved", store, variables)[0]
        // Ack once (allowed), then refusals only.
        #expect(try Self.runAlert(["ack", open[0]], store: store, variables).status == 0)
        let before = try StoreFingerprint(path: store)
        let cases: [([String], [String])] = [
            (["ack", open[0]], ["alert \(open[0]) is already acknowledged"]),
            (["reopen", open[1]], ["alert \(open[1]) is open", "only a resolved or snoozed alert can be reopened"]),
            (["reopen", open[0]], ["alert \(open[0]) is acknowledged", "only a resolved or snoozed alert can be reopened"]),
            (["ack", resolved], ["alert \(resolved) is resolved", "reopen it before acknowledging"]),
            (["assign", resolved, "--to", "Chloe Martin"], ["alert \(resolved) is resolved", "reopen it before assigning"]),
            (["snooze", resolved, "--for", "1h"], ["alert \(resolved) is resolved", "nothing to snooze"]),
            (["resolve", resolved, "--note", "again"], ["alert \(resolved) is already resolved"]),
            (["note", open[1], "--note", "   "], ["a note needs some text"]),
            (["assign", open[1], "--to", " "], ["assign needs a name"]),
        ]
        for (arguments, reasons) in cases {
            let result = try Self.runAlert(arguments, store: store, variables)
            #expect(result.status != 0, "\(arguments) should fail")
            for reason in reasons { #expect(result.stderr.contains(reason), "\(arguments): \(result.stderr)") }
            #expect(result.stderr.contains("nothing was written"), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty, "\(arguments): \(result.stdout)")
        }
        for duration in ["soon", "4", "0h", "4x"] {
            let result = try Self.runAlert(["snooze", open[1], "--for", duration], store: store, variables)
            #expect(result.status != 0, "--for \(duration) should fail")
            #expect(result.stderr.contains("'\(duration)'"), "\(duration): \(result.stderr)")
            #expect(result.stderr.contains("duration"), "\(duration): \(result.stderr)")
        }
        #expect(try StoreFingerprint(path: store) == before)
    }

    @Test("ack --note with a blank note acknowledges without a note (as resolve does), and exits 0")
    func ackWithBlankNote() throws {
        // Once the blank note was refused only after the acknowledgement had been written: exit 1
        // and "nothing was written", with the store changed.
        let (environment, store) = try Self.setUp("cli-alert-ack-blank")
        let variables = environment.variables
        let id = try Self.ids(status: "open", store, variables)[0]
        let before = Self.events(try Self.alert(id, store, variables))
        let result = try Self.runAlert(["ack", id, "--note", "  ", "--by", "Ops Bot"], store: store, variables)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("nothing was written"), "\(result.stderr)")
        let after = try Self.alert(id, store, variables)
        #expect(after["status"] as? String == "acknowledged")
        let new = Self.events(after).dropFirst(before.count)
        #expect(new.map { $0["kind"] as? String } == ["acknowledged"])
        #expect(new.first?["note"] is NSNull)
    }

    @Test("An unknown id exits non-zero naming the id, for every command, and writes nothing")
    func unknownID() throws {
        let (environment, store) = try Self.setUp("cli-alert-unknown")
        let variables = environment.variables
        let before = try StoreFingerprint(path: store)
        let commands: [[String]] = [
            ["ack", "alert-9999"], ["assign", "alert-9999", "--to", "Chloe"], ["note", "alert-9999", "--note", "x"],
            ["snooze", "alert-9999", "--for", "1h"], ["resolve", "alert-9999"], ["reopen", "alert-9999"],
        ]
        for arguments in commands {
            let result = try Self.runAlert(arguments, store: store, variables)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains("no alert with id 'alert-9999'"), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("nothing was written"), "\(arguments): \(result.stderr)")
        }
        #expect(try StoreFingerprint(path: store) == before)
    }

    // MARK: - Read-only

    @Test("OVERSIGHT_READ_ONLY=1 makes every alert command and import refuse, store unchanged; they offer no --read-only flag, which only a reader takes")
    func readOnly() throws {
        let (environment, store) = try Self.setUp("cli-alert-readonly")
        let variables = environment.variables
        let open = try Self.ids(status: "open", store, variables)[0]
        let resolved = try Self.ids(status: "resolved", store, variables)[0]
        let before = try StoreFingerprint(path: store)
        let writes: [[String]] = [
            ["alert", "ack", open], ["alert", "assign", open, "--to", "Chloe"], ["alert", "note", open, "--note", "x"],
            ["alert", "snooze", open, "--for", "1h"], ["alert", "resolve", open], ["alert", "reopen", resolved],
            ["import", RepoPaths.sampleData],
        ]
        var readOnlyVariables = variables
        readOnlyVariables["OVERSIGHT_READ_ONLY"] = "1"
        for arguments in writes {
            let refused = try ProcessRunner.oversight(arguments + ["--store", store], environment: readOnlyVariables)
            #expect(refused.status == 1, "\(arguments) should fail")
            #expect(refused.stderr.contains("read-only mode (OVERSIGHT_READ_ONLY, or read_only in config.yaml): refusing to write"), "\(arguments): \(refused.stderr)")
            let flag = try ProcessRunner.oversight(arguments + ["--store", store, "--read-only"], environment: variables)
            #expect(flag.status == 64, "\(arguments) --read-only")
            #expect(flag.stderr.contains("Unknown option '--read-only'"), "\(arguments): \(flag.stderr)")
        }
        // Reading still works read-only.
        let listing = try ProcessRunner.oversight(["list", "alerts", "--json", "--store", store, "--read-only"], environment: variables)
        #expect(listing.status == 0, "\(listing.stderr)")
        let listingEnv = try ProcessRunner.oversight(["list", "alerts", "--json", "--store", store], environment: readOnlyVariables)
        #expect(listingEnv.status == 0, "\(listingEnv.stderr)")
        #expect(try StoreFingerprint(path: store) == before)

        // OVERSIGHT_READ_ONLY=0 is not read-only.
        var writable = variables
        writable["OVERSIGHT_READ_ONLY"] = "0"
        #expect(try Self.runAlert(["note", open, "--note", "writable"], store: store, writable).status == 0)
        #expect(try StoreFingerprint(path: store) != before)
    }

    // MARK: - Missing store

    @Test("An alert command on a store that does not exist fails and creates no file")
    func missingStore() throws {
        let environment = TestEnvironment("cli-alert-missing")
        let inMissingFolder = environment.file("nowhere/portfolio.sqlite")
        let inExistingFolder = environment.file("portfolio.sqlite")
        for path in [inMissingFolder, inExistingFolder] {
            for arguments in [["ack", "alert-0001"], ["note", "alert-0001", "--note", "x"], ["snooze", "alert-0001", "--for", "1h"]] {
                let result = try Self.runAlert(arguments, store: path, environment.variables)
                #expect(result.status != 0, "\(arguments) on \(path)")
                #expect(result.stderr.contains("no store at \(path)"), "\(result.stderr)")
                #expect(!FileManager.default.fileExists(atPath: path))
            }
        }
        #expect(!FileManager.default.fileExists(atPath: environment.file("nowhere")))
        // Without --store the default store is used, and it is not created either.
        let result = try ProcessRunner.oversight(["alert", "ack", "alert-0001"], environment: environment.variables)
        #expect(result.status != 0)
        #expect(result.stderr.contains("no store"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: environment.defaultStorePath))
    }
}
