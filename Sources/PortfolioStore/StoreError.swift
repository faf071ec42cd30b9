import Foundation
import Portfolio

/// Why a store could not be opened or written, in words a user can act on.
public enum StoreError: Error, CustomStringConvertible, Equatable {
    case newerSchema(path: String, unknownMigrations: [String])
    case notAnOversightStore(path: String)
    case cannotOpen(path: String, reason: String)
    case notFound(what: String, key: String)
    /// Another connection held the write lock longer than this writer would wait.
    case busy(path: String, waited: TimeInterval)

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
        case let .busy(path, waited):
            "the store \(path) is busy: another program held its write lock for over \(DurationText.format(max(1, waited))); try again"
        }
    }
}
