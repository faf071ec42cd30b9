import Foundation
import Testing
import TestSupport

/// `oversight import --format mlflow` through the real binary, and what the screen then shows.
@Suite("import --format mlflow")
struct CLIMLflowTests {
    static let fixture = RepoPaths.root + "/Tests/Fixtures/mlflow/mlflow-3.db"

    @Test("Two commands: import the MLflow store, then the dashboard shows its runs, names inert even with escape sequences")
    func importThenSnapshot() throws {
        let environment = TestEnvironment("cli-mlflow")
        let store = environment.file("store.sqlite")
        let imported = try ProcessRunner.oversight(["import", "--format", "mlflow", Self.fixture, "--store", store, "--json"],
                                                   environment: environment.variables)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("\"created\":37"))
        let again = try ProcessRunner.oversight(["import", "--format", "mlflow", Self.fixture, "--store", store, "--json"],
                                                environment: environment.variables)
        #expect(again.stdout.contains("\"created\":0"))
        #expect(again.stdout.contains("\"updated\":0"))

        let frame = try ProcessRunner.oversight(["snapshot", "--store", store, "--panel", "runs", "--width", "200", "--height", "20"],
                                                environment: environment.variables)
        #expect(frame.status == 0, "\(frame.stderr)")
        #expect(frame.stdout.contains("fraud-training · nightly-2025-12-31"))
        #expect(frame.stdout.contains("card-fraud-détecteur"))
        #expect(!frame.stdout.contains("\u{1B}"))
        #expect(frame.stdout.contains("tuning-\u{FFFD}[31mred\u{FFFD}[0m-sweep"))
    }

    @Test("A file that is not an MLflow store is refused with its name, and the store is unchanged")
    func refused() throws {
        let environment = TestEnvironment("cli-mlflow-bad")
        let store = environment.file("store.sqlite")
        _ = try ProcessRunner.oversight(["import", "--store", store, RepoPaths.sampleData + "/teams.yaml"], environment: environment.variables)
        let before = try StoreFingerprint(path: store)
        let notMLflow = environment.root.write("plain.db", "")
        let result = try ProcessRunner.oversight(["import", "--format", "mlflow", notMLflow, "--store", store], environment: environment.variables)
        #expect(result.status != 0)
        #expect(result.stderr.contains("plain.db"))
        #expect(result.stderr.contains("not an MLflow tracking store"))
        #expect(try StoreFingerprint(path: store) == before)
    }
}
