import Foundation

/// What issue 21 asks of the window figures: `status --json`, `snapshot` and `check`, run by the
/// real binary (read-only, at the stores' as-of time), on the large store and on one with the same
/// models and teams but 1% of its history — within 1.5× of the second, and under 150 ms.
enum WindowFiguresBenchmark {
    struct Result: Codable {
        var command: String
        var thinP50: Double
        var largeP50: Double
        /// The fastest and slowest of the measured runs: on this machine's two virtual cores a
        /// fresh process's figures come out in two modes, as the second core is there or not
        /// (BENCHMARKS.md, "Window figures and live bytes", 2026-12-05, later).
        var thinRange: [Double]? = nil
        var largeRange: [Double]? = nil
        var ratio: Double { largeP50 / thinP50 }
    }

    /// The stores of the comparison: the large one's models, teams and seed with 1% of its runs,
    /// alerts and metric points.
    static let thin = BenchStores.Scale(name: "large, 1% history", models: 10_000, runs: 10_000, alerts: 1_000, metricPoints: 50_000)

    static func measure(oversight: String, thin: String, large: String, asOf: Date, environment: [String: String],
                        iterations: Int = 11) throws -> [Result] {
        let at = ISO8601DateFormatter().string(from: asOf)
        let commands: [(String, [String])] = [
            ("status --json", ["status", "--json", "--as-of", at]),
            ("snapshot 120×40", ["snapshot", "--width", "120", "--height", "40", "--as-of", at]),
            ("check", ["check", "--as-of", at]),
        ]
        return try commands.map { name, arguments in
            func run(_ store: String) throws -> Double {
                let started = Clock.now()
                let pid = try ChildProcess.spawn(arguments + ["--store", store, "--read-only"], program: oversight, environment: environment)
                let outcome = ChildProcess.wait(pid, started: started)
                // check exits 1 or 2 when alerts are active; anything else is a failure.
                guard [0, 1, 2].contains(outcome.status >> 8), outcome.status & 0x7f == 0 else {
                    throw BenchError("oversight \(name) on \(store) failed with status \(outcome.status)")
                }
                return outcome.seconds
            }
            // The two stores alternate, so that a slower spell of the machine falls on both and
            // not on one side of the ratio. The first run of each warms the page cache, as a store
            // in daily use is.
            var thinSamples = Samples(), largeSamples = Samples()
            for index in 0...iterations {
                let thinSeconds = try run(thin), largeSeconds = try run(large)
                if index > 0 { thinSamples.add(thinSeconds); largeSamples.add(largeSeconds) }
            }
            return Result(command: name, thinP50: thinSamples.p50, largeP50: largeSamples.p50,
                          thinRange: [thinSamples.percentile(0), thinSamples.percentile(1)],
                          largeRange: [largeSamples.percentile(0), largeSamples.percentile(1)])
        }
    }
}
