import Foundation
import Testing
import TestSupport

/// config.yaml, OVERSIGHT_<KEY> and flags, in that order of strength; and the log file.
@Suite("config and logs")
struct CLIConfigTests {
    static func writeConfig(_ environment: TestEnvironment, _ text: String) {
        environment.root.write("config/oversight/config.yaml", text)
    }

    static func line(_ output: String, _ key: String) -> String {
        output.split(separator: "\n").first { $0.hasPrefix(key + " ") }.map(String.init) ?? ""
    }

    @Test("oversight config shows each value and its source: the environment beats the file, which beats the default")
    func precedence() throws {
        let environment = TestEnvironment("config")
        Self.writeConfig(environment, "theme: light\nrefresh: 5\nstore: ~/stores/team.sqlite\n")
        var variables = environment.variables
        variables["OVERSIGHT_REFRESH"] = "3"
        let result = try ProcessRunner.oversight(["config"], environment: variables)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(Self.line(result.stdout, "theme").contains("light"))
        #expect(Self.line(result.stdout, "theme").contains("config.yaml:1"))
        #expect(Self.line(result.stdout, "refresh").contains("3"))
        #expect(Self.line(result.stdout, "refresh").contains("OVERSIGHT_REFRESH"))
        #expect(Self.line(result.stdout, "store").contains(environment.variables["HOME"]! + "/stores/team.sqlite"))
        #expect(Self.line(result.stdout, "color").contains("default"))
    }

    @Test("snapshot follows the config file's theme, unicode and colour depth, and its flags still win")
    func snapshotFollowsConfig() throws {
        let environment = TestEnvironment("config-snapshot")
        Self.writeConfig(environment, "theme: mono\nunicode: off\ncolor: 8\n")
        let plain = try ProcessRunner.oversight(["snapshot", "--sample", "--width", "100", "--height", "30"], environment: environment.variables)
        #expect(plain.status == 0, "\(plain.stderr)")
        #expect(plain.stdout.unicodeScalars.allSatisfy { $0.isASCII }, "unicode: off was not followed")
        let mono = try ProcessRunner.oversight(["snapshot", "--sample", "--color"], environment: environment.variables)
        #expect(mono.stdout.contains("\u{1B}[0;7m") && !mono.stdout.contains("\u{1B}[0;3"), "theme: mono was not followed")
        let dark = try ProcessRunner.oversight(["snapshot", "--sample", "--color", "--theme", "dark", "--unicode", "on"], environment: environment.variables)
        #expect(dark.stdout.contains("\u{1B}[0;3") && !dark.stdout.contains("38;5;"), "--theme did not win, or color: 8 was not followed")
        #expect(dark.stdout.contains("─"))
    }

    @Test("Times are shown in UTC whatever the machine's zone, and named; timezone (flag, environment, config) chooses another")
    func timeZones() throws {
        let environment = TestEnvironment("config-timezone")
        var variables = environment.variables
        variables["TZ"] = "America/New_York"
        let arguments = ["snapshot", "--sample", "--width", "120", "--height", "12", "--as-of", "2026-01-12T14:00:00Z"]
        func header(_ extra: [String] = [], _ variables: [String: String]) throws -> String {
            let result = try ProcessRunner.oversight(arguments + extra, environment: variables)
            #expect(result.status == 0, "\(result.stderr)")
            return result.stdout.split(separator: "\n").first.map(String.init) ?? ""
        }
        #expect(try header([], variables).hasSuffix("2026-01-12 14:00:00 UTC"))
        #expect(try header(["--timezone", "local"], variables).hasSuffix("2026-01-12 09:00:00 GMT-5"))
        #expect(try header(["--timezone", "asia/kolkata"], variables).hasSuffix("2026-01-12 19:30:00 GMT+5:30"))
        var chosen = variables
        chosen["OVERSIGHT_TIMEZONE"] = "Europe/Paris"
        #expect(try header([], chosen).hasSuffix("2026-01-12 15:00:00 GMT+1"))
        Self.writeConfig(environment, "timezone: local\n")
        #expect(try header([], variables).hasSuffix("2026-01-12 09:00:00 GMT-5"))
        #expect(try header(["--timezone", "UTC"], variables).hasSuffix("2026-01-12 14:00:00 UTC"))
        let shown = try ProcessRunner.oversight(["config"], environment: variables)
        #expect(Self.line(shown.stdout, "timezone").contains("local"))
        let typo = try ProcessRunner.oversight(arguments + ["--timezone", "Amerca/New_York"], environment: variables)
        #expect(typo.status != 0)
        #expect(typo.stderr.contains("--timezone: 'timezone': expected UTC, local, or a zone name such as Europe/Paris; got 'Amerca/New_York'; did you mean 'America/New_York'?"))
        Self.writeConfig(environment, "timezone: Nowhere\n")
        let bad = try ProcessRunner.oversight(["config"], environment: variables)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("config.yaml:1: 'timezone'"))
    }

    @Test("The config file's store is used by commands, and --store still wins")
    func storeFromConfig() throws {
        let environment = TestEnvironment("config-store")
        let store = environment.file("configured.sqlite")
        Self.writeConfig(environment, "store: \(store)\n")
        let imported = try ProcessRunner.oversight(["import", RepoPaths.sampleData + "/teams.yaml"], environment: environment.variables)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(FileManager.default.fileExists(atPath: store))
        let other = environment.file("flag.sqlite")
        _ = try ProcessRunner.oversight(["import", "--store", other, RepoPaths.sampleData + "/teams.yaml"], environment: environment.variables)
        #expect(FileManager.default.fileExists(atPath: other))
    }

    @Test("read_only in the config file makes writes refuse")
    func readOnlyFromConfig() throws {
        let environment = TestEnvironment("config-ro")
        let store = environment.file("s.sqlite")
        _ = try ProcessRunner.oversight(["import", "--store", store, RepoPaths.sampleData + "/teams.yaml"], environment: environment.variables)
        Self.writeConfig(environment, "read_only: true\n")
        let refused = try ProcessRunner.oversight(["import", "--store", store, RepoPaths.sampleData + "/teams.yaml"], environment: environment.variables)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("read-only"))
    }

    @Test("An unknown key or a bad value is a clear error naming it")
    func errors() throws {
        let environment = TestEnvironment("config-bad")
        Self.writeConfig(environment, "refresh: 2\nthme: light\n")
        let unknown = try ProcessRunner.oversight(["config"], environment: environment.variables)
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("config.yaml:2: unknown key 'thme'"))
        Self.writeConfig(environment, "color: 16\n")
        let bad = try ProcessRunner.oversight(["config"], environment: environment.variables)
        #expect(bad.stderr.contains("'color': expected auto, 256, 8 or none; got '16'"))
        Self.writeConfig(environment, "")
        var variables = environment.variables
        variables["OVERSIGHT_MOUSE"] = "maybe"
        let env = try ProcessRunner.oversight(["config"], environment: variables)
        #expect(env.status != 0)
        #expect(env.stderr.contains("OVERSIGHT_MOUSE"))
    }

    @Test("Alert actions are logged to $XDG_STATE_HOME/oversight/oversight.log, not to the terminal")
    func logFile() throws {
        let environment = TestEnvironment("config-log")
        let store = environment.file("s.sqlite")
        _ = try ProcessRunner.oversight(["import", "--store", store, RepoPaths.sampleData], environment: environment.variables)
        let result = try ProcessRunner.oversight(["alert", "note", "alert-0071", "--note", "logged?", "--store", store, "--by", "tester"],
                                                 environment: environment.variables)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("alert action"))
        let log = try String(contentsOfFile: environment.file("state/oversight/oversight.log"), encoding: .utf8)
        #expect(log.contains("alert action"))
        #expect(log.contains("id=alert-0071"))
    }
}
