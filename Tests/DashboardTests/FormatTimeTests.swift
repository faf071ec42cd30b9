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
