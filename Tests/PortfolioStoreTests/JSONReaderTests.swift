import Foundation
@testable import PortfolioStore
import Testing
import TestSupport

/// `JSONReader`, the fast path of JSON text to nodes, against JSONSerialization on generated and
/// on hostile text: what it reads, it reads exactly as JSONSerialization does.
@Suite("JSON read from its bytes")
struct JSONReaderTests {
    /// Random JSON text, mostly valid, some of it the kinds of wrong a parser must refuse.
    struct Texts {
        var random: RunDaysTests.Cases

        mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next(below: Int64(items.count)))] }
        mutating func chance(_ one: Int64) -> Bool { random.next(below: one) == 0 }

        mutating func space() -> String { chance(3) ? pick([" ", "\t", "\n", "\r\n", "  "]) : "" }

        mutating func number() -> String {
            switch random.next(below: 12) {
            case 0: return String(Int64(bitPattern: UInt64(random.next(below: Int64.max)) &* 3))
            case 1: return pick(["0", "-0", "-0.0", "0.0", "1", "-1", "9223372036854775807", "-9223372036854775808"])
            case 2: return pick(["9223372036854775808", "-9223372036854775809", "18446744073709551616", "123456789012345678901234567890"])
            case 3: return "\(Double(bitPattern: UInt64(random.next(below: Int64.max)) << 1))"
            case 4: return "\(random.next(below: 1_000_000)).\(random.next(below: 1_000_000))"
            case 5: return "\(random.next(below: 100))\(pick(["e", "E"]))\(pick(["", "+", "-"]))\(random.next(below: 400))"
            case 6: return "0.1\(String(repeating: "0", count: Int(random.next(below: 30))))1e-\(random.next(below: 330))"
            case 7: return pick(["1e999", "-1e999", "1e-999", "4.9406564584124654e-324", "2.2250738585072014e-308", "1.7976931348623157e308"])
            case 8: return pick(["01", "-", "+1", ".5", "1.", "1e", "1e+", "--1", "0x10", "NaN", "Infinity", "-Infinity", "1_000"])
            case 9: return "\(random.next(below: 10_000))"
            case 10:
                // Long literals of few digits, which JSONSerialization reads through Decimal.
                return pick(["-", ""]) + "0." + String(repeating: "0", count: Int(random.next(below: 12)))
                    + "\(random.next(below: 1_000_000_000_000_000))" + pick(["", "E-3", "e2"])
            default: return "\(Double(random.next(below: 1_000_000_000)) / 1_000)"
            }
        }

        mutating func text() -> String {
            var text = "\""
            for _ in 0..<random.next(below: 12) {
                switch random.next(below: 16) {
                case 0: text += pick(["\\n", "\\t", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\r"])
                case 1: text += pick(["\\u00e9", "\\u00C9", "\\u0000", "\\u001f", "\\u2028", "\\uFFFF", "\\u0041"])
                case 2: text += pick(["\\uD83D\\uDE00", "\\ud800", "\\udc00x", "\\uD83Dx", "\\u12", "\\x", "\\u00G0"])
                case 3: text += pick(["é", "e\u{301}", "漢字", "😀", "\u{7F}", "\u{85}", "\u{2028}", "\u{FEFF}"])
                case 4: text += pick(["\u{0}", "\u{1}", "\t", "\n", "\u{1F}"])
                case 5: text += pick(["\\", "\""])
                default: text += pick(["a", "b", "run", "model-7", " ", "x y", "1", "{", "]", ":"])
                }
            }
            return text + "\""
        }

        mutating func value(depth: Int) -> String {
            switch random.next(below: depth > 3 ? 5 : 8) {
            case 0: return pick(["null", "true", "false", "nul", "True", "tru", "falsey"])
            case 1, 2: return number()
            case 3, 4: return text()
            case 5:
                let items = (0..<random.next(below: 4)).map { _ in space() + value(depth: depth + 1) + space() }
                return "[" + items.joined(separator: ",") + (chance(30) ? ",]" : "]")
            default: return object(depth: depth)
            }
        }

        mutating func object(depth: Int) -> String {
            let fields = (0..<random.next(below: 6)).map { _ in
                let key = chance(4) ? text() : "\"" + pick(["type", "id", "model", "at", "value", "é", "e\u{301}", "steps", "\\u0074ype"]) + "\""
                return space() + key + space() + (chance(40) ? "=" : ":") + space() + value(depth: depth + 1) + space()
            }
            return "{" + fields.joined(separator: ",") + (chance(30) ? ",}" : "}")
        }

        /// Valid or not, with a byte changed now and then: one taken out, one put in, the end cut.
        mutating func hostile(_ text: String) -> Data {
            var bytes = Array(text.utf8)
            guard !bytes.isEmpty, chance(4) else { return Data(bytes) }
            let at = Int(random.next(below: Int64(bytes.count)))
            switch random.next(below: 3) {
            case 0: bytes.remove(at: at)
            case 1: bytes.insert(pick([0xFF, 0xC3, 0x80, 0x00, 0x22, 0x5C, 0x7B, 0x2C, 0xED]), at: at)
            default: bytes.removeSubrange(at...)
            }
            return Data(bytes)
        }
    }

    /// A node written out so that two are equal only when every text has the same bytes, every
    /// number the same bits, and every line the same.
    static func canonical(_ node: RawNode) -> String {
        let line = node.line.map(String.init) ?? "-"
        switch node.value {
        case .null: return "null@\(line)"
        case let .bool(value, literal): return "bool(\(value),\(literal ?? "-"))@\(line)"
        case let .number(value, literal): return "number(\(value.bitPattern),\(literal ?? "-"))@\(line)"
        case let .string(text): return "text(\(Array(text.utf8)))@\(line)"
        case let .list(items): return "[" + items.map(canonical).joined(separator: ",") + "]@\(line)"
        case let .map(fields): return "{" + fields.map { "\(Array($0.key.utf8)):\(canonical($0.node))" }.joined(separator: ",") + "}@\(line)"
        }
    }

    static func serialization(_ data: Data, line: Int?) -> RawNode? {
        (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])).map { RawNode(json: $0, line: line) }
    }

    @Test("Every text the fast path reads, JSONSerialization reads to the same node (text by its bytes, numbers to the bit, fields by name); it reads almost all valid plain text, and what it declines JSONSerialization decides")
    func readsWhatSerializationReads() {
        var texts = Texts(random: RunDaysTests.Cases(state: 21))
        var (read, valid, declinedValid) = (0, 0, 0)
        for round in 0..<40_000 {
            let text = round % 3 == 0 ? texts.value(depth: 0) : texts.object(depth: 0)
            let data = texts.hostile(texts.space() + text + texts.space())
            let fast = JSONReader.node(data, line: 7)
            let slow = Self.serialization(data, line: 7)
            if slow != nil { valid += 1 }
            guard let fast else {
                if slow != nil { declinedValid += 1 }
                continue
            }
            read += 1
            guard let slow else {
                Issue.record("read what JSONSerialization refuses: \(Array(data))")
                continue
            }
            #expect(Self.canonical(fast) == Self.canonical(slow), "\(String(decoding: data, as: UTF8.self))")
        }
        // Not a test that cannot fail: most valid texts are read by the fast path.
        // (The texts are made to hold much of what it declines: names that are not ASCII, escapes
        // of surrogates, long numbers.)
        #expect(valid > 10_000 && read > valid * 6 / 10, "read \(read) of \(valid) valid texts (\(declinedValid) declined)")
    }

    @Test("Every line of the sample's NDJSON and of a CI fleet's feed is read by the fast path, to the node JSONSerialization gives")
    func readsTheFormatsLines() throws {
        let sample = try FileManager.default.contentsOfDirectory(atPath: RepoPaths.sampleData).filter { $0.hasSuffix(".ndjson") }
        var lines = try sample.flatMap { try String(contentsOfFile: RepoPaths.sampleData + "/" + $0, encoding: .utf8).split(separator: "\n") }
        lines += [
            #"{"type":"run","id":"ci-1","pipeline":"p","model":"m","kind":"training","status":"failed","queued_at":"2026-01-01T00:00:00Z","compute_cost":12.34,"error":"step \"fit\" failed:\nOOM","steps":[{"name":"fit","status":"failed"}]}"#,
            #"{"type":"metric","model":"m","name":"psi_income","at":"2026-01-01T00:00:00.250Z","value":-0.000123}"#,
            #"{"type":"alert","id":"a-1","model":"m","feature":"âge","score":0.31,"threshold":0.2,"severity":"critical","opened_at":"2026-01-01T00:00:00Z","events":[]}"#,
        ]
        #expect(lines.count > 1_000)
        for line in lines {
            let data = Data(line.utf8)
            guard let fast = JSONReader.node(data, line: 1), let slow = Self.serialization(data, line: 1) else {
                Issue.record("not read by the fast path: \(line)")
                continue
            }
            #expect(Self.canonical(fast) == Self.canonical(slow), "\(line)")
        }
    }

    @Test("A line read by the fast path has the type and fields JSONSerialization gives: the type only when it is text, the other fields by name")
    func typedLinesAgree() throws {
        var texts = Texts(random: RunDaysTests.Cases(state: 5))
        var compared = 0
        for _ in 0..<10_000 {
            let data = Data(texts.object(depth: 0).utf8)
            // Where the fast path declines, both sides are JSONSerialization's.
            guard JSONReader.node(data, line: 3) != nil, let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
                  let (type, fields) = try JSONText.typedLine(data, line: 3, file: "f.ndjson") else { continue }
            let others = object.filter { $0.key != "type" }.map { (key: $0.key, node: RawNode(json: $0.value, line: 3)) }.sorted { $0.key < $1.key }
            #expect(type == object["type"] as? String)
            #expect(Self.canonical(fields) == Self.canonical(RawNode(value: .map(others), line: 3)))
            compared += 1
        }
        #expect(compared > 1_000, "\(compared) lines compared")
    }

    @Test("What the fast path declines is refused with JSONSerialization's own words, naming the line")
    func refusalsKeepTheirWords() {
        for text in [#"{"type":"run","id":01}"#, #"{"type":"run","id":"r1""#, "{\"a\":\"\u{1}\"}", #"{"a":1}x"#, "[1,2]"] {
            let data = Data(text.utf8)
            #expect(JSONReader.node(data, line: 1) == nil || text == "[1,2]")
            #expect(throws: ImportError.self) { try JSONText.typedLine(data, line: 4, file: "runs.ndjson") }
            do {
                _ = try JSONText.typedLine(data, line: 4, file: "runs.ndjson")
            } catch let error as ImportError {
                #expect(error.line == 4 && error.file == "runs.ndjson")
                #expect(error.message.hasPrefix("malformed JSON: ") || error.message == "expected a JSON object with a \"type\"", "\(error.message)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
