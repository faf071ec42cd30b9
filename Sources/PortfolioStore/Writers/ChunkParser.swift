import Foundation

/// Reads and checks a file's lines a chunk at a time on a thread of its own, while the caller
/// writes the chunk before: parsing was a quarter of an ingest, and a machine has two cores or
/// more. At most two chunks wait, so memory stays bounded however long the file.
final class ChunkParser: @unchecked Sendable {
    /// One line, read and checked (or why it is not an event), with its number.
    typealias Line = (number: Int, event: Result<EventIngester.Event, ImportError>)

    private enum Handed {
        case chunk([Line])
        case failed(ImportError)
        case end
    }

    private let condition = NSCondition()
    private var handed: [Handed] = []
    private var cancelled = false

    /// Starts reading the file open on `descriptor` in chunks of `lines`.
    init(descriptor: Int32, lines: Int, label: String, skipInvalid: Bool) {
        let thread = Thread { [self] in
            var reader = LineReader(descriptor: descriptor, skipsLongLines: skipInvalid)
            var chunk: [LineReader.Item] = []
            chunk.reserveCapacity(lines)
            do {
                while true {
                    let item = try reader.next()
                    if let item { chunk.append(item) }
                    if chunk.count == lines || (item == nil && !chunk.isEmpty) {
                        let parsed = Self.parse(chunk[...], label: label, skipInvalid: skipInvalid)
                        guard hand(.chunk(parsed)) else { return }
                        // A bad line ends what is worth reading (unless bad lines are skipped).
                        if !skipInvalid, case .failure? = parsed.last?.event { return }
                        chunk.removeAll(keepingCapacity: true)
                    }
                    if item == nil { break }
                }
                _ = hand(.end)
            } catch let error as LineReader.ReadError {
                _ = hand(.failed(ImportError(file: label, line: reader.lineNumber > 0 ? reader.lineNumber : nil, message: error.message)))
            } catch {
                _ = hand(.failed(ImportError(file: label, message: "\(error)")))
            }
        }
        thread.start()
    }

    /// Reads and checks `items`; stops after the first bad one unless bad lines are skipped.
    static func parse(_ items: ArraySlice<LineReader.Item>, label: String, skipInvalid: Bool) -> [Line] {
        var lines: [Line] = []
        lines.reserveCapacity(items.count)
        for item in items {
            let number = switch item {
            case let .line(_, number), let .tooLong(number, _): number
            }
            do {
                lines.append((number, .success(try EventIngester.parse(item, label: label, skipInvalid: skipInvalid))))
            } catch let error as ImportError {
                lines.append((number, .failure(error)))
                if !skipInvalid { break }
            } catch {
                lines.append((number, .failure(ImportError(file: label, line: number, message: "\(error)"))))
                if !skipInvalid { break }
            }
        }
        return lines
    }

    /// The next chunk, nil at the end of the file; throws what stopped the reading.
    func next() throws -> [Line]? {
        condition.lock()
        defer { condition.unlock() }
        while handed.isEmpty { condition.wait() }
        switch handed.removeFirst() {
        case let .chunk(lines):
            condition.broadcast()
            return lines
        case let .failed(error):
            throw error
        case .end:
            handed.insert(.end, at: 0)
            return nil
        }
    }

    /// Stops the reading thread (the caller is done, or gave up).
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }

    /// Waits while two chunks wait; false once cancelled.
    private func hand(_ item: Handed) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while handed.count >= 2, !cancelled { condition.wait() }
        guard !cancelled else { return false }
        handed.append(item)
        condition.broadcast()
        return true
    }
}
