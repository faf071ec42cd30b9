import Foundation
import Testing
import TestSupport

/// The command line explains itself: every option has a help line, discussions read as
/// paragraphs, errors show the usage of the command that failed, a mistyped command is answered
/// with the one it is close to, and options that would mean nothing are not offered.
@Suite("The command line explains itself")
struct CLIHelpTests {
    /// One command of the tree as argument-parser describes it to tools.
    struct Described {
        let path: [String]
        let node: [String: Any]

        var name: String { path.joined(separator: " ") }
        var arguments: [[String: Any]] { node["arguments"] as? [[String: Any]] ?? [] }

        /// The long names of the options and flags it offers.
        var longNames: Set<String> {
            Set(arguments.flatMap { argument in
                (argument["names"] as? [[String: Any]] ?? []).filter { $0["kind"] as? String == "long" }.compactMap { $0["name"] as? String }
            })
        }
    }

    /// Every command, from `oversight --experimental-dump-help`.
    static func commands() throws -> [Described] {
        let result = try ProcessRunner.oversight(["--experimental-dump-help"], environment: TestEnvironment("dump-help").variables)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        var found: [Described] = []
        func walk(_ node: [String: Any], _ path: [String]) {
            found.append(Described(path: path, node: node))
            for sub in node["subcommands"] as? [[String: Any]] ?? [] {
                walk(sub, path + [sub["commandName"] as? String ?? "?"])
            }
        }
        walk(json?["command"] as? [String: Any] ?? [:], ["oversight"])
        return found.filter { $0.path.last != "help" }
    }

    @Test("Every option, flag and positional argument of every command has a one-line help, and every command an abstract")
    func everyArgumentHasHelp() throws {
        let commands = try Self.commands()
        #expect(commands.count > 20)
        var blank: [String] = []
        for command in commands {
            if (command.node["abstract"] as? String ?? "").isEmpty { blank.append("\(command.name): no abstract") }
            for argument in command.arguments where argument["shouldDisplay"] as? Bool ?? true {
                let abstract = (argument["abstract"] as? String ?? "").trimmingCharacters(in: .whitespaces)
                let name = (argument["preferredName"] as? [String: Any])?["name"] as? String ?? argument["valueName"] as? String ?? "?"
                if abstract.isEmpty { blank.append("\(command.name) \(name)") }
                if abstract.contains("\n") { blank.append("\(command.name) \(name): help of more than one line") }
            }
        }
        #expect(blank.isEmpty, "arguments without help: \(blank)")
    }

    @Test("A command's discussion is paragraphs the parser wraps: no line is broken in the middle of a sentence")
    func discussionsAreParagraphs() throws {
        var broken: [String] = []
        for command in try Self.commands() {
            guard let discussion = command.node["discussion"] as? String else { continue }
            for paragraph in discussion.components(separatedBy: "\n\n") {
                let lines = paragraph.split(separator: "\n", omittingEmptySubsequences: false)
                // An indented line is an example set apart on purpose (check's plugin line).
                for line in lines.dropFirst() where !line.hasPrefix(" ") {
                    broken.append("\(command.name): …\(line.prefix(40))")
                }
            }
        }
        #expect(broken.isEmpty, "lines broken mid-paragraph: \(broken)")
        // And the wrapped help reads whole: a sentence from the middle of ingest's discussion is one run of words.
        let help = try ProcessRunner.oversight(["ingest", "--help"], environment: TestEnvironment("help").variables)
        let words = help.stdout.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
        #expect(words.contains("A stream (a pipe, FIFO or terminal) is committed in batches as it arrives"))
    }

    @Test("--version and `oversight version` print the version the source declares; --verbose names the SQLite and ncurses it runs with")
    func versionIsOneConstant() throws {
        let source = try String(contentsOfFile: RepoPaths.root + "/Sources/oversight/OversightVersion.swift", encoding: .utf8)
        let declared = try #require(source.firstMatch(of: /static let current = "([^"]+)"/)).output.1
        let environment = TestEnvironment("version").variables
        let flag = try ProcessRunner.oversight(["--version"], environment: environment)
        #expect(flag.status == 0, "\(flag.stderr)")
        #expect(flag.stdout == "\(declared)\n")
        let command = try ProcessRunner.oversight(["version"], environment: environment)
        #expect(command.status == 0)
        #expect(command.stdout.hasPrefix("oversight \(declared)\nstore schema "))
        #expect(!command.stdout.contains("sqlite"))
        let verbose = try ProcessRunner.oversight(["version", "--verbose"], environment: environment)
        #expect(verbose.stdout.contains(try #require(verbose.stdout.firstMatch(of: /\nsqlite 3\.\d+\.\d+\n/)).output))
        #expect(verbose.stdout.contains("\nncurses 6."))
        #expect(verbose.stdout.contains("\nresources \(RepoPaths.root)\n"), "\(verbose.stdout)")
    }

    @Test("A mistyped command is answered with the command it is close to, at every level, and exits 64")
    func didYouMean() throws {
        let environment = TestEnvironment("typo").variables
        for (arguments, expected) in [(["stauts"], "did you mean 'status'?"), (["record", "rnu"], "did you mean 'run'?"),
                                      (["alert", "akc"], "did you mean 'ack'?"), (["snapshto", "--sample"], "did you mean 'snapshot'?")] {
            let result = try ProcessRunner.oversight(arguments, environment: environment)
            #expect(result.status == 64, "\(arguments)")
            #expect(result.stderr.contains(expected), "\(arguments): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        let far = try ProcessRunner.oversight(["xyzzy"], environment: environment)
        #expect(far.status == 64)
        #expect(far.stderr.contains("'xyzzy' is not an oversight command; the commands are dashboard, snapshot, list"), "\(far.stderr)")
        // A known command's own words are still its business.
        let listed = try ProcessRunner.oversight(["list", "modles", "--sample"], environment: environment)
        #expect(listed.status == 64)
        #expect(listed.stderr.contains("Usage: oversight list"), "\(listed.stderr)")
    }

    @Test("A usage error found while a command runs shows that command's usage, not the top level's")
    func usageOfTheFailingCommand() throws {
        let environment = TestEnvironment("usage")
        let store = environment.file("s.sqlite")
        #expect(try ProcessRunner.oversight(["init", store], environment: environment.variables).status == 0)
        let result = try ProcessRunner.oversight(["record", "run", "--store", store, "--pipeline", "p", "--model", "m",
                                                  "--kind", "bogus", "--status", "running"], environment: environment.variables)
        #expect(result.status == 64)
        #expect(result.stderr.contains("Error: --kind: expected one of training, evaluation, deployment, data_validation; got 'bogus'"))
        #expect(result.stderr.contains("Usage: oversight record run "), "\(result.stderr)")
        #expect(result.stderr.contains("See 'oversight record run --help'"))
        #expect(!result.stderr.contains("oversight <subcommand>"))
    }

    @Test("--limit must be positive: -1 and 0 are refused with a reason, not read as a missing value")
    func limitMustBePositive() throws {
        let environment = TestEnvironment("limit").variables
        for value in ["-1", "0"] {
            let result = try ProcessRunner.oversight(["list", "runs", "--sample", "--limit", value], environment: environment)
            #expect(result.status == 64)
            #expect(result.stderr.contains("--limit must be positive"), "\(value): \(result.stderr)")
        }
        let one = try ProcessRunner.oversight(["list", "runs", "--sample", "--json", "--limit", "1"], environment: environment)
        #expect(one.status == 0)
        let negativeWidth = try ProcessRunner.oversight(["snapshot", "--sample", "--width", "-5"], environment: environment)
        #expect(negativeWidth.stderr.contains("--width must be from 40 to 1000"), "\(negativeWidth.stderr)")
    }

    @Test("Commands that write offer no --read-only (it could only refuse); commands that read do")
    func readOnlyOnlyWhereItMeansSomething() throws {
        let commands = try Self.commands()
        let writers = commands.filter { ["generate", "import", "simulate", "record", "ingest", "init", "alert", "copy", "doctor"].contains($0.path.dropFirst().first ?? "") }
        #expect(writers.count >= 15)
        for command in writers {
            #expect(!command.longNames.contains("read-only"), "\(command.name) offers --read-only")
        }
        for reader in ["dashboard", "snapshot", "list", "status", "check"] {
            let command = try #require(commands.first { $0.path == ["oversight", reader] })
            #expect(command.longNames.contains("read-only"), "\(reader)")
        }
        let result = try ProcessRunner.oversight(["import", RepoPaths.sampleData, "--read-only"], environment: TestEnvironment("ro").variables)
        #expect(result.status == 64)
        #expect(result.stderr.contains("Unknown option '--read-only'"))
    }

    @Test("snapshot refuses a frame smaller than the dashboard can draw, with a reason and exit 64; the minimum itself draws")
    func snapshotTooSmall() throws {
        let environment = TestEnvironment("small").variables
        for (width, height) in [("20", "48"), ("160", "5"), ("39", "10")] {
            let result = try ProcessRunner.oversight(["snapshot", "--sample", "--width", width, "--height", height], environment: environment)
            #expect(result.status == 64, "\(width)×\(height)")
            #expect(result.stderr.contains("--width must be from 40 to 1000 and --height from 10 to 1000"), "\(result.stderr)")
            #expect(!result.stdout.contains("too small"))
        }
        let least = try ProcessRunner.oversight(["snapshot", "--sample", "--width", "40", "--height", "10"], environment: environment)
        #expect(least.status == 0)
        #expect(!least.stdout.contains("too small"))
        #expect(least.stdout.contains("Models"))
    }

    @Test("snapshot --detail highlights the tab of the panel the item belongs to")
    func detailHighlightsItsTab() throws {
        let environment = TestEnvironment("tabs").variables
        for (detail, tab) in [("alert:alert-0071", "[3 Drift Alerts]"), ("run:run-001714", "[2 Pipeline Runs]"),
                              ("team:Clinical AI", "[4 Maturity]"), ("model:churn-propensity", "[1 Models]")] {
            let result = try ProcessRunner.oversight(["snapshot", "--sample", "--as-of", "2026-01-12T09:00:00Z", "--width", "100", "--height", "30",
                                                      "--detail", detail], environment: environment)
            #expect(result.status == 0, "\(detail): \(result.stderr)")
            let tabs = result.stdout.split(separator: "\n").dropFirst(2).first ?? ""
            #expect(tabs.contains(tab), "\(detail): \(tabs)")
            #expect(tabs.filter { $0 == "[" }.count == 1)
        }
    }

    @Test("Progress bars are drawn only on a terminal: a piped standard error holds the messages and no bar")
    func noProgressInPipes() throws {
        let environment = TestEnvironment("progress")
        let result = try ProcessRunner.oversight(["generate", "--store", environment.file("g.sqlite"), "--models", "40", "--runs", "4000",
                                                  "--alerts", "200", "--as-of", "2026-01-12T09:00:00Z"], environment: environment.variables)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("\r"))
        #expect(!result.stderr.contains("[###"))
    }

    @Test("ingest started at a terminal says it reads NDJSON and how to end it; a line typed is ingested once Ctrl-D ends the input")
    func ingestAtATerminal() throws {
        let environment = TestEnvironment("ingest-tty")
        let store = environment.file("s.sqlite")
        #expect(try ProcessRunner.oversight(["init", store], environment: environment.variables).status == 0)
        let shell = "\(TmuxSession.quote(RepoPaths.binary)) ingest --store \(TmuxSession.quote(store)); echo EXIT=$?; sleep 60"
        let tmux = try TmuxSession(command: ["sh", "-c", shell], environment: environment.variables, width: 160, height: 20)
        defer { tmux.close() }
        #expect(try tmux.waitFor(all: ["reading NDJSON events from the terminal", "end with Ctrl-D"]).matched)
        try tmux.tmux(["send-keys", "-t", tmux.session, "-l", #"{"type":"team","name":"Typed Team"}"#])
        try tmux.send("Enter")
        try tmux.send("C-d")
        let done = try tmux.waitFor(all: ["ingested 1 lines", "EXIT=0"])
        #expect(done.matched, "\(done.screen)")
        // Piped, the same command says nothing about a terminal.
        let piped = try ProcessRunner.oversight(["ingest", "--store", store], environment: environment.variables,
                                                stdin: #"{"type":"team","name":"Piped Team"}"# + "\n")
        #expect(piped.status == 0, "\(piped.stderr)")
        #expect(!piped.stderr.contains("Ctrl-D"))
    }
}
