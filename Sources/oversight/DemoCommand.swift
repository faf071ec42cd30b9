import ArgumentParser
import Dashboard
import Foundation
import PortfolioStore
import Render
import Synchronization
import TerminalUI

/// `oversight demo`: the sample, shifted to now, brought to life by the simulator, with the
/// dashboard on top and the dashboard's display settings. Everything it created is removed when
/// it ends.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "A live demo: a throw-away copy of the sample, a simulator writing into it, and the dashboard (read-only unless --writable).",
        discussion: """
        Takes the dashboard's display settings — --theme, --color, --unicode, --timezone, --mouse, \
        and OVERSIGHT_THEME, OVERSIGHT_COLOR, OVERSIGHT_UNICODE, OVERSIGHT_TIMEZONE or the config file — \
        so on an unfamiliar terminal `oversight demo --unicode off --color 8` just works.
        """
    )

    @OptionGroup var display: DisplayOptions
    @Option(parsing: .unconditional, help: "How many simulated seconds pass per second (at most 10000).") var speed: Double = 20
    @Flag(help: "Let the dashboard's alert keys write (the demo store is thrown away anyway).") var writable = false

    func validate() throws { try SimulateCommand.check(speed: speed) }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let display = try display.resolve(try Settings(environment: environment), log: AppLog.logger("demo"))
        SignalTrap.install()
        let sample = try SamplePortfolio.loadTemporary(asOf: Date(), cacheFolder: StoreOptions.cacheFolder())
        defer { sample.remove() }
        let simulation = SimulationThread(store: sample.store, speed: speed)
        simulation.start()
        defer { simulation.stop() }
        let dashboardStore = writable ? sample.store : try PortfolioStore.open(path: sample.store.path, readOnly: true)
        defer { if !writable { try? dashboardStore.close() } }
        let size = TerminalScreen.kernelSize() ?? (80, 24)
        var state = DashboardState(width: size.width, height: size.height, now: Date(), sourceLabel: "demo", isSample: true, refreshInterval: 1)
        state.isReadOnly = !writable
        display.apply(to: &state)
        state.message = display.themeProblem
            ?? "demo: a simulator is writing into a throw-away copy of the sample at \(Format.fixed(speed, 0))× speed"
        let engine = try DashboardEngine(store: dashboardStore, state: state, actor: ActorName.resolve(nil), figures: .interactive,
                                         writes: .interactive)
        do {
            _ = try DashboardApp.run(engine: engine, theme: display.theme, environment: environment, mouse: display.mouse,
                                     colorMode: display.colorMode, unicode: display.unicode)
        } catch let error as TerminalScreen.StartError {
            throw CommandFailure(error.description)
        }
    }
}

/// The simulator on a background thread, stepping once a second until stopped.
final class SimulationThread: Sendable {
    private let store: PortfolioStore
    private let speed: Double
    private let stopped = Mutex(false)
    private let finished = DispatchSemaphore(value: 0)

    init(store: PortfolioStore, speed: Double) {
        self.store = store
        self.speed = speed
    }

    func start() {
        let thread = Thread { [self] in
            var simulator = PortfolioSimulator(store: store, seed: UInt64(Date().timeIntervalSince1970), speed: speed)
            while !stopped.withLock({ $0 }) {
                // A step that fails (the store briefly busy) is simply retried on the next one.
                try? simulator.step(now: Date())
                for _ in 0..<10 where !stopped.withLock({ $0 }) { Thread.sleep(forTimeInterval: 0.1) }
            }
            finished.signal()
        }
        thread.start()
    }

    func stop() {
        stopped.withLock { $0 = true }
        finished.wait()
    }
}
