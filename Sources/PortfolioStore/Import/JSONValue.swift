import Foundation

/// Any JSON value, parsed with Foundation's JSONSerialization (fast even in debug builds), on its
/// way to a `RawNode`.
enum JSONValue {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(_ any: Any) {
        // Containers before NSNumber: asking whether a Swift dictionary is an NSNumber bridges the
        // whole dictionary to Foundation first (a sixth of an ingest's parsing in a profile).
        switch any {
        case let text as String: self = .string(text)
        case let fields as [String: Any]: self = .object(fields.mapValues(JSONValue.init))
        case let items as [Any]: self = .array(items.map(JSONValue.init))
        case let number as NSNumber:
            // JSONSerialization gives booleans as NSNumbers of ObjC type "c".
            self = String(cString: number.objCType) == "c" ? .bool(number.boolValue) : .number(number.doubleValue)
        default: self = .null
        }
    }

    func rawNode(line: Int?) -> RawNode {
        switch self {
        case .null: RawNode(value: .null, line: line)
        case let .bool(b): RawNode(value: .bool(b, literal: nil), line: line)
        case let .number(n): RawNode(value: .number(n, literal: nil), line: line)
        case let .string(s): RawNode(value: .string(s), line: line)
        case let .array(items): RawNode(value: .list(items.map { $0.rawNode(line: line) }), line: line)
        case let .object(fields):
            RawNode(value: .map(fields.sorted { $0.key < $1.key }.map { (key: $0.key, node: $0.value.rawNode(line: line)) }),
                    line: line)
        }
    }

    /// Parses one JSON text, turning the parser's error into a short human message.
    static func parse(_ data: Data) throws(JSONParseError) -> JSONValue {
        do {
            return JSONValue(try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]))
        } catch {
            let nsError = error as NSError
            throw JSONParseError(message: nsError.userInfo[NSDebugDescriptionErrorKey] as? String ?? nsError.localizedDescription)
        }
    }
}

/// A JSON text that is not valid JSON.
struct JSONParseError: Error {
    var message: String
}
