import Glibc
import Synchronization

/// The signal that asked the program to stop (SIGINT, SIGTERM, SIGHUP), or 0. Set by a handler
/// that does nothing else, read by the main loop within one poll slice.
let caughtSignal = Atomic<Int32>(0)

/// A parent may have started us with SIGINT, SIGTERM and SIGHUP blocked (a child of Foundation's
/// `Process` in a threaded program is); a long-running command must still stop when asked.
/// Call on the main thread before starting others, which inherit its mask.
public func unblockStopSignals() {
    var unblock = sigset_t()
    sigemptyset(&unblock)
    for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&unblock, signal) }
    pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
}

/// Installs the stop handlers before ncurses starts, so ncurses keeps them instead of its own and
/// the main loop — not a signal handler — restores the terminal.
public enum SignalTrap {
    public static func install() {
        unblockStopSignals()
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            // A signal the parent chose to ignore stays ignored, as shells and daemons do: under
            // `nohup` a hang-up must not stop us; the closed terminal (EOF, EIO) does instead.
            var inherited = sigaction()
            sigaction(signal, nil, &inherited)
            if unsafeBitCast(inherited.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                continue
            }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { caughtSignal.store($0, ordering: .relaxed) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(signal, &action, nil)
        }
        // A write to a vanished terminal must fail with EIO/EPIPE, not kill us before cleanup.
        signal(SIGPIPE, SIG_IGN)
    }

    public static var caught: Int32 { caughtSignal.load(ordering: .relaxed) }
}
