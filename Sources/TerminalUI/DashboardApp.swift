import Dashboard
import Foundation
import Render

/// The interactive dashboard: the loop that turns terminal input and the clock into actions for
/// the engine, and the engine's state into frames. Ends on q, a stop signal, or a closed terminal,
/// and always restores the terminal first.
public enum DashboardApp {
    /// A store that fails to answer (locked too long, deleted, corrupted) must not end the
    /// session: the screen keeps its last data and shows why.
    private static func send(_ action: DashboardAction, to engine: DashboardEngine) {
        send([action], to: engine)
    }

    private static func send(_ actions: [DashboardAction], to engine: DashboardEngine) {
        do {
            try engine.send(actions)
        } catch {
            try? engine.send(.storeFailed("\(error)"))
        }
    }

    /// Runs until the user quits; returns the signal that stopped it, if one did.
    public static func run(engine: DashboardEngine, theme: Theme, environment: [String: String], mouse: Bool = false,
                           colorMode: ColorMode? = nil, unicode: Bool? = nil) throws -> Int32? {
        // Before anything can fail: the engine's background read must stop before the caller
        // closes the store, also when there is no terminal to start on.
        defer { engine.cancelBackgroundWork() }
        let screen = try TerminalScreen(theme: theme, environment: environment, mouse: mouse, colorMode: colorMode, unicode: unicode)
        var themeTried = engine.state.themeName
        defer { screen.stop() }
        try engine.send(.resized(width: screen.width, height: screen.height))
        var drawn: DashboardState?
        var copied = engine.state.clipboard?.serial
        var lastSecond = Int(Date().timeIntervalSince1970)
        while true {
            if SignalTrap.caught != 0 { return SignalTrap.caught }
            if engine.state.shouldQuit { return nil }
            if engine.state.themeName != themeTried {
                themeTried = engine.state.themeName
                do {
                    screen.applyTheme(try Theme.load(themeTried, environment: environment))
                } catch {
                    send(.notice("theme: \(error); keeping the current one"), to: engine)
                }
            }
            if drawn != engine.state {
                // Output that fails with EIO/EPIPE means the terminal is gone (a dropped SSH link).
                guard screen.draw(DashboardRenderer.render(engine.state, glyphs: screen.glyphs)) else { return nil }
                drawn = engine.state
            }
            if let copy = engine.state.clipboard, copy.serial != copied {
                copied = copy.serial
                screen.copyToClipboard(copy.text)
            }
            // Short slices so a signal or hang-up is noticed quickly; the clock ticks each second.
            let now = Date()
            let untilNextSecond = 1 - now.timeIntervalSince1970.truncatingRemainder(dividingBy: 1)
            // While an alert action is being written, look for its outcome often.
            let slice = engine.isWriting ? 0.05 : 0.25
            var event = screen.wait(timeout: min(slice, untilNextSecond + 0.005))
            if case let .key(key) = event {
                // Keys already waiting (typed ahead while a query ran, or pasted) go to the engine
                // together, for one reload: each filter keystroke on a million runs is a query.
                var keys: [DashboardAction] = [.key(key)]
                event = .timeout
                while keys.count < 256 {
                    let next = screen.wait(timeout: 0)
                    guard case let .key(more) = next else { event = next; break }
                    keys.append(.key(more))
                }
                send(keys, to: engine)
            }
            switch event {
            case .key: break
            case let .mouse(event): send(.mouse(event), to: engine)
            case let .resized(width, height): send(.resized(width: width, height: height), to: engine)
            case .closed: return nil
            case .timeout, .interrupted: break
            }
            let second = Int(Date().timeIntervalSince1970)
            if second != lastSecond {
                lastSecond = second
                send(.tick(Date()), to: engine)
            } else if engine.hasBackgroundResults {
                send([], to: engine)
            }
        }
    }
}
