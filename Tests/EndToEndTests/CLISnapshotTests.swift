import Foundation
import Testing
import TestSupport

/// `oversight snapshot` through the real binary: the frame as text, its size, colour only on request.
@Suite("snapshot command")
struct CLISnapshotTests {
    static let asOf = "2026-01-12T09:00:00Z"

    static func snapshot(_ arguments: [String], lang: String = "C.UTF-8") throws -> ProcessResult {
        let environment = TestEnvironment("snapshot", lang: lang)
        return try ProcessRunner.oversight(["snapshot", "--sample", "--as-of", asOf] + arguments, environment: environment.variables)
    }

    @Test("Without a store and without --sample, snapshot refuses, naming the path it looked for; it never reads a stand-in")
    func noStandIn() throws {
        let environment = TestEnvironment("snapshot-no-store")
        let result = try ProcessRunner.oversight(["snapshot"], environment: environment.variables)
        #expect(result.status == 1)
        #expect(result.stderr.contains("no store at \(environment.defaultStorePath) (the default path)"), "\(result.stderr)")
        #expect(result.stderr.contains("--sample"))
        #expect(result.stdout.isEmpty)
    }

    @Test("The default snapshot is the overview with all four panels, as plain text without escape sequences")
    func overview() throws {
        let result = try Self.snapshot([])
        #expect(result.status == 0, "\(result.stderr)")
        for title in ["1 Models", "2 Pipeline Runs", "3 Drift Alerts", "4 Maturity", "SAMPLE PORTFOLIO"] {
            #expect(result.stdout.contains(title))
        }
        #expect(!result.stdout.contains("\u{1B}"))
    }

    @Test("A snapshot has exactly the requested height and never a line wider than the requested width")
    func size() throws {
        let result = try Self.snapshot(["--width", "80", "--height", "24"])
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 24)
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(result.stdout.contains("[1 Models]"))
    }

    @Test("--color adds ANSI colour sequences")
    func color() throws {
        let result = try Self.snapshot(["--color", "--width", "120", "--height", "36"])
        #expect(result.stdout.contains("\u{1B}[0;"))
        #expect(result.stdout.contains("38;5;"))
    }

    @Test("--panel shows one panel over the whole body")
    func panel() throws {
        let result = try Self.snapshot(["--panel", "alerts"])
        #expect(result.stdout.contains("3 Drift Alerts"))
        #expect(!result.stdout.contains("2 Pipeline Runs"))
        #expect(result.stdout.contains("card-fraud-detector"))
    }

    @Test("--detail shows a model's detail view")
    func detail() throws {
        let result = try Self.snapshot(["--detail", "visual-defect-detector", "--width", "120", "--height", "50"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Models › visual-defect-detector"))
        #expect(result.stdout.contains("costs more a year than it is worth"))
        let missing = try Self.snapshot(["--detail", "no-such-model"])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("no-such-model"))
    }

    @Test("Without a UTF-8 locale the frame is plain ASCII")
    func ascii() throws {
        let result = try Self.snapshot(["--width", "100", "--height", "30"], lang: "C")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(result.stdout.contains("# > 1 Models ="))
    }

    @Test("An unknown theme is refused with the themes that exist")
    func unknownTheme() throws {
        let result = try Self.snapshot(["--theme", "no-such-theme"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("no-such-theme"))
        #expect(result.stderr.contains("dark"))
    }

    @Test("A built binary run from another folder still finds the bundled sample")
    func binaryElsewhere() throws {
        let folder = TemporaryFolder("elsewhere")
        let copy = folder.file("bin/oversight")
        try FileManager.default.createDirectory(atPath: folder.file("bin"), withIntermediateDirectories: true)
        // Copied by a child process: a copy written by this (multi-threaded) process could be held
        // open for writing by a sibling test's spawn, and exec would fail with ETXTBSY.
        let copied = try ProcessRunner.run("/bin/cp", [RepoPaths.binary, copy], environment: [:])
        try #require(copied.status == 0, "cp failed: \(copied.stderr)")
        var environment = TestEnvironment("elsewhere").variables
        environment["OVERSIGHT_RESOURCES"] = nil
        let result = try ProcessRunner.run(copy, ["snapshot", "--sample", "--width", "120", "--height", "36"],
                                           environment: environment, currentDirectory: folder.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("SAMPLE PORTFOLIO"))
        #expect(result.stdout.contains("1 Models"))
    }
}
