import Foundation
import GRDB
@testable import PortfolioStore
import Testing
import TestSupport

/// `OnePassImport`: a large import into an empty store written as it is read, giving way to the
/// two passes at anything not plainly right, so that what lands and what is refused are theirs.
@Suite("Import in one pass")
struct OnePassImportTests {
    static let teams = """
        format: 1
        teams:
          - name: "Risk"
        pipelines:
          - name: "risk-train"
            team: "Risk"
        """
    static let models = """
        format: 1
        models:
          - name: "scorer"
            team: "Risk"
            owner: "Ana"
            stage: "production"
        """
    static func run(_ id: String, model: String = "scorer", status: String = "succeeded") -> String {
        #"{"type":"run","id":"\#(id)","pipeline":"risk-train","model":"\#(model)","kind":"training","status":"\#(status)","queued_at":"2026-01-01T00:00:00Z","started_at":"2026-01-01T00:01:00Z","finished_at":"2026-01-01T00:09:00Z"}"#
    }
    static func point(_ at: String, model: String = "scorer", name: String = "auc") -> String {
        #"{"type":"metric","model":"\#(model)","name":"\#(name)","at":"\#(at)","value":0.9}"#
    }

    /// A folder of the format: the teams and models in YAML, then `ndjson` (file name → lines).
    static func folder(_ root: TemporaryFolder, _ name: String, _ ndjson: [String: [String]]) -> String {
        _ = root.write("\(name)/teams.yaml", teams + "\n")
        _ = root.write("\(name)/models.yaml", models + "\n")
        for (file, lines) in ndjson { _ = root.write("\(name)/\(file)", lines.map { $0 + "\n" }.joined()) }
        return root.file(name)
    }

    /// Imports `folder` into a new store: in one pass when `onePass` (which must then give way
    /// exactly when `givesWay`), else in the two passes. The summary, or the error thrown.
    static func importing(_ folder: String, into store: String, onePass: Bool, givesWay: Bool) throws -> Result<ImportSummary, ImportError> {
        let opened = try PortfolioStore.open(path: store)
        defer { try? opened.close() }
        var importer = PortfolioImporter(store: opened)
        importer.onePassFrom = onePass ? 0 : nil
        if onePass {
            let taken = importer.importInOnePass(try ImportSource.files(for: [folder]), progress: nil)
            #expect((taken == nil) == givesWay, "\(folder): the one pass \(taken == nil ? "gave way" : "was taken")")
            #expect(try opened.read { try BulkLoad.isEmpty($0.db) } == (taken == nil), "\(folder): a one pass that gave way left rows")
            if let taken { return .success(taken) }
        }
        do {
            return .success(try importer.importFiles([folder]))
        } catch let error as ImportError {
            #expect(try opened.read { try BulkLoad.isEmpty($0.db) }, "\(folder): a refused import left rows")
            return .failure(error)
        }
    }

    @Test("A duplicate key (also two spellings of one name), an unknown model, a value out of its vocabulary or an empty NDJSON file gives way to the two passes, which refuse it with the same error and leave the store empty")
    func problemsGiveWayToTheTwoPasses() throws {
        let root = TemporaryFolder("one-pass")
        let good = [Self.run("r1"), Self.run("r2")]
        let cases: [(String, [String: [String]])] = [
            ("duplicate-point", ["metrics.ndjson": [Self.point("2026-01-01T00:00:00Z"), Self.point("2026-01-02T00:00:00Z"), Self.point("2026-01-01T00:00:00Z")]]),
            ("duplicate-run", ["a.ndjson": good, "b.ndjson": [Self.run("r1")]]),
            // The same name to the two passes (Swift compares text canonically), two to SQLite.
            ("canonical-duplicate", ["metrics.ndjson": [Self.point("2026-01-01T00:00:00Z", name: "r\u{E9}sum\u{E9}"),
                                                        Self.point("2026-01-01T00:00:00Z", name: "re\u{301}sume\u{301}")]]),
            ("unknown-model", ["runs.ndjson": good + [Self.run("r3", model: "nobody")]]),
            ("bad-status", ["runs.ndjson": good + [Self.run("r3", status: "exploded")]]),
            ("empty-file", ["runs.ndjson": good, "z.ndjson": ["", "  "]]),
            ("bad-json", ["runs.ndjson": good + [#"{"type":"run","id":"#]]),
        ]
        for (name, ndjson) in cases {
            let folder = Self.folder(root, name, ndjson)
            let one = try Self.importing(folder, into: root.file("\(name)-one.sqlite"), onePass: true, givesWay: true)
            let two = try Self.importing(folder, into: root.file("\(name)-two.sqlite"), onePass: false, givesWay: true)
            guard case let .failure(error) = two else {
                Issue.record("\(name): the two passes took it")
                continue
            }
            #expect(one == .failure(error), "\(name): \(one) against \(error)")
        }
    }

    @Test("A team or a model given on an NDJSON line, even after the runs that name it, gives way and is imported as the two passes import it")
    func parentsInNDJSONGiveWayAndLand() throws {
        let root = TemporaryFolder("one-pass-parents")
        let cases: [(String, [String: [String]])] = [
            ("team-line", ["runs.ndjson": [Self.run("r1"), #"{"type":"team","name":"Fraud"}"#]]),
            ("model-after-runs", ["a.ndjson": [Self.run("r1", model: "late")],
                                  "b.ndjson": [#"{"type":"model","name":"late","team":"Risk","owner":"Bo","stage":"staging"}"#]]),
        ]
        for (name, ndjson) in cases {
            let folder = Self.folder(root, name, ndjson)
            let (onePath, twoPath) = (root.file("\(name)-one.sqlite"), root.file("\(name)-two.sqlite"))
            let one = try Self.importing(folder, into: onePath, onePass: true, givesWay: true)
            let two = try Self.importing(folder, into: twoPath, onePass: false, givesWay: true)
            #expect(one == two && (try? two.get().counts[.run]?.created) == 1, "\(name): \(one) against \(two)")
            ImportBatchTests.expectSame(onePath, twoPath, name)
        }
    }

    @Test("A good folder is taken in one pass: the same rows and summary as the two passes, the YAML's runs and points in their file order among the NDJSON's")
    func goodFolderIsTakenInOnePass() throws {
        let root = TemporaryFolder("one-pass-good")
        let folder = Self.folder(root, "good", [
            "a.ndjson": [Self.run("r1"), Self.point("2026-01-01T00:00:00Z"), Self.run("r2")],
            "z.ndjson": [Self.run("r4"), Self.point("2026-01-03T00:00:00Z")],
        ])
        // Runs in a YAML file between the two NDJSON files: written between theirs, as the two passes do.
        _ = root.write("good/m.yaml", "format: 1\nruns:\n  - id: \"r3\"\n    pipeline: \"risk-train\"\n    model: \"scorer\"\n    kind: \"evaluation\"\n    status: \"queued\"\n    queued_at: \"2026-01-02T00:00:00Z\"\n")
        let (onePath, twoPath) = (root.file("one.sqlite"), root.file("two.sqlite"))
        let one = try Self.importing(folder, into: onePath, onePass: true, givesWay: false)
        let two = try Self.importing(folder, into: twoPath, onePass: false, givesWay: false)
        #expect(one == two && (try? one.get().counts[.run]?.created) == 4)
        ImportBatchTests.expectSame(onePath, twoPath, "good")
        let order = try DatabaseQueue(path: onePath).read { try String.fetchAll($0, sql: "SELECT external_id FROM pipeline_runs ORDER BY id") }
        #expect(order == ["r1", "r2", "r3", "r4"])
    }
}
