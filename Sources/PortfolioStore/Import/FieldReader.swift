import Foundation
import Portfolio

/// Where a record and its fields were given, for an error about them once their values are
/// read: an import's decoded records carry this to the writer rather than their `FieldReader`,
/// whose tree of values the writer's thread then freed record by record (a tenth of its time).
struct FieldPlaces: Sendable {
    let file: String
    let line: Int?
    let record: String
    let prefix: String
    /// Each field's name and line, in the record's order; empty when none has a line of its own.
    let fieldLines: [(key: String, line: Int?)]

    /// An error about field `key` (the last of that name, as `FieldReader` reads it), or about
    /// the record.
    func error(_ key: String?, _ message: String) -> ImportError {
        let fieldLine = key.flatMap { key in fieldLines.last { $0.key == key } }?.line
        return ImportError(file: file, line: fieldLine ?? line, record: record, field: key.map { prefix + $0 }, message: message)
    }
}

/// Reads the fields of one raw record (or of a nested item) with the format's rules, and throws an
/// `ImportError` naming the file, line, record and field when a value is missing, of the wrong
/// type, out of range or unknown.
final class FieldReader {
    // The fields as given (a line's or record's few), found by a walk over their names, with a
    // flag each for whether it was read: hashing each name into a dictionary and a set was a
    // sixth of an ingest's reading of a line. As a dictionary would, the last of two fields of
    // one name is the one read.
    private let pairs: [(key: String, node: RawNode)]
    private var used: [Bool]
    private let file: String
    private let line: Int?
    private(set) var record: String
    private let prefix: String

    init(_ node: RawNode, file: String, record: String, prefix: String = "") throws {
        self.file = file
        self.line = node.line
        self.record = record
        self.prefix = prefix
        guard case let .map(pairs) = node.value else {
            throw ImportError(file: file, line: node.line, record: record, field: prefix.isEmpty ? nil : String(prefix.dropLast()),
                              message: "expected a mapping of fields; got \(node.typeName)")
        }
        self.pairs = pairs
        used = Array(repeating: false, count: pairs.count)
    }

    /// Names the record by its key once that is known: `models[3] (fraud-scorer)`, as
    /// docs/DATA-FORMAT.md shows the message.
    func identify(_ description: String) {
        record = "\(record) (\(description))"
    }

    func error(_ key: String?, _ message: String) -> ImportError {
        places.error(key, message)
    }

    /// What `error` needs once the values are read: where the record and each of its fields were
    /// given, without the values (a field's line is kept only when one differs from the record's:
    /// never on an NDJSON line).
    var places: FieldPlaces {
        let lines = pairs.contains { $0.node.line != nil && $0.node.line != line } ? pairs.map { (key: $0.key, line: $0.node.line) } : []
        return FieldPlaces(file: file, line: line, record: record, prefix: prefix, fieldLines: lines)
    }

    private func node(_ key: String) -> RawNode? {
        var found: RawNode?
        for index in pairs.indices where pairs[index].key == key {
            used[index] = true
            found = pairs[index].node
        }
        guard let node = found else { return nil }
        if case .null = node.value { return nil }
        return node
    }

    func required<T>(_ key: String, _ read: (String) throws -> T?) throws -> T {
        guard let value = try read(key) else { throw error(key, "missing required field") }
        if let text = value as? String, text.isBlank {
            throw error(key, "expected non-empty text; got '\(text)'")
        }
        return value
    }

    // MARK: - Scalars

    func text(_ key: String) throws -> String? {
        guard let node = node(key) else { return nil }
        switch node.value {
        case let .string(text):
            // SQLite keeps text up to its first NUL: "a\u0000uc" would be stored as "a".
            if text.utf8.contains(0) { throw error(key, "text holds a NUL character (\\u0000), which the store cannot keep") }
            return text
        // A YAML plain scalar like `version: 3.10` stands for the text as written.
        case let .number(_, literal?), let .bool(_, literal?): return literal
        default: throw error(key, "expected text; got \(node.typeName)")
        }
    }

    /// Money: US dollars from 0 to a quadrillion. Sums of amounts are kept by triggers, and two
    /// near DBL_MAX would make one infinite for good.
    static let money: ClosedRange<Double> = 0...1e15

    func amount(_ key: String) throws -> Double? {
        guard let value = try number(key) else { return nil }
        guard Self.money.contains(value) else {
            throw error(key, "expected an amount of US dollars from 0 to 1e15; got \(Self.format(value))")
        }
        return value
    }

    func number(_ key: String) throws -> Double? {
        guard let node = node(key) else { return nil }
        guard case let .number(value, _) = node.value else {
            throw error(key, "expected a number; got \(node.typeName) \(node.shown)")
        }
        guard value.isFinite else { throw error(key, "expected a finite number; got \(node.shown)") }
        return value
    }

    func integer(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let value = try number(key) else { return nil }
        // Compared as Doubles first: Int(1e20) would trap.
        guard value == value.rounded(), value >= Double(range.lowerBound), value <= Double(range.upperBound) else {
            throw error(key, "expected a whole number from \(range.lowerBound) to \(range.upperBound); got \(Self.format(value))")
        }
        return Int(value)
    }

    func bool(_ key: String) throws -> Bool? {
        guard let node = node(key) else { return nil }
        guard case let .bool(value, _) = node.value else {
            throw error(key, "expected true or false; got \(node.typeName) \(node.shown)")
        }
        return value
    }

    func time(_ key: String) throws -> Date? {
        guard let node = node(key) else { return nil }
        guard case let .string(text) = node.value else {
            throw error(key, "expected an ISO-8601 time like 2026-01-10T14:03:00Z; got \(node.typeName)")
        }
        guard let date = ISOTime.parse(text) else { throw error(key, ISOTime.problem(text) ?? text) }
        return date
    }

    func vocabulary<V: Vocabulary>(_ key: String, _ type: V.Type) throws -> V? {
        guard let text = try text(key) else { return nil }
        guard let value = V(rawValue: text) else {
            throw error(key, "expected one of \(V.allowedList); got '\(text)'")
        }
        return value
    }

    // MARK: - Collections

    /// Each item of a list as a nested reader, named `key[i]`.
    func list(_ key: String) throws -> [FieldReader] {
        guard let node = node(key) else { return [] }
        guard case let .list(items) = node.value else { throw error(key, "expected a list; got \(node.typeName)") }
        return try items.enumerated().map { index, item in
            try FieldReader(item, file: file, record: record, prefix: "\(prefix)\(key)[\(index)].")
        }
    }

    func textMap(_ key: String) throws -> [String: String] {
        guard let node = node(key) else { return [:] }
        guard case let .map(pairs) = node.value else { throw error(key, "expected a mapping; got \(node.typeName)") }
        var result: [String: String] = [:]
        for (name, value) in pairs {
            switch value.value {
            case let .string(text):
                if text.contains("\u{0}") || name.contains("\u{0}") {
                    throw error(key, "text holds a NUL character (\\u0000), which the store cannot keep")
                }
                result[name] = text
            case let .number(_, literal?), let .bool(_, literal?): result[name] = literal
            case let .number(n, nil): result[name] = Self.format(n)
            case let .bool(b, nil): result[name] = String(b)
            default: throw error(key, "expected text for '\(name)'; got \(value.typeName)")
            }
        }
        return result
    }

    /// Refuses fields the format does not know, so a typo never silently drops data.
    func finish() throws {
        if let unknown = pairs.indices.first(where: { !used[$0] }) {
            throw error(pairs[unknown].key, "unknown field")
        }
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
