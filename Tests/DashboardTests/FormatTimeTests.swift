import Dashboard
import Foundation
import Testing

/// `Format`'s dates and clocks, written by arithmetic, against what a DateFormatter writes.
@Suite("Format times")
struct FormatTimeTests {
    static func reference(_ pattern: String, _ date: Date, _ zone: TimeZone) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }

    @Test("Dates, times and clocks agree with DateFormatter across zones, DST, leap days and centuries",
          arguments: ["UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Pacific/Chatham"])
    func agreesWithDateFormatter(zoneName: String) throws {
        let zone = try #require(TimeZone(identifier: zoneName))
        var instants: [TimeInterval] = [0, -1, 951_782_400, 951_868_799, 1_711_846_800, 1_730_595_600, 1_768_208_400.75,
                                        4_102_444_799, -2_208_988_800]
        var seed: UInt64 = 1
        for _ in 0..<200 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1
            instants.append(TimeInterval(Int64(seed >> 33) % 4_000_000_000 - 500_000_000))
        }
        for instant in instants {
            let date = Date(timeIntervalSince1970: instant)
            #expect(Format.dateTime(date, zone: zone) == Self.reference("yyyy-MM-dd HH:mm", date, zone), "\(instant)")
            #expect(Format.clock(date, zone: zone) == Self.reference("HH:mm:ss", date, zone), "\(instant)")
            #expect(Format.date(date, zone: zone) == Self.reference("yyyy-MM-dd", date, zone), "\(instant)")
        }
    }
}

/// `Format.fixed` and the figures written with it, against what `String(format:)` writes.
@Suite("Format numbers")
struct FormatNumberTests {
    @Test("fixed writes every value as %.Nf does: ties, binary near-ties, negatives, zero, huge and not finite")
    func fixedAgreesWithPrintf() {
        var values: [Double] = [0, -0.0, 0.05, 0.15, 0.25, 0.35, 0.125, 2.5, 3.5, -2.5, 1.005, 0.285, 0.145, 9.95, 99.995,
                                -0.04, 1e9, 1e12, 123_456.7891, .nan, .infinity, -.infinity, .ulpOfOne, 0.0005, 0.0015]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let magnitude = Double.random(in: -4...7, using: &generator)
            values.append((Bool.random(using: &generator) ? 1 : -1) * pow(10, magnitude) * Double.random(in: 0...1, using: &generator))
        }
        // Exact decimal ties at every precision, and their neighbours one unit in the last place away.
        for units in 0..<2_000 {
            for scale in [2.0, 20, 200, 2000] {
                let tie = Double(2 * units + 1) / scale
                values += [tie, tie.nextUp, tie.nextDown]
            }
        }
        var mismatches: [String] = []
        for value in values {
            for digits in 0...3 where Format.fixed(value, digits) != String(format: "%.\(digits)f", value) {
                mismatches.append("\(value) %.\(digits)f: \(Format.fixed(value, digits)) vs \(String(format: "%.\(digits)f", value))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test("Durations, hours, percents and scores are written as before, without the formatter")
    func figures() {
        #expect(Format.duration(185) == "3m05s")
        #expect(Format.duration(3600 * 5 + 60 * 7) == "5h07m")
        #expect(Format.duration(86_400 * 2 + 3600 * 4) == "2d04h")
        #expect(Format.hours(1.96) == "2.0h")
        #expect(Format.hours(463) == "19.3d")
        #expect(Format.percent(0.16666) == "16.7%")
        #expect(Format.money(4_150_000) == "$4.2M")
        #expect(Format.money(2_000_000) == "$2M")
        #expect(Format.score(0.3904) == "0.390")
        #expect(Format.score(12.345) == String(format: "%.2f", 12.345))
    }
}
