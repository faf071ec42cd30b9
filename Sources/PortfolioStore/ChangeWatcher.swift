import GRDB

/// Tells whether anyone — another process or this one — has committed to the store since the last
/// look, with `PRAGMA data_version` on one fixed connection of its own. GRDB's ValueObservation
/// cannot do this: it does not see other processes' commits.
public final class ChangeWatcher {
    private let connection: DatabaseQueue
    private var lastVersion: Int?

    init(path: String) throws {
        var config = Configuration()
        config.readonly = true
        config.busyMode = .timeout(2)
        connection = try DatabaseQueue(path: path, configuration: config)
    }

    /// True the first time and whenever the store changed since the previous call.
    public func hasChanged() throws -> Bool {
        let version = try connection.inDatabase { db in
            try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
        }
        defer { lastVersion = version }
        return version != lastVersion
    }
}
