import Foundation
import GRDB
import Portfolio

/// Keeps a store alive for demos, in a steady state a viewer can believe: pipeline runs queue,
/// start and finish (a failure is retried until it recovers), metrics wander around their level,
/// monitors re-check drift on each model's own features, and alerts open, get acknowledged by
/// their model's owner and are resolved at the rate they open — so the active alert counts stay in
/// a band around where the store started and value at risk never passes half the production value.
/// Everything goes through the store's own write API, so what the dashboard shows is exactly what
/// real pipelines and monitors would have written.
///
/// Rates are per simulated hour; `speed` simulated seconds pass per second of the clock the
/// caller steps with (docs/DEMO.md has the figures).
public struct PortfolioSimulator {
    /// What the simulation did so far, and the store's figures after the last step.
    public struct Summary: Sendable, Equatable {
        public var runsStarted = 0
        public var runsFinished = 0
        public var runsFailed = 0
        public var retries = 0
        public var metrics = 0
        public var driftChecks = 0
        public var alertsOpened = 0
        public var acknowledgements = 0
        public var resolutions = 0
        /// The header's figures after the step (`PortfolioReader.currentFigures`).
        public var activeCritical = 0
        public var activeWarning = 0
        public var valueAtRisk = 0.0
        public var valueInProduction = 0.0
        public var runningRuns = 0
    }

    /// The simulation's pace, per simulated hour.
    enum Rate {
        /// How long an alert stays unresolved on average; it opens at the matching rate.
        static let alertLifetimeHours = 12.0
        /// How long an open alert waits for its owner's acknowledgement on average.
        static let acknowledgeHours = 0.75
        /// How often a monitor re-checks a feature with an unresolved alert.
        static let recheckHours = 2.0
        /// How strongly openings pull the active counts back to where they started (0: not at all).
        static let pull = 1.0
        /// Metric points per series.
        static let metricPointsPerHour = 1.0
        static let failure = 0.1
        /// Value at risk never passes this share of the production value.
        static let valueAtRiskShare = 0.5
        /// Runs an hour: one for every dozen pipelines, from 2 to 30 (the sample's 68 pipelines
        /// run about 6 an hour, each failing one time in ten).
        static func runs(pipelines: Int) -> Double { min(30, max(2, Double(pipelines) / 12)) }
    }

    /// A run the simulator is moving through its lifecycle.
    struct Flight {
        var record: RunRecord
        var startsAt: Date
        var finishesAt: Date
        var attempt = 1
    }

    let store: PortfolioStore
    private var random: SeededRandom
    private var world: SimulatedWorld?
    private var stepsSinceLoad = 0
    private var flights: [Flight] = []
    private var sequence = 0
    private var last: Date?
    /// Active alerts by severity when the simulation started: the steady state it keeps.
    private var baseline: [Severity: Int] = [:]
    public private(set) var summary = Summary()

    static let errors: [RunKind: [String]] = [
        .training: ["CUDA out of memory. Tried to allocate 2.50 GiB",
                    "ValueError: Input contains NaN, infinity or a value too large for dtype('float32')"],
        .dataValidation: ["great_expectations: expect_column_values_to_not_be_null failed on 'customer_id' (3.2% nulls)",
                          "TimeoutError: feature store read exceeded 900 s"],
        .evaluation: ["AssertionError: candidate AUC 0.871 below the champion's 0.884"],
        .deployment: ["Deployment rollout stalled: 0/3 replicas ready after progress deadline"],
    ]

    /// How long a run of each kind takes, in simulated seconds.
    static func duration(_ kind: RunKind) -> ClosedRange<Double> {
        switch kind {
        case .dataValidation: 120...600
        case .training: 600...3600
        case .evaluation: 300...1200
        case .deployment: 180...900
        }
    }

    /// How much faster than real time things happen.
    public var speed: Double

    public init(store: PortfolioStore, seed: UInt64 = 42, speed: Double = 1) {
        self.store = store
        self.random = SeededRandom(seed: seed)
        self.speed = min(10_000, max(0.01, speed.isFinite ? speed : 1))
    }

    /// One step of simulated time ending at `now`: what happened since the last step (at most
    /// ten seconds of the caller's clock, so a stalled process does not come back to a burst).
    public mutating func step(now: Date) throws {
        let elapsed = last.map { min(10, max(0, now.timeIntervalSince($0))) } ?? 1
        last = now
        let hours = elapsed * speed / 3600
        if world == nil || stepsSinceLoad >= 300 {
            // Reloaded now and then: models, features and pipelines others add join in.
            var loaded = try store.read { try SimulatedWorld.load($0.db) }
            if let world { loaded.keepLevels(of: world) }
            world = loaded
            stepsSinceLoad = 0
        }
        stepsSinceLoad += 1
        guard var world else { return }
        let isFirst = baseline.isEmpty
        try store.write { writer in
            if isFirst { try start(writer, world: world, now: now) }
            try moveRuns(writer, world: world, now: now, hours: hours)
            try tickMetrics(writer, world: &world, now: now, hours: hours)
            try moveAlerts(writer, world: world, now: now, hours: hours)
        }
        self.world = world
        let figures = try store.read { try $0.currentFigures(FigureWindow(asOf: now)) }.portfolio
        summary.activeCritical = figures.activeCriticalAlerts
        summary.activeWarning = figures.activeWarningAlerts
        summary.valueAtRisk = figures.valueAtRisk
        summary.valueInProduction = figures.valueInProduction
        summary.runningRuns = figures.runningRuns
    }

    /// Takes the store's starting alert counts as the steady state, and adopts the runs it left
    /// queued or running so they finish too.
    private mutating func start(_ writer: PortfolioWriter, world: SimulatedWorld, now: Date) throws {
        let active = try SimulatedAlert.unresolved(writer.db, now: now, limit: 5000).filter(\.isActive)
        for severity in Severity.allCases {
            baseline[severity] = active.count { $0.severity == severity }
        }
        // A store without active alerts still shows some drift, in the sample's proportions.
        if baseline[.critical, default: 0] + baseline[.warning, default: 0] == 0, !world.features.isEmpty {
            let monitored = Set(world.features.map(\.model)).count
            baseline[.critical] = max(1, monitored / 8)
            baseline[.warning] = max(1, monitored / 4)
        }
        baseline[.info, default: 0] += 0  // present, so the start is not repeated
        baseline[.critical, default: 0] += 0
        for row in try Row.fetchAll(writer.db, sql: """
            SELECT r.external_id, p.name AS pipeline, m.name AS model, r.kind, r.status FROM pipeline_runs r
            JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id
            WHERE r.status IN ('queued', 'running') ORDER BY r.queued_at LIMIT 100
            """) {
            guard let kind = RunKind(rawValue: row["kind"]), let status = RunStatus(rawValue: row["status"]) else { continue }
            let record = RunRecord(id: row["external_id"], pipeline: row["pipeline"], model: row["model"], kind: kind, status: status)
            let startsAt = now.addingTimeInterval(random.double(in: 10...120) / speed)
            flights.append(Flight(record: record, startsAt: startsAt,
                                  finishesAt: startsAt.addingTimeInterval(random.double(in: Self.duration(kind)) / speed)))
        }
    }

    // MARK: - Runs

    private mutating func moveRuns(_ writer: PortfolioWriter, world: SimulatedWorld, now: Date, hours: Double) throws {
        var still: [Flight] = []
        for var flight in flights {
            if flight.record.status == .queued, flight.startsAt <= now {
                flight.record.status = .running
                _ = try writer.record(flight.record, now: now)
                still.append(flight)
            } else if flight.record.status == .running, flight.finishesAt <= now {
                // A retry mostly works: the failure was transient, or someone fixed it.
                let failed = random.chance(flight.attempt > 1 ? Rate.failure / 2 : Rate.failure)
                var finished = flight.record
                finished.status = failed ? .failed : .succeeded
                finished.error = failed ? random.any(Self.errors[finished.kind] ?? []) : nil
                _ = try writer.record(finished, now: now)
                summary.runsFinished += 1
                if failed {
                    summary.runsFailed += 1
                    if flight.attempt < 5 {
                        summary.retries += 1
                        let owner = world.models[finished.model]?.owner
                        still.append(try queue(writer, pipeline: finished.pipeline, model: finished.model, kind: finished.kind,
                                               trigger: .manual, by: owner ?? "on-call", name: "retry of \(finished.id ?? "a failed run")",
                                               after: random.double(in: 300...1800), attempt: flight.attempt + 1, now: now))
                    }
                }
            } else {
                still.append(flight)
            }
        }
        flights = still
        let starting = random.count(mean: Rate.runs(pipelines: world.pipelines.count) * hours)
        for _ in 0..<starting where flights.count < 12 {
            guard let pipeline = random.any(world.pipelines) else { break }
            let trigger = random.pick([RunTrigger.schedule, .schedule, .commit, .api])
            flights.append(try queue(writer, pipeline: pipeline.name, model: pipeline.model, kind: pipeline.kind, trigger: trigger,
                                     by: trigger == .commit ? "ci-bot" : trigger == .api ? "api:argo" : "scheduler",
                                     name: "scheduled \(pipeline.kind.rawValue)", after: random.double(in: 10...300), now: now))
        }
    }

    /// Records a queued run that starts `after` simulated seconds.
    private mutating func queue(_ writer: PortfolioWriter, pipeline: String, model: String, kind: RunKind, trigger: RunTrigger,
                                by actor: String, name: String, after: Double, attempt: Int = 1, now: Date) throws -> Flight {
        sequence += 1
        let record = RunRecord(id: "sim-\(now.storeSeconds)-\(sequence)", pipeline: pipeline, model: model, kind: kind,
                               status: .queued, name: name, trigger: trigger, startedBy: actor)
        _ = try writer.record(record, now: now)
        summary.runsStarted += 1
        let startsAt = now.addingTimeInterval(after / speed)
        return Flight(record: record, startsAt: startsAt,
                      finishesAt: startsAt.addingTimeInterval(random.double(in: Self.duration(kind)) / speed), attempt: attempt)
    }

    // MARK: - Metrics

    /// Each series takes a point about once an hour, wandering around its level and drawn back to
    /// it, so an AUC stays an AUC.
    private mutating func tickMetrics(_ writer: PortfolioWriter, world: inout SimulatedWorld, now: Date, hours: Double) throws {
        for index in world.series.indices where random.happens(perHour: Rate.metricPointsPerHour, within: hours) {
            let series = world.series[index]
            var next = series.value + 0.3 * (series.level - series.value) + series.level * random.double(in: -0.01...0.01)
            if (0...1).contains(series.level) { next = min(1, max(0, next)) }
            guard next.isFinite else { continue }
            _ = try writer.record(MetricRecord(model: series.model, name: series.name, value: next, at: now), now: now)
            world.series[index].value = next
            summary.metrics += 1
        }
    }

    // MARK: - Alerts

    /// The portfolio's unresolved alerts as this step finds and changes them, with the figures the
    /// simulator steers by, recounted after each change.
    private struct AlertState {
        private(set) var alerts: [SimulatedAlert]
        private let world: SimulatedWorld
        private(set) var active: [Severity: Int] = [:]
        /// Production models with an active critical alert: the value at risk.
        private(set) var atRisk: Set<String> = []
        private(set) var valueAtRisk = 0.0
        /// Production models whose only critical alerts are snoozed: at risk when the snooze runs out.
        private(set) var reservedValue = 0.0

        init(_ alerts: [SimulatedAlert], world: SimulatedWorld) {
            self.alerts = alerts
            self.world = world
            recount()
        }

        private mutating func recount() {
            active = [:]
            for alert in alerts where alert.isActive { active[alert.severity, default: 0] += 1 }
            let critical = alerts.filter { $0.severity == .critical && world.models[$0.model]?.isProduction == true }
            atRisk = Set(critical.filter(\.isActive).map(\.model))
            valueAtRisk = atRisk.reduce(0) { $0 + (world.models[$1]?.value ?? 0) }
            reservedValue = Set(critical.map(\.model)).subtracting(atRisk).reduce(0) { $0 + (world.models[$1]?.value ?? 0) }
        }

        mutating func resolve(_ id: String) {
            alerts.removeAll { $0.id == id }
            recount()
        }

        mutating func change(_ id: String, to severity: Severity) {
            guard let index = alerts.firstIndex(where: { $0.id == id }) else { return }
            alerts[index].severity = severity
            recount()
        }

        mutating func open(_ feature: SimulatedWorld.Feature, severity: Severity) {
            alerts.append(SimulatedAlert(id: "", model: feature.model, feature: feature.feature, method: feature.method,
                                         threshold: feature.threshold, severity: severity, status: .open, isActive: true))
            recount()
        }
    }

    /// Whether a critical alert may open (or a warning worsen) on `model`: the critical count stays
    /// under half again its start, and value at risk — counting snoozes that will run out — under
    /// its share of the production value. A model already at risk adds nothing to it.
    private func allowsCritical(on model: String, _ state: AlertState, world: SimulatedWorld) -> Bool {
        let cap = Int((Double(baseline[.critical, default: 0]) * 1.5).rounded(.up)) + 2
        guard state.active[.critical, default: 0] < cap else { return false }
        guard let candidate = world.models[model], candidate.isProduction, !state.atRisk.contains(model) else { return true }
        return state.valueAtRisk + state.reservedValue + candidate.value <= Rate.valueAtRiskShare * world.valueInProduction
    }

    private mutating func moveAlerts(_ writer: PortfolioWriter, world: SimulatedWorld, now: Date, hours: Double) throws {
        let found = try SimulatedAlert.unresolved(writer.db, now: now, limit: 5000)
        var state = AlertState(found, world: world)
        for alert in found {
            let owner = world.models[alert.model]?.owner ?? "on-call"
            if random.happens(perHour: 1 / Rate.alertLifetimeHours, within: hours) {
                try resolve(alert, writer, owner: owner, now: now)
                state.resolve(alert.id)
                continue
            }
            if alert.status == .open, random.happens(perHour: 1 / Rate.acknowledgeHours, within: hours) {
                _ = try writer.apply(.acknowledge, toAlert: alert.id, actor: owner, at: now)
                summary.acknowledgements += 1
            }
            if alert.isActive, random.happens(perHour: 1 / Rate.recheckHours, within: hours) {
                // Mostly the same verdict with a new score; now and then it worsens or eases.
                var severity = alert.severity
                if random.chance(0.1) {
                    switch alert.severity {
                    case .warning where allowsCritical(on: alert.model, state, world: world): severity = .critical
                    case .critical: severity = .warning
                    default: break
                    }
                }
                try check(world: world, model: alert.model, feature: alert.feature, method: alert.method, threshold: alert.threshold,
                          severity: severity, writer, now: now)
                if severity != alert.severity { state.change(alert.id, to: severity) }
            }
        }
        // New alerts, at the rate that keeps each severity's count near where it started.
        let watched = Set(found.map { $0.model + "\u{0}" + $0.feature })
        var quiet = world.features.filter { !watched.contains($0.model + "\u{0}" + $0.feature) }
        for severity in [Severity.critical, .warning, .info] {
            let target = Double(baseline[severity, default: 0])
            let current = Double(state.active[severity, default: 0])
            let rate = max(0, target + Rate.pull * (target - current)) / Rate.alertLifetimeHours
            for _ in 0..<random.count(mean: rate * hours) {
                let eligible = severity == .critical ? quiet.filter { allowsCritical(on: $0.model, state, world: world) } : quiet
                guard let feature = random.any(eligible) else { break }
                quiet.removeAll { $0 == feature }
                try check(world: world, model: feature.model, feature: feature.feature, method: feature.method,
                          threshold: feature.threshold, severity: severity, writer, now: now)
                summary.alertsOpened += 1
                state.open(feature, severity: severity)
                if severity == .critical {
                    // Drift past the critical line triggers a retraining, where the model has a pipeline for it.
                    if random.chance(0.5), let training = world.pipelines.first(where: { $0.model == feature.model && $0.kind == .training }),
                       flights.count < 12 {
                        flights.append(try queue(writer, pipeline: training.name, model: training.model, kind: .training, trigger: .drift,
                                                 by: "drift-monitor", name: "retrain on drift in \(feature.feature)",
                                                 after: random.double(in: 60...600), now: now))
                    }
                }
            }
        }
    }

    /// A monitor's check of one feature whose score has the given severity; it opens an alert, or
    /// updates the unresolved one on that feature. The score is kept as the feature's drift metric.
    private mutating func check(world: SimulatedWorld, model: String, feature: String, method: DriftMethod, threshold: Double,
                                severity: Severity, _ writer: PortfolioWriter, now: Date) throws {
        let score = DriftScores.score(method, threshold: threshold, severity: severity, random: &random)
        let evidence = DriftEvidence(method: method, score: score, threshold: threshold)
        _ = try writer.record(DriftRecord(model: model, feature: feature, evidence: evidence, actor: "drift-monitor"), now: now)
        _ = try writer.record(MetricRecord(model: model, name: "drift.\(method.rawValue).\(feature)", value: score, at: now), now: now)
        summary.driftChecks += 1
    }

    /// Resolves an alert: the monitor, when the score came back, or the owner, after a fix.
    private mutating func resolve(_ alert: SimulatedAlert, _ writer: PortfolioWriter, owner: String, now: Date) throws {
        let safe = DriftScores.score(alert.method, threshold: alert.threshold, severity: .info, random: &random)
        let evidence = "\(alert.method.label) \(String(format: "%g", (safe * 1000).rounded() / 1000)) vs threshold \(String(format: "%g", alert.threshold))"
        let byMonitor = random.chance(0.5)
        let note = byMonitor ? "score back on the safe side (\(evidence)); auto-resolved"
            : random.pick(["upstream \(alert.feature) feed fixed; \(evidence)", "retrained on the last 30 days and redeployed; \(evidence)",
                           "expected seasonal shift, reference window updated; \(evidence)"])
        _ = try writer.record(MetricRecord(model: alert.model, name: "drift.\(alert.method.rawValue).\(alert.feature)", value: safe, at: now), now: now)
        _ = try writer.apply(.resolve(note: note), toAlert: alert.id, actor: byMonitor ? "drift-monitor" : owner, at: now)
        summary.resolutions += 1
    }
}
