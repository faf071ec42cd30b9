import Foundation
import Portfolio

/// A large import into a store that holds no record, written in the one pass that reads it: the
/// first import of a team's export, where the check pass of the two (`ImportPlan`) decoded every
/// record only to decode it again for writing — a third of the import's time on a million records.
///
/// The pass checks as it writes, inside the bulk load's one transaction: every record is decoded
/// by the same `RecordDecoder`, each key is remembered by its hash (as the plan does), and each
/// name is looked up by the writer, which finds only what was written before it. At the first
/// thing that is not plainly right — a record that does not decode, a key seen before, a name not
/// yet written, a file with no record, a team, pipeline, model or assessment on an NDJSON line,
/// any error but the store's own (busy, not writable: thrown as they are) — it gives way: the
/// transaction is rolled back, leaving the store as empty as it was, and the two passes run as for
/// any import, so that every error is found, worded and ordered exactly as they find it. A bad
/// import therefore costs up to twice its reading; a good one is read once.
///
/// Rows land as the two passes write them: teams, pipelines and models first (from the YAML and
/// JSON files, read whole as the two passes read them; only these and the assessments are held),
/// then the runs, points and alerts in file order (each kind keeps its file order, and none refers
/// to another), then the maturity assessments; the tables' CHECKs are on for all but the volume,
/// as there.
struct OnePassImport {
    /// Why the pass gave way to the two passes.
    struct GaveWay: Error {}

    let files: [String]
    let writer: PortfolioWriter
    let progress: PortfolioImporter.Progress?
    private var summary: ImportSummary
    /// Every key by hash, mixed with its kind's; a repeat (a duplicate, or two keys that hash
    /// alike) gives way. One set, made large enough at the start: growing it rehashes every key.
    private var keys: Set<Int> = []
    /// The volume's metric points not yet written, with their models' ids. They are written a
    /// batch at a time in key order, so each lands beside the last in metric_points' b-tree
    /// rather than anywhere in it (a feed gives one point of each model in turn).
    private var points: [(model: Int64, point: MetricPoint)] = []
    static let sortedPoints = 32_768
    private var written = 0
    private var total = 0
    private var step = 1

    init(files: [String], writer: PortfolioWriter, progress: PortfolioImporter.Progress?) {
        self.files = files
        self.writer = writer
        self.progress = progress
        self.summary = ImportSummary(files: files)
    }

    /// The NDJSON bytes from which a store that holds no record is imported in one pass: below
    /// them the two passes cost little more, and a bad small import is not read twice.
    static let fromBytes = 4 << 20

    /// Whether `files` hold enough NDJSON for the one pass (`fromBytes`, or `least`).
    static func worthIt(_ files: [String], least: Int = fromBytes) -> Bool {
        let bytes = files.filter(ImportSource.isNDJSON).reduce(0) { sum, file in
            let path = URL(fileURLWithPath: file).resolvingSymlinksInPath().path
            return sum + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        }
        return bytes >= least
    }

    /// Reads and writes every record inside the caller's bulk load, `setChecks` turning the
    /// tables' CHECKs off (`ignored`) for the volume and on again; throws `GaveWay` (or the error
    /// met) when the two passes must run instead.
    mutating func run(setChecks: (_ ignored: Bool) throws -> Void) throws -> ImportSummary {
        let trees = files.indices.filter { !ImportSource.isNDJSON(files[$0]) }
        let lines = files.indices.filter { ImportSource.isNDJSON(files[$0]) }
        // The teams, pipelines, models and assessments of the YAML and JSON files (the
        // portfolio's structure, small beside the volume) held to be written in kind order; a
        // tree file's runs, points and alerts are read again when its turn in file order comes,
        // so no more of the volume is held than the two passes hold.
        var treeRecords: [Int: [RecordStream.Record]] = [:]
        var treeVolume: [Int: Int] = [:]
        let treeStream = RecordStream(files: trees.map { files[$0] })
        defer { treeStream.cancel() }
        while let item = try treeStream.next() {
            guard case let .record(record) = item else { continue }
            let index = trees[record.file]
            if PortfolioImporter.volume.contains(record.decoded.kind) {
                treeVolume[index, default: 0] += 1
            } else {
                treeRecords[index, default: []].append(record)
            }
        }
        guard trees.allSatisfy({ treeRecords[$0] != nil || treeVolume[$0] != nil }) else { throw GaveWay() }
        total = treeRecords.values.reduce(0) { $0 + $1.count } + treeVolume.values.reduce(0, +)
            + (try lines.reduce(0) { $0 + (try Self.lineCount(files[$1])) })
        step = max(1, total / 200)
        keys.reserveCapacity(total)

        try setChecks(false)
        for kind in [RecordKind.team, .pipeline, .model] {
            for index in trees { for record in treeRecords[index] ?? [] where record.decoded.kind == kind { try write(record) } }
        }
        try setChecks(true)
        let lineStream = RecordStream(files: lines.map { files[$0] })
        defer { lineStream.cancel() }
        for index in files.indices {
            guard ImportSource.isNDJSON(files[index]) else {
                guard treeVolume[index] != nil else { continue }
                let volume = RecordStream(files: [files[index]], kinds: PortfolioImporter.volume)
                defer { volume.cancel() }
                while let item = try volume.next() {
                    if case let .record(record) = item { try write(record) }
                }
                continue
            }
            var records = 0
            reading: while let item = try lineStream.next() {
                switch item {
                case let .record(record):
                    guard PortfolioImporter.volume.contains(record.decoded.kind) else { throw GaveWay() }
                    try write(record)
                    records += 1
                case .fileEnd: break reading
                }
            }
            guard records > 0 else { throw GaveWay() }
        }
        try writePoints()
        try setChecks(false)
        for index in trees { for record in treeRecords[index] ?? [] where record.decoded.kind == .maturity { try write(record) } }
        progress?(written, written)
        return summary
    }

    private mutating func write(_ record: RecordStream.Record) throws {
        let kind = record.decoded.kind
        guard keys.insert(record.keyHash ^ Self.salt(kind)).inserted else { throw GaveWay() }
        if case let .metric(point) = record.decoded {
            points.append((try writer.modelID(point.model), point))
            if points.count == Self.sortedPoints { try writePoints() }
        } else {
            summary.add(try PortfolioImporter.write(record.decoded, with: writer), for: kind)
        }
        written += 1
        if written % step == 0, written < total { progress?(written, total) }
    }

    private mutating func writePoints() throws {
        points.sort { ($0.model, $0.point.name, $0.point.at) < ($1.model, $1.point.name, $1.point.at) }
        for (model, point) in points { summary.add(try writer.upsert(point, model: model), for: .metric) }
        points.removeAll(keepingCapacity: true)
    }

    /// What sets a kind's key hashes apart from another's in `keys`.
    private static func salt(_ kind: RecordKind) -> Int {
        var hasher = Hasher()
        hasher.combine(kind)
        return hasher.finalize()
    }

    /// The lines of an NDJSON file (blank ones too: the progress's total, not a count of records).
    static func lineCount(_ file: String) throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: file) else { throw GaveWay() }
        defer { try? handle.close() }
        var count = 0
        var last: UInt8 = 0x0A
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { bytes in
                for byte in bytes where byte == 0x0A { count += 1 }
            }
            last = chunk.last ?? last
        }
        return count + (last == 0x0A ? 0 : 1)
    }
}
