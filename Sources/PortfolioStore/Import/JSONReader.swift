import Foundation

/// Reads the plain JSON a feed sends — objects, lists, text without surrogate escapes, numbers,
/// booleans, null — straight from its bytes into a `RawNode`, and declines (nil) anything else,
/// which JSONSerialization then reads or refuses with its own message (`JSONText`). A line of a
/// million-line import or ingest spent most of its parsing in JSONSerialization building Foundation
/// objects and in turning them into nodes (docs/BENCHMARKS.md); this reads a run's line in a third
/// of JSONSerialization's time, nodes included.
///
/// What it accepts it reads exactly as JSONSerialization does (the property tests hold the two
/// equal on generated and on hostile text): the same text, the same numbers to the bit, an
/// object's fields in the order of their names. It declines where the two might differ: a
/// repeated name, a name that is not ASCII, text holding U+FEFF, `\u` escapes of
/// surrogates, numbers of more than 15 significant digits or 17 characters, nesting deeper than
/// `maximumDepth`, bytes that are not UTF-8, and all that JSON does not allow.
struct JSONReader {
    static let maximumDepth = 64

    private let bytes: UnsafeRawBufferPointer
    private var index = 0
    private let line: Int?

    /// The node of `data`, one JSON value with only whitespace around it; nil to let
    /// JSONSerialization decide.
    static func node(_ data: Data, line: Int?) -> RawNode? {
        data.withUnsafeBytes { buffer in
            var reader = JSONReader(bytes: buffer, line: line)
            guard let node = reader.value(depth: 0) else { return nil }
            reader.skipWhitespace()
            return reader.index == buffer.count ? node : nil
        }
    }

    private init(bytes: UnsafeRawBufferPointer, line: Int?) {
        self.bytes = bytes
        self.line = line
    }

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

    private mutating func skipWhitespace() {
        while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { index += 1 }
    }

    private mutating func value(depth: Int) -> RawNode? {
        skipWhitespace()
        guard let byte = current else { return nil }
        switch byte {
        case UInt8(ascii: "{"): return depth < Self.maximumDepth ? object(depth: depth + 1) : nil
        case UInt8(ascii: "["): return depth < Self.maximumDepth ? list(depth: depth + 1) : nil
        case UInt8(ascii: "\""): return text().map { RawNode(value: .string($0), line: line) }
        case UInt8(ascii: "t"): return word("true") ? RawNode(value: .bool(true, literal: nil), line: line) : nil
        case UInt8(ascii: "f"): return word("false") ? RawNode(value: .bool(false, literal: nil), line: line) : nil
        case UInt8(ascii: "n"): return word("null") ? RawNode(value: .null, line: line) : nil
        default: return number().map { RawNode(value: .number($0, literal: nil), line: line) }
        }
    }

    private mutating func word(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - index >= count else { return false }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
        index += count
        return true
    }

    private mutating func object(depth: Int) -> RawNode? {
        index += 1
        var fields: [(key: String, node: RawNode)] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            index += 1
            return RawNode(value: .map([]), line: line)
        }
        while true {
            skipWhitespace()
            // Names are ASCII, as the format's are: Swift orders other text by its canonical
            // form, and JSONSerialization's text is not always ordered alike.
            guard current == UInt8(ascii: "\""), let key = text(), key.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { return nil }
            index += 1
            guard let node = value(depth: depth) else { return nil }
            fields.append((key, node))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "}"):
                index += 1
                fields.sort { $0.key < $1.key }
                // A repeated name: JSONSerialization's dictionary keeps one of the two.
                for position in fields.indices.dropFirst() where fields[position].key == fields[position - 1].key { return nil }
                return RawNode(value: .map(fields), line: line)
            default: return nil
            }
        }
    }

    private mutating func list(depth: Int) -> RawNode? {
        index += 1
        var items: [RawNode] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            index += 1
            return RawNode(value: .list([]), line: line)
        }
        while true {
            guard let node = value(depth: depth) else { return nil }
            items.append(node)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): index += 1
            case UInt8(ascii: "]"):
                index += 1
                return RawNode(value: .list(items), line: line)
            default: return nil
            }
        }
    }

    /// The text of a string starting at its opening quote.
    private mutating func text() -> String? {
        index += 1
        let start = index
        var ascii = true
        while let byte = current {
            switch byte {
            case UInt8(ascii: "\""):
                let run = UnsafeRawBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if ascii { return String(decoding: run, as: UTF8.self) }
                return Self.holdsByteOrderMark(run) ? nil : String(validating: run, as: UTF8.self)
            case UInt8(ascii: "\\"):
                return escapedText(from: start)
            case ..<0x20: return nil
            default:
                if byte >= 0x80 { ascii = false }
                index += 1
            }
        }
        return nil
    }

    /// The rest of a string holding an escape, from `start` (after its opening quote).
    private mutating func escapedText(from start: Int) -> String? {
        var text = Array(bytes[start..<index])
        while let byte = current {
            index += 1
            switch byte {
            case UInt8(ascii: "\""): return text.withUnsafeBytes(Self.holdsByteOrderMark) ? nil : String(validating: text, as: UTF8.self)
            case ..<0x20: return nil
            case UInt8(ascii: "\\"):
                guard let escaped = current else { return nil }
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): text.append(escaped)
                case UInt8(ascii: "b"): text.append(0x08)
                case UInt8(ascii: "f"): text.append(0x0C)
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "r"): text.append(0x0D)
                case UInt8(ascii: "t"): text.append(0x09)
                case UInt8(ascii: "u"):
                    guard bytes.count - index >= 4 else { return nil }
                    var code: UInt32 = 0
                    for _ in 0..<4 {
                        guard let digit = Self.hexDigit(bytes[index]) else { return nil }
                        code = code << 4 | digit
                        index += 1
                    }
                    // A surrogate (half of a pair, or alone) is left to JSONSerialization.
                    guard let scalar = Unicode.Scalar(code), let encoded = UTF8.encode(scalar) else { return nil }
                    text.append(contentsOf: encoded)
                default: return nil
                }
            default: text.append(byte)
            }
        }
        return nil
    }

    /// Whether text holds U+FEFF, which JSONSerialization takes out of the start of a text and
    /// of each stretch after an escape.
    private static func holdsByteOrderMark(_ text: UnsafeRawBufferPointer) -> Bool {
        var index = 0
        while index + 2 < text.count {
            if text[index] == 0xEF, text[index + 1] == 0xBB, text[index + 2] == 0xBF { return true }
            index += 1
        }
        return false
    }

    private static func hexDigit(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// A number as JSON writes it: `-`, an integer without leading zeros, then a fraction and an
    /// exponent if any. Read only when it is at most 17 characters long, of at most 15
    /// significant digits times a power of ten of at most 22: JSONSerialization reads a longer
    /// literal through `Decimal`, whose double is off by a few units in the last place, and these
    /// any careful reading gives alike (the digits and the power are both exact doubles, so one
    /// rounding). Without a fraction or exponent, as the Int64 it is (JSONSerialization's
    /// NSNumber, so "-0" is 0).
    private mutating func number() -> Double? {
        let start = index
        if current == UInt8(ascii: "-") { index += 1 }
        guard let first = current, Self.isDigit(first) else { return nil }
        if first == UInt8(ascii: "0"), index + 1 < bytes.count, Self.isDigit(bytes[index + 1]) { return nil }
        var significant = 0, power = 0
        var integral = true
        while let byte = current, Self.isDigit(byte) {
            if significant > 0 || byte != UInt8(ascii: "0") { significant += 1 }
            index += 1
        }
        if current == UInt8(ascii: ".") {
            integral = false
            index += 1
            guard let digit = current, Self.isDigit(digit) else { return nil }
            while let byte = current, Self.isDigit(byte) {
                if significant > 0 || byte != UInt8(ascii: "0") { significant += 1 }
                power -= 1
                index += 1
            }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            integral = false
            index += 1
            var sign = 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") {
                if current == UInt8(ascii: "-") { sign = -1 }
                index += 1
            }
            guard let digit = current, Self.isDigit(digit) else { return nil }
            var exponent = 0
            while let byte = current, Self.isDigit(byte) {
                exponent = min(exponent * 10 + Int(byte - UInt8(ascii: "0")), 10_000)
                index += 1
            }
            power += sign * exponent
        }
        guard index - start <= 17, significant <= 15, abs(power) <= 22 else { return nil }
        let literal = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        return integral ? Int64(literal).map(Double.init) : Double(literal)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private mutating func skipDigits() {
        while let byte = current, Self.isDigit(byte) { index += 1 }
    }
}
