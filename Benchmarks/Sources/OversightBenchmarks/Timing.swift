import Foundation

/// Wall-clock samples of one measured operation, and their percentiles.
struct Samples {
    private(set) var seconds: [Double] = []

    mutating func add(_ value: Double) { seconds.append(value) }

    /// The value below which `fraction` of the samples lie (nearest rank).
    func percentile(_ fraction: Double) -> Double {
        guard !seconds.isEmpty else { return .nan }
        let sorted = seconds.sorted()
        let rank = Int((fraction * Double(sorted.count)).rounded(.up)) - 1
        return sorted[max(0, min(sorted.count - 1, rank))]
    }

    var p50: Double { percentile(0.5) }
    var p95: Double { percentile(0.95) }
}

/// A monotonic clock in seconds.
enum Clock {
    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Runs `body` `iterations` times after `warmup` unmeasured runs and returns the samples.
    static func sample(iterations: Int, warmup: Int = 3, _ body: () throws -> Void) rethrows -> Samples {
        for _ in 0..<warmup { try body() }
        var samples = Samples()
        for _ in 0..<iterations {
            let start = now()
            try body()
            samples.add(now() - start)
        }
        return samples
    }
}
