import Foundation
import GRDB
import Portfolio

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

    mutating func add(_ outcome: UpsertOutcome) {
        switch outcome {
        case .created: created += 1
        case .updated: updated += 1
        case .unchanged: unchanged += 1
        }
    }
}

/// Ingests newline-delimited JSON events — `run`, `metric` and `alert` lines keyed like the
/// `record` flags, and the import format's `team`, `pipeline` and `model` records — streamed line
/// by line in constant memory, all in one transaction. A bad line refuses the whole batch, or with
/// `skipInvalid` is skipped (its savepoint rolled back) and counted.
public struct EventIngester {
    public let store: PortfolioStore
    public var skipInvalid = false

    public init(store: PortfolioStore, skipInvalid: Bool = false) {
        self.store = store
        self.skipInvalid = skipInvalid
    }

    /// `label` names the input in errors (a path, or `stdin`).
    public func ingest(_ handle: FileHandle, label: String, now: Date = Date()) throws -> IngestSummary {
        try store.write { writer in
            var summary = IngestSummary()
            var lineNumber = 0
            try LineReader(handle).forEach { line in
                lineNumber += 1
                if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) { return }
                summary.lines += 1
                do {
                    try writer.db.inSavepoint {
                        let outcome = try Self.apply(line, number: lineNumber, label: label, writer: writer, now: now)
                        summary.add(outcome.outcome)
                        if let pipeline = outcome.createdPipeline { summary.createdPipelines.append(pipeline) }
                        return .commit
                    }
                } catch let error as ImportError where skipInvalid {
                    summary.skipped += 1
                    if summary.skippedErrors.count < 20 { summary.skippedErrors.append(error) }
                }
            }
            return summary
        }
    }

    static func apply(_ line: Data, number: Int, label: String, writer: PortfolioWriter, now: Date) throws -> RecordOutcome {
        let value: JSONValue
        do {
            value = try JSONValue.parse(line)
        } catch {
            throw ImportError(file: label, line: number, message: "malformed JSON: \(error.message)")
        }
        guard case let .object(fields) = value else {
            throw ImportError(file: label, line: number, message: "expected a JSON object with a \"type\"")
        }
        guard case let .string(type)? = fields["type"] else {
            throw ImportError(file: label, line: number, field: "type", message: "expected one of run, metric, alert, team, pipeline, model")
        }
        var node = value.rawNode(line: number)
        if case let .map(pairs) = node.value { node.value = .map(pairs.filter { $0.key != "type" }) }
        let reader = try FieldReader(node, file: label, record: "line \(number)")
        do {
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
                return try writer.record(event, now: now)
            case "metric":
                let event = MetricRecord(model: try reader.required("model", reader.text), name: try reader.required("name", reader.text),
                                         value: try reader.required("value") { try reader.number($0) }, at: try reader.time("at"))
                try reader.finish()
                return try writer.record(event, now: now)
            case "alert":
                let event = DriftRecord(
                    id: try reader.text("id"), model: try reader.required("model", reader.text),
                    feature: try reader.required("feature", reader.text),
                    method: try reader.required("method") { try reader.vocabulary($0, DriftMethod.self) },
                    score: try reader.required("score") { try reader.number($0) },
                    threshold: try reader.required("threshold") { try reader.number($0) },
                    severity: try reader.vocabulary("severity", Severity.self), actor: try reader.text("actor"))
                try reader.finish()
                return try writer.record(event, now: now)
            case "team", "pipeline", "model":
                let raw = RawRecord(kind: RecordKind(rawValue: type)!, fields: node, file: label, position: "line \(number)")
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
            default:
                throw reader.error("type", "expected one of run, metric, alert, team, pipeline, model; got '\(type)'")
            }
        } catch let error as RecordError {
            throw reader.error(error.field, error.message)
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

/// Reads a file handle line by line in fixed-size chunks, so input of any length costs the
/// memory of one chunk and one line.
struct LineReader {
    let handle: FileHandle
    let chunkSize = 64 * 1024

    init(_ handle: FileHandle) {
        self.handle = handle
    }

    func forEach(_ body: (Data) throws -> Void) throws {
        var buffer = Data()
        while true {
            let chunk = handle.readData(ofLength: chunkSize)
            if chunk.isEmpty { break }
            buffer.append(chunk)
            // Hand out every complete line, then drop them in one move.
            var start = buffer.startIndex
            while let newline = buffer[start...].firstIndex(of: UInt8(ascii: "\n")) {
                try body(buffer[start..<newline])
                start = buffer.index(after: newline)
            }
            buffer.removeSubrange(buffer.startIndex..<start)
        }
        if !buffer.isEmpty { try body(buffer) }
    }
}
