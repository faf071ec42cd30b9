import GRDB
import NIOCore
import PortfolioStore
import PostgresNIO

/// One of the store's record tables (`KeptTable.baseTables`) as the team store keeps it: its
/// columns, their kinds and its key, read from the local store's own schema — the SQLite
/// migrations declare each column once; the team store's migrations hold the same columns (a test
/// holds the two equal). Builds the few statements that move its rows each way.
struct ReplicatedTable: Sendable {
    enum Kind: Sendable {
        case integer, real, text

        /// The column type on the team store.
        var serverType: String {
            switch self {
            case .integer: "bigint"
            case .real: "double precision"
            case .text: "text"
            }
        }
    }

    let name: String
    let columns: [String]
    let kinds: [Kind]
    /// The primary key's columns, in key order: at most three (`upstream_changed` has three).
    let key: [String]

    /// The record tables in the order their rows may be written (a parent before its children).
    static func all(_ db: Database) throws -> [ReplicatedTable] {
        try KeptTable.baseTables.map { name in
            let rows = try Row.fetchAll(db, sql: "SELECT name, type, pk FROM pragma_table_info(?) ORDER BY cid", arguments: [name])
            let key = rows.filter { ($0["pk"] as Int) > 0 }.sorted { ($0["pk"] as Int) < ($1["pk"] as Int) }.map { $0["name"] as String }
            precondition(!rows.isEmpty && (1...3).contains(key.count), "the store's table \(name) is not as its migrations make it")
            return ReplicatedTable(name: name, columns: rows.map { $0["name"] }, kinds: rows.map { row in
                switch (row["type"] as String).uppercased() {
                case "INTEGER": .integer
                case "REAL": .real
                default: .text
                }
            }, key: key)
        }
    }

    private static func quoted(_ names: [String], prefix: String = "") -> String {
        names.map { prefix + $0.quotedDatabaseIdentifier }.joined(separator: ", ")
    }

    private var keyColumns: [String] { ["k1", "k2", "k3"].prefix(key.count).map { $0 } }

    // MARK: The local store

    /// Puts a row from the team store in (or over the one with its key); the UPDATE fires the
    /// triggers that keep the totals, as any writer's would.
    var localUpsert: String {
        let others = columns.filter { !key.contains($0) }
        return """
            INSERT INTO \(name.quotedDatabaseIdentifier) (\(Self.quoted(columns))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", "))) \
            ON CONFLICT (\(Self.quoted(key))) DO \(others.isEmpty ? "NOTHING" : "UPDATE SET " + others.map { "\($0.quotedDatabaseIdentifier) = excluded.\($0.quotedDatabaseIdentifier)" }.joined(separator: ", "))
            """
    }

    /// Puts a row from the team store into an empty table (a new host's first copy).
    var localInsert: String {
        "INSERT INTO \(name.quotedDatabaseIdentifier) (\(Self.quoted(columns))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))"
    }

    var localDelete: String {
        "DELETE FROM \(name.quotedDatabaseIdentifier) WHERE \(key.map { "\($0.quotedDatabaseIdentifier) = ?" }.joined(separator: " AND "))"
    }

    /// The temporary triggers that note the key of every row a write touches in
    /// `temp.upstream_changed` (named without its schema: a trigger may not name one), so the write
    /// can be sent on: after it, a noted key either has a row (sent as it is now) or has none (sent
    /// as deleted).
    var captureTriggers: String {
        let padding = Array(repeating: "''", count: 3 - key.count)
        func values(_ row: String) -> String {
            "('\(name)', " + (key.map { "\(row).\($0.quotedDatabaseIdentifier)" } + padding).joined(separator: ", ") + ")"
        }
        // A plain INSERT: an upsert's ON CONFLICT on the statement that fires a trigger overrides the
        // trigger's own OR IGNORE (measured: UNIQUE failures). Keys noted twice are read once.
        let insert = "INSERT INTO upstream_changed (tbl, k1, k2, k3) VALUES"
        return """
            CREATE TEMP TRIGGER IF NOT EXISTS upstream_capture_\(name)_insert AFTER INSERT ON main.\(name.quotedDatabaseIdentifier)
            BEGIN \(insert) \(values("NEW")); END;
            CREATE TEMP TRIGGER IF NOT EXISTS upstream_capture_\(name)_update AFTER UPDATE ON main.\(name.quotedDatabaseIdentifier)
            BEGIN \(insert) \(values("OLD")), \(values("NEW")); END;
            CREATE TEMP TRIGGER IF NOT EXISTS upstream_capture_\(name)_delete AFTER DELETE ON main.\(name.quotedDatabaseIdentifier)
            BEGIN \(insert) \(values("OLD")); END;
            """
    }

    private var joinsChanged: String {
        zip(key, keyColumns).map { "t.\($0.quotedDatabaseIdentifier) = c.\($1)" }.joined(separator: " AND ")
    }

    /// Each key the write touched in this table, once.
    private var touchedKeys: String {
        "(SELECT DISTINCT \(keyColumns.joined(separator: ", ")) FROM temp.upstream_changed WHERE tbl = '\(name)')"
    }

    /// The rows a write touched, as they are now: looked up by key, so a small write on a large
    /// table reads only its rows.
    var changedRows: String {
        "SELECT \(Self.quoted(columns, prefix: "t.")) FROM \(touchedKeys) c JOIN main.\(name.quotedDatabaseIdentifier) t ON \(joinsChanged)"
    }

    /// The keys of the rows a write deleted.
    var deletedKeys: String {
        """
        SELECT \(keyColumns.map { "c.\($0)" }.joined(separator: ", ")) FROM \(touchedKeys) c \
        WHERE NOT EXISTS (SELECT 1 FROM main.\(name.quotedDatabaseIdentifier) t WHERE \(joinsChanged))
        """
    }

    // MARK: The team store

    /// The rows changed after a point, for a cursor.
    func serverChanged(after seq: Int64, through target: Int64) -> String {
        "SELECT \(Self.quoted(columns)) FROM \(name.quotedDatabaseIdentifier) WHERE change_seq > \(seq) AND change_seq <= \(target)"
    }

    /// Puts `rows` rows in (or over the ones with their keys), all of one change: one bind per
    /// column, then the change number last.
    func serverUpsert(rows: Int) -> String {
        let width = columns.count
        let tuples = (0..<rows).map { row in
            "(" + (0..<width).map { column in "$\(row * width + column + 1)::\(kinds[column].serverType)" }.joined(separator: ", ")
                + ", $\(rows * width + 1)::bigint)"
        }
        return "INSERT INTO \(name.quotedDatabaseIdentifier) (\(Self.quoted(columns)), change_seq) VALUES \(tuples.joined(separator: ", ")) \(onConflict)"
    }

    /// A row already there with the key is overwritten, change number included.
    private var onConflict: String {
        let others = columns.filter { !key.contains($0) } + ["change_seq"]
        return "ON CONFLICT (\(Self.quoted(key))) DO UPDATE SET "
            + others.map { "\($0.quotedDatabaseIdentifier) = EXCLUDED.\($0.quotedDatabaseIdentifier)" }.joined(separator: ", ")
    }

    /// The staging table a large write is copied into before it is upserted (dropped at commit).
    var stagingTable: String { "oversight_stage_\(name)" }

    var createStaging: String {
        "CREATE TEMP TABLE IF NOT EXISTS \(stagingTable) (LIKE \(name.quotedDatabaseIdentifier)) ON COMMIT DROP"
    }

    /// The staged rows upserted into the table.
    var upsertStaged: String {
        """
        INSERT INTO \(name.quotedDatabaseIdentifier) (\(Self.quoted(columns)), change_seq) \
        SELECT \(Self.quoted(columns)), change_seq FROM \(stagingTable) \(onConflict)
        """
    }

    /// The columns COPY fills, the change number last (postgres-nio quotes them, and the table).
    var copyColumns: [String] { columns + ["change_seq"] }

    /// One row in COPY's text format: tab-separated, `\N` for null, backslash escapes.
    func copyLine(_ values: [DatabaseValue], seq: Int64, into buffer: inout ByteBuffer) throws {
        for (index, value) in values.enumerated() {
            switch (kinds[index], value.storage) {
            case (_, .null): buffer.writeString("\\N")
            case let (.integer, .int64(number)): buffer.writeString(String(number))
            case let (.real, .int64(number)): buffer.writeString(String(Double(number)))
            case let (.real, .double(number)):
                buffer.writeString(number.isFinite ? "\(number)" : number.isNaN ? "NaN" : number > 0 ? "Infinity" : "-Infinity")
            case let (.text, .string(text)) where !text.unicodeScalars.contains("\0"):
                var escaped = ""
                escaped.reserveCapacity(text.utf8.count)
                for character in text.unicodeScalars {
                    switch character {
                    case "\\": escaped += "\\\\"
                    case "\t": escaped += "\\t"
                    case "\n": escaped += "\\n"
                    case "\r": escaped += "\\r"
                    default: escaped.unicodeScalars.append(character)
                    }
                }
                buffer.writeString(escaped)
            default:
                throw ReplicationRefusal(table: name, column: columns[index], value: value)
            }
            buffer.writeString("\t")
        }
        buffer.writeString("\(seq)\n")
    }

    /// How many rows one upsert statement carries: PostgreSQL takes at most 65 535 parameters.
    var rowsPerStatement: Int { max(1, min(1_000, 65_000 / (columns.count + 1))) }

    /// Deletes the row whose key is given as JSON in $1.
    var serverDelete: String {
        let parts = zip(key, key.indices).map { column, index in
            let kind = kinds[columns.firstIndex(of: column) ?? 0]
            return "\(column.quotedDatabaseIdentifier) = ($1::jsonb ->> \(index))::\(kind.serverType)"
        }
        return "DELETE FROM \(name.quotedDatabaseIdentifier) WHERE \(parts.joined(separator: " AND "))"
    }

    /// `value` as a parameter of the column at `index`, of that column's type.
    func bind(_ value: DatabaseValue, column index: Int, into binds: inout PostgresBindings) throws {
        switch (kinds[index], value.storage) {
        case (_, .null):
            switch kinds[index] {
            case .integer: binds.append(Int64?.none)
            case .real: binds.append(Double?.none)
            case .text: binds.append(String?.none)
            }
        case let (.integer, .int64(number)): binds.append(number)
        case let (.real, .int64(number)): binds.append(Double(number))
        case let (.real, .double(number)): binds.append(number)
        case let (.text, .string(text)) where !text.unicodeScalars.contains("\0"):
            binds.append(text)
        default:
            throw ReplicationRefusal(table: name, column: columns[index], value: value)
        }
    }
}

/// A value the team store cannot hold as its column's type (only another SQLite program can
/// have put it in the local store; `doctor` finds such values).
struct ReplicationRefusal: Error, CustomStringConvertible {
    let table: String
    let column: String
    let value: DatabaseValue

    var description: String {
        "\(table).\(column) holds a value the team store cannot keep in that column (\(value.storage.kind)); `oversight doctor` on this host's copy says more"
    }
}

private extension DatabaseValue.Storage {
    var kind: String {
        switch self {
        case .null: "null"
        case .int64: "an integer"
        case .double: "a real number"
        case .string: "text with a NUL character"
        case .blob: "a blob"
        }
    }
}
