import Foundation

/// Reads and writes the times of the data format and the CLI's JSON: ISO-8601 (RFC 3339) with a
/// zone (`2026-01-10T14:03:00Z`, `…T14:03:00.250+02:00`, `+0200`, `+02`; `t` and `z` too), or a
/// date alone (midnight UTC). Only real
/// calendar times from 1970-01-01 to 2999-12-31 are read: Foundation's parser rolls
/// `2026-02-30` over to 2 March and takes years 0 and 318857, which no portfolio holds.
/// Output is always UTC with whole seconds.
public enum ISOTime {
    private static let full = Date.ISO8601FormatStyle()

    /// The first and last years accepted (docs/DATA-FORMAT.md).
    public static let years = 1970...2999

    /// The time `text` names, truncated to whole seconds, or nil when `problem` has something to say.
    public static func parse(_ text: String) -> Date? {
        guard case let .success(date) = read(text) else { return nil }
        return date
    }

    /// Why `text` is not a time `parse` reads, in words for the user; nil when it is one.
    public static func problem(_ text: String) -> String? {
        guard case let .failure(problem) = read(text) else { return nil }
        return problem.message
    }

    /// `2026-01-10T14:03:00Z`.
    public static func format(_ date: Date) -> String {
        full.format(date)
    }

    struct Problem: Error {
        var message: String
    }

    private static func read(_ text: String) -> Result<Date, Problem> {
        // Made only when needed, and trimmed by Foundation only when an end may be white space:
        // an ingest reads a time per line, and these two were most of the reading.
        func shape() -> Problem {
            Problem(message: "expected an ISO-8601 time with a zone, like 2026-01-10T14:03:00Z, or a date like 2026-01-10; got '\(text)'")
        }
        func mayBeSpace(_ byte: UInt8?) -> Bool { byte.map { $0 == 0x20 || $0 == 0x09 || $0 >= 0x80 } ?? false }
        let bytes = mayBeSpace(text.utf8.first) || mayBeSpace(text.utf8.last)
            ? Array(text.trimmingCharacters(in: .whitespaces).utf8) : Array(text.utf8)
        var index = 0
        func number(_ digits: Int) -> Int? {
            guard index + digits <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + digits] {
                guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(byte - UInt8(ascii: "0"))
            }
            index += digits
            return value
        }
        // A scalar, not a Character: a Character's ASCII value is worked out on every call, and
        // this runs a dozen times a time (a tenth of decoding an import's records).
        func take(_ scalar: Unicode.Scalar) -> Bool {
            guard index < bytes.count, UInt32(bytes[index]) == scalar.value else { return false }
            index += 1
            return true
        }
        guard let year = number(4), take("-"), let month = number(2), take("-"), let day = number(2) else { return .failure(shape()) }
        var hour = 0, minute = 0, second = 0, offset = 0
        if index < bytes.count {
            guard take("T") || take("t"), let h = number(2), take(":"), let m = number(2), take(":"), let s = number(2) else {
                return .failure(shape())
            }
            (hour, minute, second) = (h, m, s)
            if take(".") {
                let digitsStart = index
                while index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") { index += 1 }
                guard index > digitsStart else { return .failure(shape()) }
            }
            if take("Z") || take("z") {
                offset = 0
            } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
                // ±HH:MM, ±HHMM or ±HH.
                let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
                index += 1
                guard let oh = number(2) else { return .failure(shape()) }
                let colon = take(":")
                let om = index < bytes.count || colon ? number(2) : 0
                guard let om, oh <= 23, om <= 59 else { return .failure(shape()) }
                offset = sign * (oh * 3600 + om * 60)
            } else {
                return .failure(shape())
            }
            guard index == bytes.count else { return .failure(shape()) }
        }
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour <= 23, minute <= 59, second <= 59 else {
            return .failure(Problem(message: "'\(text)' is not a real calendar time"))
        }
        let seconds = daysSince1970(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        let first = daysSince1970(year: years.lowerBound, month: 1, day: 1) * 86_400
        let end = daysSince1970(year: years.upperBound + 1, month: 1, day: 1) * 86_400
        guard seconds >= first, seconds < end else {
            return .failure(Problem(message: "expected a time from \(years.lowerBound)-01-01 to \(years.upperBound)-12-31 (UTC); got '\(text)'"))
        }
        return .success(Date(timeIntervalSince1970: TimeInterval(seconds)))
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the given date (Howard Hinnant's days-from-civil).
    public static func daysSince1970(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
