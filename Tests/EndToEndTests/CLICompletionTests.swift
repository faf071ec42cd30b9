import Foundation
import Testing
import TestSupport

/// Shell completion that knows the store: the generated scripts call the binary back for an
/// argument that takes a model, a team, a run or an alert, and it answers from the store the
/// command line names (or the configured one), at most a screenful, through each key's index.
@Suite("Shell completion from the store")
struct CLICompletionTests {
    /// What the binary answers when a shell asks for `argument` of `command`, the line typed
    /// being `words` and the word being completed the last of them.
    static func complete(_ command: [String], argument: String, words: [String], environment: [String: String]) throws -> [String] {
        let current = words.count - 1
        let cursor = words.last?.count ?? 0
        let result = try ProcessRunner.oversight(["---completion"] + command + ["--", argument, "\(current)", "\(cursor)"] + words,
                                                 environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout.split(separator: "\n").map(String.init)
    }

    static let store: (environment: TestEnvironment, path: String) = {
        let environment = TestEnvironment("completion")
        let path = environment.file("store.sqlite")
        let result = try! ProcessRunner.oversight(["import", RepoPaths.sampleData, "--store", path], environment: environment.variables)
        precondition(result.status == 0, result.stderr)
        return (environment, path)
    }()

    @Test("An alert id completes from the store --store names; a model, a team and a run id likewise")
    func keysFromTheNamedStore() throws {
        let (environment, path) = Self.store
        let variables = environment.variables
        let alerts = try Self.complete(["alert", "ack"], argument: "positional@0",
                                       words: ["oversight", "alert", "ack", "--store", path, "alert-007"], environment: variables)
        #expect(alerts == ["alert-0070", "alert-0071"], "\(alerts)")
        let models = try Self.complete(["record", "metric"], argument: "--model",
                                       words: ["oversight", "record", "metric", "--store=\(path)", "--model", "card"], environment: variables)
        #expect(models == ["card-fraud-detector"])
        let teams = try Self.complete(["status"], argument: "--team", words: ["oversight", "status", "--store", path, "--team", "Cl"],
                                      environment: variables)
        #expect(teams == ["Clinical AI"])
        let runs = try Self.complete(["record", "run"], argument: "--id", words: ["oversight", "record", "run", "--store", path, "--id", "run-00171"],
                                     environment: variables)
        #expect(runs.count == 10 && runs.allSatisfy { $0.hasPrefix("run-00171") }, "\(runs)")
    }

    @Test("Without --store, completion reads the configured store; snapshot --detail completes the kind, then the kind's keys")
    func configuredStoreAndDetailTargets() throws {
        let (environment, path) = Self.store
        var variables = environment.variables
        variables["OVERSIGHT_STORE"] = path
        let kinds = try Self.complete(["snapshot"], argument: "--detail", words: ["oversight", "snapshot", "--detail", ""], environment: variables)
        #expect(kinds == ["model:", "run:", "alert:", "team:", "portfolio"])
        let alerts = try Self.complete(["snapshot"], argument: "--detail", words: ["oversight", "snapshot", "--detail", "alert:alert-000"],
                                       environment: variables)
        #expect(alerts.first == "alert:alert-0001", "\(alerts)")
        #expect(alerts.allSatisfy { $0.hasPrefix("alert:alert-000") })
    }

    @Test("Completion offers at most 200 candidates, and none (without an error) when there is no store")
    func boundedAndQuiet() throws {
        let (environment, path) = Self.store
        let everything = try Self.complete(["record", "run"], argument: "--id", words: ["oversight", "record", "run", "--store", path, "--id", ""],
                                           environment: environment.variables)
        #expect(everything.count == 200)
        #expect(everything == everything.sorted())
        let none = try Self.complete(["alert", "ack"], argument: "positional@0",
                                     words: ["oversight", "alert", "ack", "--store", environment.file("missing.sqlite"), "a"],
                                     environment: environment.variables)
        #expect(none.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: environment.file("missing.sqlite")))
    }

    @Test("The generated bash, zsh and fish scripts call the binary back for the store's keys")
    func scriptsCallBack() throws {
        let environment = TestEnvironment("completion-scripts").variables
        for shell in ["bash", "zsh", "fish"] {
            let script = try ProcessRunner.oversight(["--generate-completion-script", shell], environment: environment)
            #expect(script.status == 0)
            #expect(script.stdout.contains("---completion alert ack -- positional@0"), "\(shell)")
            #expect(script.stdout.contains("---completion status -- --team"), "\(shell)")
        }
    }

    @Test("A key holding an escape sequence or a line break is never offered: the shell would print it on the terminal")
    func hostileKeysAreLeftOut() throws {
        let environment = TestEnvironment("completion-hostile")
        let store = environment.file("store.sqlite")
        #expect(try ProcessRunner.oversight(["init", store], environment: environment.variables).status == 0)
        let events = [#"{"type":"team","name":"T"}"#,
                      #"{"type":"model","name":"evil\u001b]52;c;aGk=\u0007model","team":"T","owner":"o","stage":"staging"}"#,
                      #"{"type":"model","name":"evil-but-plain","team":"T","owner":"o","stage":"staging"}"#,
                      #"{"type":"model","name":"evil\nsplit","team":"T","owner":"o","stage":"staging"}"#].joined(separator: "\n") + "\n"
        let ingested = try ProcessRunner.oversight(["ingest", "--store", store, "--skip-invalid"], environment: environment.variables, stdin: events)
        #expect(ingested.status == 0, "\(ingested.stderr)")
        let models = try Self.complete(["record", "metric"], argument: "--model",
                                       words: ["oversight", "record", "metric", "--store", store, "--model", "evil"], environment: environment.variables)
        #expect(models == ["evil-but-plain"], "\(models.map { $0.unicodeScalars.map { $0.value } })")
    }
}
