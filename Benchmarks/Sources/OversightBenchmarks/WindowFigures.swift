import Foundation

/// What issue 21 asks of the window figures: `status --json`, `snapshot` and `check`, run by the
/// real binary (read-only, at the stores' as-of time), on the large store and on one with the same
/// models and teams but 1% of its history — within 1.5× of the second, and under 150 ms.
enum WindowFiguresBenchmark {
    struct Result: Codable {
        var command: String
        var thinP50: Double
        var largeP50: Double
        var ratio: Double { largeP50 / thinP50 }
    }

    /// The stores of the comparison: the large one's models, teams and seed with 1% of its runs,
    /// alerts and metric points.
    static let thin = BenchStores.Scale(name: "large, 1% history", models: 10_000, runs: 10_000, alerts: 1_000, metricPoints: 50_000)

    static func measure(oversight: String, thin: String, large: String, asOf: Date, environment: [String: String],
                        iterations: Int = 7) throws -> [Result] {
        let at = ISO8601DateFormatter().string(from: asOf)
        let commands: [(String, [String])] = [
            ("status --json", ["status", "--json", "--as-of", at]),
            ("snapshot 120×40", ["snapshot", "--width", "120", "--height", "40", "--as-of", at]),
            ("check", ["check", "--as-of", at]),
        ]
        return try commands.map { name, arguments in
            func p50(_ store: String) throws -> Double {
                var samples = Samples()
                // The first run warms the page cache, as a store in daily use is.
                for index in 0...iterations {
                    let started = Clock.now()
                    let pid = try ChildProcess.spawn(arguments + ["--store", store, "--read-only"], program: oversight, environment: environment)
                    let outcome = ChildProcess.wait(pid, started: started)
                    // check exits 1 or 2 when alerts are active; anything else is a failure.
                    guard [0, 1, 2].contains(outcome.status >> 8), outcome.status & 0x7f == 0 else {
                        throw BenchError("oversight \(name) on \(store) failed with status \(outcome.status)")
                    }
                    if index > 0 { samples.add(outcome.seconds) }
                }
                return samples.p50
            }
            return Result(command: name, thinP50: try p50(thin), largeP50: try p50(large))
        }
    }
}
