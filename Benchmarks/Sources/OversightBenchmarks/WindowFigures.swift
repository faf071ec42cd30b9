import Foundation

/// What issue 21 asks of the window figures: `status --json`, `snapshot` and `check`, run by the
/// real binary (read-only, at the stores' as-of time), and the dashboard's first frame with its
/// header's figures (this binary's `first-frame`: the engine as the dashboard runs it), on the
/// large store and on one with the same models and teams but 1% of its history — within 1.5× of
/// the second, and under 150 ms.
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
        /// The dashboard's frames drawn before their window figures arrived ("…"), of the measured runs.
        var framesWithoutFigures: Int? = nil
        var ratio: Double { largeP50 / thinP50 }
    }

    /// The stores of the comparison: the large one's models, teams and seed with 1% of its runs,
    /// alerts and metric points.
    static let thin = BenchStores.Scale(name: "large, 1% history", models: 10_000, runs: 10_000, alerts: 1_000, metricPoints: 50_000)

    static func measure(oversight: String, thin: String, large: String, asOf: Date, environment: [String: String],
                        iterations: Int = 11) throws -> [Result] {
        let at = ISO8601DateFormatter().string(from: asOf)
        let commands: [(name: String, program: String, arguments: [String])] = [
            ("status --json", oversight, ["status", "--json", "--as-of", at, "--read-only"]),
            ("snapshot 120×40", oversight, ["snapshot", "--width", "120", "--height", "40", "--as-of", at, "--read-only"]),
            ("check", oversight, ["check", "--as-of", at, "--read-only"]),
            (firstFrame, ChildProcess.executable, ["first-frame"]),
        ]
        return try commands.map { name, program, arguments in
            /// The run's seconds, and whether it was a dashboard frame drawn without its figures.
            func run(_ store: String) throws -> (seconds: Double, lacked: Bool) {
                // check exits 1 or 2 when alerts are active; first-frame 3 when its header showed
                // "…"; anything else is a failure.
                let outcome = try ChildProcess.run(arguments + ["--store", store], program: program, environment: environment,
                                                   statuses: name == firstFrame ? [0, FirstFrame.withoutFigures] : [0, 1, 2])
                return (outcome.seconds, name == firstFrame && outcome.status >> 8 == FirstFrame.withoutFigures)
            }
            // The two stores alternate, so that a slower spell of the machine falls on both and
            // not on one side of the ratio. The first run of each warms the page cache, as a store
            // in daily use is.
            var thinSamples = Samples(), largeSamples = Samples(), withoutFigures = 0
            for index in 0...iterations {
                let thinRun = try run(thin), largeRun = try run(large)
                guard index > 0 else { continue }
                thinSamples.add(thinRun.seconds)
                largeSamples.add(largeRun.seconds)
                withoutFigures += (thinRun.lacked ? 1 : 0) + (largeRun.lacked ? 1 : 0)
            }
            return Result(command: name, thinP50: thinSamples.p50, largeP50: largeSamples.p50,
                          thinRange: [thinSamples.percentile(0), thinSamples.percentile(1)],
                          largeRange: [largeSamples.percentile(0), largeSamples.percentile(1)],
                          framesWithoutFigures: name == firstFrame ? withoutFigures : nil)
        }
    }

    /// The dashboard's row: its first frame 200×60, header included.
    static let firstFrame = "dashboard's first frame"
}
