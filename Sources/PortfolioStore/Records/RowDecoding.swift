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

    /// A time stored as whole seconds since 1970 (`Date.storeSeconds`).
    func time(_ column: String) -> Date {
        Date(storeSeconds: self[column])
    }

    func time(_ column: String) -> Date? {
        (self[column] as Int64?).map(Date.init(storeSeconds:))
    }
}
