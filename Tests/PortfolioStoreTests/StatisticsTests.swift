@testable import PortfolioStore
import Testing

/// `Statistics.median`: the value a sort finds, bit for bit, whatever the values.
@Suite("Medians")
struct StatisticsTests {
    /// The definition: sort, and take the middle value or the mean of the two middle values.
    static func sortedMedian(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted(), mid = values.count / 2
        return values.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }

    static func same(_ a: Double?, _ b: Double?) -> Bool {
        a?.bitPattern == b?.bitPattern || (a?.isNaN == true && b?.isNaN == true)
    }

    @Test("The median selected equals the median sorted, bit for bit, on random values with many ties, infinities, −0 and NaN")
    func selectedEqualsSorted() {
        var random = SeededRandom(seed: 21)
        // The last two, which the median sorts, are drawn in a third of the cases only.
        let pool: [Double] = [0, 1, -1, 2.5, 1e300, -1e300, .infinity, -.infinity, .greatestFiniteMagnitude,
                              -.greatestFiniteMagnitude, .leastNonzeroMagnitude, 3600, 0.1, -0.0, .nan]
        for case_ in 0..<4_000 {
            let count = Int(random.next() % 300)
            let values = (0..<count).map { _ -> Double in
                let roll = random.next() % 10
                // Few distinct values (ties), a pick from the pool, or any double in a range.
                if roll < 4 { return Double(random.next() % 5) }
                if roll < 5 { return pool[Int(random.next() % UInt64(case_ % 3 == 0 ? pool.count : pool.count - 2))] }
                return random.double(in: -1e6...1e6)
            }
            #expect(Self.same(Statistics.median(values), Self.sortedMedian(values)), "\(values)")
        }
    }

    @Test("Ordered, reversed and equal values are medians like any other", arguments: [1, 2, 3, 10, 1_001, 50_000])
    func orderedValues(count: Int) {
        let ordered = (0..<count).map(Double.init)
        let cases: [[Double]] = [ordered, Array(ordered.reversed()), Array(repeating: 7, count: count), ordered.map { $0.truncatingRemainder(dividingBy: 3) }]
        for values in cases {
            #expect(Self.same(Statistics.median(values), Self.sortedMedian(values)))
        }
        #expect(Statistics.median([]) == nil)
    }
}
