import Foundation
import Portfolio
import PortfolioStore

/// Writes the dashboard's alert actions on a background queue, one at a time and in order, so
/// the input loop never waits on the store's write lock: a slow writer elsewhere (a long import)
/// can hold it for seconds. Each write waits at most its deadline; one that cannot get the lock
/// comes back as not saved, to be retried, never silently dropped.
final class AlertWriteWorker: @unchecked Sendable {
    private let lock = NSLock()
    private let idle = NSCondition()
    private var inFlight = 0
    private var finished: [(PendingAlertAction, AlertActionOutcome)] = []
    private let queue = DispatchQueue(label: "oversight.alert-writes", qos: .userInitiated)

    var isWriting: Bool { lock.withLock { inFlight > 0 } }
    var hasResults: Bool { lock.withLock { !finished.isEmpty } }

    func submit(_ pending: PendingAlertAction, store: PortfolioStore, actor: String, at now: Date, deadline: TimeInterval) {
        lock.withLock { inFlight += 1 }
        queue.async { [self] in
            let outcome = Self.write(pending, store: store, actor: actor, at: now, deadline: deadline)
            lock.withLock {
                finished.append((pending, outcome))
                inFlight -= 1
            }
            idle.lock()
            idle.broadcast()
            idle.unlock()
        }
    }

    /// One action as one short transaction, and what became of it.
    static func write(_ pending: PendingAlertAction, store: PortfolioStore, actor: String, at now: Date,
                      deadline: TimeInterval) -> AlertActionOutcome {
        do {
            try store.write(waitingAtMost: deadline) { _ = try $0.apply(pending.action, toAlert: pending.alert, actor: actor, at: now) }
            return .saved("\(pending.alert) \(pending.action.pastTense) by \(actor)")
        } catch let error as AlertActionError {
            return .refused(error.description)
        } catch StoreError.busy(_, let waited) {
            return .notSaved(reason: "the store is busy: another program held it for over \(DurationText.format(max(1, waited)))")
        } catch {
            return .notSaved(reason: "\(error)")
        }
    }

    /// The outcomes finished since the last take, oldest first.
    func take() -> [(PendingAlertAction, AlertActionOutcome)] {
        lock.withLock {
            defer { finished = [] }
            return finished
        }
    }

    /// Blocks until every submitted write has finished (each is bounded by its deadline).
    func wait() {
        idle.lock()
        while isWriting { idle.wait() }
        idle.unlock()
    }
}
