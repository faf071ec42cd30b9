import ArgumentParser
import Dashboard
import Foundation
import Portfolio
import PortfolioStore
import TerminalUI

/// `oversight simulate --store PATH`: keeps writing realistic events into a store, so another
/// session's dashboard can watch it come alive.
struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "Keep writing realistic runs, metrics, drift checks and alert actions into a store until interrupted.",
        discussion: """
        Made-up events for a demo or load test: point it at a demo store, never at a team's real one.

        One step a second; --speed sets how many simulated seconds each one covers. The portfolio \
        holds a steady state: alerts resolve as fast as they open (active counts stay near where the \
        store started, value at risk at most half the production value), drift only on each model's \
        own features, every run finishes and a failed run is retried until it succeeds. Each step \
        prints the header's figures; --json prints them as one JSON object per line.
        """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(parsing: .unconditional, help: "How many simulated seconds pass per second (at most 10000).") var speed: Double = 1
    @Option(help: "Seed of the simulation (the same seed and clock repeat it).") var seed: UInt64 = 42
    @Option(parsing: .unconditional, help: "Stop after this many steps (default: until interrupted).") var steps: Int?
    @Flag(help: "Do not wait between steps: the clock moves one second per step as if it had passed (with --steps; for tests and to age a store).")
    var noWait = false
    @Option(help: ArgumentHelp("With --no-wait, the clock starts at this ISO-8601 time (default now).", valueName: "time"))
    var from: String?
    @Flag(help: "One JSON object per step: the figures after it and the counts so far.") var json = false

    func validate() throws {
        try Self.check(speed: speed)
        if let steps, steps < 0 { throw ValidationError("--steps must be 0 or more; got \(steps)") }
        if noWait, steps == nil { throw ValidationError("--no-wait needs --steps: without waiting it would never stop") }
        if from != nil, !noWait { throw ValidationError("--from sets the clock of --no-wait; add --no-wait") }
    }

    /// `--speed` of `simulate` and `demo`: faster than 0, at most 10000× real time.
    static func check(speed: Double) throws {
        guard speed > 0, speed <= 10_000 else { throw ValidationError("--speed must be above 0 and at most 10000; got \(speed)") }
    }

    func run() throws {
        SignalTrap.install()
        let start = try from.map { text in
            guard let date = ISOTime.parse(text) else { throw ValidationError("--from: \(ISOTime.problem(text) ?? text)") }
            return date
        } ?? Date()
        let store = try storeOptions.openForWriting(mustExist: true)
        defer { try? store.close() }
        var simulator = PortfolioSimulator(store: store, seed: seed, speed: speed)
        var done = 0
        if !json { Console.out("simulating into \(storeOptions.location.shown) at \(Format.fixed(speed, 0))× (Ctrl-C stops)") }
        while SignalTrap.caught == 0, steps.map({ done < $0 }) ?? true {
            let now = noWait ? start.addingTimeInterval(Double(done)) : Date()
            try simulator.step(now: now)
            done += 1
            Console.out(json ? Self.json(simulator.summary, step: done, at: now) : Self.line(simulator.summary, step: done, at: now))
            if !noWait {
                for _ in 0..<10 where SignalTrap.caught == 0 { Thread.sleep(forTimeInterval: 0.1) }
            }
        }
    }

    static func line(_ s: PortfolioSimulator.Summary, step: Int, at now: Date) -> String {
        let share = s.valueInProduction > 0 ? " (\(Format.percent(s.valueAtRisk / s.valueInProduction)))" : ""
        return "\(ISOTime.format(now)) step \(step): \(s.activeCritical) critical, \(s.activeWarning) warning active; "
            + "\(Format.money(s.valueAtRisk)) of \(Format.money(s.valueInProduction)) at risk\(share); \(s.runningRuns) running · so far "
            + "\(s.runsStarted) runs queued, \(s.runsFinished) finished (\(s.runsFailed) failed, \(s.retries) retried), "
            + "\(s.metrics) metric points, \(s.driftChecks) drift checks, \(s.alertsOpened) alerts opened, "
            + "\(s.acknowledgements) acknowledged, \(s.resolutions) resolved"
    }

    static func json(_ s: PortfolioSimulator.Summary, step: Int, at now: Date) -> String {
        Console.json(Step(summary: s, step: step, at: now))
    }

    /// One step's line of `simulate --json`.
    struct Step: ScriptRecord {
        let summary: PortfolioSimulator.Summary
        let step: Int
        let at: Date

        var script: ScriptValue {
            let s = summary
            return .fields([
                "step": .int(step), "at": .time(at), "active_critical_alerts": .int(s.activeCritical),
                "active_warning_alerts": .int(s.activeWarning), "value_at_risk": .number(s.valueAtRisk),
                "value_in_production": .number(s.valueInProduction), "running_runs": .int(s.runningRuns),
                "runs_queued": .int(s.runsStarted), "runs_finished": .int(s.runsFinished), "runs_failed": .int(s.runsFailed),
                "runs_retried": .int(s.retries), "metric_points": .int(s.metrics), "drift_checks": .int(s.driftChecks),
                "alerts_opened": .int(s.alertsOpened), "acknowledgements": .int(s.acknowledgements), "resolutions": .int(s.resolutions),
            ])
        }
    }
}
