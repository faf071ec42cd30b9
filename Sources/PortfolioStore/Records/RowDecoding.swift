import Foundation
import GRDB
import Portfolio

/// The few ways a stored value becomes a Swift value, shared by every record's `init(row:)`.
extension Row {
    /// A vocabulary word, or `fallback` for a word this version does not know (the CHECK
    /// constraints keep others out; a foreign client that turned them off must not stop a reader).
    func word<V: Vocabulary>(_ column: String, or fallback: V) -> V {
        (self[column] as String?).flatMap(V.init(rawValue:)) ?? fallback
    }

    /// An optional vocabulary word: nil for none, or for one this version does not know.
    func word<V: Vocabulary>(_ column: String) -> V? {
        (self[column] as String?).flatMap(V.init(rawValue:))
    }

    /// An amount SQLite worked out (a sum, a difference, a product of stored amounts): NULL where
    /// its arithmetic made a NaN — +∞ − ∞, from infinities another client stored — is read as
    /// NaN, a figure shown as undefined, rather than stopping the reader.
    func amount(_ column: String) -> Double {
        (self[column] as Double?) ?? .nan
    }

    /// A time stored as whole seconds since 1970 (`Date.storeSeconds`).
    func time(_ column: String) -> Date {
        Date(storeSeconds: self[column])
    }

    func time(_ column: String) -> Date? {
        (self[column] as Int64?).map(Date.init(storeSeconds:))
    }

    // The same by position, for the records read most (a run: the Runs panel, an ingest's look-up
    // of each run it updates), where finding 16 columns by name was a third of the reading.

    func word<V: Vocabulary>(_ index: Int, or fallback: V) -> V {
        (self[index] as String?).flatMap(V.init(rawValue:)) ?? fallback
    }

    func time(_ index: Int) -> Date {
        Date(storeSeconds: self[index])
    }

    func time(_ index: Int) -> Date? {
        (self[index] as Int64?).map(Date.init(storeSeconds:))
    }
}
