import Foundation
import Testing
import TestSupport

/// Hostile text — an OSC 52 clipboard write, a colour change, a C1 CSI, NEL, DEL, bidi overrides
/// and isolates — written through every writer and echoed back by every command, on success and
/// in errors: no output of the real binary carries one of them raw. JSON keeps the exact text as
/// `\uXXXX` escapes.
@Suite("Hostile text on every output")
struct CLIHostileTextTests {
    static let hostile = "ev\u{1B}]52;c;aGk=\u{07}\u{1B}[31mil\u{9B}2J\u{85}\u{202E}\u{2066}\u{200F}\u{7F}x"
    /// The same text escaped for a JSON or YAML double-quoted string.
    static let escaped = "ev\\u001b]52;c;aGk=\\u0007\\u001b[31mil\\u009b2J\\u0085\\u202e\\u2066\\u200f\\u007fx"

    /// Every raw control, C1 and bidi scalar in `bytes`, or "not UTF-8". With `sgr`, `ESC [ … m`
    /// colour sequences are the program's own and allowed.
    static func rawControls(_ bytes: String, sgr: Bool = false) -> [String] {
        var found: [String] = []
        let scalars = Array(bytes.unicodeScalars)
        var i = 0
        while i < scalars.count {
            let v = scalars[i].value
            if sgr, v == 0x1B, i + 1 < scalars.count, scalars[i + 1] == "[" {
                var j = i + 2
                while j < scalars.count, "0123456789;".unicodeScalars.contains(scalars[j]) { j += 1 }
                if j < scalars.count, scalars[j] == "m" { i = j + 1; continue }
            }
            let bidi = (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F || v == 0x061C
            if (v < 0x20 && v != 0x0A) || (0x7F...0x9F).contains(v) || bidi {
                found.append(String(format: "U+%04X", v))
            }
            i += 1
        }
        return found
    }

    static func scan(_ result: ProcessResult, sgr: Bool = false) -> [String] {
        rawControls(result.stdout, sgr: sgr) + rawControls(result.stderr)
    }

    @Test("No command prints a raw control, C1 or bidi character, whatever the store, the files or the arguments hold")
    func everyOutputIsInert() throws {
        let environment = TestEnvironment("hostile-text")
        let store = environment.file("store.sqlite")
        let h = Self.hostile, e = Self.escaped
        var problems: [String] = []
        func run(_ arguments: [String], stdin: String? = nil, sgr: Bool = false, _ note: String = "") throws -> ProcessResult {
            let result = try ProcessRunner.oversight(arguments, environment: environment.variables, stdin: stdin)
            let found = Self.scan(result, sgr: sgr)
            if !found.isEmpty { problems.append("\(note.isEmpty ? arguments.prefix(3).joined(separator: " ") : note): \(Set(found).sorted())") }
            if result.status >= 128 { problems.append("\(arguments.prefix(3).joined(separator: " ")): exit \(result.status)") }
            return result
        }

        // Writers, each printing what it wrote.
        let data = environment.root.write("hostile.yaml", """
            teams:
              - name: "T\(e)"
                lead: "\(e)"
            pipelines:
              - name: "P\(e)"
                team: "T\(e)"
            models:
              - name: "M\(e)"
                team: "T\(e)"
                owner: "\(e)"
                stage: production
                business_value: 100
            """)
        #expect(try run(["import", "--store", store, RepoPaths.sampleData]).status == 0)
        #expect(try run(["import", "--store", store, data]).status == 0)
        let model = "M\(h)"
        #expect(try run(["record", "run", "--store", store, "--pipeline", "new\(h)", "--model", model, "--kind", "training",
                         "--status", "failed", "--id", "run\(h)", "--error", h, "--by", h, "--commit", h, "--name", h]).status == 0)
        #expect(try run(["record", "metric", "--store", store, "--model", model, "--name", "auc\(h)", "--value", "0.9"]).status == 0)
        #expect(try run(["record", "alert", "--store", store, "--model", model, "--feature", "f\(h)", "--method", "psi",
                         "--score", "0.9", "--threshold", "0.2", "--id", "alert\(h)", "--by", h]).status == 0)
        let lines = """
            {"type": "run", "id": "i\(e)", "pipeline": "ingested\(e)", "model": "M\(e)", "kind": "training", "status": "running", "error": "\(e)"}
            {"type": "metric", "model": "M\(e)", "name": "m\(e)", "value": 1}
            {"type": "alert", "model": "M\(e)", "feature": "g\(e)", "method": "ks", "score": 0.001, "threshold": 0.05, "actor": "\(e)"}
            """
        #expect(try run(["ingest", "--store", store], stdin: lines + "\n").status == 0)
        #expect(try run(["ingest", "--store", store, "--json"], stdin: lines + "\n").status == 0)
        for action in [["ack", "--note", h], ["assign", "--to", h], ["note", "--note", h], ["snooze", "--for", "1h"],
                       ["resolve", "--note", h], ["reopen"]] {
            _ = try run(["alert", action[0], "alert\(h)", "--store", store, "--by", h] + action.dropFirst(), "alert \(action[0])")
        }
        let report = try String(contentsOfFile: RepoPaths.root + "/Tests/Fixtures/evidently/small.json", encoding: .utf8)
            .replacingOccurrences(of: "\"amount\"", with: "\"amount\(e)\"")
            .replacingOccurrences(of: "column=amount,", with: "column=amount\(e),")
        let reportPath = environment.root.write("evidently.json", report)
        #expect(try run(["import", "--store", store, "--format", "evidently", "--model", model, reportPath]).status == 0)
        let mlflow = environment.file("mlflow.db")
        try FileManager.default.copyItem(atPath: RepoPaths.root + "/Tests/Fixtures/mlflow/mlflow-3.db", toPath: mlflow)
        try ForeignClient.execute(mlflow, "UPDATE experiments SET name = name || '\(h)'; UPDATE runs SET user_id = '\(h)'")
        #expect(try run(["import", "--store", store, "--format", "mlflow", "--team", "T\(h)", mlflow]).status == 0)

        // Readers.
        let ids = try ForeignClient.strings(store, "SELECT external_id FROM drift_alerts WHERE feature LIKE '%x' LIMIT 3")
            + ["alert\(h)"]
        for what in ["models", "runs", "alerts", "maturity"] {
            _ = try run(["list", what, "--store", store])
            _ = try run(["list", what, "--store", store, "--json"])
        }
        for arguments in [["status"], ["status", "--json"], ["check"], ["config"], ["snapshot", "--width", "200", "--height", "60"],
                          ["snapshot", "--color", "--width", "200", "--height", "60"],
                          ["snapshot", "--detail", "model:\(model)"], ["snapshot", "--detail", "run:run\(h)"],
                          ["snapshot", "--detail", "team:T\(h)"], ["snapshot", "--detail", "portfolio"]] + ids.map { ["snapshot", "--detail", "alert:\($0)"] } {
            _ = try run(arguments + ["--store", store], sgr: arguments.contains("--color"), arguments.joined(separator: " "))
        }

        // Errors that echo what they were given.
        let badYAML = environment.root.write("bad.yaml", "models:\n  - name: \"B\(e)\"\n    team: \"nope\(e)\"\n    owner: x\n    stage: \"s\(e)\"\n")
        let badJSON = environment.root.write("bad.ndjson", "{\"type\": \"run\(e)\"}\n")
        try FileManager.default.createDirectory(atPath: environment.file("config/oversight"), withIntermediateDirectories: true)
        for arguments in [["record", "run", "--store", store, "--pipeline", "p", "--model", "m", "--kind", h, "--status", "running"],
                          ["record", "run", "--store", store, "--pipeline", "p", "--model", h, "--kind", "training", "--status", "running"],
                          ["record", "metric", "--store", store, "--model", h, "--name", "x", "--value", "1"],
                          ["record", "alert", "--store", store, "--model", model, "--feature", "f", "--method", h, "--score", "1", "--threshold", "1"],
                          ["import", "--store", store, badYAML], ["import", "--store", store, badJSON],
                          ["ingest", "--store", store, badJSON],
                          ["alert", "ack", h, "--store", store], ["alert", "snooze", "alert\(h)", "--for", h, "--store", store],
                          ["snapshot", "--store", store, "--theme", h], ["snapshot", "--store", store, "--detail", "model:\(h)"],
                          ["list", h, "--store", store], ["status", "--store", store, "--team", h],
                          ["list", "models", "--store", environment.file("missing\(h).sqlite")]] {
            let result = try run(arguments, arguments.prefix(3).joined(separator: " ") + " (error)")
            #expect(result.status != 0, "\(arguments) should fail")
        }
        environment.root.write("config/oversight/config.yaml", "theme: \"\(e)\"\n")
        _ = try run(["config"], "config with a hostile theme")
        _ = try run(["snapshot", "--store", store], "snapshot with a hostile configured theme")

        #expect(problems.isEmpty, "\(problems.count) outputs carry raw controls:\n\(problems.joined(separator: "\n"))")
    }

    @Test("A line break in stored text cannot forge a line of output: check's status line, a created pipeline, an error listing names")
    func lineBreaksStayInTheirLine() throws {
        let environment = TestEnvironment("hostile-lines")
        let store = environment.file("store.sqlite")
        let forged = "OVERSIGHT OK - 0 critical"
        let data = environment.root.write("lines.yaml", """
            teams:
              - name: "pay\\n\(forged)"
            models:
              - name: "m1"
                team: "pay\\n\(forged)"
                owner: o
                stage: production
            """)
        let imported = try ProcessRunner.oversight(["import", "--store", store, data], environment: environment.variables)
        try #require(imported.status == 0, "\(imported.stderr)")
        func lines(_ text: String) -> [Substring] { text.split(separator: "\n") }

        let check = try ProcessRunner.oversight(["check", "--store", store, "--team", "pay"], environment: environment.variables)
        #expect(lines(check.stdout).count == 1 && check.stdout.hasPrefix("OVERSIGHT OK - 0 critical, 0 warning alerts active in pay "),
                "\(check.stdout)")
        let record = try ProcessRunner.oversight(["record", "run", "--store", store, "--pipeline", "p\n\(forged)", "--model", "m1",
                                                  "--kind", "training", "--status", "queued"], environment: environment.variables)
        #expect(record.status == 0 && lines(record.stdout).count == 2 && record.stdout.hasPrefix("created pipeline 'p \(forged)'\n"),
                "\(record.stdout)\(record.stderr)")
        let status = try ProcessRunner.oversight(["status", "--store", store, "--team", "zzz"], environment: environment.variables)
        #expect(status.status != 0 && lines(status.stderr).count == 1 && status.stderr.contains("pay \(forged)"), "\(status.stderr)")
    }

    @Test("JSON keeps hostile text exact, with every unsafe character escaped")
    func jsonKeepsTextExact() throws {
        let environment = TestEnvironment("hostile-json")
        let store = environment.file("store.sqlite")
        #expect(try ProcessRunner.oversight(["import", "--store", store, RepoPaths.sampleData], environment: environment.variables).status == 0)
        let assign = try ProcessRunner.oversight(["alert", "assign", "alert-0065", "--to", Self.hostile, "--store", store],
                                                 environment: environment.variables)
        #expect(assign.status == 0, "\(assign.stderr)")
        let result = try ProcessRunner.oversight(["list", "alerts", "--json", "--store", store], environment: environment.variables)
        #expect(Self.rawControls(result.stdout).isEmpty)
        #expect(result.stdout.contains("\\u202E"))
        let alerts = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let alert = try #require(alerts.first { $0["id"] as? String == "alert-0065" })
        #expect(alert["assignee"] as? String == Self.hostile)
    }
}
