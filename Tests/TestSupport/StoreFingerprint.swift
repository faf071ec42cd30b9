import Foundation
import GRDB

/// Row counts and a checksum of every table of a store file, to prove that a refused import or a
/// read left it exactly as it was.
public struct StoreFingerprint: Equatable, CustomStringConvertible, Sendable {
    public var counts: [String: Int]
    public var checksum: String

    /// `excluding`: tables left out (what differs by design, such as an importer's cursor).
    public init(path: String, excluding: Set<String> = []) throws {
        var config = Configuration()
        config.readonly = true
        let queue = try DatabaseQueue(path: path, configuration: config)
        defer { try? queue.close() }
        (counts, checksum) = try queue.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
                """)
            var counts: [String: Int] = [:]
            var hasher = FNV1a()
            for table in tables where !excluding.contains(table) {
                // Order by every column: stable whatever the table's key, even with one column.
                let columns = try Int.fetchOne(db, sql: "SELECT count(*) FROM pragma_table_info(?)", arguments: [table]) ?? 1
                let order = (1...max(1, columns)).map(String.init).joined(separator: ", ")
                let rows = try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\" ORDER BY \(order)")
                counts[table] = rows.count
                hasher.add(table)
                for row in rows { hasher.add(row.description) }
            }
            return (counts, String(hasher.value, radix: 16))
        }
    }

    public var description: String {
        counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + " #\(checksum)"
    }
}

/// A small stable hash (FNV-1a, 64 bit); Swift's Hasher is seeded per process.
public struct FNV1a {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value = value &* 0x100_0000_01b3
        }
        value ^= 0xff
        value = value &* 0x100_0000_01b3
    }
}
