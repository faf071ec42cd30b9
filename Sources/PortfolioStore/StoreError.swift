import Foundation
import GRDB
import Portfolio

/// Why a store could not be opened or written, in words a user can act on.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case newerSchema(path: String, unknownMigrations: [String])
    case notAnOversightStore(path: String)
    case cannotOpen(path: String, reason: String)
    case notFound(what: String, key: String)
    /// Another connection held the write lock longer than this writer would wait.
    case busy(path: String, waited: TimeInterval)
    case isFolder(path: String)
    /// A zero-byte file, which a read never turns into a store.
    case emptyFile(path: String)
    /// This user may not write the store (or its folder, or its -wal/-shm).
    case notWritable(path: String, reason: String)
    /// SQLite could not read the file: damaged, not a database, or an I/O error.
    case damaged(path: String, reason: String)

    /// Whether `error` is a statement stopped on purpose (`PortfolioStore.interrupt`), not a failure.
    public static func isInterruption(_ error: any Error) -> Bool {
        (error as? DatabaseError)?.resultCode == .SQLITE_INTERRUPT
    }

    /// The error for an SQLite failure on the store at `path`, in words a user can act on.
    static func unreadable(path: String, error: DatabaseError) -> StoreError {
        switch error.resultCode {
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            .damaged(path: path, reason: error.message ?? "\(error)")
        default:
            .cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
    }

    public var description: String {
        switch self {
        case let .newerSchema(path, unknown):
            "\(path) was written by a newer Oversight (schema \(unknown.sorted().joined(separator: ", "))); "
                + "upgrade Oversight to open it. Nothing was changed."
        case let .notAnOversightStore(path):
            "\(path) is a SQLite database but not an Oversight store; refusing to add tables to it."
        case let .cannotOpen(path, reason):
            "cannot open the store \(path): \(reason)"
        case let .notFound(what, key):
            "no \(what) '\(key)' in the store"
        case let .isFolder(path):
            "\(path) is a folder, not a store file; give the path of a file in it (e.g. \(path)/portfolio.sqlite)"
        case let .emptyFile(path):
            "\(path) is an empty file (0 bytes), not an Oversight store; `oversight init \(path)` makes it one"
        case let .notWritable(path, reason):
            "cannot write the store \(path): \(reason). Ask its owner, or share it with a group: `oversight init --shared GROUP \(path)` (docs/SHARED-STORE.md)"
        case let .damaged(path, reason):
            "the store \(path) is damaged (\(reason)); `oversight doctor --store \(path)` says what is wrong, and a backup restores it"
        case let .busy(path, waited):
            "the store \(path) is busy: another program held its write lock for over \(DurationText.format(max(1, waited))); try again"
        }
    }
}
