import Foundation
import Portfolio

/// What one import did, per kind of record.
public struct ImportSummary: Sendable, Equatable {
    public struct Counts: Sendable, Equatable {
        public var created = 0
        public var updated = 0
        public var unchanged = 0
        /// Records the source no longer holds, taken out of the store (a run deleted in MLflow).
        public var removed = 0
        public var total: Int { created + updated + unchanged }
    }

    public var files: [String] = []
    public var counts: [RecordKind: Counts] = [:]

    public init(files: [String] = []) {
        self.files = files
    }

    /// Adds another summary's files and counts to this one.
    public mutating func merge(_ other: ImportSummary) {
        files += other.files
        for (kind, counts) in other.counts {
            var merged = self.counts[kind] ?? Counts()
            merged.created += counts.created
            merged.updated += counts.updated
            merged.unchanged += counts.unchanged
            merged.removed += counts.removed
            self.counts[kind] = merged
        }
    }

    public var records: Int { counts.values.reduce(0) { $0 + $1.total } }
    public var changed: Int { counts.values.reduce(0) { $0 + $1.created + $1.updated + $1.removed } }

    mutating func add(_ outcome: UpsertOutcome, for kind: RecordKind) {
        var entry = counts[kind] ?? Counts()
        switch outcome {
        case .created: entry.created += 1
        case .updated: entry.updated += 1
        case .unchanged: entry.unchanged += 1
        }
        counts[kind] = entry
    }

    mutating func addRemoved(_ kind: RecordKind) {
        counts[kind, default: Counts()].removed += 1
    }
}

/// Imports files of the Oversight data format: reads and checks every record of every file first
/// (types, duplicates, references), then writes them all in one transaction, parents first. Any
/// error leaves the store exactly as it was.
public struct PortfolioImporter {
    /// Called with (records written, records to write) as the write progresses.
    public typealias Progress = (Int, Int) -> Void

    public let store: PortfolioStore

    public init(store: PortfolioStore) {
        self.store = store
    }

    public func importFiles(_ paths: [String], progress: Progress? = nil) throws -> ImportSummary {
        let files = try ImportSource.files(for: paths)
        // Nothing to import is refused, not reported as success: a truncated export or a wrong
        // folder should stop the job that ran it (docs/DATA-FORMAT.md).
        guard !files.isEmpty else {
            throw ImportError(file: paths.joined(separator: ", "), message: "no .yaml, .yml, .json, .ndjson or .jsonl files to import")
        }
        var decoded: [(record: DecodedRecord, fields: FieldReader)] = []
        var seen: [RecordKind: [String: String]] = [:]
        for file in files {
            let records = try ImportSource.records(inFile: file)
            if records.isEmpty {
                throw ImportError(file: file, message: "holds no records (an empty file, or only empty sections)")
            }
            for raw in records {
                let (record, fields) = try RecordDecoder.decode(raw)
                let place = raw.line.map { "\(raw.file):\($0)" } ?? raw.file
                if let first = seen[record.kind]?[record.key] {
                    throw fields.error(nil, "duplicate \(record.kind.rawValue) key '\(record.key)'; first given at \(first)")
                }
                seen[record.kind, default: [:]][record.key] = place
                decoded.append((record, fields))
            }
        }
        // Parents first, keeping file order within a kind.
        let order = Dictionary(uniqueKeysWithValues: RecordKind.allCases.enumerated().map { ($1, $0) })
        let sorted = decoded.enumerated().sorted {
            (order[$0.element.record.kind]!, $0.offset) < (order[$1.element.record.kind]!, $1.offset)
        }.map(\.element)

        var summary = ImportSummary(files: files)
        try store.write { writer in
            let known: [RecordKind: Set<String>] = [
                .team: try writer.reader.teamNames().union(seen[.team]?.keys ?? [:].keys),
                .pipeline: try writer.reader.pipelineNames().union(seen[.pipeline]?.keys ?? [:].keys),
                .model: try writer.reader.modelNames().union(seen[.model]?.keys ?? [:].keys),
            ]
            for (record, fields) in sorted {
                for reference in record.references where !(known[reference.kind]?.contains(reference.name) ?? false) {
                    throw fields.error(reference.field, "expected the name of a \(reference.kind.rawValue) in this import or the store; no \(reference.kind.rawValue) is named '\(reference.name)'")
                }
            }
            let step = max(1, sorted.count / 200)
            for (index, item) in sorted.enumerated() {
                do {
                    summary.add(try Self.write(item.record, with: writer), for: item.record.kind)
                } catch let error as RecordError {
                    throw item.fields.error(error.field, error.message)
                }
                if index % step == 0 || index == sorted.count - 1 { progress?(index + 1, sorted.count) }
            }
        }
        return summary
    }

    private static func write(_ record: DecodedRecord, with writer: PortfolioWriter) throws -> UpsertOutcome {
        switch record {
        case let .team(team): try writer.upsert(team)
        case let .pipeline(pipeline): try writer.upsert(pipeline)
        case let .model(model): try writer.upsert(model)
        case let .run(run): try writer.upsert(run)
        case let .metric(point): try writer.upsert(point)
        case let .alert(alert): try writer.upsert(alert)
        case let .maturity(assessment): try writer.upsert(assessment)
        }
    }
}

/// What `import --json` prints: the totals, and per kind of record (by its section name).
extension ImportSummary: Encodable {
    public func encode(to encoder: Encoder) throws {
        let all = counts.values.reduce(into: Counts()) { all, counts in
            all.created += counts.created
            all.updated += counts.updated
            all.unchanged += counts.unchanged
            all.removed += counts.removed
        }
        try encoder.script([
            "created": .int(all.created), "updated": .int(all.updated), "unchanged": .int(all.unchanged), "removed": .int(all.removed),
            "skipped": .int(0),
            "by_kind": .value(Dictionary(uniqueKeysWithValues: counts.map { kind, counts in
                (kind.section, ["created": counts.created, "updated": counts.updated, "unchanged": counts.unchanged,
                                   "removed": counts.removed])
            })),
        ])
    }
}
