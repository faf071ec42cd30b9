import Foundation

/// The records of an import's files, read and decoded (`RecordDecoder`) on other threads and
/// handed out in file order: parsing and checking are most of an import's work, and a machine has
/// two cores or more. A thread of its own reads the files into chunks (NDJSON lines; a YAML or
/// JSON file's records once its tree is parsed); the chunks are decoded in parallel; at most
/// `inFlight` chunks are read ahead, so memory stays bounded however large the input.
final class RecordStream: @unchecked Sendable {
    /// One record, decoded, with where it came from.
    struct Record {
        var decoded: DecodedRecord
        /// Where it and its fields were given (not their values: those are freed here, on the
        /// decoding thread).
        var fields: FieldPlaces
        var file: Int
        /// `decoded.keyHash`, worked out here on the decoding thread: a metric point's key is
        /// formatted to be hashed, and the thread that takes the records is the import's busiest.
        var keyHash: Int
    }

    enum Item {
        case record(Record)
        /// The file (by index) has no more records.
        case fileEnd(Int)
    }

    /// A chunk's outcome: its items up to the first problem, and the problem. Made on a decoding
    /// thread and only read, under the lock, by the one that takes it.
    private struct Decoded: @unchecked Sendable {
        var items: [Item] = []
        var failure: ImportError?
    }

    private static let chunkRecords = 1024
    private let inFlight = max(4, 2 * ProcessInfo.processInfo.activeProcessorCount)
    private let condition = NSCondition()
    /// Decoded chunks by their number, and the next number to hand out.
    private var ready: [Int: Decoded] = [:]
    private var nextChunk = 0
    /// Chunks handed to the decoders so far.
    private var submitted = 0
    private var current: [Item] = []
    private var currentIndex = 0
    private var pending: ImportError?
    private var finished = false
    private var cancelled = false
    private var reading = true

    /// Starts reading `files`; with `kinds`, records of other kinds are passed over undecoded.
    /// A caller that stops before the end must `cancel` (the reading thread holds the stream).
    init(files: [String], kinds: Set<RecordKind>? = nil) {
        let thread = Thread { [self] in read(files, kinds: kinds) }
        thread.start()
    }

    /// The next item in file order, nil after the last; throws the first problem in file order.
    func next() throws -> Item? {
        while currentIndex == current.count {
            if let pending { throw pending }
            if finished { return nil }
            condition.lock()
            while ready[nextChunk] == nil, reading || nextChunk < submitted { condition.wait() }
            guard let chunk = ready.removeValue(forKey: nextChunk) else {
                condition.unlock()
                finished = true
                return nil
            }
            nextChunk += 1
            condition.broadcast()
            condition.unlock()
            (current, currentIndex, pending) = (chunk.items, 0, chunk.failure)
        }
        // Moved out, not copied: a copy retains every text of the record, and its release
        // follows when the chunk is dropped (a few percent of an import's busiest thread).
        var item = Item.fileEnd(-1)
        swap(&item, &current[currentIndex])
        currentIndex += 1
        return item
    }

    /// Stops the reading (the caller is done, or gave up).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    // MARK: - The reading thread

    private func read(_ files: [String], kinds: Set<RecordKind>?) {
        /// Hands a chunk to be decoded, waiting while `inFlight` are ahead of the reader; false once cancelled.
        func submit(_ work: @escaping @Sendable () -> Decoded) -> Bool {
            condition.lock()
            while submitted - nextChunk >= inFlight, !cancelled { condition.wait() }
            let stop = cancelled
            let chunk = submitted
            if !stop { submitted += 1 }
            condition.unlock()
            guard !stop else { return false }
            DispatchQueue.global(qos: .userInitiated).async { [self] in
                let decoded = work()
                condition.lock()
                ready[chunk] = decoded
                condition.broadcast()
                condition.unlock()
            }
            return true
        }
        defer {
            condition.lock()
            reading = false
            condition.broadcast()
            condition.unlock()
        }
        for (index, file) in files.enumerated() {
            // Lines read but not yet handed on: a line that cannot be read (over the limit, a read
            // error) comes after them, so they are decoded first — their problems come first.
            var lines: [(Data, Int)] = []
            do {
                if ImportSource.isNDJSON(file) {
                    lines.reserveCapacity(Self.chunkRecords)
                    try ImportSource.forEachNDJSONLine(file) { line, lineNumber in
                        lines.append((line, lineNumber))
                        if lines.count == Self.chunkRecords {
                            let chunk = lines
                            guard submit({ Self.decode(lines: chunk, file: file, index: index, kinds: kinds) }) else { throw CancellationError() }
                            lines.removeAll(keepingCapacity: true)
                        }
                    }
                    let chunk = lines
                    lines = []
                    guard submit({ Self.decode(lines: chunk, file: file, index: index, kinds: kinds) }) else { return }
                } else {
                    let records = try ImportSource.treeRecords(inFile: file)
                    for start in stride(from: 0, to: records.count, by: Self.chunkRecords) {
                        let chunk = Array(records[start..<min(start + Self.chunkRecords, records.count)])
                        guard submit({ Self.decode(records: chunk, index: index, kinds: kinds) }) else { return }
                    }
                }
            } catch let error as ImportError {
                let chunk = lines
                guard chunk.isEmpty || submit({ Self.decode(lines: chunk, file: file, index: index, kinds: kinds) }) else { return }
                _ = submit { Decoded(failure: error) }
                return
            } catch {
                return
            }
            guard submit({ Decoded(items: [.fileEnd(index)]) }) else { return }
        }
    }

    private static func decode(lines: [(Data, Int)], file: String, index: Int, kinds: Set<RecordKind>?) -> Decoded {
        var decoded = Decoded()
        decoded.items.reserveCapacity(lines.count)
        do {
            for (line, number) in lines {
                guard let raw = try ImportSource.ndjsonRecord(line, number: number, file: file) else { continue }
                if let record = try record(raw, index: index, kinds: kinds) { decoded.items.append(.record(record)) }
            }
        } catch {
            decoded.failure = error as? ImportError ?? ImportError(file: file, message: "\(error)")
        }
        return decoded
    }

    private static func decode(records: [RawRecord], index: Int, kinds: Set<RecordKind>?) -> Decoded {
        var decoded = Decoded()
        decoded.items.reserveCapacity(records.count)
        do {
            for raw in records {
                if let record = try record(raw, index: index, kinds: kinds) { decoded.items.append(.record(record)) }
            }
        } catch {
            decoded.failure = error as? ImportError ?? ImportError(file: records.first?.file ?? "", message: "\(error)")
        }
        return decoded
    }

    private static func record(_ raw: RawRecord, index: Int, kinds: Set<RecordKind>?) throws -> Record? {
        if let kinds, !kinds.contains(raw.kind) { return nil }
        let (decoded, fields) = try RecordDecoder.decode(raw)
        return Record(decoded: decoded, fields: fields.places, file: index, keyHash: decoded.keyHash)
    }
}
