import Foundation

/// How the records write themselves for scripts (`list --json`, `status --json`): keys in
/// snake_case, times ISO-8601 UTC, every field present (null when unknown), and a number that is
/// not finite (a NaN or infinity a writer stored) as null, since JSON has none.
public enum ScriptValue: Encodable, Sendable {
    case text(String?)
    case int(Int?)
    case number(Double?)
    case bool(Bool)
    case time(Date?)
    /// A JSON object; a key given twice keeps its last value (as a keyed encoding container does).
    case object([(String, ScriptValue)])
    case array([ScriptValue])

    public static func word(_ word: (some Vocabulary)?) -> ScriptValue { .text(word?.rawValue) }

    /// An object of literal fields, in the order written (the JSON text sorts them).
    public static func fields(_ fields: KeyValuePairs<String, ScriptValue>) -> ScriptValue {
        .object(fields.map { ($0.key, $0.value) })
    }

    /// An array of records, each its object.
    public static func records(_ records: [some ScriptRecord]) -> ScriptValue { .array(records.map(\.script)) }

    /// An array of texts.
    public static func texts(_ texts: [String]) -> ScriptValue { .array(texts.map { .text($0) }) }

    /// This object with `more` fields after its own (a record that adds to another's fields).
    public func adding(_ more: KeyValuePairs<String, ScriptValue>) -> ScriptValue {
        guard case let .object(own) = self else { return self }
        return .object(own + more.map { ($0.key, $0.value) })
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case let .object(fields):
            var json = encoder.container(keyedBy: ScriptKey.self)
            for (key, value) in fields { try json.encode(value, forKey: ScriptKey(stringValue: key)) }
        case let .array(values):
            var json = encoder.unkeyedContainer()
            for value in values { try json.encode(value) }
        default:
            var json = encoder.singleValueContainer()
            switch self {
            case let .text(text): try json.encode(text)
            case let .int(int): try json.encode(int)
            case let .number(number): try json.encode(number.flatMap { $0.isFinite ? $0 : nil })
            case let .bool(bool): try json.encode(bool)
            case let .time(date): try json.encode(date.map(ISOTime.format))
            case .object, .array: break
            }
        }
    }
}

/// A record that scripts read as one JSON object (`list --json`, `status --json`, a command's
/// `--json` summary): its fields are declared once, as a `ScriptValue`, and both `Encodable` and
/// `ScriptJSON` write them.
public protocol ScriptRecord: Encodable {
    /// The record as a JSON object (`.fields([...])`).
    var script: ScriptValue { get }
}

extension ScriptRecord {
    public func encode(to encoder: Encoder) throws { try script.encode(to: encoder) }
}

/// A JSON object's key, any text (the evidence's named figures are keys too).
struct ScriptKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

/// Writes a `ScriptValue` as JSON text: the same bytes `JSONEncoder` writes for its `Encodable`
/// form with `.sortedKeys` (and `.prettyPrinted`, `.withoutEscapingSlashes` when `pretty`). Why
/// not JSONEncoder itself: its generic path (a dynamic cast per value) took 55–65 ms of the
/// ~150 ms of `status --json` on 250 teams (900 KB of text); this takes a few. `ScriptJSONTests`
/// hold the two byte-equal over random values.
public enum ScriptJSON {
    /// `value` as JSON text; a scalar of `escaping` (above ASCII) inside a string is written as
    /// `\uXXXX` (upper-case hex, UTF-16 units), so that text from a store reaches no terminal raw.
    public static func text(_ value: ScriptValue, pretty: Bool, escaping: (Unicode.Scalar) -> Bool = { _ in false }) -> String {
        withoutActuallyEscaping(escaping) { escaping in
            var writer = Writer(pretty: pretty, escaping: escaping)
            writer.write(value, depth: 0)
            return String(decoding: writer.bytes, as: UTF8.self)
        }
    }

    private struct Writer {
        let pretty: Bool
        let escaping: (Unicode.Scalar) -> Bool
        var bytes: [UInt8] = []

        init(pretty: Bool, escaping: @escaping (Unicode.Scalar) -> Bool) {
            self.pretty = pretty
            self.escaping = escaping
            bytes.reserveCapacity(1 << 16)
        }

        mutating func write(_ value: ScriptValue, depth: Int) {
            switch value {
            case let .text(text): text.map { string($0) } ?? ascii("null")
            case let .int(int): ascii(int.map(String.init) ?? "null")
            case let .number(number): self.number(number)
            case let .bool(bool): ascii(bool ? "true" : "false")
            case let .time(date): date.map { string(ISOTime.format($0)) } ?? ascii("null")
            case let .array(values):
                open(UInt8(ascii: "["))
                for (index, value) in values.enumerated() {
                    separate(first: index == 0, depth: depth + 1)
                    write(value, depth: depth + 1)
                }
                close(UInt8(ascii: "]"), depth: depth)
            case let .object(fields):
                open(UInt8(ascii: "{"))
                for (index, (key, value)) in Self.sorted(fields).enumerated() {
                    separate(first: index == 0, depth: depth + 1)
                    string(key)
                    ascii(pretty ? " : " : ":")
                    write(value, depth: depth + 1)
                }
                close(UInt8(ascii: "}"), depth: depth)
            }
        }

        /// The fields in the encoder's order (by UTF-8 bytes); a key given twice (or in two
        /// canonically equal spellings) once, spelled as first given, with its last value.
        static func sorted(_ fields: [(String, ScriptValue)]) -> [(String, ScriptValue)] {
            var kept = fields
            if Set(fields.map(\.0)).count < fields.count {
                var position: [String: Int] = [:]
                kept = []
                for (key, value) in fields {
                    if let index = position[key] {
                        kept[index].1 = value
                    } else {
                        position[key] = kept.count
                        kept.append((key, value))
                    }
                }
            }
            return kept.sorted { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }
        }

        mutating func open(_ bracket: UInt8) {
            bytes.append(bracket)
            if pretty { bytes.append(UInt8(ascii: "\n")) }
        }

        mutating func separate(first: Bool, depth: Int) {
            if !first { ascii(pretty ? ",\n" : ",") }
            if pretty { bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth)) }
        }

        mutating func close(_ bracket: UInt8, depth: Int) {
            if pretty {
                bytes.append(UInt8(ascii: "\n"))
                bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
            }
            bytes.append(bracket)
        }

        mutating func ascii(_ text: String) { bytes.append(contentsOf: text.utf8) }

        /// As the encoder writes a Double: its shortest description without a trailing ".0".
        mutating func number(_ number: Double?) {
            guard let number, number.isFinite else { return ascii("null") }
            var text = number.description
            if text.hasSuffix(".0") { text.removeLast(2) }
            ascii(text)
        }

        mutating func string(_ text: String) {
            bytes.append(UInt8(ascii: "\""))
            // Most text is printable ASCII with nothing to escape: copied as it is.
            if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C && $0 != 0x2F }) {
                bytes.append(contentsOf: text.utf8)
                bytes.append(UInt8(ascii: "\""))
                return
            }
            for scalar in text.unicodeScalars {
                switch scalar.value {
                case 0x22: ascii("\\\"")
                case 0x5C: ascii("\\\\")
                case 0x2F: ascii(pretty ? "/" : "\\/")
                case 0x08: ascii("\\b")
                case 0x0C: ascii("\\f")
                case 0x0A: ascii("\\n")
                case 0x0D: ascii("\\r")
                case 0x09: ascii("\\t")
                case 0..<0x20: unit(scalar.value, upper: false)
                case 0x20..<0x7F: bytes.append(UInt8(scalar.value))
                default:
                    if escaping(scalar) {
                        if scalar.value > 0xFFFF {
                            unit(0xD800 + ((scalar.value - 0x10000) >> 10), upper: true)
                            unit(0xDC00 + ((scalar.value - 0x10000) & 0x3FF), upper: true)
                        } else {
                            unit(scalar.value, upper: true)
                        }
                    } else {
                        UTF8.encode(scalar) { bytes.append($0) }
                    }
                }
            }
            bytes.append(UInt8(ascii: "\""))
        }

        /// `\uXXXX` for one UTF-16 unit.
        mutating func unit(_ value: UInt32, upper: Bool) {
            let digits = Array((upper ? "0123456789ABCDEF" : "0123456789abcdef").utf8)
            ascii("\\u")
            for shift in stride(from: 12, through: 0, by: -4) { bytes.append(digits[Int((value >> UInt32(shift)) & 0xF)]) }
        }
    }
}
