import Foundation

/// Writes records in the import format (docs/DATA-FORMAT.md) byte for byte as the old script did:
/// YAML with every string JSON-quoted and keys in a fixed order, NDJSON with no spaces; optional
/// fields left out; floats as Python's repr, integers bare.
enum ImportFormatWriter {
    /// A field value.
    enum Value {
        case text(String)
        case int(Int)
        case float(Double)
        case bool(Bool)
        /// An ordered text → text mapping (model tags).
        case tags([(String, String)])
        case list([[(String, Value)]])
    }

    typealias Record = [(String, Value)]

    /// JSON string quoting as Python's `json.dumps(ensure_ascii=False)`: `"` and `\` escaped,
    /// control characters as \n, \r, \t, \b, \f or \u00XX; everything else as is.
    static func quote(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    /// A text, number or boolean as both formats write it, floats by `float`; never tags or a list.
    static func scalar(_ v: Value, float: (Double) -> String) -> String {
        switch v {
        case let .text(s): quote(s)
        case let .int(n): String(n)
        case let .float(x): float(x)
        case let .bool(b): b ? "true" : "false"
        case .tags, .list: fatalError("not a scalar")
        }
    }

    static func yamlItem(_ lines: inout [String], _ record: Record, _ indent: Int) {
        var first = true
        for (key, value) in record {
            let prefix = String(repeating: " ", count: indent) + (first ? "- " : "  ")
            first = false
            switch value {
            case let .list(items):
                if items.isEmpty { lines.append("\(prefix)\(key): []"); continue }
                lines.append("\(prefix)\(key):")
                for item in items { yamlItem(&lines, item, indent + 4) }
            case let .tags(pairs):
                lines.append("\(prefix)\(key):")
                for (k, v) in pairs { lines.append(String(repeating: " ", count: indent + 4) + "\(quote(k)): \(quote(v))") }
            default:
                lines.append("\(prefix)\(key): \(scalar(value, float: PythonFormat.yamlFloat))")
            }
        }
    }

    static func yaml(header: [String], sections: [(String, [Record])]) -> String {
        var lines = header.map { $0.isEmpty ? "#" : "# \($0)" }
        lines.append("format: 1")
        for (key, items) in sections {
            lines.append("\(key):")
            for item in items { yamlItem(&lines, item, 2) }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ v: Value) -> String {
        switch v {
        case let .tags(pairs): "{" + pairs.map { "\(quote($0.0)):\(quote($0.1))" }.joined(separator: ",") + "}"
        case let .list(items): "[" + items.map(jsonObject).joined(separator: ",") + "]"
        default: scalar(v, float: PythonFormat.repr)
        }
    }

    static func jsonObject(_ record: Record) -> String {
        "{" + record.map { "\(quote($0.0)):\(json($0.1))" }.joined(separator: ",") + "}"
    }

    static func ndjson(_ records: [Record]) -> String {
        records.map { jsonObject($0) + "\n" }.joined()
    }
}
