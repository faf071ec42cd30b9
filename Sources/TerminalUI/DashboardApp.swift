import Dashboard
import Foundation
import Render

/// The interactive dashboard: the loop that turns terminal input and the clock into actions for
/// the engine, and the engine's state into frames. Ends on q, a stop signal, or a closed terminal,
/// and always restores the terminal first.
public enum DashboardApp {
    /// Runs until the user quits; returns the signal that stopped it, if one did.
    public static func run(engine: DashboardEngine, theme: Theme, environment: [String: String]) throws -> Int32? {
        let screen = try TerminalScreen(theme: theme, environment: environment)
        defer { screen.stop() }
        try engine.send(.resized(width: screen.width, height: screen.height))
        var drawn: DashboardState?
        var lastSecond = Int(Date().timeIntervalSince1970)
        while true {
            if SignalTrap.caught != 0 { return SignalTrap.caught }
            if engine.state.shouldQuit { return nil }
            if drawn != engine.state {
                screen.draw(DashboardRenderer.render(engine.state, glyphs: screen.glyphs))
                drawn = engine.state
            }
            // Short slices so a signal or hang-up is noticed quickly; the clock ticks each second.
            let now = Date()
            let untilNextSecond = 1 - now.timeIntervalSince1970.truncatingRemainder(dividingBy: 1)
            switch screen.wait(timeout: min(0.25, untilNextSecond + 0.005)) {
            case let .key(key): try engine.send(.key(key))
            case let .resized(width, height): try engine.send(.resized(width: width, height: height))
            case .closed: return nil
            case .timeout, .interrupted: break
            }
            let second = Int(Date().timeIntervalSince1970)
            if second != lastSecond {
                lastSecond = second
                try engine.send(.tick(Date()))
            }
        }
    }
}
