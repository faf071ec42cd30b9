import Foundation

/// Reads newline-separated lines from a file descriptor in fixed-size chunks, in time linear in the
/// input (each byte is looked at once) and memory bounded by one chunk and one line: a line longer
/// than `maximumLineBytes` is skipped whole and reported, never held.
struct LineReader {
    /// The longest line accepted: far above any event (a run with a long error is a few kB), far
    /// below what would hurt (docs/FEEDING.md).
    static let maximumLineBytes = 1 << 20

    enum Item {
        case line(Data, number: Int)
        /// A line over the limit; `bytes` is its length, or as much of it as was read.
        case tooLong(number: Int, bytes: Int)
    }

    /// Why the input cannot be read.
    struct ReadError: Error {
        var message: String
    }

    private let descriptor: Int32
    private let chunkSize = 64 * 1024
    /// Bytes read; `end` of them are valid. Grown in whole chunks, never element by element (a
    /// debug build took seconds to append 50 MB a byte at a time).
    private var buffer: [UInt8] = []
    private var end = 0
    /// Where the current line starts in `buffer`, and how far it has been searched for a newline.
    private var start = 0
    private var searched = 0
    private var atEnd = false
    /// Whether a line over the limit is read to its end (to go on after it) or reported as soon
    /// as it is known to be too long (to stop there, in bounded time).
    private let skipsLongLines: Bool
    private(set) var lineNumber = 0

    init(descriptor: Int32, skipsLongLines: Bool = false) {
        self.descriptor = descriptor
        self.skipsLongLines = skipsLongLines
    }

    /// Whether the input is a regular file (which never waits on a writer), not a pipe, FIFO,
    /// socket or terminal.
    var isRegularFile: Bool {
        var info = stat()
        return fstat(descriptor, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// Whether the next line can be had without waiting: one is buffered (or the end, or a line
    /// already over the limit); else reads whatever input is ready, without waiting, and looks again.
    mutating func lineReadyWithoutWaiting() throws -> Bool {
        while true {
            if atEnd || newline(from: searched) != nil || end - start > Self.maximumLineBytes { return true }
            var descriptor = pollfd(fd: self.descriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 0) > 0 else { return false }
            // Ready: one read returns what has arrived (or the end) without blocking.
            searched = end
            try fill()
        }
    }

    /// The index of the first newline in `buffer` from `index` on (memchr: a debug build's
    /// element-by-element search took seconds on a 50 MB line).
    private func newline(from index: Int) -> Int? {
        guard index < end else { return nil }
        return buffer.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress,
                  let found = memchr(base + index, Int32(UInt8(ascii: "\n")), end - index) else { return nil }
            return UnsafeRawPointer(found) - base
        }
    }

    /// The next line (without its newline), or nil at the end of the input.
    mutating func next() throws -> Item? {
        while true {
            if let newline = newline(from: searched) {
                lineNumber += 1
                defer {
                    start = newline + 1
                    searched = start
                }
                if newline - start > Self.maximumLineBytes { return .tooLong(number: lineNumber, bytes: newline - start) }
                return .line(Data(buffer[start..<newline]), number: lineNumber)
            }
            searched = end
            if end - start > Self.maximumLineBytes {
                lineNumber += 1
                var bytes = end - start
                (start, searched, end) = (0, 0, 0)
                if skipsLongLines { bytes += try dropRestOfLine() }
                return .tooLong(number: lineNumber, bytes: bytes)
            }
            if atEnd {
                guard start < end else { return nil }
                lineNumber += 1
                defer {
                    start = end
                    searched = end
                }
                return .line(Data(buffer[start..<end]), number: lineNumber)
            }
            try fill()
        }
    }

    /// Reads and drops input up to and including the next newline; returns the bytes dropped
    /// before it.
    private mutating func dropRestOfLine() throws -> Int {
        var dropped = 0
        while true {
            if let newline = newline(from: 0) {
                start = newline + 1
                searched = start
                return dropped + newline
            }
            dropped += end
            (start, searched, end) = (0, 0, 0)
            if atEnd { return dropped }
            try fill()
        }
    }

    /// Reads one more chunk, first moving the current line to the front (the lines before it were
    /// handed out), and growing the buffer when the line fills it.
    private mutating func fill() throws {
        if start > 0 {
            buffer.withUnsafeMutableBytes { bytes in
                _ = memmove(bytes.baseAddress!, bytes.baseAddress! + start, end - start)
            }
            (end, searched, start) = (end - start, searched - start, 0)
        }
        if buffer.count - end < chunkSize {
            buffer += [UInt8](repeating: 0, count: max(chunkSize, buffer.count))
        }
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + end, $0.count - end) }
            if count >= 0 {
                end += count
                if count == 0 { atEnd = true }
                return
            }
            if errno == EINTR { continue }
            let reason = errno == EISDIR ? "it is a folder, not a file of events" : String(cString: strerror(errno))
            throw ReadError(message: "cannot read: \(reason)")
        }
    }
}
