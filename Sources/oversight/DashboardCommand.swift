import ArgumentParser
import Dashboard
import Foundation
import Render
import TeamStore
import TerminalUI

/// `oversight` / `oversight dashboard`: the live dashboard in the terminal.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the live dashboard (the default command)."
    )

    @OptionGroup var storeOptions: ReadStoreOptions
    @OptionGroup var timeOptions: TimeOptions
    @OptionGroup var sampleOption: SampleOption
    @OptionGroup var display: DisplayOptions

    @Option(parsing: .unconditional, help: ArgumentHelp("Seconds between checks for changes in the store (default 2; also OVERSIGHT_REFRESH, config refresh).", valueName: "seconds"))
    var refresh: Double?
    @Option(name: .customLong("as"), help: ArgumentHelp("Who alert actions are recorded as (default: $USER, else the login name).", valueName: "name"))
    var actor: String?

    func validate() throws {
        if let refresh, !(refresh >= 0.1 && refresh <= 3600) {
            throw ValidationError("--refresh must be from 0.1 to 3600 seconds")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let settings = try Settings(environment: environment)
        let refresh = Double(try settings.value("refresh", flag: self.refresh.map { String($0) }).text) ?? 2
        let log = AppLog.logger("dashboard")
        let display = try display.resolve(settings, log: log)
        SignalTrap.install()
        let asOf = try timeOptions.resolved()
        let opened = try storeOptions.openForReading(asOf: asOf, sample: sampleOption.sample, sampleByDefault: true)
        defer { opened.close() }
        let size = TerminalScreen.kernelSize() ?? (80, 24)
        var state = DashboardState(width: size.width, height: size.height, now: Date(), sourceLabel: opened.label,
                                   isSample: opened.isSample, refreshInterval: refresh)
        state.isReadOnly = storeOptions.readOnly
        display.apply(to: &state)
        state.message = display.themeProblem ?? opened.store.accessNotice
        // A team store's copy is kept live by a follower; the engine's watcher on the copy does the rest.
        let follower = (opened.store.upstream as? TeamReplica).map { replica in
            TeamFollower(store: opened.store, replica: replica, environment: environment)
        }
        follower?.start()
        defer { follower?.stop() }
        let engine = try DashboardEngine(store: opened.store, state: state, actor: ActorName.resolve(actor), figures: .interactive,
                                         writes: .interactive)
        log.info("dashboard started", metadata: ["store": "\(opened.label)", "theme": "\(state.themeName)", "refresh": "\(refresh)"])
        let signal: Int32?
        do {
            signal = try DashboardApp.run(engine: engine, theme: display.theme, environment: environment, mouse: display.mouse,
                                          colorMode: display.colorMode, unicode: display.unicode)
        } catch let error as TerminalScreen.StartError {
            throw CommandFailure(error.description)
        }
        log.info("dashboard ended", metadata: ["signal": "\(signal.map(String.init) ?? "none")"])
        for unsaved in engine.state.unsaved {
            Console.error("not saved: \(unsaved.summary) — the store was busy; nothing was written for it")
        }
        if let signal {
            follower?.stop()
            opened.close()
            Foundation.exit(128 + signal)
        }
    }
}
