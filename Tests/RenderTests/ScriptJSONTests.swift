import Foundation
import Portfolio
@testable import PortfolioStore
import Render
import Testing

/// `ScriptJSON` writes what `JSONEncoder` writes for the same values (keys sorted, laid out or
/// on one line), so that `status --json` and `list --json` keep their bytes while no longer
/// paying JSONEncoder's generic path; and its escaping of unsafe scalars keeps the values. Cases
/// come from a seeded generator, so that a failure names a seed that can be run again.
@Suite("Script JSON")
struct ScriptJSONTests {
    static let keys = ["a", "B", "Z", "_", "a10", "a9", "a/b", "é", "模型", "🚀", "x\u{7F}", "", "k\"\\", "k\n\t\u{1}",
                       "value_in_production", "value", "valuE", "e\u{301}", "f"]
    static let texts = ["", "plain", "x/y", "\u{0}\u{8}\u{C}\u{1F}\"\\\r\n\t", SizeSweepTests.hostile, "\u{2028}\u{2029}\u{FEFF}",
                        "😀\u{1F3FB}", "e\u{301}", String(repeating: "模🚀\u{1B}[2J", count: 50)]

    static func value(_ random: inout SeededRandom, depth: Int) -> ScriptValue {
        switch Int.random(in: 0..<(depth < 3 ? 9 : 7), using: &random) {
        case 0: return .text(Bool.random(using: &random) ? nil : texts.randomElement(using: &random)!)
        case 1: return .int([nil, 0, -1, Int.min, Int.max, Int.random(in: -1_000_000...1_000_000, using: &random)].randomElement(using: &random)!)
        case 2: return .number(Bool.random(using: &random) ? ExtremeValueTests.extremes.randomElement(using: &random)!
                                                           : Double(bitPattern: random.next()))
        case 3: return .number(Double.random(in: -1e7...1e7, using: &random))
        case 4: return .bool(Bool.random(using: &random))
        case 5: return .time(Bool.random(using: &random) ? nil : Date(timeIntervalSince1970: Double(Int64.random(in: -1 << 40...1 << 40, using: &random))))
        case 6: return .text(String(String.UnicodeScalarView((0..<Int.random(in: 0...12, using: &random)).compactMap { _ in
            Unicode.Scalar(UInt32.random(in: 0...0x2FFF, using: &random)) })))
        case 7: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in value(&random, depth: depth + 1) })
        default:
            return .object((0..<Int.random(in: 0...6, using: &random)).map { _ in
                (keys.randomElement(using: &random)!, value(&random, depth: depth + 1))
            })
        }
    }

    static func encoded(_ value: ScriptValue, pretty: Bool) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("Any value is written byte for byte as JSONEncoder writes it, laid out and on one line")
    func sameBytesAsJSONEncoder() throws {
        for seed in UInt64(0)..<3_000 {
            var random = SeededRandom(seed: seed)
            let value = Self.value(&random, depth: 0)
            for pretty in [true, false] {
                let written = ScriptJSON.text(value, pretty: pretty), encoded = try Self.encoded(value, pretty: pretty)
                #expect(written == encoded, "seed \(seed), pretty \(pretty): \(written.debugDescription) ≠ \(encoded.debugDescription)")
            }
        }
    }

    @Test("Unsafe scalars inside strings are written as escapes that read back as the same text")
    func unsafeScalarsAreEscaped() throws {
        for seed in UInt64(0)..<1_000 {
            var random = SeededRandom(seed: seed)
            let value = ScriptValue.array([Self.value(&random, depth: 0), .text(SizeSweepTests.hostile), .fields([SizeSweepTests.hostile: .int(1)])])
            let text = ScriptJSON.text(value, pretty: true, escaping: \.isUnsafeForTerminal)
            #expect(!text.unicodeScalars.contains { $0.value >= 0x7F && $0.isUnsafeForTerminal }, "seed \(seed)")
            let read = try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) as? NSArray
            let plain = try JSONSerialization.jsonObject(with: Data(try Self.encoded(value, pretty: true).utf8), options: [.fragmentsAllowed]) as? NSArray
            #expect(read != nil && read == plain, "seed \(seed)")
        }
    }

    @Test("A key given twice keeps its last value, as a keyed encoding container does")
    func repeatedKeyKeepsItsLastValue() throws {
        let value = ScriptValue.object([("a", .int(1)), ("b", .int(2)), ("a", .int(3))])
        #expect(ScriptJSON.text(value, pretty: false) == #"{"a":3,"b":2}"#)
        #expect(ScriptJSON.text(value, pretty: false) == (try Self.encoded(value, pretty: false)))
    }
}
