import Foundation
import GRDB
import Portfolio

/// Keeps a store alive for demos: each step queues, starts and finishes pipeline runs (mostly
/// green, sometimes red with a plausible error), ticks metrics, now and then raises a drift alert
/// and now and then acknowledges one — all through the store's own write API, so what the
/// dashboard shows is exactly what a real pipeline or monitor would have written.
public struct PortfolioSimulator {
    public struct Summary: Sendable, Equatable {
        public var runsStarted = 0
        public var runsFinished = 0
        public var metrics = 0
        public var alerts = 0
        public var acknowledgements = 0
    }

    /// A run the simulator is moving through its lifecycle.
    struct Flight {
        var record: RunRecord
        var finishesAt: Date
    }

    let store: PortfolioStore
    private var random: SeededRandom
    private var flights: [Flight] = []
    private var sequence = 0
    public private(set) var summary = Summary()

    static let errors = [
        "CUDA out of memory. Tried to allocate 2.50 GiB",
        "great_expectations: expect_column_values_to_not_be_null failed on 'customer_id' (3.2% nulls)",
        "TimeoutError: feature store read exceeded 900 s",
        "ValueError: Input contains NaN, infinity or a value too large for dtype('float32')",
        "Deployment rollout stalled: 0/3 replicas ready after progress deadline",
    ]

    /// How much faster than real time things happen: runs take `1/speed` as long, and events
    /// that are rare per step become that much more frequent.
    public var speed: Double

    public init(store: PortfolioStore, seed: UInt64 = 42, speed: Double = 1) {
        self.store = store
        self.random = SeededRandom(seed: seed)
        self.speed = max(0.01, speed)
    }

    /// One step of simulated time ending at `now`.
    public mutating func step(now: Date) throws {
        let candidates = try store.read { reader in
            try Row.fetchAll(reader.db, sql: """
                SELECT p.name AS pipeline, m.name AS model, r.kind AS kind FROM pipeline_runs r
                JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id
                WHERE m.stage IN ('production', 'staging') GROUP BY p.id ORDER BY p.name LIMIT 200
                """).map { ($0["pipeline"] as String, $0["model"] as String, RunKind(rawValue: $0["kind"]) ?? .training) }
        }
        try store.write { writer in
            // Finish what is due; start what was queued.
            var still: [Flight] = []
            for var flight in flights {
                if flight.record.status == .queued {
                    flight.record.status = .running
                    flight.record.started = now
                    _ = try writer.record(flight.record, now: now)
                    still.append(flight)
                } else if flight.finishesAt <= now {
                    let failed = random.chance(0.12)
                    flight.record.status = failed ? .failed : .succeeded
                    flight.record.finished = now
                    flight.record.error = failed ? random.pick(Self.errors) : nil
                    _ = try writer.record(flight.record, now: now)
                    summary.runsFinished += 1
                } else {
                    still.append(flight)
                }
            }
            flights = still
            if !candidates.isEmpty, flights.count < 6, random.chance(0.6) {
                let (pipeline, model, kind) = random.pick(candidates)
                sequence += 1
                let record = RunRecord(id: "sim-\(now.storeSeconds)-\(sequence)", pipeline: pipeline, model: model, kind: kind,
                                       status: .queued, name: "simulated", trigger: random.pick([.schedule, .commit, .api, .manual]),
                                       startedBy: "simulator")
                _ = try writer.record(record, now: now)
                flights.append(Flight(record: record, finishesAt: now.addingTimeInterval(TimeInterval(random.int(in: 120...1800)) / speed)))
                summary.runsStarted += 1
            }
            // Tick a few metric series near their last value.
            let series = try Row.fetchAll(writer.db, sql: """
                SELECT m.name AS model, p.name AS name, p.value AS value FROM metric_points p JOIN models m ON m.id = p.model_id
                WHERE p.at = (SELECT max(at) FROM metric_points q WHERE q.model_id = p.model_id AND q.name = p.name)
                  AND p.name NOT LIKE 'drift.%' ORDER BY p.model_id, p.name LIMIT 12
                """)
            for row in series where random.chance(0.5) {
                let value: Double = row["value"]
                let next = value * (1 + random.double(in: -0.02...0.02))
                _ = try writer.record(MetricRecord(model: row["model"], name: row["name"], value: next, at: now), now: now)
                summary.metrics += 1
            }
            // Now and then a drift check that fires, now and then an on-call acknowledgement.
            if let (_, model, _) = candidates.isEmpty ? nil : random.pick(candidates), random.chance(min(0.5, 0.05 * speed)) {
                let score = random.double(in: 0.11...0.6)
                _ = try writer.record(DriftRecord(model: model, feature: random.pick(["basket_size", "session_length", "region", "price"]),
                                                  method: .psi, score: score, threshold: 0.1, actor: "simulator"), now: now)
                summary.alerts += 1
            }
            if random.chance(min(0.5, 0.04 * speed)), let open = try String.fetchOne(writer.db, sql: """
                SELECT external_id FROM drift_alerts WHERE status = 'open' ORDER BY opened_at DESC LIMIT 1
                """) {
                _ = try writer.apply(.acknowledge, toAlert: open, actor: "on-call-bot", at: now)
                summary.acknowledgements += 1
            }
        }
    }
}

/// A small deterministic random generator (SplitMix64), so a seed repeats a simulation.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + Double(next() >> 11) / Double(1 << 53) * (range.upperBound - range.lowerBound)
    }

    mutating func chance(_ p: Double) -> Bool { double(in: 0...1) < p }

    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func pick<T>(_ items: [T]) -> T { items[int(in: 0...(items.count - 1))] }
}
