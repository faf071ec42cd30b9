import Foundation

/// CPython 3.11's `random.Random`, bit for bit: the Mersenne Twister (MT19937) seeded the way
/// `random.Random(int)` seeds it, and the methods the sample profile calls, each consuming the
/// generator exactly as CPython does. Reference implementation for the `sample` profile; checked
/// against Python by rng-check.py.
struct PythonRandom {
    private var mt = [UInt32](repeating: 0, count: 624)
    private var index = 625
    /// `Random.gauss` keeps the second normal deviate of each pair for the next call.
    private var gaussNext: Double?

    /// `random.Random(seed)` for a non-negative integer seed given as little-endian 32-bit words
    /// (`init_by_array` with the words of abs(seed); [0] for 0).
    init(seedWords: [UInt32]) {
        initGenrand(19_650_218)
        var i = 1, j = 0
        let n = 624, keyLength = max(1, seedWords.count)
        let key = seedWords.isEmpty ? [0] : seedWords
        for _ in 0..<max(n, keyLength) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) &* 1_664_525)) &+ key[j] &+ UInt32(j)
            i += 1; j += 1
            if i >= n { mt[0] = mt[n - 1]; i = 1 }
            if j >= keyLength { j = 0 }
        }
        for _ in 0..<(n - 1) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >> 30)) &* 1_566_083_941)) &- UInt32(i)
            i += 1
            if i >= n { mt[0] = mt[n - 1]; i = 1 }
        }
        mt[0] = 0x8000_0000
        index = 624
    }

    /// `random.Random(seed)` for a seed below 2^64.
    init(seed: UInt64) {
        let low = UInt32(truncatingIfNeeded: seed), high = UInt32(truncatingIfNeeded: seed >> 32)
        self.init(seedWords: high == 0 ? [low] : [low, high])
    }

    private mutating func initGenrand(_ s: UInt32) {
        mt[0] = s
        for i in 1..<624 {
            mt[i] = 1_812_433_253 &* (mt[i - 1] ^ (mt[i - 1] >> 30)) &+ UInt32(i)
        }
        index = 624
    }

    /// genrand_uint32.
    mutating func nextUInt32() -> UInt32 {
        let upper: UInt32 = 0x8000_0000, lower: UInt32 = 0x7FFF_FFFF, matrixA: UInt32 = 0x9908_B0DF
        if index >= 624 {
            for k in 0..<624 {
                let y = (mt[k] & upper) | (mt[(k + 1) % 624] & lower)
                mt[k] = mt[(k + 397) % 624] ^ (y >> 1) ^ ((y & 1) != 0 ? matrixA : 0)
            }
            index = 0
        }
        var y = mt[index]
        index += 1
        y ^= y >> 11
        y ^= (y << 7) & 0x9D2C_5680
        y ^= (y << 15) & 0xEFC6_0000
        y ^= y >> 18
        return y
    }

    /// `random()`: 53 bits from two draws.
    mutating func random() -> Double {
        let a = Double(nextUInt32() >> 5), b = Double(nextUInt32() >> 6)
        return (a * 67_108_864.0 + b) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// `getrandbits(k)` as little-endian 32-bit words (least significant first), k ≥ 1.
    mutating func randomBitWords(_ k: Int) -> [UInt32] {
        if k <= 32 { return [nextUInt32() >> UInt32(32 - k)] }
        var words: [UInt32] = []
        var left = k
        while left > 0 {
            var r = nextUInt32()
            if left < 32 { r >>= UInt32(32 - left) }
            words.append(r)
            left -= 32
        }
        return words
    }

    /// `getrandbits(k)` for k ≤ 64.
    mutating func getrandbits(_ k: Int) -> UInt64 {
        precondition(k >= 1 && k <= 64)
        let words = randomBitWords(k)
        return words.count == 1 ? UInt64(words[0]) : UInt64(words[0]) | UInt64(words[1]) << 32
    }

    /// `_randbelow_with_getrandbits(n)`: k = n.bit_length() (one bit more than needed when n is a
    /// power of two, as CPython does), redrawn while ≥ n.
    mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        let k = Int.bitWidth - n.leadingZeroBitCount
        var r = Int(getrandbits(k))
        while r >= n { r = Int(getrandbits(k)) }
        return r
    }

    /// `randrange(stop)`.
    mutating func randrange(_ stop: Int) -> Int { below(stop) }
    /// `randrange(start, stop)`.
    mutating func randrange(_ start: Int, _ stop: Int) -> Int { start + below(stop - start) }
    /// `randint(a, b)`, both ends included.
    mutating func randint(_ a: Int, _ b: Int) -> Int { a + below(b - a + 1) }
    /// `choice(seq)`.
    mutating func choice<T>(_ items: [T]) -> T { items[below(items.count)] }
    /// `uniform(a, b)`.
    mutating func uniform(_ a: Double, _ b: Double) -> Double { a + (b - a) * random() }

    /// `choices(population, weights)[0]`: cumulative weights summed left to right, bisect_right.
    mutating func choices<T>(_ items: [T], weights: [Double]) -> T {
        var cumulative: [Double] = []
        var sum = 0.0
        for w in weights { sum += w; cumulative.append(sum) }
        let total = cumulative[cumulative.count - 1] + 0.0
        let x = random() * total
        // bisect_right(cumulative, x, 0, n - 1)
        var lo = 0, hi = items.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if x < cumulative[mid] { hi = mid } else { lo = mid + 1 }
        }
        return items[lo]
    }

    /// `shuffle(x)`.
    mutating func shuffle<T>(_ items: inout [T]) {
        var i = items.count - 1
        while i >= 1 {
            let j = below(i + 1)
            items.swapAt(i, j)
            i -= 1
        }
    }

    /// `sample(population, k)` for k ≤ 5 (the set size rule: a list pool when n ≤ 21, else a set of
    /// drawn indexes).
    mutating func sample<T>(_ population: [T], _ k: Int) -> [T] {
        sampleIndexes(count: population.count, k).map { population[$0] }
    }

    /// `sample(range(start, stop), k)` without building the range.
    mutating func sample(range start: Int, _ stop: Int, _ k: Int) -> [Int] {
        sampleIndexes(count: stop - start, k).map { start + $0 }
    }

    private mutating func sampleIndexes(count n: Int, _ k: Int) -> [Int] {
        precondition(k >= 0 && k <= n && k <= 5, "setsize rule written for k <= 5")
        let setsize = 21
        var result: [Int] = []
        if n <= setsize {
            var pool = Array(0..<n)
            for i in 0..<k {
                let j = below(n - i)
                result.append(pool[j])
                pool[j] = pool[n - i - 1]
            }
        } else {
            var selected = Set<Int>()
            for _ in 0..<k {
                var j = below(n)
                while selected.contains(j) { j = below(n) }
                selected.insert(j)
                result.append(j)
            }
        }
        return result
    }

    /// `gauss(mu, sigma)`, with CPython's cached second deviate.
    mutating func gauss(_ mu: Double, _ sigma: Double) -> Double {
        var z = gaussNext
        gaussNext = nil
        if z == nil {
            let x2pi = random() * (2 * Double.pi)
            let g2rad = (-2.0 * Foundation.log(1.0 - random())).squareRoot()
            z = Foundation.cos(x2pi) * g2rad
            gaussNext = Foundation.sin(x2pi) * g2rad
        }
        return mu + z! * sigma
    }

    /// `"%040x" % getrandbits(160)`: a commit hash.
    mutating func sha() -> String {
        let words = randomBitWords(160)
        return words.reversed().map { word -> String in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 8 - hex.count) + hex
        }.joined()
    }
}
