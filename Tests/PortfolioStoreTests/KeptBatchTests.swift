import Foundation
import GRDB
import Portfolio
@testable import PortfolioStore
import Testing
import TestSupport

/// The ingest's batches (`EventBatchWriter`, `KeptBatch`: triggers set aside, kept tables settled
/// per chunk) against the same lines written one by one by `record` with the triggers in place.
@Suite("Ingest in batches")
struct KeptBatchTests {
    /// A CI fleet's lines over the sample's models: runs started and finished (some manual, by a
    /// person; deployments and trainings among them; some of the sample's own runs updated),
    /// metric points new, changed and repeated, and drift checks opening, updating and leaving
    /// alerts alone — with a model record in the middle, which its chunk writes the general way.
    static func lines(models: [String], pipelines: [String], runs: [Row], teams: [String], seed: UInt64) -> [String] {
        var random = RunDaysTests.Cases(state: seed)
        func pick<T>(_ items: [T]) -> T { items[Int(random.next(below: Int64(items.count)))] }
        let start = Int64(SharedSample.now.timeIntervalSince1970) - 20 * 86_400
        func time(_ offset: Int64) -> String { ISOTime.format(Date(timeIntervalSince1970: TimeInterval(start + offset))) }
        // A time within a second: the store keeps whole seconds, and a run's next line is answered
        // from what the store (or the batch holding the run) gives back.
        func fractional(_ offset: Int64) -> String { time(offset).replacingOccurrences(of: "Z", with: ".750Z") }
        var lines: [String] = []
        var open: [(id: String, pipeline: String, model: String, kind: String, started: Int64)] = []
        for step in 0..<1_500 {
            let at = Int64(step) * 1_000
            switch random.next(below: 10) {
            case 0, 1:
                let kind = pick(["training", "evaluation", "deployment", "data_validation"])
                let manual = random.next(below: 3) == 0
                let run = (id: "fleet-\(step)", pipeline: pick(pipelines), model: pick(models), kind: kind, started: at)
                open.append(run)
                lines.append("""
                    {"type":"run","id":"\(run.id)","pipeline":"\(run.pipeline)","model":"\(run.model)","kind":"\(kind)","status":"running",\
                    "started":"\(random.next(below: 4) == 0 ? fractional(at) : time(at))","trigger":"\(manual ? "manual" : "schedule")"\(manual ? ",\"started_by\":\"\(pick(["ana", "bo", "chen"]))\"" : "")}
                    """)
                // Sent again as it is (a retry): unchanged, but for a time within a second, which
                // the store kept in whole seconds.
                if random.next(below: 5) == 0, let last = lines.last { lines.append(last) }
            case 2, 3:
                guard !open.isEmpty else { continue }
                let run = open.remove(at: Int(random.next(below: Int64(open.count))))
                let status = pick(["succeeded", "succeeded", "failed", "cancelled"])
                lines.append("""
                    {"type":"run","id":"\(run.id)","pipeline":"\(run.pipeline)","model":"\(run.model)","kind":"\(run.kind)","status":"\(status)",\
                    "finished":"\(time(at + 600))"\(status == "failed" ? ",\"error\":\"gate failed\"" : "")}
                    """)
                // Sent again as it is (a retry): unchanged.
                if random.next(below: 5) == 0, let last = lines.last { lines.append(last) }
            case 4:
                // One of the sample's own runs, moved on (or repeated as it is: unchanged).
                let run = pick(runs)
                lines.append("""
                    {"type":"run","id":"\(run["external_id"] as String)","pipeline":"\(run["pipeline"] as String)","model":"\(run["model"] as String)",\
                    "kind":"\(run["kind"] as String)","status":"\(pick(["succeeded", "failed"]))","trigger":"\(pick(["manual", "schedule"]))",\
                    "started_by":"\(pick(["ana", "dee"]))"}
                    """)
            case 5, 6, 7:
                let model = pick(models)
                let name = pick(["eval.auc", "latency_ms", "drift.psi_age"])
                let when = time(Int64(random.next(below: 40)) * 3_600)
                lines.append(#"{"type":"metric","model":"\#(model)","name":"\#(name)","value":\#(random.next(below: 4)),"at":"\#(when)"}"#)
            case 8:
                let score = Double(random.next(below: 60)) / 100
                let id = random.next(below: 3) == 0 ? #","id":"fleet-alert-\#(random.next(below: 8))""# : ""
                lines.append("""
                    {"type":"alert","model":"\(pick(models))","feature":"\(pick(["age", "income"]))","method":"psi","score":\(score),\
                    "threshold":0.2\(id)}
                    """)
            default:
                if step == 700 {
                    lines.append(#"{"type":"model","name":"fleet-new-model","team":"\#(pick(teams))","stage":"production","business_value":1000}"#)
                } else {
                    lines.append("")
                }
            }
        }
        return lines
    }

    /// The names a fleet's lines use: the store's models, pipelines and teams, and some of its runs.
    static func names(_ store: PortfolioStore) throws -> (models: [String], pipelines: [String], runs: [Row], teams: [String]) {
        try store.read { reader in
            (try String.fetchAll(reader.db, sql: "SELECT name FROM models ORDER BY name"),
             try String.fetchAll(reader.db, sql: "SELECT name FROM pipelines ORDER BY name"),
             try Row.fetchAll(reader.db, sql: """
                 SELECT r.external_id, p.name AS pipeline, m.name AS model, r.kind FROM pipeline_runs r
                 JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id ORDER BY r.id LIMIT 60
                 """),
             try String.fetchAll(reader.db, sql: "SELECT name FROM teams ORDER BY name"))
        }
    }

    /// The sample imported into a store in `folder`, and the names a fleet's lines over it use.
    static func seed(_ folder: TemporaryFolder) throws -> (path: String, models: [String], pipelines: [String], runs: [Row], teams: [String]) {
        let path = try SampleStoreTemplate.copy(into: folder, name: "seed.sqlite")
        let store = try PortfolioStore.open(path: path)
        defer { try? store.close() }
        let (models, pipelines, runs, teams) = try names(store)
        return (path, models, pipelines, runs, teams)
    }

    /// `lines` ingested into two copies of the store at `seed`, in batches and one by one.
    static func bothWays(_ lines: [String], seed: String, in folder: TemporaryFolder, now: Date = SharedSample.now)
        throws -> [(batched: Bool, path: String, summary: IngestSummary)] {
        try [true, false].map { batched in
            let path = folder.file("\(batched ? "batched" : "one").sqlite")
            try FileManager.default.copyItem(atPath: seed, toPath: path)
            return (batched, path, try ingest(lines, into: path, batched: batched, chunk: 97, now: now))
        }
    }

    static func ingest(_ lines: [String], into path: String, batched: Bool, chunk: Int, now: Date = SharedSample.now) throws -> IngestSummary {
        let file = path + ".ndjson"
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let store = try PortfolioStore.open(path: path)
        defer { try? store.close() }
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
        defer { try? handle.close() }
        var ingester = EventIngester(store: store, skipInvalid: true)
        ingester.batched = batched
        ingester.chunkLines = chunk
        ingester.batchFrom = 1
        return try ingester.ingest(handle, label: "fleet.ndjson", now: now)
    }

    /// Every base table's rows, and every kept table's rows that matter with money to the cent
    /// (sums kept in another order differ far below a cent, and a sum taken back to 0 may stay).
    static func contents(_ path: String) throws -> [String: Set<String>] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var tables: [String: Set<String>] = [:]
            for table in KeptTable.baseTables {
                tables[table] = Set(try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map(\.description))
            }
            for kept in KeptTable.all {
                let columns = kept.columns.map { kept.money.contains($0) ? "round(\($0), 2) AS \($0)" : $0 }.joined(separator: ", ")
                tables[kept.table] = Set(try Row.fetchAll(db, sql: "SELECT \(columns) FROM \(kept.table) WHERE \(kept.matters)").map(\.description))
            }
            return tables
        }
    }

    @Test("Runs, metric points and drift checks ingested in batches, some chunks holding a model record, leave every kept table equal to its rows, and every table and count as the same lines written one by one with the triggers")
    func batchesEqualOneByOne() throws {
        let folder = TemporaryFolder("kept-batch")
        let (seedStore, models, pipelines, runs, teams) = try Self.seed(folder)
        for seed: UInt64 in [1, 2] {
            let lines = Self.lines(models: models, pipelines: pipelines + ["fleet-new-pipeline"], runs: runs, teams: teams, seed: seed)
            let batchedPath = folder.file("batched-\(seed).sqlite"), onePath = folder.file("one-\(seed).sqlite")
            try FileManager.default.copyItem(atPath: seedStore, toPath: batchedPath)
            try FileManager.default.copyItem(atPath: seedStore, toPath: onePath)
            let batched = try Self.ingest(lines, into: batchedPath, batched: true, chunk: 97)
            let one = try Self.ingest(lines, into: onePath, batched: false, chunk: 97)
            #expect(batched == one)
            #expect(batched.created > 500 && batched.updated > 100 && batched.unchanged > 10 && batched.skipped > 10)
            let queue = try DatabaseQueue(path: batchedPath)
            try queue.read { db throws in
                #expect(try StoreDoctor.keptTables(db).map(\.problem) == [])
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM actor_days") ?? 0 > 0)
            }
            try queue.close()
            let (got, want) = (try Self.contents(batchedPath), try Self.contents(onePath))
            for table in want.keys.sorted() {
                let (extra, missing) = (got[table, default: []].subtracting(want[table, default: []]), want[table, default: []].subtracting(got[table, default: []]))
                #expect(extra.isEmpty && missing.isEmpty, "\(table): \(extra.count) rows only in batches, e.g. \(extra.sorted().prefix(3)); \(missing.count) only one by one, e.g. \(missing.sorted().prefix(3))")
            }
        }
    }

    @Test("A run written to the store and read back is its stored form, which the ingest holds a run it wrote in: whole seconds, no NaN cost, text up to a NUL")
    func runReadBackIsItsStoredForm() throws {
        let folder = TemporaryFolder("stored-form")
        let store = try PortfolioStore.open(path: try SampleStoreTemplate.copy(into: folder))
        defer { try? store.close() }
        let (model, pipeline) = try store.read { reader in
            (try String.fetchOne(reader.db, sql: "SELECT m.name FROM models m JOIN pipelines p ON p.team_id = m.team_id ORDER BY m.name") ?? "",
             try String.fetchOne(reader.db, sql: "SELECT p.name FROM models m JOIN pipelines p ON p.team_id = m.team_id ORDER BY m.name") ?? "")
        }
        let times: [TimeInterval] = [0, 0.25, -0.25, 1_767_225_600.999, -1e12 - 0.5, 9e15 + 0.5, 1e300, -1e300]
        var random = RunDaysTests.Cases(state: 11)
        for (index, queued) in times.enumerated() {
            let started = queued.magnitude > 1e15 ? queued : queued + Double(random.next(below: 1_000)) / 8
            let run = PipelineRun(externalID: "stored-\(index)", pipeline: pipeline, model: model, name: index == 1 ? "a\u{0}b" : "r\(index)",
                                  kind: .training, status: .succeeded, startedBy: index == 2 ? "" : nil, modelVersion: "v\(index)",
                                  queuedAt: Date(timeIntervalSince1970: queued), startedAt: Date(timeIntervalSince1970: started),
                                  finishedAt: Date(timeIntervalSince1970: started.magnitude > 1e15 ? started : started + 0.5),
                                  commit: index == 3 ? "c\u{0}" : "abc", computeCost: index == 4 ? .nan : Double(index) * 1.5,
                                  error: index == 5 ? "" : nil)
            try store.write { writer in _ = try writer.upsert(run) }
            let back = try store.read { try $0.run(externalID: run.asStored.externalID) }
            #expect(back == run.asStored, "\(run)")
        }
    }

    @Test("A run started at the ingest's time, within a second, and finished in that second is accepted in a batch as one by one: the run held is answered as the store keeps it, in whole seconds")
    func runHeldInWholeSeconds() throws {
        let folder = TemporaryFolder("held-seconds")
        let (seedStore, models, pipelines, _, _) = try Self.seed(folder)
        let now = SharedSample.now.addingTimeInterval(0.375)
        let lines = [
            #"{"type":"run","id":"same-second","pipeline":"\#(pipelines[0])","model":"\#(models[0])","kind":"training","status":"running"}"#,
            #"{"type":"run","id":"same-second","pipeline":"\#(pipelines[0])","model":"\#(models[0])","kind":"training","status":"succeeded","finished":"\#(ISOTime.format(now))"}"#,
        ]
        for (batched, _, summary) in try Self.bothWays(lines, seed: seedStore, in: folder, now: now) {
            #expect(summary.created == 1 && summary.updated == 1 && summary.skipped == 0, "batched: \(batched), \(summary.skippedErrors)")
        }
    }

    @Test("Run ids and metric names that Swift holds equal but the store does not (é composed and decomposed) are two runs and two series in a batch as one by one")
    func storeTextIsItsBytes() throws {
        let folder = TemporaryFolder("held-bytes")
        let (seedStore, models, pipelines, stored, _) = try Self.seed(folder)
        // One of the sample's runs named in one form, then (a chunk later, so it is updated in
        // the store) failed and named in the other: the name is written, in its new bytes.
        let sample = stored[0]
        let renamed = [("caf\u{E9}", "succeeded"), ("cafe\u{301}", "failed")].map { name, status in
            #"{"type":"run","id":"\#(sample["external_id"] as String)","pipeline":"\#(sample["pipeline"] as String)","model":"\#(sample["model"] as String)","kind":"\#(sample["kind"] as String)","status":"\#(status)","name":"\#(name)"}"#
        }
        let runs = ["run-caf\u{E9}", "run-cafe\u{301}", "run-caf\u{E9}"].map { id in
            #"{"type":"run","id":"\#(id)","pipeline":"\#(pipelines[0])","model":"\#(models[0])","kind":"training","status":"running"}"#
        }
        let points = [("lat\u{E9}ncy", 1), ("late\u{301}ncy", 2)].map { name, hour in
            #"{"type":"metric","model":"\#(models[0])","name":"\#(name)","value":1,"at":"2025-01-01T0\#(hour):00:00Z"}"#
        }
        var contents: [[String: Set<String>]] = []
        let lines = runs + points + [renamed[0]] + Array(repeating: "", count: 100) + [renamed[1]]
        for (batched, path, summary) in try Self.bothWays(lines, seed: seedStore, in: folder) {
            #expect(summary.created == 4 && summary.updated == 2 && summary.unchanged == 1 && summary.skipped == 0, "batched: \(batched), \(summary)")
            let queue = try DatabaseQueue(path: path)
            try queue.read { db throws in
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM pipeline_runs WHERE external_id LIKE 'run-caf%'") == 2)
                #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM metric_series WHERE name LIKE 'lat%ncy'") == 2)
                #expect(try String.fetchOne(db, sql: "SELECT name FROM pipeline_runs WHERE external_id = ?", arguments: [sample["external_id"] as String])?
                    .utf8.elementsEqual("cafe\u{301}".utf8) == true)
                #expect(try StoreDoctor.keptTables(db).map(\.problem) == [])
            }
            try queue.close()
            contents.append(try Self.contents(path))
        }
        #expect(contents[0] == contents[1])
    }

    @Test("An ingest in batches puts back every trigger it set aside, with its own text")
    func triggersComeBack() throws {
        let folder = TemporaryFolder("kept-batch-triggers")
        let path = folder.file("store.sqlite")
        let store = try PortfolioStore.open(path: path)
        _ = try PortfolioImporter(store: store).importFiles([RepoPaths.sampleData])
        let model = try store.read { try String.fetchOne($0.db, sql: "SELECT name FROM models LIMIT 1") } ?? ""
        let before = try store.read { try Row.fetchAll($0.db, sql: "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name") }
        try store.close()
        _ = try Self.ingest([#"{"type":"metric","model":"\#(model)","name":"x","value":1}"#], into: path, batched: true, chunk: 10)
        let reopened = try PortfolioStore.open(path: path)
        defer { try? reopened.close() }
        let after = try reopened.read { try Row.fetchAll($0.db, sql: "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name") }
        #expect(before.count > 40)
        #expect(after == before)
    }

    @Test("Settling a batch reads the runs and alerts it touched by their ids, never a walk over every run, alert or point")
    func settlingReadsOnlyWhatWasTouched() throws {
        let folder = TemporaryFolder("kept-batch-plans")
        let path = folder.file("store.sqlite")
        let store = try PortfolioStore.open(path: path)
        defer { try? store.close() }
        _ = try PortfolioImporter(store: store).importFiles([RepoPaths.sampleData])
        let (models, pipelines, runs, teams) = try Self.names(store)
        let lines = Self.lines(models: models, pipelines: pipelines, runs: runs, teams: teams, seed: 3).filter { !$0.contains(#""type":"model""#) }
        let file = folder.file("fleet.ndjson")
        try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
        let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
        defer { try? handle.close() }
        let (_, recorded) = try store.recordingStatements {
            try EventIngester(store: store, skipInvalid: true).ingest(handle, label: "fleet.ndjson", now: SharedSample.now)
        }
        let settling = Set(recorded.filter { $0.contains("kept_batch") && !$0.hasPrefix("CREATE") && !$0.hasPrefix("DELETE FROM kept_batch") })
        #expect(settling.count >= 15)
        struct Rollback: Error {}
        do {
            try store.write { writer in
                _ = try KeptBatch(writer.db)
                for sql in settling {
                    let plan = try Row.fetchAll(writer.db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
                    let walks = plan.filter {
                        $0.range(of: #"^SCAN (pipeline_runs|drift_alerts|metric_points|alert_events|alert_facts|alert_weeks|r|d|p|a|x|f|m)\b"#, options: .regularExpression) != nil
                            || $0.contains("runs_by_kind") || $0.contains("runs_by_status") || $0.contains("runs_by_trigger")
                            || $0.contains("alerts_window")
                    }
                    #expect(walks.isEmpty, "\(sql)\n\(plan.joined(separator: "\n"))")
                }
                throw Rollback()
            }
        } catch is Rollback {}
    }

    @Test("A run cancelled before it was queued is refused with its line and field named, the same in a batch as one by one, and nothing of the file lands")
    func cancelledBeforeQueuedIsRefused() throws {
        let folder = TemporaryFolder("kept-batch-cancelled")
        let seed = folder.file("seed.sqlite")
        let store = try PortfolioStore.open(path: seed)
        _ = try PortfolioImporter(store: store).importFiles([RepoPaths.sampleData])
        let (model, pipeline) = try store.read { reader in
            (try String.fetchOne(reader.db, sql: "SELECT name FROM models ORDER BY name") ?? "",
             try String.fetchOne(reader.db, sql: "SELECT name FROM pipelines ORDER BY name") ?? "")
        }
        try store.close()
        let earlier = ISOTime.format(SharedSample.now.addingTimeInterval(-3_600))
        let lines = [
            #"{"type":"run","id":"early-1","pipeline":"\#(pipeline)","model":"\#(model)","kind":"training","status":"queued"}"#,
            #"{"type":"run","id":"early-1","pipeline":"\#(pipeline)","model":"\#(model)","kind":"training","status":"cancelled","finished":"\#(earlier)"}"#,
        ]
        var errors: [ImportError] = []
        for batched in [true, false] {
            let path = folder.file("store-\(batched).sqlite")
            try FileManager.default.copyItem(atPath: seed, toPath: path)
            let file = path + ".ndjson"
            try (lines.joined(separator: "\n") + "\n").write(toFile: file, atomically: true, encoding: .utf8)
            let opened = try PortfolioStore.open(path: path)
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
            var ingester = EventIngester(store: opened)
            ingester.batched = batched
            ingester.batchFrom = 1
            do {
                _ = try ingester.ingest(handle, label: "fleet.ndjson", now: SharedSample.now)
                Issue.record("the ingest was not refused")
            } catch let error as ImportError {
                errors.append(error)
            }
            #expect(try opened.read { try Int.fetchOne($0.db, sql: "SELECT count(*) FROM pipeline_runs WHERE external_id = 'early-1'") } == 0)
            try handle.close()
            try opened.close()
        }
        #expect(errors.count == 2)
        #expect(errors.first == errors.last)
        #expect(errors.first?.line == 2 && errors.first?.field == "finished")
        #expect(errors.first?.message.hasPrefix("expected a time not before the run was queued") == true)
    }
}
