import Foundation
import PortfolioStore

/// Computes the full figures report (`PortfolioStore.figures`: one read transaction, or its parts
/// read at once on a long history) on a background queue, one at a time: on a store of a million
/// runs the window figures and derived maturity take ~0.1 s, and the interactive loop waits for
/// them only when the screen has none over its window, and then only for a bounded time
/// (`FiguresMode.background`'s `awaitMissing`).
final class WindowFiguresWorker: @unchecked Sendable {
    private let lock = NSLock()
    private let done = NSCondition()
    private var running = false
    private var finished: Result<FiguresReport, any Error>?
    private let queue = DispatchQueue(label: "oversight.window-figures", qos: .utility)

    var isRunning: Bool { lock.withLock { running } }
    var hasResult: Bool { lock.withLock { finished != nil } }

    /// Starts a computation unless one is already running.
    func start(store: PortfolioStore, window: FigureWindow) {
        let started = lock.withLock { () -> Bool in
            guard !running else { return false }
            running = true
            return true
        }
        guard started else { return }
        queue.async { [self] in
            let result = Result { try store.figures(window) }
            lock.withLock {
                finished = result
                running = false
            }
            done.lock()
            done.broadcast()
            done.unlock()
        }
    }

    /// The result of the last computation, once: nil while none has finished since the last take.
    func take() -> Result<FiguresReport, any Error>? {
        lock.withLock {
            defer { finished = nil }
            return finished
        }
    }

    /// Blocks until no computation is running, or until `timeout` seconds have passed.
    func wait(timeout: TimeInterval = .infinity) {
        let deadline = Date(timeIntervalSinceNow: min(timeout, 86_400))
        done.lock()
        while isRunning, done.wait(until: deadline) {}
        done.unlock()
    }
}
