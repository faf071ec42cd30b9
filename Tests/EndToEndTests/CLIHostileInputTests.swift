import Foundation
import Testing
import TestSupport

/// Input that is wrong, or built to hurt — an alias bomb, a line of 50 MB, a NUL inside a name,
/// dates that do not exist, empty names, a running run with a finish time, Python's NaN — is
/// refused with an error that names the file, line and field, and the store is left as it was.
@Suite("Hostile input")
struct CLIHostileInputTests {
    static func setUp(_ label: String) throws -> (TestEnvironment, String, StoreFingerprint) {
        let (environment, store) = try CLIWriterTests.setUp(label)
        return (environment, store, try StoreFingerprint(path: store))
    }

    static func run(_ arguments: [String], _ environment: TestEnvironment, stdin: String? = nil) throws -> ProcessResult {
        try ProcessRunner.oversight(arguments, environment: environment.variables, stdin: stdin)
    }

    @Test("A YAML alias bomb is refused at its first anchor, not expanded")
    func aliasBomb() throws {
        let (environment, store, before) = try Self.setUp("bomb")
        var lines = [#"a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]"#]
        let names = (0..<10).map { String(UnicodeScalar(UInt8(ascii: "a") + UInt8($0))) }
        for (previous, name) in zip(names, names.dropFirst()) {
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ",") + "]")
        }
        lines.append("teams: *j")
        let file = environment.root.write("bomb.yaml", lines.joined(separator: "\n") + "\n")
        let result = try Self.run(["import", "--store", store, file], environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains("bomb.yaml:1: YAML anchors and aliases (&name, *name) are not supported"), "\(result.stderr)")
        #expect(try StoreFingerprint(path: store) == before)
    }

    @Test("A line over 1 MiB is refused, in a file and in a stream, or skipped whole with --skip-invalid")
    func longLines() throws {
        let (environment, store, before) = try Self.setUp("long-line")
        let long = #"{"type":"metric","model":"card-fraud-detector","name":""# + String(repeating: "x", count: 3 << 20) + #"","value":1}"#
        let good = #"{"type":"metric","model":"card-fraud-detector","name":"after.long","value":1,"at":"2026-01-01T00:00:00Z"}"#
        let file = environment.root.write("long.ndjson", good + "\n" + long + "\n" + good + "\n")
        let refused = try Self.run(["ingest", "--store", store, file], environment)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("long.ndjson:2: the line is over"), "\(refused.stderr)")
        #expect(refused.stderr.contains("at most 1048576 (1 MiB) per event"))
        #expect(try StoreFingerprint(path: store) == before)
        let imported = try Self.run(["import", "--store", store, environment.root.write("long.jsonl", long + "\n")], environment)
        #expect(imported.status == 1)
        #expect(imported.stderr.contains("long.jsonl:1: the line is"), "\(imported.stderr)")

        let skipped = try Self.run(["ingest", "--store", store, "--skip-invalid", "--json", file], environment)
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stdout.contains(#""skipped":1"#) && skipped.stdout.contains(#""lines":3"#), "\(skipped.stdout)")
        #expect(skipped.stderr.contains("long.ndjson:2: the line is \(long.utf8.count) bytes long"), "\(skipped.stderr)")
    }

    @Test("A NUL inside text is refused, not cut short")
    func nul() throws {
        let (environment, store, before) = try Self.setUp("nul")
        let file = environment.root.write("nul.json", #"{"teams": [{"name": "a\u0000uc"}]}"#)
        let result = try Self.run(["import", "--store", store, file], environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains("field 'name': text holds a NUL character"), "\(result.stderr)")
        let line = #"{"type":"metric","model":"card-fraud-detector","name":"a\u0000uc","value":1}"#
        let ingested = try Self.run(["ingest", "--store", store], environment, stdin: line + "\n")
        #expect(ingested.status == 1)
        #expect(ingested.stderr.contains("field 'name': text holds a NUL character"), "\(ingested.stderr)")
        #expect(try StoreFingerprint(path: store) == before)
    }

    @Test("An import that finds nothing to import is an error; an empty event stream is not")
    func emptyInput() throws {
        let (environment, store, before) = try Self.setUp("empty")
        for (name, text) in [("empty.yaml", ""), ("comments.yaml", "# nothing yet\nformat: 1\n"), ("empty.json", "{}"), ("empty.ndjson", "\n\n")] {
            let result = try Self.run(["import", "--store", store, environment.root.write(name, text)], environment)
            #expect(result.status == 1, "\(name)")
            #expect(result.stderr.contains("\(name): holds no records"), "\(name): \(result.stderr)")
        }
        let folder = environment.file("no-data")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let none = try Self.run(["import", "--store", store, folder], environment)
        #expect(none.status == 1)
        #expect(none.stderr.contains("no .yaml, .yml, .json, .ndjson or .jsonl files to import"))
        let stream = try Self.run(["ingest", "--store", store], environment, stdin: "")
        #expect(stream.status == 0)
        #expect(stream.stdout.contains("ingested 0 lines"))
        #expect(stream.stderr.contains("held no events"))
        #expect(try StoreFingerprint(path: store) == before)
    }

    static let impossibleTimes = [
        "0000-01-01T00:00:00Z", "9999-01-01T00:00:00Z", "10000-01-01T00:00:00Z", "318857-01-01T00:00:00Z",
        "2026-02-30T00:00:00Z", "2025-02-29", "2026-01-10T24:00:00Z", "2026-01-10T14:03:60Z", "1969-12-31T23:59:59Z",
        "1970-01-01T00:30:00+01:00", "2026-01-10T14:03:00", "2026-1-10",
    ]

    @Test("Only real calendar times from 1970 to 2999 are accepted, in files, flags and --as-of; real edge dates are")
    func dates() throws {
        let (environment, store, before) = try Self.setUp("dates")
        for text in Self.impossibleTimes {
            let record = try Self.run(["record", "metric", "--store", store, "--model", "card-fraud-detector", "--name", "auc",
                                       "--value", "1", "--at", text], environment)
            #expect(record.status != 0, "--at \(text) was accepted")
            #expect(record.stderr.contains(text), "\(record.stderr)")
            let line = #"{"type":"metric","model":"card-fraud-detector","name":"auc","value":1,"at":"\#(text)"}"#
            let ingest = try Self.run(["ingest", "--store", store], environment, stdin: line + "\n")
            #expect(ingest.status == 1)
            #expect(ingest.stderr.contains("field 'at'"), "\(ingest.stderr)")
            let status = try Self.run(["status", "--store", store, "--as-of", text], environment)
            #expect(status.status != 0, "--as-of \(text) was accepted")
        }
        #expect(try StoreFingerprint(path: store) == before)
        for text in ["2024-02-29T12:00:00Z", "1970-01-01T00:00:00Z", "2999-12-31T23:59:59Z", "2026-01-10T14:03:00.250+02:00", "2026-01-10"] {
            let record = try Self.run(["record", "metric", "--store", store, "--model", "card-fraud-detector", "--name", "auc",
                                       "--value", "1", "--at", text], environment)
            #expect(record.status == 0, "\(text): \(record.stderr)")
        }
    }

    @Test("Empty ids and names are refused; negative numbers work as written; a running run cannot have finished")
    func recordArguments() throws {
        let (environment, store, before) = try Self.setUp("record-arguments")
        let run = ["record", "run", "--store", store, "--pipeline", "p1", "--model", "card-fraud-detector", "--kind", "training"]
        for arguments in [run + ["--id", ""], run.map { $0 == "p1" ? " " : $0 }, run + ["--name", ""]] {
            let result = try Self.run(arguments + ["--status", "running"], environment)
            #expect(result.status != 0, "\(arguments) was accepted")
            #expect(result.stderr.contains("expected non-empty text"), "\(arguments): \(result.stderr)")
        }
        let finished = try Self.run(run + ["--status", "running", "--finished", "2026-01-10T00:00:00Z"], environment)
        #expect(finished.status != 0)
        #expect(finished.stderr.contains("field 'finished': a running run has not finished"), "\(finished.stderr)")
        let metric = try Self.run(["record", "metric", "--store", store, "--model", "card-fraud-detector", "--name", "name ", "--value", "-5",
                                   "--at", "2026-01-02T00:00:00Z", "--json"], environment)
        #expect(metric.status == 0, "\(metric.stderr)")
        let score = try Self.run(["record", "alert", "--store", store, "--model", "card-fraud-detector", "--feature", "drift_x",
                                  "--method", "psi", "--score", "-0.3", "--threshold", "0.2"], environment)
        #expect(score.status == 0, "\(score.stderr)")
        let points = try ForeignClient.strings(store, "SELECT value FROM metric_points WHERE name = 'name '")
        #expect(points == ["-5.0"])
        let scores = try ForeignClient.strings(store, "SELECT score FROM drift_alerts WHERE feature = 'drift_x'")
        #expect(scores == ["-0.3"])
        #expect(try StoreFingerprint(path: store) != before)
    }

    @Test("Values beyond what they can mean are refused at the door: a level of 1e20, a snooze of 10^22 minutes, a folder to ingest")
    func outOfRange() throws {
        let (environment, store, before) = try Self.setUp("range")
        let maturity = environment.root.write("maturity.yaml", """
            maturity:
              - team: ML Platform
                component: governance
                assessed_at: 2026-01-01T00:00:00Z
                level: 1e20
            """)
        let level = try Self.run(["import", "--store", store, maturity], environment)
        #expect(level.status == 1)
        #expect(level.stderr.contains("field 'level': expected a whole number from 0 to 4; got 1e+20"), "\(level.stderr)")
        let snooze = try Self.run(["alert", "snooze", "alert-0065", "--store", store, "--for", "9999999999999999999999m"], environment)
        #expect(snooze.status != 0 && snooze.status < 128)
        #expect(snooze.stderr.contains("longer than a year"), "\(snooze.stderr)")
        let folder = try Self.run(["ingest", "--store", store, environment.root.path], environment)
        #expect(folder.status == 1)
        #expect(folder.stderr.contains("is a folder"), "\(folder.stderr)")
        #expect(try StoreFingerprint(path: store) == before)
    }

    @Test("An MLflow store holding values of the wrong type (a metric of 'high', a start time of text) imports the rest, and demo --speed 1e300 is refused")
    func mlflowWrongTypes() throws {
        let (environment, store, _) = try Self.setUp("mlflow-types")
        let mlflow = environment.file("mlflow.db")
        try FileManager.default.copyItem(atPath: RepoPaths.root + "/Tests/Fixtures/mlflow/mlflow-3.db", toPath: mlflow)
        try ForeignClient.execute(mlflow, """
            UPDATE metrics SET value = 'high' WHERE rowid IN (SELECT rowid FROM metrics LIMIT 3);
            UPDATE metrics SET timestamp = 'noon' WHERE rowid IN (SELECT rowid FROM metrics LIMIT 2 OFFSET 5);
            UPDATE runs SET start_time = 'soon', end_time = x'00' WHERE rowid IN (SELECT rowid FROM runs LIMIT 2);
            UPDATE runs SET name = 42 WHERE rowid IN (SELECT rowid FROM runs LIMIT 1 OFFSET 3);
            UPDATE model_versions SET version = 'v1' WHERE rowid IN (SELECT rowid FROM model_versions LIMIT 1);
            """)
        let imported = try Self.run(["import", "--store", store, "--format", "mlflow", mlflow], environment)
        #expect(imported.status == 0, "\(imported.stderr)")
        let demo = try Self.run(["demo", "--speed", "1e300"], environment)
        #expect(demo.status == 64)
        #expect(demo.stderr.contains("--speed must be above 0 and at most 10000"), "\(demo.stderr)")
    }

    @Test("Python's NaN in an Evidently report is named as the cause; a negative p-value is refused")
    func evidently() throws {
        let (environment, store, before) = try Self.setUp("evidently-nan")
        let original = try String(contentsOfFile: RepoPaths.root + "/Tests/Fixtures/evidently/small.json", encoding: .utf8)
        let nan = environment.root.write("nan.json", original.replacingOccurrences(of: "\"value\": 0.8483422371364409", with: "\"value\": NaN"))
        let result = try Self.run(["import", "--store", store, "--format", "evidently", "--model", "card-fraud-detector", nan], environment)
        #expect(result.status == 1)
        #expect(result.stderr.contains("nan.json:1: not JSON: 'NaN' at column"), "\(result.stderr)")
        #expect(result.stderr.contains("Python's json module"))
        let negative = environment.root.write("negative.json", original.replacingOccurrences(of: "\"value\": 0.8483422371364409", with: "\"value\": -0.2"))
        let refused = try Self.run(["import", "--store", store, "--format", "evidently", "--model", "card-fraud-detector", negative], environment)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("field 'value': expected a p-value from 0 to 1; got -0.2"), "\(refused.stderr)")
        #expect(try StoreFingerprint(path: store) == before)
    }
}
