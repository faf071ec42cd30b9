import GRDB

extension StoreSchema {
    /// v11: where an incremental importer stands in a source it follows (an MLflow tracking
    /// server: the newest run time it has read), written in the transaction that writes what it
    /// read, so a pass that fails leaves both as they were. Local to this store: a team store's
    /// host keeps its own (a host without one reads the source whole once).
    /// Frozen: the text that shipped. A change to the schema is a new migration.
    static let v11 = Migration("v11-import-cursors", sql: """
        CREATE TABLE import_cursors (
            source TEXT PRIMARY KEY,
            position TEXT NOT NULL
        ) WITHOUT ROWID;
        """)
}
