import Foundation
import Testing
import TestSupport

/// Every example command line the README and `--help` show is run, as a reader would type it, so
/// none can rot: a command exits 0, and one that opens the dashboard (or the demo) draws its first
/// frame under tmux and quits on `q`. Placeholders (`PATH`, `STORE`, `GROUP`, `URL`, `COMMAND`) and the
/// README's MLflow address stand for real things the test starts: a store imported from the
/// sample, the user's group, a PostgreSQL database, an `mlflow server`. A synopsis (`[--flag]`,
/// `a|b`, `…`) is syntax, not an example, and is left alone.
@Suite("Every example command line runs")
struct CLIExamplesTests {
    /// The words of a command line that are syntax, not something to type.
    static func isSynopsis(_ line: String) -> Bool {
        line.contains("[") || line.contains("|") || line.contains("…") || line.contains("...")
    }

    /// `oversight …` command lines of a Markdown text: the lines of its code blocks (a `swift run`
    /// prefix is the same program), and the code spans of its prose.
    static func examples(markdown: String) -> [String] {
        var found: [String] = []
        var inBlock = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") {
                inBlock.toggle()
                continue
            }
            if inBlock {
                var command = String(line.split(separator: "#", maxSplits: 1).first ?? "").trimmingCharacters(in: .whitespaces)
                if command.hasPrefix("swift run oversight") { command.removeFirst("swift run ".count) }
                if command == "oversight" || command.hasPrefix("oversight ") { found.append(command) }
            } else {
                found += spans(String(line))
            }
        }
        return found.filter { !isSynopsis($0) }
    }

    /// The code spans of a text that are `oversight …` command lines.
    static func spans(_ text: String) -> [String] {
        text.matches(of: /`(oversight(?: [^`]*)?)`/).map { String($0.output.1) }
    }

    /// What the placeholders stand for in this run.
    struct Stand {
        let store: String
        let sharedStore: String
        let group: String
        let teamStore: String
        let mlflow: String

        func apply(_ line: String) -> String {
            var words = line.split(separator: " ").map(String.init)
            for i in words.indices {
                switch words[i] {
                case "PATH", "X": words[i] = store
                // `init --shared GROUP STORE` wants a folder of the store's own.
                case "STORE": words[i] = sharedStore
                case "GROUP": words[i] = group
                case "COMMAND": words[i] = "list"
                case "URL": words[i] = teamStore
                case "http://127.0.0.1:5000": words[i] = mlflow
                default: break
                }
            }
            return words.joined(separator: " ")
        }
    }

    /// Whether a command line opens the dashboard (no command, `dashboard`, `demo`) rather than
    /// running to an end; the help lists the commands, so this follows it.
    static func opensDashboard(_ line: String) -> Bool {
        let first = line.split(separator: " ").dropFirst().first.map(String.init)
        guard let first, !first.hasPrefix("-") else { return !line.contains("--generate-completion-script") && !line.contains("--version") && !line.contains("--help") }
        return first == "dashboard" || first == "demo"
    }

    /// Runs one example in `folder` with `environment`, returning what went wrong (nil: it ran).
    static func run(_ line: String, in folder: String, environment: [String: String]) throws -> String? {
        let shell = RepoPaths.binary + line.dropFirst("oversight".count)
        if opensDashboard(line) {
            let tmux = try TmuxSession(command: ["sh", "-c", "cd \(TmuxSession.quote(folder)) && \(shell); echo EXIT=$?; sleep 60"],
                                       environment: environment, width: 120, height: 36)
            defer { tmux.close() }
            let frame = try tmux.waitFor(all: ["1 Models", "2 Pipeline Runs", "q quit"], timeout: 60)
            guard frame.matched else { return "no first frame:\n\(frame.screen)" }
            try tmux.send("q")
            let ended = try tmux.waitFor("EXIT=0")
            return ended.matched ? nil : "q did not end it with status 0:\n\(ended.screen)"
        }
        let result = try ProcessRunner.run("/bin/sh", ["-c", shell], environment: environment, currentDirectory: folder, timeout: 300)
        return result.status == 0 ? nil : "exit \(result.status): \(result.stderr.prefix(600))"
    }

    /// A folder to run examples in, as a reader's would be: the sample's files beside them and a
    /// store of their own, made from the sample, which `OVERSIGHT_STORE` names.
    static func workspace(_ environment: TestEnvironment) throws -> (folder: String, store: String) {
        let folder = environment.file("work")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: folder + "/sample-data", withDestinationPath: RepoPaths.sampleData)
        let store = folder + "/store.sqlite"
        let imported = try ProcessRunner.oversight(["import", RepoPaths.sampleData, "--store", store], environment: environment.variables)
        #expect(imported.status == 0, "\(imported.stderr)")
        return (folder, store)
    }

    @Test("Every `oversight …` example in the README runs: commands exit 0, the dashboard draws its first frame")
    func readmeExamples() throws {
        let readme = try String(contentsOfFile: RepoPaths.root + "/README.md", encoding: .utf8)
        let examples = Self.examples(markdown: readme)
        #expect(examples.contains("oversight import --format mlflow http://127.0.0.1:5000 --store team.sqlite"))
        #expect(examples.contains("oversight --store ~/portfolio.sqlite"))
        #expect(examples.count >= 8, "\(examples)")
        let environment = TestEnvironment("readme-examples")
        let (folder, store) = try Self.workspace(environment)
        let postgres = try PostgresServer.shared.get()
        let mlflow = try MLflowServer()
        defer { mlflow.stop() }
        let group = try ProcessRunner.run("/usr/bin/id", ["-gn"], environment: environment.variables).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let stand = Stand(store: store, sharedStore: folder + "/shared/portfolio.sqlite", group: group, teamStore: try postgres.newDatabase("readme"), mlflow: mlflow.url)
        var variables = environment.variables.merging(postgres.clientEnvironment) { $1 }
        variables["OVERSIGHT_STORE"] = store
        for example in examples {
            let line = stand.apply(example)
            let problem = try Self.run(line, in: folder, environment: variables)
            #expect(problem == nil, "README: \(example)\n\(problem ?? "")")
        }
    }

    @Test("Every `oversight …` example in a command's --help runs")
    func helpExamples() throws {
        let environment = TestEnvironment("help-examples")
        let (folder, store) = try Self.workspace(environment)
        var variables = environment.variables
        variables["OVERSIGHT_STORE"] = store
        var examples: [String] = []
        for command in try CLIHelpTests.commands() {
            let help = try ProcessRunner.oversight(Array(command.path.dropFirst()) + ["--help"], environment: variables)
            #expect(help.status == 0, "\(command.name) --help")
            // Wrapped help breaks a long span across lines; a span is one run of words.
            let unwrapped = help.stdout.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
            examples += Self.spans(unwrapped).filter { !Self.isSynopsis($0) }
        }
        #expect(examples.contains("oversight list models --store PATH"), "\(examples)")
        #expect(examples.contains("oversight demo --unicode off --color 8"), "\(examples)")
        let stand = Stand(store: store, sharedStore: folder + "/shared/portfolio.sqlite", group: "", teamStore: "", mlflow: "")
        for example in Set(examples).sorted() {
            let problem = try Self.run(stand.apply(example), in: folder, environment: variables)
            #expect(problem == nil, "--help: \(example)\n\(problem ?? "")")
        }
    }

    @Test("The README's screenshot is exactly what the command named under it prints")
    func readmeScreenshot() throws {
        let readme = try String(contentsOfFile: RepoPaths.root + "/README.md", encoding: .utf8)
        let command = try #require(readme.firstMatch(of: /\(That is `oversight (snapshot [^`]+)`\.\)/)).output.1
        let blocks = readme.components(separatedBy: "```\n")
        let shot = try #require(blocks.dropFirst().first, "the README opens with no screenshot")
        let result = try ProcessRunner.oversight(command.split(separator: " ").map(String.init), environment: TestEnvironment("readme-shot").variables)
        #expect(result.status == 0, "\(result.stderr)")
        let trimmed = { (text: String) in text.split(separator: "\n", omittingEmptySubsequences: false).map { String($0.reversed().drop { $0 == " " }.reversed()) } }
        #expect(trimmed(String(shot)).count > 30)
        #expect(trimmed(result.stdout).dropLast() == trimmed(String(shot)).dropLast(), "README.md's screenshot is stale: paste the output of `oversight \(command)`")
    }
}
