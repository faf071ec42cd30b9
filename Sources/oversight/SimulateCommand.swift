import ArgumentParser
import Foundation
import PortfolioStore
import Render
import Synchronization
import TerminalUI
import Dashboard

/// `oversight simulate --store PATH`: keeps writing realistic events into a store, so another
/// session's dashboard can watch it come alive.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Keep writing realistic runs, metrics, drift alerts and acknowledgements into a store until interrupted."
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "How much faster than real time things happen.") var speed: Double = 1
    @Option(help: "Seed of the simulation (the same seed repeats it).") var seed: UInt64 = 42
    @Option(help: "Stop after this many one-second steps (default: until interrupted).") var steps: Int?

    func validate() throws {
        try SimulateCommand.check(speed: speed)
    }

    func run() throws {
        SignalTrap.install()
        let store = try storeOptions.openForWriting(mustExist: true)
        defer { try? store.close() }
        var simulator = PortfolioSimulator(store: store, seed: seed, speed: speed)
        var done = 0
        Console.out("simulating into \(storeOptions.location.path) at \(speed)× (Ctrl-C stops)")
        while SignalTrap.caught == 0, steps.map({ done < $0 }) ?? true {
            try simulator.step(now: Date())
            done += 1
            let s = simulator.summary
            Console.out("step \(done): \(s.runsStarted) runs started, \(s.runsFinished) finished, \(s.metrics) metric points, \(s.alerts) drift checks, \(s.acknowledgements) acknowledgements")
            for _ in 0..<10 where SignalTrap.caught == 0 { Thread.sleep(forTimeInterval: 0.1) }
        }
    }
}

/// `oversight demo`: the sample, shifted to now, brought to life by the simulator, with the
/// dashboard on top. Everything it created is removed when it ends.
extension SimulateCommand {
    /// `--speed` of `simulate` and `demo`: faster than 0, at most 10000× real time.
    static func check(speed: Double) throws {
        guard speed > 0, speed <= 10_000 else { throw ValidationError("--speed must be above 0 and at most 10000; got \(speed)") }
    }
}

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "A live demo: a throw-away copy of the sample, a simulator writing into it, and the dashboard (read-only unless --writable)."
    )

    @Option(help: "How much faster than real time things happen.") var speed: Double = 20
    @Flag(help: "Let the dashboard's alert keys write (the demo store is thrown away anyway).") var writable = false
    @Option(help: ArgumentHelp("Theme name or path.", valueName: "name|path")) var theme = "dark"

    func validate() throws { try SimulateCommand.check(speed: speed) }

    func run() throws {
        SignalTrap.install()
        let environment = ProcessInfo.processInfo.environment
        let sample = try SamplePortfolio.loadTemporary(asOf: Date(), cacheFolder: StoreOptions.cacheFolder())
        defer { sample.remove() }
        let simulation = SimulationThread(store: sample.store, speed: speed)
        simulation.start()
        defer { simulation.stop() }
        let dashboardStore = writable ? sample.store : try PortfolioStore.open(path: sample.store.path, readOnly: true)
        defer { if !writable { try? dashboardStore.close() } }
        var state = DashboardState(width: 80, height: 24, now: Date(), sourceLabel: "demo", isSample: true, refreshInterval: 1)
        state.isReadOnly = !writable
        state.themeNames = Theme.bundledNames()
        state.themeName = theme
        state.message = "demo: a simulator is writing into a throw-away copy of the sample at \(Format.fixed(speed, 0))× speed"
        let engine = try DashboardEngine(store: dashboardStore, state: state, actor: ActorName.resolve(nil), figures: .interactive)
        _ = try DashboardApp.run(engine: engine, theme: try CommandSupport.loadTheme(theme), environment: environment)
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
