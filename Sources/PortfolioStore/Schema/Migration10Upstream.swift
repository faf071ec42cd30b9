import GRDB

extension StoreSchema {
    /// v10: where a store that is a host's read model of a team store stands — which team store
    /// (its id, so a database made anew is never mistaken for the old one) and the last change it
    /// holds. A store of its own (a file) never has a row here.
    /// Frozen: the text that shipped. A change to the schema is a new migration.
    static let v10 = Migration("v10-upstream", sql: """
        CREATE TABLE upstream (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            store_id TEXT NOT NULL,
            change_seq INTEGER NOT NULL
        );
        """)
}
