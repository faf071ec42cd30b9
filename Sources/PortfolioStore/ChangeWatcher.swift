import Foundation
import GRDB

/// Tells whether anyone — another process or this one — has committed to the store since the last
/// look, with `PRAGMA data_version` on one fixed connection of its own. GRDB's ValueObservation
/// cannot do this: it does not see other processes' commits.
///
/// A store opened as a snapshot has no connection that could see commits; its watcher compares
/// the file's identity, size and time instead, and whether `-wal` and `-shm` have appeared (a
/// writer opened it), and the dashboard then opens the store again (`PortfolioStore.reopened`).
public final class ChangeWatcher {
    private let connection: DatabaseQueue?
    private let path: String
    private var lastVersion: Int?
    private var lastLook: [Int64]?

    init(path: String, snapshot: Bool) throws {
        self.path = path
        if snapshot {
            connection = nil
        } else {
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(2)
            connection = try DatabaseQueue(path: path, configuration: config)
        }
    }

    /// True the first time and whenever the store changed since the previous call.
    public func hasChanged() throws -> Bool {
        guard let connection else {
            let look = Self.look(path)
            defer { lastLook = look }
            return look != lastLook
        }
        let version = try connection.inDatabase { db in
            try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0
        }
        defer { lastVersion = version }
        return version != lastVersion
    }

    /// The file's inode, size and modification time, and whether each of `-wal` and `-shm` is there.
    static func look(_ path: String) -> [Int64] {
        var info = stat()
        guard stat(path, &info) == 0 else { return [] }
        let companions = StoreAccess.companions(of: path).map { Int64(access($0, F_OK) == 0 ? 1 : 0) }
        return [Int64(info.st_ino), Int64(info.st_size), Int64(info.st_mtim.tv_sec), Int64(info.st_mtim.tv_nsec)] + companions
    }
}
