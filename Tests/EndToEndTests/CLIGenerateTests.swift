import Foundation
import Testing
import TestSupport

/// `oversight generate` through the real binary: a tiny portfolio, the same bytes for the same
/// seed, a refused non-empty store and clear errors for bad arguments.
@Suite("generate")
struct CLIGenerateTests {
    static let size = ["--models", "12", "--runs", "300", "--alerts", "40", "--metric-points", "500",
                       "--seed", "3", "--as-of", "2026-01-12T09:00:00Z"]

    @Test("generate writes the requested counts, repeats itself for a seed, and the dashboard reads it")
    func generatesTinyPortfolio() throws {
        let environment = TestEnvironment("generate-cli")
        let store = environment.file("gen.sqlite")
        let result = try ProcessRunner.oversight(["generate", "--store", store] + Self.size, environment: environment.variables)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("pipeline_runs"))
        let counts = try StoreFingerprint(path: store).counts
        #expect(counts["models"] == 12 && counts["pipeline_runs"] == 300 && counts["drift_alerts"] == 40 && counts["metric_points"] == 500)

        let again = environment.file("again.sqlite")
        #expect(try ProcessRunner.oversight(["generate", "--store", again] + Self.size, environment: environment.variables).status == 0)
        #expect(try StoreFingerprint(path: again) == StoreFingerprint(path: store))

        let snapshot = try ProcessRunner.oversight(["snapshot", "--store", store, "--as-of", "2026-01-12T09:00:00Z", "--width", "120", "--height", "40"],
                                                   environment: environment.variables)
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        #expect(snapshot.stdout.contains("/12 in production"))
    }

    @Test("generate refuses a store that holds data and leaves it unchanged")
    func refusesNonEmptyStore() throws {
        let environment = TestEnvironment("generate-refuse")
        let store = environment.file("store.sqlite")
        #expect(try ProcessRunner.oversight(["import", "--store", store, RepoPaths.sampleData], environment: environment.variables).status == 0)
        let before = try StoreFingerprint(path: store)
        let result = try ProcessRunner.oversight(["generate", "--store", store] + Self.size, environment: environment.variables)
        #expect(result.status == 1)
        #expect(result.stderr.contains("already holds data"))
        #expect(try StoreFingerprint(path: store) == before)
    }

    @Test("generate --profile sample writes exactly the committed sample-data/, the same bytes every time")
    func sampleProfileIsTheSample() throws {
        let environment = TestEnvironment("generate-sample")
        let names = try FileManager.default.contentsOfDirectory(atPath: RepoPaths.sampleData).sorted()
        for run in ["first", "second"] {
            let folder = environment.file(run)
            let result = try ProcessRunner.oversight(["generate", "--profile", "sample", "--out", folder], environment: environment.variables)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(result.stdout.contains("1720 runs, 8554 metric points, 71 alerts"), "\(result.stdout)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).sorted() == names)
            for name in names {
                let written = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
                let committed = try Data(contentsOf: URL(fileURLWithPath: RepoPaths.sampleData + "/" + name))
                #expect(written == committed, "\(run) run: \(name) differs from sample-data/\(name) — rerun generate --profile sample --out sample-data and review")
            }
        }
    }

    @Test("The sample profile takes no size and no store; it needs a folder", arguments: [
        (["--profile", "sample"], "give --out FOLDER"),
        (["--profile", "sample", "--out", "x", "--models", "3"], "leave out --models"),
        (["--out", "x", "--models", "2", "--runs", "1", "--alerts", "1"], "--out is for --profile sample"),
    ])
    func sampleProfileArguments(arguments: [String], message: String) throws {
        let environment = TestEnvironment("generate-sample-bad")
        let result = try ProcessRunner.oversight(["generate"] + arguments, environment: environment.variables)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
    }

    @Test("Bad arguments get clear errors", arguments: [
        (["--models", "0", "--runs", "1", "--alerts", "1"], "--models must be at least 1"),
        (["--models", "2", "--runs=-1", "--alerts", "1"], "--runs must not be negative"),
        (["--models", "2", "--runs", "1", "--alerts", "1", "--as-of", "yesterday"], "--as-of: expected an ISO-8601 time"),
        (["--models", "2", "--alerts", "1"], "--runs"),
    ])
    func badArguments(arguments: [String], message: String) throws {
        let environment = TestEnvironment("generate-bad")
        let store = environment.file("store.sqlite")
        let result = try ProcessRunner.oversight(["generate", "--store", store] + arguments, environment: environment.variables)
        #expect(result.status == 64)
        #expect(result.stderr.contains(message), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: store))
    }
}
