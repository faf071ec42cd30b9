import Foundation
import GRDB

/// Decides, before SQLite touches a store file, how this user can open it without harming anyone
/// sharing it. SQLite in WAL mode keeps two files beside a database (`-wal`, `-shm`), created by
/// whoever opens it first, with the database's mode but the opener's ownership: a reader who
/// cannot write the database leaves files its owner's writers then cannot write (measured:
/// every write fails with SQLITE_READONLY until someone deletes them), and a reader in a folder it
/// cannot write cannot open the store at all while those files are missing. So (docs/SHARED-STORE.md):
///
/// - Oversight's writers keep `-wal` and `-shm` beside the store when they close (SQLite's
///   persistent WAL, the WAL truncated to nothing), so readers find them and create nothing.
/// - A store the user cannot write opens read-only by itself, with a notice; when its `-wal` and
///   `-shm` are missing and creating them would leave files that block its owner (or is not
///   possible), it opens as an unchanging snapshot instead (SQLite's `immutable`), which creates
///   nothing and says "no live updates".
/// - Writing needs the store, its folder (or its `-wal` and `-shm`) writable; otherwise the error
///   names what is not writable and points at `oversight init --shared`. Empty, zero-byte leftovers
///   of another user's reader that nobody has open are removed (when the folder allows), since
///   SQLite itself would delete them at its last close.
struct StoreAccess: Sendable, Equatable {
    enum Mode: Sendable, Equatable {
        case readWrite
        /// SQLite read-only, with live updates (its `-wal` and `-shm` exist).
        case readOnly
        /// SQLite's immutable mode: the file as it is now, no files created, no live updates.
        case snapshot
    }

    var mode: Mode
    /// What to tell the user when the mode is not what they asked for (standard error, or the
    /// dashboard's footer; never the standard output a script parses).
    var notice: String?

    static func companions(of path: String) -> [String] { [path + "-wal", path + "-shm"] }

    /// How to open an existing store at `path` for `writing` or reading (`readOnly`: the user
    /// asked for read-only).
    static func plan(path: String, writing: Bool, readOnly: Bool) throws -> StoreAccess {
        let file = FileFacts(path)
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let folderWritable = access(folder, W_OK | X_OK) == 0
        var companions = companions(of: path).map(FileFacts.init)
        var removed: String?
        // Only before this process opens the store: a process that closes any descriptor of a
        // file loses its own locks on it, so the check must not run beside a live connection.
        if writing, let blocking = companions.first(where: { $0.exists && !$0.writable }), file.writable, folderWritable,
           removeStaleLeftovers(of: path) {
            removed = "\(path): removed the empty -wal and -shm that \(blocking.ownership) left beside it, which nobody had open and which blocked writing"
            companions = Self.companions(of: path).map(FileFacts.init)
        }
        let present = companions.allSatisfy(\.exists)
        let companionsWritable = companions.allSatisfy { !$0.exists || $0.writable }

        if writing {
            if !file.writable {
                throw StoreError.notWritable(path: path, reason: "the file is not writable by you (\(file.ownership))")
            }
            if !present, !folderWritable {
                throw StoreError.notWritable(path: path, reason: "its folder \(folder) is not writable by you, and SQLite must create \((path as NSString).lastPathComponent)-wal and -shm beside it")
            }
            if let blocking = companions.first(where: { $0.exists && !$0.writable }) {
                throw StoreError.notWritable(path: path, reason: """
                    \(blocking.path) is not writable by you (\(blocking.ownership)); another user's reader or another SQLite \
                    program left it, and it could not be removed (in use, not empty, or in a folder that keeps others' files)
                    """)
            }
            return StoreAccess(mode: .readWrite, notice: removed)
        }
        if !readOnly, file.writable, present || folderWritable, companionsWritable {
            return StoreAccess(mode: .readWrite)
        }
        let why = readOnly ? nil : file.writable ? (companionsWritable ? "its folder \(folder) is not writable by you" : "its -wal and -shm are not writable by you")
            : "it is not writable by you (\(file.ownership))"
        if present {
            return StoreAccess(mode: .readOnly, notice: why.map { "\(path): \($0); opened read-only" })
        }
        // Files SQLite would create now would be the user's own: harmless when the store is too.
        if readOnly, file.writable, file.ownedByUser, folderWritable {
            return StoreAccess(mode: .readOnly)
        }
        let cause = folderWritable
            ? "opening it live would leave files beside it that block its owner's writers"
            : "its folder \(folder) is not writable by you"
        // A -wal with no -shm beside it may hold commits the file does not have yet; a snapshot
        // reads the file alone, so it says what it cannot show.
        let unread = companions[0].exists && companions[0].size > 0 ? "; the newest changes, in its -wal, are not shown" : ""
        return StoreAccess(mode: .snapshot, notice: """
            \(path): opened as a snapshot, no live updates: \(why.map { $0 + ", " } ?? "")no writer has it open, and \(cause)\(unread) \
            (see docs/SHARED-STORE.md; `oversight init --shared GROUP` shares a store)
            """)
    }

    /// Removes another user's `-wal` and `-shm` that block this writer when they are provably
    /// unused: the WAL is empty and no process has the store open — tested as SQLite does before
    /// it deletes them at its last close, by taking the write lock on the store's SHARED byte
    /// range (0x40000002, 510 bytes long; every open connection holds a read lock there) and
    /// holding it while the files go, so no reader can open the store in between. Done before
    /// this process opens the store: closing the descriptor drops every lock this process holds
    /// on the file. Returns whether they were removed.
    static func removeStaleLeftovers(of path: String) -> Bool {
        let wal = FileFacts(path + "-wal")
        guard wal.exists, wal.size == 0 else { return false }
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 0x4000_0002
        lock.l_len = 510
        guard fcntl(descriptor, F_SETLK, &lock) == 0 else { return false }
        for companion in companions(of: path) where unlink(companion) != 0 && errno != ENOENT { return false }
        return true
    }

    /// An SQLite path for this mode: an immutable snapshot is opened by URI.
    func sqlitePath(_ path: String) -> String {
        guard mode == .snapshot else { return path }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// A GRDB configuration for this mode.
    func configuration(_ base: Configuration = Configuration()) -> Configuration {
        var config = base
        config.readonly = mode != .readWrite
        return config
    }

    /// Opens another program's SQLite file (an MLflow store) for reading without leaving files
    /// beside it: read-only when it can be read so without creating any, else a snapshot.
    static func queueForReading(_ path: String) throws -> DatabaseQueue {
        let plan = (try? Self.plan(path: path, writing: false, readOnly: true)) ?? StoreAccess(mode: .snapshot)
        return try DatabaseQueue(path: plan.sqlitePath(path), configuration: plan.configuration())
    }
}

/// What `stat` and `access` say of a file, for the access plan and its messages.
struct FileFacts {
    let path: String
    let exists: Bool
    let writable: Bool
    let size: Int64
    let owner: uid_t
    let group: gid_t
    let mode: mode_t

    init(_ path: String) {
        self.path = path
        var info = stat()
        exists = stat(path, &info) == 0
        writable = exists && access(path, W_OK) == 0
        size = Int64(info.st_size)
        owner = info.st_uid
        group = info.st_gid
        mode = info.st_mode & 0o7777
    }

    var ownedByUser: Bool { geteuid() == 0 || geteuid() == owner }

    /// `owner alice, group ml, mode 0644`.
    var ownership: String {
        let user = getpwuid(owner).flatMap { String(validatingCString: $0.pointee.pw_name) } ?? String(owner)
        let groupName = getgrgid(group).flatMap { String(validatingCString: $0.pointee.gr_name) } ?? String(group)
        return "owner \(user), group \(groupName), mode \(String(format: "%04o", mode))"
    }
}
