import Foundation
import GRDB
import Portfolio
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
            let taken = try importer.importInOnePass(try ImportSource.files(for: [folder]), progress: nil)
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

    @Test("A duplicate key (also two spellings of one name, a model in two YAML files), an unknown model, pipeline or team, a value out of its vocabulary, or a file with no record gives way to the two passes, which refuse it with the same error and leave the store empty")
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
            ("unknown-pipeline", ["runs.ndjson": good + [Self.run("r3").replacingOccurrences(of: "risk-train", with: "no-pipeline")]]),
        ]
        // Trouble in the YAML: a model given twice across two files, a model of an unknown team, a
        // file holding nothing but its format.
        let yaml: [(String, String, String)] = [
            ("duplicate-model", "more.yaml", Self.models),
            ("unknown-team", "more.yaml", Self.models.replacingOccurrences(of: "scorer", with: "other").replacingOccurrences(of: "Risk", with: "Nobody")),
            ("format-only", "more.yaml", "format: 1\n"),
        ]
        for (name, file, text) in yaml { _ = root.write("\(name)/\(file)", text + "\n") }
        for (name, ndjson) in cases + yaml.map({ ($0.0, ["runs.ndjson": good]) }) {
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

    @Test("A team, a model or an assessment given on an NDJSON line, even after the runs that name it, gives way and is imported as the two passes import it")
    func parentsInNDJSONGiveWayAndLand() throws {
        let root = TemporaryFolder("one-pass-parents")
        let cases: [(String, [String: [String]])] = [
            ("team-line", ["runs.ndjson": [Self.run("r1"), #"{"type":"team","name":"Fraud"}"#]]),
            ("maturity-line", ["runs.ndjson": [Self.run("r1"), #"{"type":"maturity","team":"Risk","component":"ci_cd","level":2,"assessed_at":"2026-01-01T00:00:00Z"}"#]]),
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

    @Test("A folder of 4 MiB of NDJSON is taken in one pass by a plain import: more points than a sorted batch holds, given one of each series in turn, land as the two passes write them, and the progress ends at its total")
    func largeFolderIsTakenInOnePass() throws {
        let root = TemporaryFolder("one-pass-large")
        let names = ["auc", "latency_ms", "psi_income"]
        var points: [String] = []
        var day = 0
        while points.count < 60_000 {
            for name in names { points.append(Self.point(ISOTime.format(Date(timeIntervalSince1970: 1_767_225_600 + Double(day) * 3_600)), name: name)) }
            day += 1
        }
        // No newline after the last line: its line is counted all the same.
        let folder = Self.folder(root, "large", ["alerts.ndjson": [#"{"type":"alert","id":"a1","model":"scorer","feature":"age","method":"psi","score":0.4,"threshold":0.2,"severity":"critical","status":"open","opened_at":"2026-01-01T00:00:00Z"}"#],
                                                 "runs.ndjson": [Self.run("r1")]])
        _ = root.write("large/metrics.ndjson", points.joined(separator: "\n"))
        let files = try ImportSource.files(for: [folder])
        #expect(OnePassImport.worthIt(files))
        let (onePath, twoPath) = (root.file("one.sqlite"), root.file("two.sqlite"))
        let opened = try PortfolioStore.open(path: onePath)
        var reported: [(Int, Int)] = []
        let one = try PortfolioImporter(store: opened).importFiles([folder]) { reported.append(($0, $1)) }
        try opened.close()
        let two = try Self.importing(folder, into: twoPath, onePass: false, givesWay: false)
        #expect(.success(one) == two && one.counts[.metric]?.created == points.count && one.counts[.alert]?.created == 1)
        ImportBatchTests.expectSame(onePath, twoPath, "large")
        // The one pass counts the NDJSON's lines for its total; the two passes count records. The
        // same here (no blank line), so this tells only that the progress ran to its end.
        #expect(reported.last.map { $0.0 == $0.1 } == true && reported.count > 10, "\(reported.suffix(3))")
        let again = try PortfolioStore.open(path: root.file("taken.sqlite"))
        defer { try? again.close() }
        #expect(try PortfolioImporter(store: again).importInOnePass(files, progress: nil) != nil)
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
