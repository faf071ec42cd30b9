import Foundation
import Yams

/// Turns the paths given to `import` into the files to read, and each file into raw records:
/// YAML and JSON files hold sections of records, NDJSON files one typed record per line.
enum ImportSource {
    static let yamlExtensions: Set<String> = ["yaml", "yml"]
    static let jsonExtensions: Set<String> = ["json"]
    static let ndjsonExtensions: Set<String> = ["ndjson", "jsonl"]

    static func isImportable(_ path: String) -> Bool {
        let ext = (path as NSString).pathExtension.lowercased()
        return yamlExtensions.contains(ext) || jsonExtensions.contains(ext) || ndjsonExtensions.contains(ext)
    }

    /// Files and folders (read recursively, in sorted order) to the list of files to import.
    static func files(for paths: [String]) throws -> [String] {
        var result: [String] = []
        for path in paths {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
                throw ImportError(file: path, message: "no such file or folder")
            }
            if isFolder.boolValue {
                // A folder given through a symbolic link is read as the folder it names (the
                // enumerator would not go past the link); files keep the path as given.
                let folder = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
                guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
                    throw ImportError(file: path, message: "cannot read this folder")
                }
                let found = enumerator.compactMap { $0 as? String }.filter(isImportable).sorted()
                let base = path.hasSuffix("/") ? String(path.dropLast()) : path
                result += found.map { base + "/" + $0 }
            } else {
                guard isImportable(path) else {
                    throw ImportError(file: path, message: "expected a .yaml, .yml, .json, .ndjson or .jsonl file")
                }
                result.append(path)
            }
        }
        return result
    }

    /// Hands each record of the file at `path` to `body`, in file order. NDJSON is read a line at a
    /// time (memory bounded by one line, however large the file); YAML and JSON files are parsed
    /// whole first (a tree of the file: they are the format for the portfolio's structure, NDJSON
    /// for its volume, as docs/DATA-FORMAT.md says).
    static func forEachRecord(inFile path: String, _ body: (RawRecord) throws -> Void) throws {
        if isNDJSON(path) { return try forEachNDJSONRecord(path, body) }
        for record in try treeRecords(inFile: path) { try body(record) }
    }

    static func isNDJSON(_ path: String) -> Bool {
        ndjsonExtensions.contains((path as NSString).pathExtension.lowercased())
    }

    /// The records of a YAML or JSON file, parsed whole.
    static func treeRecords(inFile path: String) throws -> [RawRecord] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(file: path, message: "cannot read the file")
        }
        let root: RawNode
        if jsonExtensions.contains((path as NSString).pathExtension.lowercased()) {
            do {
                root = try JSONText.parse(data)
            } catch {
                throw ImportError(file: path, message: "malformed JSON: \(error.message)")
            }
        } else {
            root = try yamlRoot(data, file: path)
        }
        return try sectionRecords(root, file: path)
    }

    // MARK: - YAML

    private static func yamlRoot(_ data: Data, file: String) throws -> RawNode {
        guard let text = String(data: data, encoding: .utf8) else {
            throw ImportError(file: file, message: "not UTF-8 text")
        }
        // The parser stays alive while the tree is walked: it owns the anchors that nodes refer
        // to weakly, by which an anchored node (the target of an alias) is recognised.
        let parser: Parser
        let node: Node?
        do {
            parser = try Parser(yaml: text)
            node = try parser.singleRoot()
        } catch let error as YamlError {
            throw yamlError(error, file: file)
        }
        guard let node else { return RawNode(value: .map([]), line: 1) }
        return try withExtendedLifetime(parser) {
            var budget = text.utf8.count + 16
            return try rawNode(node, file: file, budget: &budget)
        }
    }

    private static func yamlError(_ error: YamlError, file: String) -> ImportError {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let where_ = context.map { " (\($0.text))" } ?? ""
            return ImportError(file: file, line: mark.line, message: "malformed YAML: \(problem)\(where_)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return ImportError(file: file, line: context.mark.line,
                               message: "malformed YAML: duplicate key \(duplicates.joined(separator: ", "))")
        default:
            return ImportError(file: file, message: "malformed YAML: \(error)")
        }
    }

    /// Refuses anchors and aliases, which would let a small file stand for an exponentially
    /// large tree (a "billion laughs" bomb: 10 levels of 10 aliases is 10^10 nodes), as soon as
    /// the first anchored node is met. `budget` — the file's size in bytes — backs that up: a
    /// tree without aliases cannot have more nodes than its text has bytes.
    private static func rawNode(_ node: Node, file: String, budget: inout Int) throws -> RawNode {
        let line = node.mark?.line
        budget -= 1
        let anchored = node.scalar?.anchor ?? node.sequence?.anchor ?? node.mapping?.anchor
        if anchored != nil || budget < 0 {
            throw ImportError(file: file, line: line, message: "YAML anchors and aliases (&name, *name) are not supported; write the values out")
        }
        switch node {
        case let .scalar(scalar):
            let text = scalar.string
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return RawNode(value: .null, line: line)
            case .bool: return RawNode(value: .bool(node.bool ?? false, literal: text), line: line)
            case .int, .float:
                return RawNode(value: .number(node.float ?? Double(node.int ?? 0), literal: text), line: line)
            default: return RawNode(value: .string(text), line: line)
            }
        case let .sequence(sequence):
            return RawNode(value: .list(try sequence.map { try rawNode($0, file: file, budget: &budget) }), line: line)
        case let .mapping(mapping):
            var pairs: [(key: String, node: RawNode)] = []
            for (key, value) in mapping {
                guard case let .scalar(keyScalar) = key else {
                    throw ImportError(file: file, line: key.mark?.line, message: "a mapping key must be text")
                }
                pairs.append((key: keyScalar.string, node: try rawNode(value, file: file, budget: &budget)))
            }
            return RawNode(value: .map(pairs), line: line)
        case .alias:
            throw ImportError(file: file, line: line, message: "YAML anchors and aliases (&name, *name) are not supported; write the values out")
        }
    }

    // MARK: - Sections (YAML and JSON)

    private static func sectionRecords(_ root: RawNode, file: String) throws -> [RawRecord] {
        guard case let .map(pairs) = root.value else {
            throw ImportError(file: file, line: root.line,
                              message: "expected a mapping of sections (teams, models, runs, …); got \(root.typeName)")
        }
        var records: [RawRecord] = []
        for (key, node) in pairs {
            if key == "format" {
                guard case let .number(version, _) = node.value, version == 1 else {
                    throw ImportError(file: file, line: node.line, field: "format",
                                      message: "expected 1 (this Oversight reads format 1); got \(node.shown)")
                }
                continue
            }
            guard let kind = RecordKind(section: key) else {
                let known = RecordKind.allCases.map(\.section).joined(separator: ", ")
                throw ImportError(file: file, line: node.line, field: key,
                                  message: "unknown section; expected one of format, \(known)")
            }
            if case .null = node.value { continue }
            guard case let .list(items) = node.value else {
                throw ImportError(file: file, line: node.line, field: key,
                                  message: "expected a list of \(key); got \(node.typeName)")
            }
            for (index, item) in items.enumerated() {
                records.append(RawRecord(kind: kind, fields: item, file: file, position: "\(key)[\(index)]"))
            }
        }
        return records
    }

    // MARK: - NDJSON

    private static func forEachNDJSONRecord(_ file: String, _ body: (RawRecord) throws -> Void) throws {
        try forEachNDJSONLine(file) { line, number in
            if let record = try ndjsonRecord(line, number: number, file: file) { try body(record) }
        }
    }

    /// Hands each line of the NDJSON file at `file` to `body` with its number, a line at a time.
    static func forEachNDJSONLine(_ file: String, _ body: (Data, Int) throws -> Void) throws {
        let descriptor = open(file, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw ImportError(file: file, message: "cannot read the file") }
        defer { close(descriptor) }
        var reader = LineReader(descriptor: descriptor)
        while true {
            let item: LineReader.Item?
            do {
                item = try reader.next()
            } catch let error as LineReader.ReadError {
                throw ImportError(file: file, line: reader.lineNumber > 0 ? reader.lineNumber : nil, message: error.message)
            }
            switch item {
            case nil: return
            case let .tooLong(number, bytes):
                throw ImportError(file: file, line: number, message: "the line is over \(bytes) bytes long; at most \(LineReader.maximumLineBytes) (1 MiB) per record")
            case let .line(line, number): try body(line, number)
            }
        }
    }

    /// One NDJSON line as a record; nil for a blank line.
    static func ndjsonRecord(_ line: Data, number lineNumber: Int, file: String) throws -> RawRecord? {
        guard let object = try JSONText.typedLine(line, line: lineNumber, file: file) else { return nil }
        guard let kind = object.type.flatMap(RecordKind.init(rawValue:)) else {
            let known = RecordKind.allCases.map(\.rawValue).joined(separator: ", ")
            throw ImportError(file: file, line: lineNumber, field: "type", message: "expected one of \(known)")
        }
        return RawRecord(kind: kind, fields: object.fields, file: file, position: "line \(lineNumber)")
    }
}
