import Foundation
import PostgresNIO

/// The team store's versioned migrations — literal SQL, frozen once shipped, like the local
/// store's — and the rule for opening a database: a read never creates a schema, a writer (or
/// `oversight init URL`) creates or upgrades it, and a database with a migration this version
/// does not know is refused.
enum TeamSchema {
    struct Migration: Sendable {
        let id: String
        let sql: String
    }

    static let migrations = [v1]

    /// The channel every writing transaction notifies, with its change number as the payload.
    static let channel = "oversight_changes"

    /// Checks the database's schema and, when `creating`, brings it up to this version in one
    /// transaction (two first writers at once take turns on an advisory lock). Returns whether
    /// anything was created.
    @discardableResult
    static func prepare(_ connection: TeamConnection, creating: Bool) throws -> Bool {
        var pending = try self.pending(connection)
        guard !pending.isEmpty else { return false }
        guard creating else {
            if pending.count == migrations.count { throw TeamStoreError(connection.address, .notATeamStore) }
            throw TeamStoreError(connection.address, .refused("its schema is older than this Oversight's; `oversight init \(connection.address)` (as a writer) brings it up to date"))
        }
        try connection.query("BEGIN")
        do {
            try connection.query("SELECT pg_advisory_xact_lock(hashtext('oversight schema'))")
            pending = try self.pending(connection)
            if try applied(connection) == nil {
                try connection.execute("CREATE TABLE oversight_migrations (identifier text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
            }
            for migration in pending {
                try connection.execute(migration.sql)
                var binds = PostgresBindings()
                binds.append(migration.id)
                try connection.query("INSERT INTO oversight_migrations (identifier) VALUES ($1)", binds)
            }
            try connection.query("COMMIT")
        } catch {
            _ = try? connection.query("ROLLBACK")
            throw error
        }
        return !pending.isEmpty
    }

    /// The migrations the database has not had, after refusing one of a newer Oversight.
    private static func pending(_ connection: TeamConnection) throws -> [Migration] {
        let applied = try self.applied(connection) ?? []
        let unknown = applied.subtracting(migrations.map(\.id))
        if !unknown.isEmpty { throw TeamStoreError(connection.address, .newerSchema(Array(unknown))) }
        return migrations.filter { !applied.contains($0.id) }
    }

    /// The migrations applied, or nil when the database has no migrations table.
    private static func applied(_ connection: TeamConnection) throws -> Set<String>? {
        let exists = try connection.query("SELECT to_regclass('oversight_migrations') IS NOT NULL").first?.decode(Bool.self) ?? false
        guard exists else { return nil }
        return Set(try connection.query("SELECT identifier FROM oversight_migrations").map { try $0.decode(String.self) })
    }
}
