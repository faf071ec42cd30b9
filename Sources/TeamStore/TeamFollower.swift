import Foundation
import PortfolioStore
import Synchronization

/// Keeps a dashboard's local copy live: on its own connection it listens for the writers'
/// notifications (the doorbell) and, every few seconds, asks the team store for its change number
/// (notifications are not replayed after a dropped connection, and a pooler in transaction mode
/// drops them all); when the number is past the copy's, it brings the copy up to date, and the
/// dashboard's watcher on the local file sees the change as any commit. While the server does not
/// answer, it retries with backoff (at most every `retryAtMost` seconds) and the replica says
/// since when (`unreachableSince`). A question unanswered within `answerWithin` seconds counts
/// as a lost connection: a silent server never holds the follower (or the dashboard's quit).
public final class TeamFollower: Sendable {
    private let replica: TeamReplica
    private let store: PortfolioStore
    private let environment: [String: String]
    private let pollInterval: TimeInterval
    private let retryAtMost: TimeInterval
    private let answerWithin: TimeInterval
    private let wake = DispatchSemaphore(value: 0)
    private let stopped = Mutex(false)
    /// Whether the thread runs: `stop` waits for it only then, and only once.
    private let running = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)

    public init(store: PortfolioStore, replica: TeamReplica, environment: [String: String],
                pollInterval: TimeInterval = 3, retryAtMost: TimeInterval = 5, answerWithin: TimeInterval = 10) {
        self.store = store
        self.replica = replica
        self.environment = environment
        self.pollInterval = pollInterval
        self.retryAtMost = retryAtMost
        self.answerWithin = answerWithin
    }

    public func start() {
        guard running.withLock({ was in defer { was = true }; return !was }) else { return }
        // Silent for longer than a poll and a question's wait: unreachable, whatever the follower is doing.
        replica.expectAnswers(within: pollInterval + answerWithin)
        let thread = Thread { [self] in run() }
        thread.name = "oversight.team-follower"
        thread.start()
    }

    /// Stops following and waits for the thread to let go of its connection: a few seconds at
    /// most, for a question in flight may wait for its answer that long.
    public func stop() {
        stopped.withLock { $0 = true }
        wake.signal()
        if running.withLock({ was in defer { was = false }; return was }) { _ = finished.wait(timeout: .now() + 3) }
        replica.expectAnswers(within: nil)
    }

    private func run() {
        var listener: TeamConnection?
        var backoff: TimeInterval = 0.5
        while !stopped.withLock({ $0 }) {
            var wait = pollInterval
            do {
                if listener?.isClosed ?? true {
                    listener?.close()
                    let fresh = try TeamConnection.open(replica.address, environment: environment, readOnly: true)
                    listener = fresh
                    _ = try fresh.listen(TeamSchema.channel, atMost: answerWithin) { [wake] _ in wake.signal() }
                }
                let remote = try listener?.query("SELECT change_seq FROM oversight_store", atMost: answerWithin).first?.decode(Int64.self) ?? 0
                let local = try store.read { try $0.upstreamPosition()?.changeSeq }
                if local != remote { try replica.refresh(store) }
                replica.noteReachable(true)
                backoff = 0.5
            } catch {
                replica.noteReachable(false)
                listener?.close()
                listener = nil
                backoff = min(backoff * 2, retryAtMost)
                wait = backoff
            }
            _ = wake.wait(timeout: .now() + wait)
        }
        listener?.close()
        finished.signal()
    }
}
