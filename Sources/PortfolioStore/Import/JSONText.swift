import Foundation

/// JSON text to `RawNode`s: read straight from its bytes (`JSONReader`) when it is the plain
/// JSON feeds send, else parsed with Foundation's JSONSerialization, which also words every
/// refusal, and turned into nodes straight from what it gives (an import parses a million lines;
/// a typed value in between was a fifth of that).
enum JSONText {
    /// Parses one JSON text into a node; every node gets `line`.
    static func parse(_ data: Data, line: Int? = nil) throws(JSONParseError) -> RawNode {
        if let node = JSONReader.node(data, line: line) { return node }
        return RawNode(json: try object(data), line: line)
    }

    /// One line of NDJSON (`ingest`'s events, `import`'s records) numbered `line` in `file`: its
    /// `"type"` (nil when missing or not text) and its other fields; nil for a blank line. Throws
    /// for a line that is not JSON or not an object.
    static func typedLine(_ data: Data, line: Int, file: String) throws -> (type: String?, fields: RawNode)? {
        if data.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }) { return nil }
        if let node = JSONReader.node(data, line: line), case let .map(pairs) = node.value {
            let type = pairs.first { $0.key == "type" }.flatMap { pair in if case let .string(text) = pair.node.value { text } else { nil } }
            return (type, RawNode(value: .map(pairs.filter { $0.key != "type" }), line: line))
        }
        let parsed: Any
        do {
            parsed = try object(data)
        } catch {
            throw ImportError(file: file, line: line, message: "malformed JSON: \(error.message)")
        }
        guard let object = parsed as? [String: Any] else {
            throw ImportError(file: file, line: line, message: "expected a JSON object with a \"type\"")
        }
        let pairs = object.compactMap { key, value in key == "type" ? nil : (key: key, node: RawNode(json: value, line: line)) }
        return (object["type"] as? String, RawNode(value: .map(pairs.sorted { $0.key < $1.key }), line: line))
    }

    private static func object(_ data: Data) throws(JSONParseError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
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

extension RawNode {
    /// A node from what JSONSerialization gives, every node on `line`; an object's fields in the
    /// order of their names.
    init(json any: Any, line: Int?) {
        // Containers before NSNumber: asking whether a Swift dictionary is an NSNumber bridges the
        // whole dictionary to Foundation first (a sixth of an ingest's parsing in a profile).
        switch any {
        case let text as String: self.init(value: .string(text), line: line)
        case let fields as [String: Any]:
            self.init(value: .map(fields.map { (key: $0.key, node: RawNode(json: $0.value, line: line)) }.sorted { $0.key < $1.key }), line: line)
        case let items as [Any]: self.init(value: .list(items.map { RawNode(json: $0, line: line) }), line: line)
        case let number as NSNumber:
            // JSONSerialization gives booleans as NSNumbers of ObjC type "c".
            self.init(value: String(cString: number.objCType) == "c" ? .bool(number.boolValue, literal: nil) : .number(number.doubleValue, literal: nil),
                      line: line)
        default: self.init(value: .null, line: line)
        }
    }
}
