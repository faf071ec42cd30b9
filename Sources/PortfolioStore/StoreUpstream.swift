import Foundation
import GRDB

/// What makes a store the local read model of another store, the system of record (a team store
/// on PostgreSQL): every write transaction on the local store is one there too, so a write lands
/// in both or in neither. The local store is kept in step by the upstream itself
/// (`PortfolioStore.writeFromUpstream`).
public protocol StoreUpstream: AnyObject, Sendable {
    /// What to call the store in messages (its URL, without a password).
    var name: String { get }
    /// Inside the local write transaction, before its body: take the system of record's write
    /// lock (waiting at most `wait` seconds) and bring the local store up to it.
    func beginWrite(_ db: Database, waitingAtMost wait: TimeInterval) throws
    /// After the body: send what it changed to the system of record and commit there. Throwing
    /// rolls the local transaction back too.
    func commitWrite(_ db: Database) throws
    /// The body or the commit failed: nothing lands upstream.
    func abortWrite()
    /// Since when the system of record has not answered (nil while it answers): the local store
    /// still reads, as of the last change it holds.
    var unreachableSince: Date? { get }
    /// Closes the connection to the system of record.
    func close()
}
