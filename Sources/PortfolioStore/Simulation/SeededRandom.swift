import Foundation

/// A small deterministic random generator (SplitMix64), so a seed repeats a simulation (and a
/// property test its cases).
struct SeededRandom: RandomNumberGenerator {
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

    /// Whether an event with `perHour` expected occurrences an hour happens within `hours`.
    mutating func happens(perHour rate: Double, within hours: Double) -> Bool {
        chance(1 - exp(-max(0, rate) * max(0, hours)))
    }

    /// How many events happen in a span where `mean` are expected (Poisson; Knuth's method,
    /// with the mean capped, since a step never needs more than a few dozen).
    mutating func count(mean: Double) -> Int {
        guard mean > 0 else { return 0 }
        let limit = exp(-min(mean, 30))
        var product = double(in: 0...1), events = 0
        while product > limit {
            events += 1
            product *= double(in: 0...1)
        }
        return events
    }

    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// One of `items`, which must not be empty.
    mutating func pick<T>(_ items: [T]) -> T { items[int(in: 0...(items.count - 1))] }

    /// One of `items`, or nil when there are none.
    mutating func any<T>(_ items: [T]) -> T? { items.isEmpty ? nil : pick(items) }
}
