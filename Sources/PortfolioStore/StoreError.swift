import Foundation

/// Why a store could not be opened or written, in words a user can act on.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case newerSchema(path: String, unknownMigrations: [String])
    case notAnOversightStore(path: String)
    case cannotOpen(path: String, reason: String)
    case notFound(what: String, key: String)

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
        }
    }
}
