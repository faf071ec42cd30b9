import Foundation
import GRDB
import Portfolio

/// A stream's ingest stopped at a bad line, after committing the lines before it.
public struct IngestStopped: Error, CustomStringConvertible {
    public var error: any Error
    /// What was committed before the bad line.
    public var committed: IngestSummary
    /// When the store failed rather than a line: the first line not committed, to resume from.
    public var resumeLine: Int?

    public var description: String { "\(error)" }
}

/// What an ingest did.
public struct IngestSummary: Sendable, Equatable {
    public var lines = 0
    public var created = 0
    public var updated = 0
    public var unchanged = 0
    public var skipped = 0
    public var createdPipelines: [String] = []
    /// The first few skipped lines' errors, for the report.
    public var skippedErrors: [ImportError] = []
    /// Whether the input was a stream, committed in batches as it arrived.
    public var isStream = false
    /// How many transactions committed it (a stream's batches; a file's one).
    public var batches = 0

    mutating func skip(_ error: ImportError) {
        skipped += 1
        if skippedErrors.count < 20 { skippedErrors.append(error) }
    }

    mutating func add(_ outcome: UpsertOutcome) {
        switch outcome {
        case .created: created += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        }
    }
}

/// Ingests newline-delimited JSON events — `run`, `metric` and `alert` lines keyed like the
/// `record` flags, and the import format's `team`, `pipeline` and `model` records — read line by
/// line in constant memory.
///
/// A regular file (named, or redirected to standard input) is one transaction: a bad line refuses
/// it whole. A stream (a pipe, FIFO, socket or terminal) is committed in batches as lines arrive,
/// so neither a slow producer nor a fast one starves other writers (dashboards, `record` calls):
/// - a batch is committed as soon as the next line would have to be waited for, or once it holds
///   `batchLines` lines or `batchBytes` bytes, or once its lines have waited `batchSeconds`;
/// - its write transaction writes lines for at most `lockSeconds` (a batch not done by then is
///   committed and the rest goes in the next) and then settles what they touched — the runs the
///   batch writer held, the kept tables, the search text, together a few ms per thousand lines
///   (`BENCHMARKS.md`) — and when the stream is busy the lock is left free
///   for `fairnessPause` between batches: SQLite lets a waiting writer retry at most every 100 ms.
/// In a stream a bad line stops the ingest after committing the lines before it; nothing after it
/// is written. With `skipInvalid` a bad line is skipped (its savepoint rolled back) and counted.
public struct EventIngester {
    public let store: PortfolioStore
    public var skipInvalid = false
    /// A stream's batch limits.
    public var batchLines = 10_000
    public var batchBytes = 8 << 20
    public var batchSeconds = 0.25
    public var lockSeconds = 0.2
    public var fairnessPause = 0.1
    /// Lines a file is read, checked and written in at a time (the kept tables settled after each).
    /// Each settle writes the runs' search index a segment, and a run held by the batch writer is
    /// written once only when its lines fall in one chunk: 16,384 lines (~3 MB of text, ~16 MB
    /// more peak memory than 4,096) took a CI fleet's million lines from 14.4 to 13.0 s.
    public var chunkLines = 16_384
    /// Whether runs, metric points and drift checks are written in batches (`EventBatchWriter`);
    /// off, every line is written by `record` with the triggers in place, as before batches: the
    /// reference the batch tests compare with.
    var batched = true
    /// The fewest lines of a chunk or stream batch written as a batch (`IngestSession`).
    var batchFrom = 64

    public init(store: PortfolioStore, skipInvalid: Bool = false) {
        self.store = store
        self.skipInvalid = skipInvalid
    }

    /// `label` names the input in errors (a path, or `stdin`). Events without a time are stamped
    /// `now`; without one, the time the ingest started (a file) or its batch was committed (a stream).
    public func ingest(_ handle: FileHandle, label: String, now fixedNow: Date? = nil) throws -> IngestSummary {
        var reader = LineReader(descriptor: handle.fileDescriptor, skipsLongLines: skipInvalid)
        var summary = IngestSummary()
        if reader.isRegularFile {
            let now = fixedNow ?? Date()
            // The parser reports what it cannot read as the file's error (`ChunkParser`).
            try store.withTemporaryStorageInMemory { try store.write { writer in
                let session = IngestSession(writer: writer, label: label, now: now, skipInvalid: skipInvalid, batched: batched, batchFrom: batchFrom)
                defer { session.close() }
                // Read and checked a chunk at a time on a thread of its own while the chunk
                // before is written: memory stays bounded, and the kept tables are settled
                // as each chunk's writes are done.
                let parser = ChunkParser(descriptor: handle.fileDescriptor, lines: chunkLines, label: label, skipInvalid: skipInvalid)
                defer { parser.cancel() }
                while let chunk = try parser.next() {
                    if let stop = try session.apply(chunk, into: &summary, until: nil).stop { throw stop }
                }
                try session.finish()
            } }
            summary.batches = 1
            return summary
        }
        summary.isStream = true
        do {
            try store.withTemporaryStorageInMemory { try ingestStream(&reader, label: label, now: fixedNow, into: &summary) }
        } catch let error as LineReader.ReadError {
            throw IngestStopped(error: ImportError(file: label, line: reader.lineNumber > 0 ? reader.lineNumber : nil, message: error.message),
                                committed: summary)
        } catch let stopped as IngestStopped {
            throw stopped
        } catch {
            throw IngestStopped(error: error, committed: summary)
        }
        return summary
    }

    /// Commits each batch as it fills, or as soon as the next line would have to be waited for.
    private func ingestStream(_ reader: inout LineReader, label: String, now fixedNow: Date?, into summary: inout IngestSummary) throws {
        var pending: [LineReader.Item] = []
        var pendingBytes = 0
        var firstArrived = Date()
        var lastCommit: Date?
        func flush() throws {
            // Read and checked before the lock is taken (and while it is left free), so the lock
            // is held for writing alone.
            var parsed = ChunkParser.parse(pending[...], label: label, skipInvalid: skipInvalid)
            while !pending.isEmpty {
                // Leave the lock free a moment when the stream keeps it busy, so waiting writers get in.
                if let lastCommit, Date().timeIntervalSince(lastCommit) < fairnessPause {
                    Thread.sleep(forTimeInterval: fairnessPause - Date().timeIntervalSince(lastCommit))
                }
                var batch = summary
                var stop: ImportError?
                var applied = 0
                let now = fixedNow ?? Date()
                do {
                    try store.write { writer in
                        let session = IngestSession(writer: writer, label: label, now: now, skipInvalid: skipInvalid, batched: batched, batchFrom: batchFrom)
                        defer { session.close() }
                        // The lines before a bad one are committed with this batch; none after it.
                        (applied, stop) = try session.apply(parsed, into: &batch, until: Date().addingTimeInterval(lockSeconds))
                        try session.finish()
                    }
                } catch let error where !(error is ImportError) {
                    // The store failed (out of reach, full): this batch is not committed, and the
                    // stream resumes at its first line.
                    let first: Int? = switch pending.first {
                    case let .line(_, number)?, let .tooLong(number, _)?: number
                    case nil: nil
                    }
                    throw IngestStopped(error: error, committed: summary, resumeLine: first)
                }
                lastCommit = Date()
                if applied > 0 { batch.batches += 1 }
                summary = batch
                if let stop { throw stop }
                pending.removeFirst(applied)
                parsed.removeFirst(min(applied, parsed.count))
            }
            pendingBytes = 0
        }
        while true {
            if !pending.isEmpty, !(try reader.lineReadyWithoutWaiting()) { try flush() }
            guard let item = try reader.next() else { break }
            if pending.isEmpty { firstArrived = Date() }
            pending.append(item)
            if case let .line(data, _) = item { pendingBytes += data.count }
            if pending.count >= batchLines || pendingBytes >= batchBytes || Date().timeIntervalSince(firstArrived) >= batchSeconds {
                try flush()
            }
        }
        try flush()
    }

    /// One line read and checked, not yet written.
    enum Event {
        case blank
        case run(RunRecord)
        case metric(MetricRecord)
        case alert(DriftRecord)
        /// A team, pipeline or model record, written the way `import` writes it.
        case record(RawRecord)

        /// Whether `EventBatchWriter` writes it: the kept tables of the tables it writes are
        /// settled per batch, and a record of the import format may change any of them.
        var isBatched: Bool {
            if case .record = self { false } else { true }
        }
    }

    /// Reads and checks one line, with the error naming its line and field when it is not an event.
    static func parse(_ item: LineReader.Item, label: String, skipInvalid: Bool) throws -> Event {
        let line: Data, number: Int
        switch item {
        case let .line(data, n):
            (line, number) = (data, n)
        case let .tooLong(n, bytes):
            throw ImportError(file: label, line: n, message: "the line is \(skipInvalid ? "" : "over ")\(bytes) bytes long; at most \(LineReader.maximumLineBytes) (1 MiB) per event")
        }
        guard let object = try JSONText.typedLine(line, line: number, file: label) else { return .blank }
        guard let type = object.type else {
            throw ImportError(file: label, line: number, field: "type", message: "expected one of run, metric, alert, team, pipeline, model")
        }
        let reader = try FieldReader(object.fields, file: label, record: "line \(number)")
        switch type {
        case "run":
            let event = RunRecord(
                id: try reader.text("id"), pipeline: try reader.required("pipeline", reader.text),
                model: try reader.required("model", reader.text),
                kind: try reader.required("kind") { try reader.vocabulary($0, RunKind.self) },
                status: try reader.required("status") { try reader.vocabulary($0, RunStatus.self) },
                name: try reader.text("name"), started: try reader.time("started"), finished: try reader.time("finished"),
                trigger: try reader.vocabulary("trigger", RunTrigger.self), commit: try reader.text("commit"),
                error: try reader.text("error"), startedBy: try reader.text("started_by"))
            try reader.finish()
            return .run(event)
        case "metric":
            let event = MetricRecord(model: try reader.required("model", reader.text), name: try reader.required("name", reader.text),
                                     value: try reader.required("value") { try reader.number($0) }, at: try reader.time("at"))
            try reader.finish()
            return .metric(event)
        case "alert":
            let event = DriftRecord(
                id: try reader.text("id"), model: try reader.required("model", reader.text),
                feature: try reader.required("feature", reader.text),
                evidence: DriftEvidence(method: try reader.required("method") { try reader.vocabulary($0, DriftMethod.self) },
                                        score: try reader.required("score") { try reader.number($0) },
                                        threshold: try reader.required("threshold") { try reader.number($0) }),
                severity: try reader.vocabulary("severity", Severity.self), actor: try reader.text("actor"))
            try reader.finish()
            return .alert(event)
        case "team", "pipeline", "model":
            return .record(RawRecord(kind: RecordKind(rawValue: type)!, fields: object.fields, file: label, position: "line \(number)"))
        default:
            throw reader.error("type", "expected one of run, metric, alert, team, pipeline, model; got '\(type)'")
        }
    }

    /// Writes one checked event the way `record` and `import` do, one statement after another
    /// with the triggers in place.
    static func write(_ event: Event, writer: PortfolioWriter, now: Date) throws -> RecordOutcome? {
        switch event {
        case .blank: return nil
        case let .run(run): return try writer.record(run, now: now)
        case let .metric(metric): return try writer.record(metric, now: now)
        case let .alert(alert): return try writer.record(alert, now: now)
        case let .record(raw):
            let (record, fields) = try RecordDecoder.decode(raw)
            for reference in record.references where try !Self.exists(reference.kind, reference.name, writer.reader) {
                throw fields.error(reference.field, "no \(reference.kind.rawValue) named '\(reference.name)' in the store or earlier in this input")
            }
            switch record {
            case let .team(team): return RecordOutcome(outcome: try writer.upsert(team), key: team.name)
            case let .pipeline(pipeline): return RecordOutcome(outcome: try writer.upsert(pipeline), key: pipeline.name)
            case let .model(model): return RecordOutcome(outcome: try writer.upsert(model), key: model.name)
            default: fatalError("only team, pipeline and model reach here")
            }
        }
    }

    static func exists(_ kind: RecordKind, _ name: String, _ reader: PortfolioReader) throws -> Bool {
        switch kind {
        case .team: try reader.teamID(name) != nil
        case .pipeline: try reader.pipelineID(name) != nil
        case .model: try reader.modelID(name) != nil
        default: true
        }
    }
}

/// What `ingest --json` prints.
extension IngestSummary: ScriptRecord {
    public var script: ScriptValue {
        .fields([
            "lines": .int(lines), "created": .int(created), "updated": .int(updated), "unchanged": .int(unchanged),
            "skipped": .int(skipped), "created_pipelines": .texts(createdPipelines), "batches": .int(batches), "stream": .bool(isStream),
        ])
    }
}
