import Foundation
import Testing
import TestSupport

/// The real MLflow tracking server the server-importer tests run against (issue 18, first step):
/// the suite starts `mlflow server` on loopback, fills it through MLflow's own client over its REST
/// API, and stops it with everything it started.
@Suite("MLflow tracking server for the tests", .serialized)
struct MLflowServerTests {
    @Test("A server starts on loopback, is filled through its REST API, its backend file imports as the committed fixture does, and it stops leaving nothing running")
    func startsFillsStops() throws {
        let server = try MLflowServer()
        try server.populate()
        let search = try ProcessRunner.run("/usr/bin/curl", ["-s", "--max-time", "10", "-X", "POST", "-H", "Content-Type: application/json",
                                                             "-d", #"{"max_results": 100}"#, server.url + "/api/2.0/mlflow/experiments/search"],
                                           environment: ["PATH": "/usr/bin:/bin"])
        #expect(search.stdout.contains("fraud-training") && search.stdout.contains("churn-experiments"), "\(search.stdout.prefix(500))")

        // The file importer reads what the server wrote, as it reads the committed fixture.
        let environment = TestEnvironment("mlflow-server")
        let store = environment.file("portfolio.sqlite")
        let imported = try ProcessRunner.oversight(["import", "--format", "mlflow", server.backendFile, "--store", store, "--json"],
                                                   environment: environment.variables)
        #expect(imported.status == 0, "\(imported.stderr)")
        let fromFixture = TestEnvironment("mlflow-fixture")
        let fixtureStore = fromFixture.file("portfolio.sqlite")
        #expect(try ProcessRunner.oversight(["import", "--format", "mlflow", RepoPaths.root + "/Tests/Fixtures/mlflow/mlflow-3.db",
                                             "--store", fixtureStore], environment: fromFixture.variables).status == 0)
        for what in ["models", "maturity"] {
            let served = try ProcessRunner.oversight(["list", what, "--json", "--store", store], environment: environment.variables)
            let fixture = try ProcessRunner.oversight(["list", what, "--json", "--store", fixtureStore], environment: fromFixture.variables)
            #expect(served.stdout == fixture.stdout, "list \(what) differs between the server's backend and the fixture")
        }
        let runs = try ProcessRunner.oversight(["list", "runs", "--json", "--store", store], environment: environment.variables)
        // Ten runs: the deleted one is left out (run ids are the server's own, so only counted).
        #expect(runs.stdout.components(separatedBy: "\"id\" : \"mlflow-").count - 1 == 10, "\(runs.stdout.prefix(300))")

        let url = server.url
        server.stop()
        #expect(try !MLflowServer.healthy(url), "the server still answers after stop()")
        let left = try ProcessRunner.run("/usr/bin/pgrep", ["-f", "127.0.0.1 --port \(server.port)"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(left.stdout.isEmpty, "processes left running: \(left.stdout)")
    }
}
