import Foundation
import GRDB

/// Examines a store for what can go wrong with a file many programs write (`oversight doctor`):
/// damaged pages, rows whose parent is gone, migrations this version does not know or has not
/// applied, missing triggers or indexes, the kept totals and counters differing from counts of
/// their rows, the runs' search index differing from the runs, values of the wrong type, and
/// `-wal`/`-shm` files that lock writers out. `repair` rebuilds, in one transaction, what can
/// be rebuilt from the base tables: the kept tables, the search index, missing triggers and indexes.
///
/// Why the kept tables can drift: another SQLite program's `INSERT OR REPLACE` deletes the row it
/// replaces without firing DELETE triggers unless that connection turned `recursive_triggers` on
/// (Oversight's own connections do), and a program can drop a trigger or write a kept table.
public enum StoreDoctor {
    /// One thing found wrong.
    public struct Finding: Sendable, Hashable, CustomStringConvertible {
        /// The check that found it: integrity, references, schema, kept totals, search index, values, files.
        public var check: String
        public var problem: String
        /// Whether `repair` rebuilds it.
        public var repairable: Bool

        public var description: String { "\(check): \(problem)\(repairable ? " (repairable: doctor --repair)" : "")" }
    }

    /// Every check, in one read transaction.
    public static func examine(_ store: PortfolioStore) throws -> [Finding] {
        var findings = files(store.path)
        do {
            try store.pool.read { db in
                let damage = try integrity(db)
                findings += damage
                // The other checks read every table: on a damaged file they would only fail.
                guard damage.isEmpty else { return }
                findings += try references(db)
                findings += try schema(db)
                findings += try keptTables(db)
                findings += try values(db)
            }
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            findings.append(Finding(check: "integrity", problem: "\(error.message ?? "\(error)") — the file is damaged; restore it from a backup (sqlite3's .recover saves what it can)",
                                    repairable: false))
        }
        return findings
    }

    /// Rebuilds the kept tables and the search index from the base tables, and creates missing
    /// triggers and indexes, in one transaction; returns what it did.
    public static func repair(_ store: PortfolioStore) throws -> [String] {
        try store.write { writer in
            let db = writer.db
            var done: [String] = []
            // A lost base table is for a backup to restore; the rest is rebuilt, each piece only
            // where its table is there.
            for object in try schemaDifferences(db) where !object.isBaseTable {
                guard try object.isTable || object.type == "view" || db.tableExists(object.table) else { continue }
                if object.differs {
                    // Only views, indexes and triggers: a table of another shape is the person's to decide.
                    guard !object.isTable else { continue }
                    try db.execute(sql: "DROP \(object.type.uppercased()) \(object.name.quotedDatabaseIdentifier)")
                    try db.execute(sql: object.sql)
                    done.append("made the \(object.label) again as this version writes it")
                } else {
                    try db.execute(sql: object.sql)
                    done.append("created the missing \(object.label)")
                }
            }
            for reference in try cascadingReferences(db) {
                try db.execute(sql: """
                    DELETE FROM \(reference.child) WHERE \(reference.column) NOT IN (SELECT \(reference.key) FROM \(reference.parent))
                    """)
                if db.changesCount > 0 {
                    done.append("removed \(db.changesCount) row\(db.changesCount == 1 ? "" : "s") of \(reference.child) whose \(reference.parent) row is gone")
                }
            }
            if try KeptTable.all.allSatisfy({ try $0.exists(db) }) {
                try KeptTable.refill(db)
                done.append("rebuilt the kept totals and counters (\(KeptTable.all.map(\.table).joined(separator: ", "))) from the base tables")
            }
            return done
        }
    }

    // MARK: - Checks

    static func integrity(_ db: Database) throws -> [Finding] {
        let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check(20)").filter { $0 != "ok" }
            .flatMap { $0.split(separator: "\n").map(String.init) }.filter { !$0.hasPrefix("***") }
        guard let first = problems.first else { return [] }
        return [Finding(check: "integrity", problem: """
            the file is damaged (\(problems.count < 20 ? "\(problems.count)" : "20 or more") problems, first: \(first)); \
            restore it from a backup (sqlite3's .recover saves what it can)
            """, repairable: false)]
    }

    static func references(_ db: Database) throws -> [Finding] {
        let rows = try Row.fetchAll(db, sql: "SELECT \"table\" AS child, parent, count(*) AS n FROM pragma_foreign_key_check GROUP BY 1, 2")
        let cascading = try cascadingReferences(db)
        return rows.map { row in
            let child: String = row["child"], parent: String = row["parent"], count: Int = row["n"]
            let repairable = cascading.contains { $0.child == child && $0.parent == parent }
            return Finding(check: "references", problem: """
                \(count) row\(count == 1 ? "" : "s") of \(child) refer to \(parent) rows that are gone (deleted by another program \
                without foreign keys on)\(repairable ? "; they went with their parent" : "; a person must decide what they belong to")
                """, repairable: repairable)
        }
    }

    /// The references whose rows go with their parent (ON DELETE CASCADE): an event, a step, a
    /// point, a version or a tag whose parent is gone is what a foreign-key-less DELETE left.
    static func cascadingReferences(_ db: Database) throws -> [(child: String, column: String, parent: String, key: String)] {
        try KeptTable.baseTables.flatMap { table in
            try Row.fetchAll(db, sql: "SELECT \"table\" AS parent, \"from\" AS col, \"to\" AS key FROM pragma_foreign_key_list(?) WHERE on_delete = 'CASCADE'",
                             arguments: [table]).map { (table, $0["col"], $0["parent"], $0["key"]) }
        }
    }

    static func schema(_ db: Database) throws -> [Finding] {
        var findings: [Finding] = []
        let applied = try StoreSchema.migrator.appliedIdentifiers(db)
        let known = StoreSchema.migrator.migrations
        let pending = known.filter { !applied.contains($0) }
        if !pending.isEmpty {
            findings.append(Finding(check: "schema", problem: "written by an older Oversight: migrations \(pending.joined(separator: ", ")) are not applied yet; any writing command (or doctor --repair) applies them",
                                    repairable: true))
        }
        if pending.isEmpty {
            findings += try schemaDifferences(db).map { object in
                switch (object.differs, object.isTable) {
                case (false, _) where object.isBaseTable:
                    Finding(check: "schema", problem: "the \(object.label) is missing (dropped by another program): its rows are gone; restore the store from a backup",
                            repairable: false)
                case (false, _):
                    Finding(check: "schema", problem: "the \(object.label) is missing (dropped by another program)", repairable: true)
                case (true, true):
                    Finding(check: "schema", problem: "the \(object.label) is not defined as this version defines it (changed by another program); a person must compare it", repairable: false)
                case (true, false):
                    Finding(check: "schema", problem: "the \(object.label) is not defined as this version defines it (changed by another program)", repairable: true)
                }
            }
        }
        return findings
    }

    /// What a store of this version has and this one lacks or holds with other SQL — tables, then
    /// views, indexes, then triggers (which read the views) — with the SQL that creates each as this version does: read from a
    /// store made in memory by the same migrations. (A full-text table's own shadow tables come
    /// with it; objects a person added are theirs and not mentioned.)
    static func schemaDifferences(_ db: Database) throws -> [SchemaDifference] {
        let reference = try DatabaseQueue()
        try StoreSchema.migrator.migrate(reference)
        let expected = try reference.read {
            try Row.fetchAll($0, sql: """
                SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'view', 'index', 'trigger') AND sql IS NOT NULL
                  AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'run_search_%'
                ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'view' THEN 1 WHEN 'index' THEN 2 ELSE 3 END, name
                """)
        }
        let present = Dictionary(try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master").map { ($0["name"] as String, $0["sql"] as String?) },
                                 uniquingKeysWith: { first, _ in first })
        return expected.compactMap { row in
            let name: String = row["name"], type: String = row["type"], sql: String = row["sql"]
            let stored = present[name]
            guard stored == nil || stored != sql else { return nil }
            return SchemaDifference(type: type, name: name, sql: sql, table: row["tbl_name"], differs: stored != nil)
        }
    }

    /// An object of this version's schema that a store lacks (`differs` false) or holds with other SQL.
    struct SchemaDifference {
        /// `table`, `view`, `index` or `trigger`.
        let type: String
        let name: String
        /// How this version creates it.
        let sql: String
        /// The table it belongs to (its own name for a table).
        let table: String
        let differs: Bool

        /// `trigger models_insert_totals`, for messages.
        var label: String { "\(type) \(name)" }
        var isTable: Bool { type == "table" }
        var isBaseTable: Bool { isTable && KeptTable.baseTables.contains(name) }
    }

    static func keptTables(_ db: Database) throws -> [Finding] {
        var findings: [Finding] = []
        for kept in KeptTable.all where try kept.exists(db) {
            let extra = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(kept.unmatched(kept.keptRows, in: kept.expectedRows)))") ?? 0
            let missing = try Int.fetchOne(db, sql: "SELECT count(*) FROM (\(kept.unmatched(kept.expectedRows, in: kept.keptRows)))") ?? 0
            guard extra + missing > 0 else { continue }
            let example = try Row.fetchOne(db, sql: "\(kept.unmatched(kept.keptRows, in: kept.expectedRows)) LIMIT 1")
                .map { " (e.g. kept \($0))" } ?? ""
            findings.append(Finding(check: kept.table == "run_search" ? "search index" : "kept totals", problem: """
                \(kept.table) differs from \(kept.what): \(extra) kept row\(extra == 1 ? "" : "s") \(extra == 1 ? "is" : "are") not what the rows say, \
                \(missing) \(missing == 1 ? "is" : "are") missing\(example)
                """, repairable: true))
        }
        return findings
    }

    /// Values of the wrong type for their column (which would stop a reader) and numbers that are
    /// not finite, in the base tables, by the types the schema declares.
    static func values(_ db: Database) throws -> [Finding] {
        var findings: [Finding] = []
        let columns = try Row.fetchAll(db, sql: """
            SELECT m.name AS tab, p.name AS col, p.type AS type, p.pk AS pk FROM sqlite_master m JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND m.name IN (\(KeptTable.baseTables.map { "'\($0)'" }.joined(separator: ", ")))
            ORDER BY m.name, p.cid
            """)
        for column in columns {
            let table: String = column["tab"], name: String = column["col"], type: String = column["type"]
            let quoted = name.quotedDatabaseIdentifier
            let wrong: String
            switch type {
            case "INTEGER": wrong = "\(quoted) IS NOT NULL AND typeof(\(quoted)) <> 'integer'"
            case "REAL": wrong = "\(quoted) IS NOT NULL AND (typeof(\(quoted)) NOT IN ('real', 'integer') OR abs(\(quoted)) > 1.7976931348623157e308)"
            default: wrong = "typeof(\(quoted)) = 'blob'"
            }
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table.quotedDatabaseIdentifier) WHERE \(wrong)") ?? 0
            guard count > 0 else { continue }
            let what = type == "REAL" ? "a value that is not a finite number" : type == "INTEGER" ? "a value that is not a whole number" : "a blob instead of text"
            findings.append(Finding(check: "values", problem: "\(count) row\(count == 1 ? "" : "s") of \(table) hold\(count == 1 ? "s" : "") \(what) in \(name) (written by another program); correct or delete them",
                                    repairable: false))
        }
        return findings
    }

    /// `-wal` and `-shm` that the store's owner cannot write.
    static func files(_ path: String) -> [Finding] {
        let store = FileFacts(path)
        return StoreAccess.companions(of: path).map(FileFacts.init).compactMap { companion in
            guard companion.exists, companion.owner != store.owner, companion.group != store.group || companion.mode & 0o020 == 0 else { return nil }
            return Finding(check: "files", problem: "\(companion.path) belongs to \(companion.ownership), not to the store's owner: it locks the owner's writers out; the owner's next write removes it if it is empty and nobody has the store open (docs/SHARED-STORE.md)",
                           repairable: false)
        }
    }
}
