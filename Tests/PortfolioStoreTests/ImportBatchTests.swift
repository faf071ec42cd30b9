import Foundation
import GRDB
import Portfolio
@testable import PortfolioStore
import Testing
import TestSupport

/// The import's two passes and its batches (runs, metric points and alerts written with their
/// triggers set aside, `KeptBatch` settling the kept tables) against the same files imported with
/// every trigger in place.
@Suite("Import in batches")
struct ImportBatchTests {
    /// A second import over the sample: some of its runs, points and alerts changed (status, cost,
    /// trigger, steps; values; severity, status and events), new ones beside them, and a model
    /// changed, in NDJSON as a team's export would send them.
    static func changes(sample: String, alerts: [DriftAlert], seed: UInt64) throws -> String {
        var random = RunDaysTests.Cases(state: seed)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next(below: Int64(items.count)))] }
        func object(_ line: Substring) throws -> [String: Any] {
            try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] ?? [:]
        }
        func text(_ object: [String: Any]) throws -> String {
            String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        var lines: [String] = []
        let runs = try String(contentsOfFile: sample + "/runs.ndjson", encoding: .utf8).split(separator: "\n")
        for (index, line) in runs.enumerated() {
            var run = try object(line)
            if index % 5 == 0, run["model_version"] != nil, ["deployment", "training"].contains(run["kind"] as? String) {
                // An earlier deployment or training of a version: the version's first deployment,
                // and so its first training, may be another one now.
                var early = run
                early["id"] = "import-early-\(index)"
                for key in ["queued_at", "started_at", "finished_at"] {
                    if let time = (run[key] as? String).flatMap(ISOTime.parse) { early[key] = ISOTime.format(time.addingTimeInterval(-10 * 86_400)) }
                }
                early["steps"] = []
                lines.append(try text(early))
            }
            guard random.next(below: 6) == 0 else { continue }
            switch random.next(below: 4) {
            case 0: run["compute_cost"] = Double(random.next(below: 900)) / 10
            case 1: run["trigger"] = pick(["manual", "schedule", "commit"]); run["started_by"] = pick(["ana", "bo"])
            case 2: run["steps"] = Array((run["steps"] as? [Any] ?? []).dropLast())
            default:
                // A new run beside it: the same work, a new id, a day later.
                run["id"] = "import-new-\(index)"
                for key in ["queued_at", "started_at", "finished_at"] {
                    if let time = (run[key] as? String).flatMap(ISOTime.parse) { run[key] = ISOTime.format(time.addingTimeInterval(86_400)) }
                }
                run["steps"] = []
            }
            lines.append(try text(run))
        }
        let points = try String(contentsOfFile: sample + "/metrics.ndjson", encoding: .utf8).split(separator: "\n")
        for (index, line) in points.enumerated() where random.next(below: 20) == 0 {
            var point = try object(line)
            if index % 2 == 0 {
                point["value"] = Double(random.next(below: 1000)) / 1000
            } else if let at = (point["at"] as? String).flatMap(ISOTime.parse) {
                point["at"] = ISOTime.format(at.addingTimeInterval(3_600))
            }
            lines.append(try text(point))
        }
        for (index, alert) in alerts.enumerated() where random.next(below: 3) == 0 {
            var changed = alert
            if index % 4 == 3 { changed.externalID = "import-alert-\(index)" }
            // Moved to another week: the week it leaves in alert_weeks is worked out again too.
            if index % 5 == 1 { changed.openedAt = alert.openedAt.addingTimeInterval(-8 * 86_400) }
            changed.severity = pick([.info, .warning, .critical])
            changed.status = pick([.open, .acknowledged])
            changed.resolvedAt = nil
            changed.snoozedUntil = nil
            changed.events = Array(alert.events.prefix(Int(random.next(below: 3)))) + [
                AlertEvent(kind: .note, at: alert.openedAt.addingTimeInterval(600), actor: pick(["ana", "bo", "chen"]), note: "looked again"),
            ]
            var object: [String: Any] = [
                "type": "alert", "id": changed.externalID, "model": changed.model, "feature": changed.feature, "method": changed.method.rawValue,
                "score": changed.score, "threshold": changed.threshold, "severity": changed.severity.rawValue, "status": changed.status.rawValue,
                "opened_at": ISOTime.format(changed.openedAt),
            ]
            if let assignee = changed.assignee { object["assignee"] = assignee }
            object["events"] = changed.events.map { event -> [String: Any] in
                var fields: [String: Any] = ["kind": event.kind.rawValue, "at": ISOTime.format(event.at)]
                if let actor = event.actor { fields["actor"] = actor }
                if let note = event.note { fields["note"] = note }
                return fields
            }
            lines.append(try text(object))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// How an import writes: a bulk load into an empty store (else batches), the same written in
    /// the one pass that reads it (`OnePassImport`), batches, or every record with the triggers.
    enum Way: String, CaseIterable {
        case triggers, bulk, onePass, batches
    }

    static func importOneWay(_ paths: [String], into store: String, way: Way) throws -> ImportSummary {
        let opened = try PortfolioStore.open(path: store)
        defer { try? opened.close() }
        var importer = PortfolioImporter(store: opened)
        importer.batched = way != .triggers
        importer.bulkLoadWhenEmpty = way == .bulk || way == .onePass
        importer.onePassFrom = way == .onePass ? 0 : nil
        importer.settleEvery = 97
        if way == .onePass, try opened.read({ try BulkLoad.isEmpty($0.db) }) {
            // Taken, not given way: else the two passes would stand in for it unseen.
            let summary = try importer.importInOnePass(try ImportSource.files(for: paths), progress: nil)
            #expect(summary != nil, "the one pass gave way on \(paths)")
            if let summary { return summary }
        }
        return try importer.importFiles(paths)
    }

    @Test("The sample (a bulk load into the new store, in two passes or one, or batches), then a second import changing its runs, points, alerts and a model, leave every table and kept table as the same files imported with every trigger, and the same summary")
    func batchesEqualTriggers() throws {
        let folder = TemporaryFolder("import-batch")
        let probe = try PortfolioStore.open(path: folder.file("probe.sqlite"))
        _ = try PortfolioImporter(store: probe).importFiles([RepoPaths.sampleData])
        let alerts = try probe.read { reader in
            try String.fetchAll(reader.db, sql: "SELECT external_id FROM drift_alerts ORDER BY id").compactMap { try reader.alert(externalID: $0) }
        }
        let model = try probe.read { try String.fetchOne($0.db, sql: "SELECT name FROM models ORDER BY name") } ?? ""
        let team = try probe.read { try String.fetchOne($0.db, sql: "SELECT name FROM teams ORDER BY name DESC") } ?? ""
        try probe.close()
        for seed: UInt64 in [1, 2] {
            let changes = folder.write("changes-\(seed)/changes.ndjson", try Self.changes(sample: RepoPaths.sampleData, alerts: alerts, seed: seed))
            let moved = folder.write("changes-\(seed)/model.ndjson",
                                     #"{"type":"model","name":"\#(model)","team":"\#(team)","owner":"someone else","stage":"staging"}"# + "\n")
            var summaries: [Way: [ImportSummary]] = [:]
            for files in [[RepoPaths.sampleData], [changes, moved]] {
                for way in Way.allCases {
                    let path = folder.file("store-\(seed)-\(way).sqlite")
                    summaries[way, default: []].append(try Self.importOneWay(files, into: path, way: way))
                    if way != .triggers, files.count == 1 {
                        // The first import's own tables, before the second changes them.
                        Self.expectSame(path, folder.file("store-\(seed)-triggers.sqlite"), "\(way), the sample")
                    }
                }
            }
            #expect(summaries[.bulk] == summaries[.triggers] && summaries[.onePass] == summaries[.triggers] && summaries[.batches] == summaries[.triggers])
            let second = summaries[.bulk]?[1] ?? ImportSummary()
            #expect((second.counts[.run]?.updated ?? 0) > 50 && (second.counts[.run]?.created ?? 0) > 20)
            #expect((second.counts[.metric]?.updated ?? 0) > 50 && (second.counts[.metric]?.created ?? 0) > 50)
            #expect((second.counts[.alert]?.updated ?? 0) > 10 && (second.counts[.alert]?.created ?? 0) > 2, "\(second.counts[.alert] ?? .init())")
            let triggersPath = folder.file("store-\(seed)-triggers.sqlite")
            for way in [Way.bulk, .onePass, .batches] {
                let path = folder.file("store-\(seed)-\(way).sqlite")
                let queue = try DatabaseQueue(path: path)
                try queue.read { db throws in
                    #expect(try StoreDoctor.keptTables(db).map(\.problem) == [])
                    #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'") ?? 0 > 40)
                    let schema = "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY name"
                    #expect(try String.fetchAll(db, sql: schema) == (try DatabaseQueue(path: triggersPath).read { try String.fetchAll($0, sql: schema) }))
                }
                try queue.close()
                Self.expectSame(path, triggersPath, "\(way), then the changes")
            }
        }
    }

    /// Expects the stores at `path` and `triggersPath` to hold the same rows in every table.
    static func expectSame(_ path: String, _ triggersPath: String, _ label: String) {
        do {
            let (got, want) = (try KeptBatchTests.contents(path), try KeptBatchTests.contents(triggersPath))
            for table in want.keys.sorted() {
                let (extra, missing) = (got[table, default: []].subtracting(want[table, default: []]), want[table, default: []].subtracting(got[table, default: []]))
                #expect(extra.isEmpty && missing.isEmpty, "\(label), \(table): \(extra.count) rows only this way, e.g. \(extra.sorted().prefix(3)); \(missing.count) only with triggers, e.g. \(missing.sorted().prefix(3))")
            }
        } catch {
            Issue.record("\(label): \(error)")
        }
    }

    @Test("A record may name a parent given in a later file; of several unknown names, the first record in the order of writing (parents first) is the one refused")
    func referencesResolveAcrossFilesParentsFirst() throws {
        let folder = TemporaryFolder("import-references")
        let store = try PortfolioStore.open(path: folder.file("store.sqlite"))
        defer { try? store.close() }
        let run = #"{"type":"run","id":"r1","pipeline":"late-pipeline","model":"late-model","kind":"training","status":"queued","queued_at":"2026-01-01T00:00:00Z"}"#
        let point = #"{"type":"metric","model":"nobody","name":"auc","at":"2026-01-01T00:00:00Z","value":1}"#
        let parents = """
            {"type":"team","name":"late-team"}
            {"type":"pipeline","name":"late-pipeline","team":"late-team"}
            {"type":"model","name":"late-model","team":"late-team","owner":"o","stage":"production"}
            """
        let a = folder.write("ok/a.ndjson", run + "\n"), b = folder.write("ok/b.ndjson", parents + "\n")
        let summary = try PortfolioImporter(store: store).importFiles([a, b])
        #expect(summary.counts[.run]?.created == 1 && summary.counts[.model]?.created == 1)

        // The point (file 1) and a pipeline of an unknown team (file 2): the pipeline is written first.
        let c = folder.write("bad/a.ndjson", point + "\n")
        let d = folder.write("bad/b.ndjson", #"{"type":"pipeline","name":"p2","team":"no-such-team"}"# + "\n")
        let error = #expect(throws: ImportError.self) { try PortfolioImporter(store: store).importFiles([c, d]) }
        #expect(error?.file == d && error?.field == "team" && error?.message.contains("no-such-team") == true, "\(String(describing: error))")
        let only = #expect(throws: ImportError.self) { try PortfolioImporter(store: store).importFiles([c]) }
        #expect(only?.file == c && only?.field == "model" && only?.line == 1, "\(String(describing: only))")
        // A run naming neither a known pipeline nor a known model: its first reference, the pipeline.
        let e = folder.write("bad/c.ndjson", run.replacingOccurrences(of: "late-pipeline", with: "no-pipeline")
            .replacingOccurrences(of: "late-model", with: "no-model") + "\n")
        for _ in 0..<5 {
            let both = #expect(throws: ImportError.self) { try PortfolioImporter(store: store).importFiles([e]) }
            #expect(both?.field == "pipeline", "\(String(describing: both))")
        }
    }

    @Test("With the tables' checks off in a batch, every run the checks would refuse is refused by the decoder first, naming its field; nothing is written")
    func decoderRefusesWhatTheChecksWould() throws {
        let base = #""type":"run","id":"r","pipeline":"retail-demand-forecast-train","model":"retail-demand-forecast","kind":"training""#
        let cases: [(fields: String, field: String)] = [
            (#""status":"succeeded","started_at":"2026-01-10T02:00:00Z","finished_at":"2026-01-10T01:00:00Z""#, "finished_at"),
            (#""status":"running","queued_at":"2026-01-10T02:00:00Z","started_at":"2026-01-10T01:00:00Z""#, "started_at"),
            (#""status":"cancelled","queued_at":"2026-01-10T02:00:00Z","finished_at":"2026-01-10T01:00:00Z""#, "started_at"),
            (#""status":"done","started_at":"2026-01-10T02:00:00Z""#, "status"),
        ]
        for (fields, field) in cases {
            let (error, _) = try ImportTests.refusal([("runs.ndjson", "{\(base),\(fields)}\n")])
            #expect(error.line == 1 && error.field == field, "\(fields): \(error)")
        }
    }

    @Test("A bad record before a line over 1 MiB is the one reported, wherever the chunks of the reading end")
    func firstProblemInFileOrderBeforeAnUnreadableLine() throws {
        var lines = (0..<1_499).map { index in
            #"{"type":"metric","model":"retail-demand-forecast","name":"auc","at":"\#(ISOTime.format(Date(timeIntervalSince1970: 1_767_225_600 + Double(index) * 60)))","value":1}"#
        }
        lines[1_099] = #"{"type":"metric","model":"retail-demand-forecast","name":"auc","value":1}"#
        lines.append(#"{"type":"metric","note":""# + String(repeating: "x", count: LineReader.maximumLineBytes) + #""}"#)
        let (error, _) = try ImportTests.refusal([("metrics.ndjson", lines.joined(separator: "\n") + "\n")])
        #expect(error.line == 1_100 && error.field == "at", "\(error)")
        // A duplicate before it: the first place is found without reading as far as the long line.
        lines[1_099] = lines[0]
        let (duplicate, _) = try ImportTests.refusal([("metrics.ndjson", lines.joined(separator: "\n") + "\n")])
        #expect(duplicate.line == 1_100 && duplicate.message.contains("metrics.ndjson:1"), "\(duplicate)")
    }
}
