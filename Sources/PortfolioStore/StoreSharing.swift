import Foundation

/// Makes a store shared by a Unix group, the way people share files on one host
/// (docs/SHARED-STORE.md): the store's folder belongs to the group, is group-writable and setgid
/// (so every file created in it — SQLite's `-wal` and `-shm` included — gets the group), and the
/// store and those files are readable and writable by the group and nobody else. SQLite copies the
/// store's mode onto the `-wal` and `-shm` it creates, whatever the creator's umask.
public enum StoreSharing {
    /// Why a store could not be shared, in words a user can act on.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// A group by name or number, and whether the user may give files to it.
    public static func group(_ nameOrID: String) throws -> (id: gid_t, name: String) {
        let found: (gid_t, String)?
        if let entry = getgrnam(nameOrID) {
            found = (entry.pointee.gr_gid, String(cString: entry.pointee.gr_name))
        } else if let number = gid_t(nameOrID) {
            found = (number, getgrgid(number).map { String(cString: $0.pointee.gr_name) } ?? nameOrID)
        } else {
            found = nil
        }
        guard let (id, name) = found else { throw Refusal(description: "no group named '\(nameOrID)' (getent group lists them)") }
        guard geteuid() == 0 || getegid() == id || memberOf(id) else {
            throw Refusal(description: "you are not a member of group '\(name)', so you cannot give files to it (`id` lists your groups)")
        }
        return (id, name)
    }

    static func memberOf(_ group: gid_t) -> Bool {
        let count = getgroups(0, nil)
        guard count > 0 else { return false }
        var groups = [gid_t](repeating: 0, count: Int(count))
        return getgroups(count, &groups) >= 0 && groups.contains(group)
    }

    /// Gives the store's folder, the store and its `-wal` and `-shm` to `group` with the modes
    /// above; returns what was done, line by line. A folder that holds anything else (a home, a
    /// project) is never opened to a group: the store must have a folder of its own.
    public static func share(store path: String, group: (id: gid_t, name: String)) throws -> [String] {
        let folder = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let folderFacts = FileFacts(folder)
        let wanted: mode_t = 0o2070
        if folderFacts.group != group.id || folderFacts.mode & wanted != wanted {
            let ours = Set([(path as NSString).lastPathComponent] + StoreAccess.companions(of: path).map { ($0 as NSString).lastPathComponent })
            let others = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { !ours.contains($0) }
            guard others.isEmpty else {
                throw Refusal(description: """
                    \(folder) holds other files (\(others.sorted().prefix(3).joined(separator: ", "))\(others.count > 3 ? ", …" : "")), \
                    which sharing the store would open to group \(group.name): give the store a folder of its own, \
                    e.g. `oversight init --shared \(group.name) \(folder)/oversight/\((path as NSString).lastPathComponent)`
                    """)
            }
            guard chown(folder, uid_t.max, group.id) == 0, chmod(folder, folderFacts.mode | wanted) == 0 else {
                throw Refusal(description: """
                    cannot share the folder \(folder) (\(folderFacts.ownership)): \(String(cString: strerror(errno))); \
                    its owner can run `chgrp \(group.name) \(folder) && chmod g+rwxs \(folder)`, or keep the store in a folder of your own
                    """)
            }
        }
        for file in [path] + StoreAccess.companions(of: path) where FileManager.default.fileExists(atPath: file) {
            guard chown(file, uid_t.max, group.id) == 0, chmod(file, 0o660) == 0 else {
                throw Refusal(description: "cannot share \(file) (\(FileFacts(file).ownership)): \(String(cString: strerror(errno)))")
            }
        }
        let after = FileFacts(folder)
        return [
            "\(folder): group \(group.name), mode \(String(format: "%04o", after.mode)) (setgid: files created in it belong to \(group.name))",
            "\(path) and its -wal and -shm: group \(group.name), mode 0660 (read and write for \(group.name), nothing for others)",
        ]
    }
}
