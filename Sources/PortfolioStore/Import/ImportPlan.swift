import Foundation

/// The first pass of an import: every record of every file read and checked, one at a time and
/// kept by none — its types and rules (`RecordDecoder`), duplicate keys, and the names it refers
/// to — so that the write pass that follows starts only on input that is whole, and memory stays
/// bounded however large the input: what is kept is a hash of each key (8 bytes a record, ~16 MB
/// for a million), the names of the import's teams, pipelines and models, and the names referred
/// to that the import does not hold (which only the store can still answer for).
struct ImportPlan {
    let files: [String]
    /// The kinds of record each file holds (by index in `files`): the write pass, which writes
    /// parents first, reads a file once for each kind it holds.
    private(set) var kinds: [Set<RecordKind>] = []
    private(set) var total = 0
    /// Records of each kind.
    private(set) var counts: [RecordKind: Int] = [:]

    /// A name a record refers to.
    private struct Reference: Hashable {
        var kind: RecordKind
        var name: String
    }

    /// Where a reference stands in the order records are written (parents first, then file
    /// order) and checked (a record's references in the order it gives them).
    private struct Order: Comparable {
        var kind: Int
        var record: Int
        var reference: Int

        static func < (a: Order, b: Order) -> Bool { (a.kind, a.record, a.reference) < (b.kind, b.record, b.reference) }
    }

    /// The names of the import's own teams, pipelines and models.
    private var names: [RecordKind: Set<String>] = [:]
    /// Names referred to before the import named them (or never): for each, the first record of
    /// each kind that refers to it, with the error it gets if neither the import nor the store
    /// holds the name.
    private var unresolved: [Reference: [RecordKind: (order: Order, error: ImportError)]] = [:]

    /// Reads and checks `files`; throws the first problem in file order, as a reader finds it.
    init(files: [String]) throws {
        self.files = files
        let kindOrder = Dictionary(uniqueKeysWithValues: RecordKind.allCases.enumerated().map { ($1, $0) })
        var seen: [RecordKind: Set<Int>] = [:]
        var kinds: Set<RecordKind> = []
        let stream = RecordStream(files: files)
        defer { stream.cancel() }
        while let item = try stream.next() {
            guard case let .record(record) = item else {
                if kinds.isEmpty {
                    throw ImportError(file: files[self.kinds.count], message: "holds no records (an empty file, or only empty sections)")
                }
                self.kinds.append(kinds)
                kinds = []
                continue
            }
            let (decoded, fields) = (record.decoded, record.fields)
            let kind = decoded.kind
            // Keys are compared by hash; the rare equal hash is settled by reading the input
            // again up to here for the key itself (a duplicate, or two keys that hash alike).
            if !seen[kind, default: []].insert(record.keyHash).inserted,
               let first = try Self.firstPlace(of: decoded, in: files.prefix(record.file + 1), before: total) {
                throw fields.error(nil, "duplicate \(kind.rawValue) key '\(decoded.key)'; first given at \(first)")
            }
            if kind == .team || kind == .pipeline || kind == .model { names[kind, default: []].insert(decoded.key) }
            for (index, reference) in decoded.references.enumerated() where !(names[reference.kind]?.contains(reference.name) ?? false) {
                let key = Reference(kind: reference.kind, name: reference.name)
                guard unresolved[key]?[kind] == nil else { continue }
                unresolved[key, default: [:]][kind] = (Order(kind: kindOrder[kind] ?? 0, record: total, reference: index), fields.error(
                    reference.field,
                    "expected the name of a \(reference.kind.rawValue) in this import or the store; no \(reference.kind.rawValue) is named '\(reference.name)'"))
            }
            kinds.insert(kind)
            counts[kind, default: 0] += 1
            total += 1
        }
        unresolved = unresolved.filter { !(names[$0.key.kind]?.contains($0.key.name) ?? false) }
    }

    /// The files holding records of `kind`, in order.
    func files(holding kind: RecordKind) -> [String] {
        zip(files, kinds).filter { $0.1.contains(kind) }.map(\.0)
    }

    /// Throws for the first record (in the order records are written) that refers to a name
    /// neither the import nor the store holds; `stored` gives the store's names of a kind.
    func checkReferences(stored: (RecordKind) throws -> Set<String>) throws {
        guard !unresolved.isEmpty else { return }
        var storeNames: [RecordKind: Set<String>] = [:]
        var first: (order: Order, error: ImportError)?
        for (reference, records) in unresolved {
            if storeNames[reference.kind] == nil { storeNames[reference.kind] = try stored(reference.kind) }
            guard !(storeNames[reference.kind]?.contains(reference.name) ?? false) else { continue }
            for candidate in records.values where first.map({ candidate.order < $0.order }) ?? true { first = candidate }
        }
        if let first { throw first.error }
    }

    /// Where the record with `record`'s kind and key is first given among the first `before`
    /// records of `files`; nil when none is (its key only hashed alike). Reads no further than
    /// those records: what comes after them may not even be readable.
    private static func firstPlace(of record: DecodedRecord, in files: ArraySlice<String>, before: Int) throws -> String? {
        /// Ends the reading: the place found, or nil once `before` records were read.
        struct Stop: Error { var place: String? }
        var position = 0
        do {
            for file in files {
                try ImportSource.forEachRecord(inFile: file) { raw in
                    guard position < before else { throw Stop() }
                    position += 1
                    guard raw.kind == record.kind, try RecordDecoder.decode(raw).0.key == record.key else { return }
                    throw Stop(place: raw.line.map { "\(raw.file):\($0)" } ?? raw.file)
                }
            }
        } catch let stop as Stop {
            return stop.place
        }
        return nil
    }
}
