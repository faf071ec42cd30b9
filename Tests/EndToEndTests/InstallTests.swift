import Foundation
import Testing
import TestSupport

/// `make install` and `make uninstall`, for real, into a temporary PREFIX: the debug binary this
/// run built (a second SwiftPM cannot take the build folder `swift test` holds, so the Makefile's
/// BINARY= hands it over), its themes and sample, the manual and the completions; the installed
/// binary run by name from an unrelated folder finds everything under PREFIX.
@Suite("Install")
struct InstallTests {
    static let installed = [
        "bin/oversight",
        "share/oversight/themes/dark.yaml",
        "share/oversight/sample-data/README.md",
        "share/man/man1/oversight.1",
        "share/man/man1/oversight.list.1",
        "share/man/man1/oversight.record.run.1",
        "share/bash-completion/completions/oversight",
        "share/zsh/site-functions/_oversight",
        "share/fish/vendor_completions.d/oversight.fish",
    ]

    static func make(_ arguments: [String], _ environment: [String: String]) throws -> ProcessResult {
        try ProcessRunner.run("/usr/bin/make", ["-s", "-C", RepoPaths.root] + arguments + ["CONFIG=debug", "BINARY=\(RepoPaths.binary)"],
                              environment: environment, timeout: 300)
    }

    @Test("make install puts the binary, themes, sample, manual and completions under PREFIX; run by name from elsewhere it uses them; make uninstall takes them away")
    func installRunUninstall() throws {
        let environment = TestEnvironment("install")
        var variables = environment.variables
        // Nothing may point the installed binary back at the source tree.
        variables.removeValue(forKey: "OVERSIGHT_RESOURCES")
        let prefix = environment.file("prefix")
        let install = try Self.make(["install", "PREFIX=\(prefix)"], variables)
        #expect(install.status == 0, "\(install.stdout)\(install.stderr)")
        for file in Self.installed {
            #expect(FileManager.default.fileExists(atPath: prefix + "/" + file), "\(file) was not installed")
        }
        #expect(FileManager.default.isExecutableFile(atPath: prefix + "/bin/oversight"))

        // By name, through PATH, from a folder that has nothing of Oversight's.
        let elsewhere = environment.file("elsewhere")
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: true)
        variables["PATH"] = prefix + "/bin:" + (variables["PATH"] ?? "/usr/bin:/bin")
        func installed(_ arguments: [String]) throws -> ProcessResult {
            try ProcessRunner.run("/usr/bin/env", ["oversight"] + arguments, environment: variables, currentDirectory: elsewhere)
        }
        let version = try installed(["version", "--verbose"])
        #expect(version.status == 0, "\(version.stderr)")
        #expect(version.stdout.contains("\nresources \(prefix)/share/oversight\n"), "\(version.stdout)")
        let snapshot = try installed(["snapshot", "--sample", "--width", "100", "--height", "30", "--theme", "light", "--color"])
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        #expect(snapshot.stdout.contains("SAMPLE PORTFOLIO"))
        #expect(snapshot.stdout.contains("\u{1B}["))

        // The manual is found where man looks under PREFIX, and the completions are the real scripts.
        let page = try ProcessRunner.run("/usr/bin/man", ["-M", prefix + "/share/man", "-w", "oversight.record.run"], environment: variables)
        #expect(page.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == prefix + "/share/man/man1/oversight.record.run.1", "\(page.stderr)")
        let bash = try String(contentsOfFile: prefix + "/share/bash-completion/completions/oversight", encoding: .utf8)
        #expect(bash.contains("---completion"), "the bash script does not call back for the store's keys")
        #expect(try String(contentsOfFile: prefix + "/share/zsh/site-functions/_oversight", encoding: .utf8).hasPrefix("#compdef oversight"))
        #expect(try String(contentsOfFile: prefix + "/share/fish/vendor_completions.d/oversight.fish", encoding: .utf8).contains("complete -c 'oversight'"))

        let uninstall = try Self.make(["uninstall", "PREFIX=\(prefix)"], variables)
        #expect(uninstall.status == 0, "\(uninstall.stderr)")
        for file in Self.installed {
            #expect(!FileManager.default.fileExists(atPath: prefix + "/" + file), "\(file) is still there after uninstall")
        }
        #expect(!FileManager.default.fileExists(atPath: prefix + "/share/oversight"))
    }

    @Test("DESTDIR stages the install for a package: every file under DESTDIR/PREFIX, nothing in PREFIX itself")
    func destdirStages() throws {
        let environment = TestEnvironment("destdir")
        let stage = environment.file("stage")
        let prefix = environment.file("final-prefix")
        let install = try Self.make(["install", "PREFIX=\(prefix)", "DESTDIR=\(stage)"], environment.variables)
        #expect(install.status == 0, "\(install.stderr)")
        for file in Self.installed {
            #expect(FileManager.default.fileExists(atPath: stage + prefix + "/" + file), "\(file) was not staged")
        }
        #expect(!FileManager.default.fileExists(atPath: prefix))
    }
}
