import Dashboard
import Foundation
import Testing
import TestSupport

/// The manual cannot go stale: the hand-written oversight(1) is checked against the key map, the
/// `:` commands, the settings and the command list, and the generated page of every command
/// against the command's options. `man` renders it cleanly.
@Suite("The manual")
struct ManualTests {
    static let folder = RepoPaths.root + "/docs/man"

    static func page(_ name: String = "oversight.1") throws -> String {
        try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
    }

    /// The source lines of a section (`.Sh KEYS` up to the next `.Sh`).
    static func section(_ title: String, of page: String) -> [Substring] {
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(of: Substring(".Sh \(title)")) else { return [] }
        let rest = lines[(start + 1)...]
        return Array(rest.prefix { !$0.hasPrefix(".Sh ") })
    }

    /// `.It Cm g , Home` → `["g", "Home"]`; mdoc's `\&` guards vanish.
    static func items(_ lines: [Substring], macro: String) -> [[String]] {
        lines.filter { $0.hasPrefix(".It \(macro) ") }.map { line in
            line.dropFirst(".It \(macro) ".count).replacingOccurrences(of: "\\&", with: "")
                .components(separatedBy: " , ").map { $0.trimmingCharacters(in: .whitespaces) }
        }
    }

    /// A key as the manual spells it: arrows by name, since a man page may be read on any terminal.
    static func spelled(_ key: Key) -> String {
        switch key {
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        default: key.label
        }
    }

    static func subsection(_ scope: KeyScope) -> String {
        switch scope {
        case .everywhere: "Everywhere"
        case .panels: "On the panels"
        case .details: "In a detail view"
        case .alerts: "On the Drift Alerts panel and in an alert's detail"
        }
    }

    @Test("KEYS lists every binding of the key map under the scope it works in, and no binding that is gone")
    func keysMatchTheKeyMap() throws {
        let keys = Self.section("KEYS", of: try Self.page())
        var listed: Set<String> = []
        var current = ""
        for line in keys {
            if line.hasPrefix(".Ss ") { current = String(line.dropFirst(4)) }
            for item in Self.items([line], macro: "Cm") { listed.insert("\(current): \(item.joined(separator: " "))") }
        }
        let bound = Set(KeyMap.bindings.map { "\(Self.subsection($0.scope)): \($0.keys.map(Self.spelled).joined(separator: " "))" })
        #expect(bound.subtracting(listed).isEmpty, "bindings the manual leaves out: \(bound.subtracting(listed).sorted())")
        #expect(listed.subtracting(bound).isEmpty, "keys the manual lists that the key map does not bind: \(listed.subtracting(bound).sorted())")
        #expect(bound.count == KeyMap.bindings.count)
    }

    @Test("COMMAND LINE names every : command the dashboard takes")
    func colonCommands() throws {
        let text = Self.section("COMMAND LINE", of: try Self.page()).joined(separator: "\n") + "\n"
        for command in ColonCommand.commands {
            #expect(text.contains(try Regex(":\(command)[ ,\n]")), ":\(command) is not in the manual")
        }
    }

    @Test("CONFIGURATION lists every setting `oversight config` knows, and ENVIRONMENT its variable")
    func settings() throws {
        let page = try Self.page()
        let config = try ProcessRunner.oversight(["config"], environment: TestEnvironment("man-config").variables)
        #expect(config.status == 0)
        let keys = config.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: " ").first.map(String.init) }
        #expect(keys.count >= 9)
        let configured = Set(Self.items(Self.section("CONFIGURATION", of: page), macro: "Cm").flatMap { $0 })
        let variables = Set(Self.items(Self.section("ENVIRONMENT", of: page), macro: "Ev").flatMap { $0 })
        #expect(configured == Set(keys), "manual: \(configured.sorted()); config: \(keys)")
        for key in keys {
            #expect(variables.contains("OVERSIGHT_" + key.uppercased()), "OVERSIGHT_\(key.uppercased()) is not in ENVIRONMENT")
        }
    }

    @Test("COMMANDS and SEE ALSO name every command, and every command has a generated page that names each of its options")
    func commandPages() throws {
        let page = try Self.page()
        let commands = try CLIHelpTests.commands().filter { $0.path.count > 1 }
        // argument-parser's own `help` command has a page too.
        var expectedPages: Set<String> = ["oversight.help.1"]
        let topLevel = commands.filter { $0.path.count == 2 }.map { $0.path[1] }
        let listed = Set(Self.items(Self.section("COMMANDS", of: page), macro: "Cm").flatMap { $0 })
        #expect(listed == Set(topLevel), "COMMANDS: \(listed.sorted()); the commands: \(topLevel)")
        let seeAlso = Self.section("SEE ALSO", of: page).joined(separator: "\n")
        for command in commands {
            let name = command.path.joined(separator: ".")
            expectedPages.insert(name + ".1")
            if command.path.count == 2 { #expect(seeAlso.contains(".Xr \(name) 1"), "SEE ALSO leaves out \(name)(1)") }
            let generated = try #require(try? Self.page(name + ".1"), "no page \(name).1: run `make man`")
            for option in command.longNames where option != "help" {
                #expect(generated.contains("Fl -\(option)"), "\(name).1 does not name --\(option): run `make man`")
            }
        }
        let present = Set(try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasPrefix("oversight.") && $0 != "oversight.1" })
        #expect(present == expectedPages, "stale pages: \(present.subtracting(expectedPages).sorted()); missing: \(expectedPages.subtracting(present).sorted())")
    }

    @Test("groff finds nothing to warn about in any page, and man -l renders the overview within 80 columns")
    func rendersCleanly() throws {
        let environment = TestEnvironment("man").variables
        let pages = try FileManager.default.contentsOfDirectory(atPath: Self.folder).filter { $0.hasSuffix(".1") }.sorted()
        #expect(pages.contains("oversight.1"))
        for page in pages {
            let checked = try ProcessRunner.run("/usr/bin/groff", ["-mandoc", "-ww", "-z", "-Tutf8", Self.folder + "/" + page], environment: environment)
            #expect(checked.status == 0 && checked.stderr.isEmpty, "\(page): \(checked.stderr)")
        }
        var manEnvironment = environment
        manEnvironment["MANWIDTH"] = "80"
        manEnvironment["MANPAGER"] = "cat"
        let shown = try ProcessRunner.run("/usr/bin/man", ["-l", Self.folder + "/oversight.1"], environment: manEnvironment)
        #expect(shown.status == 0, "\(shown.stderr)")
        for heading in ["NAME", "SYNOPSIS", "COMMANDS", "KEYS", "COMMAND LINE", "CONFIGURATION", "ENVIRONMENT", "FILES", "EXIT STATUS", "EXAMPLES", "SEE ALSO"] {
            #expect(shown.stdout.contains("\n\(heading)\n"), "\(heading) is not a heading of the rendered page")
        }
        let wide = shown.stdout.split(separator: "\n").filter { $0.count > 80 }
        #expect(wide.isEmpty, "lines wider than 80 columns: \(wide)")
    }
}
