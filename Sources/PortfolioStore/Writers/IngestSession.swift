import Foundation
import GRDB

/// Applies an ingest's lines inside one write transaction: each chunk read and checked first,
/// then written — runs, metric points and drift checks by an `EventBatchWriter` (the kept tables
/// settled per batch), a chunk holding an import-format record (team, pipeline, model) line by
/// line with the triggers in place, since such a record may change what any kept table holds.
/// Each line is counted, or skipped and counted with `skipInvalid`; `finish` must be called
/// before the transaction commits.
final class IngestSession {
    let writer: PortfolioWriter
    let label: String
    let now: Date
    let skipInvalid: Bool
    let batched: Bool
    private var batch: EventBatchWriter?
    /// The fewest lines a batch opens for.
    let batchFrom: Int

    init(writer: PortfolioWriter, label: String, now: Date, skipInvalid: Bool, batched: Bool = true, batchFrom: Int = 64) {
        self.batched = batched
        self.batchFrom = batchFrom
        self.writer = writer
        self.label = label
        self.now = now
        self.skipInvalid = skipInvalid
    }

    /// Applies lines read and checked (`ChunkParser.parse`) in order; stops at a bad line (unless
    /// skipped: returned with how many lines went before it) or, after at least one line, once
    /// `deadline` has passed.
    func apply(_ events: [ChunkParser.Line], into summary: inout IngestSummary,
               until deadline: Date?) throws -> (applied: Int, stop: ImportError?) {
        // A batch sets the triggers aside and puts them back: for a few lines (a stream that
        // trickles) that costs more than it saves, and makes every reader prepare its statements
        // again (the schema changed), so a batch opens only for a chunk of `batchFrom` lines.
        let batched = self.batched && events.allSatisfy { (try? $0.event.get().isBatched) ?? true }
            && (batch != nil || events.count >= batchFrom)
        if batched, batch == nil {
            batch = try EventBatchWriter(writer)
        } else if !batched, let open = batch {
            try open.finish()
            batch = nil
        }
        var applied = 0
        for (number, parsed) in events {
            if let deadline, applied > 0, Date() >= deadline { break }
            do {
                let outcome = try write(try parsed.get(), number: number)
                if let outcome {
                    summary.add(outcome.outcome)
                    if let pipeline = outcome.createdPipeline { summary.createdPipelines.append(pipeline) }
                    summary.lines += 1
                }
            } catch let error as ImportError {
                guard skipInvalid else {
                    try batch?.settle()
                    return (applied, error)
                }
                summary.lines += 1
                summary.skip(error)
            }
            applied += 1
        }
        try batch?.settle()
        return (applied, nil)
    }

    /// Settles the kept tables and puts back the triggers a batch set aside.
    func finish() throws {
        try batch?.finish()
        batch = nil
    }

    /// Puts back the connection's settings when the transaction ends without `finish` (rolled back).
    func close() {
        try? batch?.abandon()
        batch = nil
    }

    /// Writes one event; every error is reported as one of its line, whatever raised it.
    private func write(_ event: EventIngester.Event, number: Int) throws -> RecordOutcome? {
        do {
            if let batch {
                switch event {
                case .blank: return nil
                case let .run(run): return try batch.record(run, now: now)
                case let .metric(metric): return RecordOutcome(outcome: try batch.record(metric, now: now), key: "")
                case let .alert(alert): return try batch.record(alert, now: now)
                case .record: break
                }
            }
            var outcome: RecordOutcome?
            try writer.db.inSavepoint {
                outcome = try EventIngester.write(event, writer: writer, now: now)
                return .commit
            }
            return outcome
        } catch let error as ImportError {
            throw error
        } catch let failed as EventBatchWriter.HeldRunsNotWritten {
            // The store's error, as a failed settle's: the transaction (a stream's batch) is not committed.
            throw failed.error
        } catch let error as RecordError {
            throw ImportError(file: label, line: number, record: "line \(number)", field: error.field, message: error.message)
        } catch {
            throw ImportError(file: label, line: number, message: "\(error)")
        }
    }
}
