import Foundation
import Portfolio

/// What one import did, per kind of record.
public struct ImportSummary: Sendable, Equatable {
    public struct Counts: Sendable, Equatable {
        public var created = 0
        public var updated = 0
        public var unchanged = 0
        /// Records the source no longer holds, taken out of the store (a run deleted in MLflow).
        public var removed = 0
        public var total: Int { created + updated + unchanged }
    }

    public var files: [String] = []
    public var counts: [RecordKind: Counts] = [:]

    public init(files: [String] = []) {
        self.files = files
    }

    /// Adds another summary's files and counts to this one.
    public mutating func merge(_ other: ImportSummary) {
        files += other.files
        for (kind, counts) in other.counts {
            var merged = self.counts[kind] ?? Counts()
            merged.created += counts.created
            merged.updated += counts.updated
            merged.unchanged += counts.unchanged
            merged.removed += counts.removed
            self.counts[kind] = merged
        }
    }

    public var records: Int { counts.values.reduce(0) { $0 + $1.total } }
    public var changed: Int { counts.values.reduce(0) { $0 + $1.created + $1.updated + $1.removed } }

    mutating func add(_ outcome: UpsertOutcome, for kind: RecordKind) {
        var entry = counts[kind] ?? Counts()
        switch outcome {
        case .created: entry.created += 1
        case .updated: entry.updated += 1
        case .unchanged: entry.unchanged += 1
        }
        counts[kind] = entry
    }

    mutating func addRemoved(_ kind: RecordKind) {
        counts[kind, default: Counts()].removed += 1
    }
}

/// Imports files of the Oversight data format in two passes: every record of every file read and
/// checked first (types, duplicates, references: `ImportPlan`), then read again and written in
/// one transaction, parents first, keeping file order within a kind. Neither pass holds the
/// records, so memory stays bounded however large the input. Any error leaves the store exactly
/// as it was.
///
/// Into a store that holds no record, everything is written as `generate` writes (`BulkLoad`):
/// secondary indexes and triggers set aside, put back from their definitions after, and the kept
/// tables filled once; with 4 MiB of NDJSON or more, in the one pass that reads it
/// (`OnePassImport`), which gives way to the two passes at the first thing not plainly right.
/// Otherwise runs, metric points and alerts — the volume — are written with
/// their tables' triggers set aside and the kept tables settled every `settleEvery` records
/// (`KeptBatch`, as `ingest` does); teams, pipelines, models and maturity assessments, which may
/// change what any kept table holds, with the triggers. Either way the tables' CHECKs are off
/// only for runs, points and alerts, whose every value the decoder has checked; a bulk load sets
/// aside every table's type triggers too (the writer binds each value as the type its column
/// holds).
public struct PortfolioImporter {
    /// Called with (records written, records to write) as the write progresses.
    public typealias Progress = (Int, Int) -> Void

    public let store: PortfolioStore
    /// Records written between two settlings of the kept tables. Each settle reads the deployment
    /// facts of the versions its runs touched, which grow with the history: 16,384 rather than
    /// 4,096 took a million records from ~39.5 to ~37 s (deployment facts 2.6 → 1.0 s).
    var settleEvery = 16_384
    /// Whether runs, metric points and alerts are written in a batch (false: with their triggers,
    /// for the tests that hold both ways equal).
    var batched = true
    /// Whether an import into a store that holds no record is a bulk load (false: in batches,
    /// for the tests that hold the ways equal).
    var bulkLoadWhenEmpty = true
    /// The NDJSON bytes from which an import into a store that holds no record is written in the
    /// one pass that reads it (`OnePassImport`); nil: never (for the tests that hold the ways equal).
    var onePassFrom: Int? = OnePassImport.fromBytes
    /// The fewest runs, points and alerts a batch is worth: setting the triggers aside and back
    /// costs a few milliseconds and makes every reader prepare its statements again (as `ingest`).
    static let batchFrom = 64
    /// The kinds that are an import's volume, written in a batch or a bulk load with the tables'
    /// checks off (the decoder checks every value of theirs).
    static let volume: Set<RecordKind> = [.run, .metric, .alert]

    public init(store: PortfolioStore) {
        self.store = store
    }

    public func importFiles(_ paths: [String], progress: Progress? = nil) throws -> ImportSummary {
        let files = try ImportSource.files(for: paths)
        // Nothing to import is refused, not reported as success: a truncated export or a wrong
        // folder should stop the job that ran it (docs/DATA-FORMAT.md).
        guard !files.isEmpty else {
            throw ImportError(file: paths.joined(separator: ", "), message: "no .yaml, .yml, .json, .ndjson or .jsonl files to import")
        }
        if bulkLoadWhenEmpty, let least = onePassFrom, OnePassImport.worthIt(files, least: least),
           let summary = try importInOnePass(files, progress: progress) {
            return summary
        }
        let plan = try ImportPlan(files: files)
        var summary = ImportSummary(files: files)
        try store.withTemporaryStorageInMemory {
            try store.write { writer in
                try plan.checkReferences { kind in
                    switch kind {
                    case .team: try writer.reader.teamNames()
                    case .pipeline: try writer.reader.pipelineNames()
                    default: try writer.reader.modelNames()
                    }
                }
                do {
                    let batch = batched && Self.volume.reduce(0) { $0 + (plan.counts[$1] ?? 0) } >= Self.batchFrom
                    if batch, bulkLoadWhenEmpty, try BulkLoad.isEmpty(writer.db) {
                        // Indexes built once by sorting instead of a million scattered inserts
                        // into each: 13 of them on runs alone. (docs/BENCHMARKS.md)
                        writer.recordsAreNew = true
                        defer { writer.recordsAreNew = false }
                        try BulkLoad.load(writer.db) { db in
                            try write(plan, with: writer, into: &summary, progress: progress) { bulk in
                                try db.execute(sql: "PRAGMA ignore_check_constraints = \(bulk ? "ON" : "OFF")")
                            }
                        }
                    } else {
                        try write(plan, with: writer, into: &summary, progress: progress) { bulk in
                            if batch, bulk { try writer.beginKeptBatch() } else { try writer.endKeptBatch() }
                        }
                        try writer.endKeptBatch()
                    }
                } catch {
                    writer.abandonKeptBatch()
                    throw error
                }
            }
        }
        return summary
    }

    /// The import written as it is read (`OnePassImport`) when the store holds no record; nil when
    /// it gave way (the store is then as empty as it was, and the two passes run).
    func importInOnePass(_ files: [String], progress: Progress?) throws -> ImportSummary? {
        // Asked first without the write lock: a store that holds records (or an upstream's
        // write to make) is left to the two passes before anything is begun.
        guard try store.read({ try BulkLoad.isEmpty($0.db) }) else { return nil }
        do {
            return try store.withTemporaryStorageInMemory {
                try store.write { writer in
                    guard try BulkLoad.isEmpty(writer.db) else { throw OnePassImport.GaveWay() }
                    writer.recordsAreNew = true
                    defer { writer.recordsAreNew = false }
                    return try BulkLoad.load(writer.db) { db in
                        var pass = OnePassImport(files: files, writer: writer, progress: progress)
                        return try pass.run { ignored in try db.execute(sql: "PRAGMA ignore_check_constraints = \(ignored ? "ON" : "OFF")") }
                    }
                }
            }
        } catch let error as StoreError {
            // The store's own trouble (busy, not writable, damaged, its upstream) is the two
            // passes' too: said now rather than after waiting for it twice. A name the writer
            // did not find is the input's, which the two passes word.
            guard case .notFound = error else { throw error }
            return nil
        } catch {
            return nil
        }
    }

    /// Writes the plan's records, parents first; `entering` is told before each kind whether it
    /// is one of the volume (runs, points, alerts), whose values the decoder has checked.
    private func write(_ plan: ImportPlan, with writer: PortfolioWriter, into summary: inout ImportSummary, progress: Progress?,
                       entering: (_ bulk: Bool) throws -> Void) throws {
        let step = max(1, plan.total / 200)
        var written = 0
        for kind in RecordKind.allCases {
            try entering(Self.volume.contains(kind))
            let stream = RecordStream(files: plan.files(holding: kind), kinds: [kind])
            defer { stream.cancel() }
            while let item = try stream.next() {
                guard case let .record(record) = item else { continue }
                do {
                    summary.add(try Self.write(record.decoded, with: writer), for: kind)
                } catch let error as RecordError {
                    throw record.fields.error(error.field, error.message)
                }
                written += 1
                if written % settleEvery == 0 { try writer.settleKeptBatch() }
                if written % step == 0 || written == plan.total { progress?(written, plan.total) }
            }
        }
    }

    static func write(_ record: DecodedRecord, with writer: PortfolioWriter) throws -> UpsertOutcome {
        switch record {
        case let .team(team): try writer.upsert(team)
        case let .pipeline(pipeline): try writer.upsert(pipeline)
        case let .model(model): try writer.upsert(model)
        case let .run(run): try writer.upsert(run)
        case let .metric(point): try writer.upsert(point)
        case let .alert(alert): try writer.upsert(alert)
        case let .maturity(assessment): try writer.upsert(assessment)
        }
    }
}

/// What `import --json` prints: the totals, and per kind of record (by its section name).
extension ImportSummary: ScriptRecord {
    public var script: ScriptValue {
        let all = counts.values.reduce(into: Counts()) { all, counts in
            all.created += counts.created
            all.updated += counts.updated
            all.unchanged += counts.unchanged
            all.removed += counts.removed
        }
        return .fields([
            "created": .int(all.created), "updated": .int(all.updated), "unchanged": .int(all.unchanged), "removed": .int(all.removed),
            "skipped": .int(0),
            "by_kind": .object(counts.map { kind, counts in
                (kind.section, .fields(["created": .int(counts.created), "updated": .int(counts.updated),
                                        "unchanged": .int(counts.unchanged), "removed": .int(counts.removed)]))
            }),
        ])
    }
}
