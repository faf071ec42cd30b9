import GRDB

/// The store's versioned migrations: in order, each literal SQL in its own file (`Migration0N…`),
/// frozen once shipped — a change to the schema is a new migration, never an edit, so a store made
/// by any build and one made today hold the same objects for the same migration names. A file may
/// write a statement its triggers repeat once and interpolate it, but only from text in that file,
/// never from live code; `MigrationTextTests` holds the hash of what each one runs. (v5–v7 were
/// edited after shipping before this rule held; their files keep what first shipped, and v9 brings
/// the stores made by every edit to one shape. Tests/PortfolioStoreTests/Fixtures holds a store
/// made by each build that shipped a different schema; the upgrade test migrates each.)
enum StoreSchema {
    /// One migration: its identifier in `grdb_migrations` and what it runs.
    struct Migration: Sendable {
        let id: String
        /// Migrations that shipped and were withdrawn in favour of this one (GRDB's merged
        /// migrations): a store that ran one of them gets this one with their ids, and GRDB forgets them.
        let merging: Set<String>
        let apply: @Sendable (Database, _ merged: Set<String>) throws -> Void
        /// What a migration written as SQL runs, whole: a test holds each one's hash as it shipped,
        /// so a file may say its text more briefly but never run another.
        let sql: String?

        init(_ id: String, sql: String) {
            self.init(id, sql: sql) { db, _ in try db.execute(sql: sql) }
        }

        init(_ id: String, merging: Set<String> = [], sql: String? = nil,
             apply: @escaping @Sendable (Database, Set<String>) throws -> Void) {
            self.id = id
            self.merging = merging
            self.sql = sql
            self.apply = apply
        }

        init(_ id: String, apply: @escaping @Sendable (Database) throws -> Void) {
            self.init(id) { db, _ in try apply(db) }
        }
    }

    static let migrations = [v1, v2, v3, v4, v5, v6, v7, v8, v9, v10, v11, v12, v13, v14, v15, v16, v17, v18, v19, v20]

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in migrations {
            // Immediate: no migration rebuilds a table, and GRDB's deferred mode checks every
            // foreign key of the store before it commits — a store with rows another program left
            // without their parent could then be opened by nothing, not even `doctor --repair`.
            migrator.registerMigration(migration.id, foreignKeyChecks: .immediate, merging: migration.merging, migrate: migration.apply)
        }
        return migrator
    }

    /// Every migration identifier this version understands in a store: those it runs and those
    /// it merges. A store with another is from a newer Oversight.
    static let knownIdentifiers = Set(migrations.map(\.id) + migrations.flatMap(\.merging))
}

extension PortfolioStore {
    /// The schema this build writes, as `doctor` and `oversight version` name it: how many
    /// migrations, and the newest one's identifier (`11 (v11-import-cursors)`).
    public static var schemaVersion: String {
        "\(StoreSchema.migrations.count) (\(StoreSchema.migrations.last?.id ?? "none"))"
    }

    /// The SQLite library this build links, as it reports itself (`3.46.1`).
    public static func sqliteVersion() throws -> String {
        try DatabaseQueue().read { try String.fetchOne($0, sql: "SELECT sqlite_version()") } ?? "unknown"
    }
}
