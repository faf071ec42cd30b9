import Foundation

/// A value read from a YAML or JSON file before it is checked against the format: what the file
/// said, and the line it said it on where the parser knows.
struct RawNode: Sendable {
    indirect enum Value: Sendable {
        case null
        /// `literal` is the text as written, for YAML plain scalars that may stand for text.
        case bool(Bool, literal: String?)
        case number(Double, literal: String?)
        case string(String)
        case list([RawNode])
        case map([(key: String, node: RawNode)])
    }

    var value: Value
    var line: Int?

    /// How an error message names what was found.
    var typeName: String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .number: "a number"
        case .string: "text"
        case .list: "a list"
        case .map: "a mapping"
        }
    }

    /// A short rendering of the value for error messages.
    var shown: String {
        switch value {
        case .null: "null"
        case let .bool(b, literal): literal ?? String(b)
        case let .number(n, literal): literal ?? String(n)
        case let .string(s): "'\(s.count > 60 ? String(s.prefix(57)) + "..." : s)'"
        case .list: "a list"
        case .map: "a mapping"
        }
    }
}
