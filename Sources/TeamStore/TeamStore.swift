import Foundation
import GRDB
import PortfolioStore

/// Opens a team store: connects, checks (or, for a writer, creates) its schema, and returns the
/// host's local read model of it — a store file under the cache folder, brought up to the team
/// store and bound to it, so that every screen and figure reads the local file as it reads any
/// store, and every write lands on the team store first (docs/TEAM-STORE.md).
public enum TeamStore {
    /// The local read model of the team store at `address`, in `cacheFolder/team/`.
    public static func cachePath(_ address: TeamStoreAddress, cacheFolder: String) -> String {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-_."))
        let name = "\(address.host)-\(address.port)-\(address.database)".unicodeScalars
            .map { allowed.contains($0) ? String($0) : "_" }.joined()
        return cacheFolder + "/team/" + name + ".sqlite"
    }

    /// A WAL past this many bytes is emptied after the copy catches up.
    static let largeLog: Int64 = 4 << 20

    /// Removes this host's copy (it is made again from the team store on the next open).
    public static func discardCopy(at path: String) {
        for file in [path, path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
    }

    /// Opens it. `creating` lets a writer make the schema in an empty database; `progress` hears
    /// rows copied and rows to copy while the local store catches up (all of it, on a new host).
    public static func open(_ address: TeamStoreAddress, environment: [String: String], readOnly: Bool, creating: Bool,
                            cacheFolder: String, progress: ((Int, Int) -> Void)? = nil) throws -> PortfolioStore {
        let connection = try TeamConnection.open(address, environment: environment, readOnly: readOnly)
        do {
            try TeamSchema.prepare(connection, creating: creating && !readOnly)
            let path = cachePath(address, cacheFolder: cacheFolder)
            var store = try PortfolioStore.open(path: path)
            let replica = TeamReplica(address: address, environment: environment, readOnly: readOnly, connection: connection)
            do {
                try replica.refresh(store, progress: progress)
            } catch let error as TeamStoreError where error.problem == .replaced {
                // The database was made anew: this host's copy is of a store that is gone.
                try store.close()
                discardCopy(at: path)
                store = try PortfolioStore.open(path: path)
                try replica.refresh(store, progress: progress)
            }
            // A first copy leaves its whole load in the WAL; every later open would read it through.
            let log = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? NSNumber)?.int64Value ?? 0
            if log > Self.largeLog { try store.checkpointFully() }
            store.upstream = replica
            return store
        } catch {
            connection.close()
            throw error
        }
    }
}
