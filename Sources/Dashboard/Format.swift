import Foundation
import Portfolio

/// How figures are written on screen and in tables: short, fixed-width friendly, unambiguous.
/// Every function takes any value a store can hold (±DBL_MAX, ±infinity, NaN, Int64-bound times)
/// without trapping: a value with no meaning (not finite) is `—`, one beyond the usual scale is
/// written in scientific notation rather than as hundreds of digits.
public enum Format {
    /// Beyond this, figures are written in scientific notation: `$3.1e+19`.
    static let plainLimit = 1e12

    /// `$4.2M`, `$180k`, `$950`, `$3.1e+19`.
    public static func money(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        let magnitude = abs(value)
        let sign = value < 0 ? "-" : ""
        if magnitude >= plainLimit { return sign + "$" + scientific(magnitude) }
        if magnitude >= 1_000_000_000 { return sign + "$" + trimmed(magnitude / 1_000_000_000) + "B" }
        if magnitude >= 1_000_000 { return sign + "$" + trimmed(magnitude / 1_000_000) + "M" }
        if magnitude >= 10_000 { return sign + "$" + String(Int(saturating: magnitude / 1000)) + "k" }
        if magnitude >= 1000 { return sign + "$" + trimmed(magnitude / 1000) + "k" }
        return sign + "$" + String(Int(saturating: magnitude))
    }

    /// `3.1e+19`: two significant digits, for values far beyond their usual scale.
    static func scientific(_ value: Double) -> String {
        String(format: "%.1e", value)
    }

    private static func trimmed(_ value: Double) -> String {
        let text = fixed(value, 1)
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Hours as `2.0h`, `19h`, `3.5d` beyond two days; `—` when undefined.
    public static func hours(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        if abs(value) >= plainLimit { return scientific(value) + "h" }
        if value < 10 { return fixed(value, 1) + "h" }
        if value < 48 { return "\(Int(saturating: value))h" }
        return fixed(value / 24, 1) + "d"
    }

    /// A rate as `16.7%`; `—` when undefined.
    public static func percent(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "—" }
        if abs(value) >= plainLimit { return scientific(value * 100) + "%" }
        return fixed(value * 100, 1) + "%"
    }

    /// `42s`, `3m05s`, `1h12m`, `2d04h`.
    public static func duration(_ seconds: TimeInterval?) -> String {
        guard let seconds, seconds.isFinite else { return "—" }
        let s = Int(saturating: seconds)
        if s < 0 { return "-" + duration(-seconds) }
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" + twoDigits(s % 60) + "s" }
        if s < 86_400 { return "\(s / 3600)h" + twoDigits((s % 3600) / 60) + "m" }
        return "\(s / 86_400)d" + twoDigits((s % 86_400) / 3600) + "h"
    }

    /// How long ago, from `now`: `now`, `45s`, `12m`, `3h`, `5d`, `8w`.
    public static func ago(_ date: Date?, now: Date) -> String {
        guard let date else { return "—" }
        let s = Int(saturating: now.timeIntervalSince(date), rounding: .towardZero)
        if s < 0 { return "in " + ago(now, now: date) }
        if s < 5 { return "now" }
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86_400 { return "\(s / 3600)h" }
        if s < 86_400 * 14 { return "\(s / 86_400)d" }
        return "\(s / (86_400 * 7))w"
    }

    /// A statistic to a sensible number of digits: `0.312`, `0.0004`, `12.5`.
    public static func score(_ value: Double) -> String {
        if value == 0 { return "0" }
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? "-inf" : "inf") }
        if abs(value) >= 1e6 { return scientific(value) }
        if abs(value) >= 100 { return fixed(value, 0) }
        if abs(value) >= 1 { return fixed(value, 2) }
        if abs(value) >= 0.001 { return fixed(value, 3) }
        return String(format: "%.1e", value)
    }

    /// `value` with `digits` (0–3) decimals, exactly as `String(format: "%.<digits>f")` writes it,
    /// without Foundation's formatter: that took a fifth of a frame's render. A value within 1e-6
    /// of a rounding tie after scaling (where the scaling's own error could decide the side), a
    /// huge one or one not finite goes to the formatter; every other rounds the same way.
    public static func fixed(_ value: Double, _ digits: Int) -> String {
        let scale: Double = [1, 10, 100, 1000][min(max(digits, 0), 3)]
        let scaled = abs(value) * scale
        guard value.isFinite, digits >= 0, digits <= 3, scaled < 1e9, abs(scaled - scaled.rounded(.down) - 0.5) > 1e-6 else {
            return String(format: "%.\(digits)f", value)
        }
        let units = Int(scaled.rounded())
        let sign = value.sign == .minus ? "-" : ""
        guard digits > 0 else { return sign + String(units) }
        let divisor = Int(scale)
        let fraction = String(units % divisor)
        return sign + String(units / divisor) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// `07`: as `%02d` writes a number from 0 to 99.
    static func twoDigits(_ value: Int) -> String {
        value < 10 && value >= 0 ? "0\(value)" : "\(value)"
    }

    /// A threshold as written in configs: `0.25`, `0.05`, `0.1`.
    public static func threshold(_ value: Double) -> String {
        String(format: "%g", value)
    }

    /// A metric value: `0.913`, `12.4`, `1,234`.
    public static func metric(_ value: Double) -> String {
        if abs(value) >= 1000, abs(value) < plainLimit { return String(Int(saturating: value)) }
        return score(value)
    }

    /// The calendar fields of `date` in `zone`, by arithmetic (Howard Hinnant's days-to-civil):
    /// times are written several times per frame, and building a DateFormatter costs more than
    /// drawing the whole frame.
    private static func civil(_ date: Date, zone: TimeZone) -> (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        // Times from the store can be anything an Int64 holds; the calendar arithmetic below stays
        // within Int for ±10^15 seconds (some 31 million years), which covers every real time.
        let limit = 1e15
        let clamped = min(limit, max(-limit, date.timeIntervalSince1970))
        let seconds = Int(saturating: clamped, rounding: .down) + zone.secondsFromGMT(for: Date(timeIntervalSince1970: clamped))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shifted = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shifted + 2) / 5 + 1
        let month = shifted < 10 ? shifted + 3 : shifted - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day, rest / 3_600, rest % 3_600 / 60, rest % 60)
    }

    /// `2026-01-12 09:00` in the given zone (the `timezone` setting on screen).
    public static func dateTime(_ date: Date?, zone: TimeZone) -> String {
        guard let date else { return "—" }
        let c = civil(date, zone: zone)
        return "\(c.year)-\(twoDigits(c.month))-\(twoDigits(c.day)) \(twoDigits(c.hour)):\(twoDigits(c.minute))"
    }

    /// `09:00:12`.
    public static func clock(_ date: Date, zone: TimeZone) -> String {
        let c = civil(date, zone: zone)
        return "\(twoDigits(c.hour)):\(twoDigits(c.minute)):\(twoDigits(c.second))"
    }

    /// `2026-01-12`.
    public static func date(_ date: Date?, zone: TimeZone) -> String {
        guard let date else { return "—" }
        let c = civil(date, zone: zone)
        return "\(c.year)-\(twoDigits(c.month))-\(twoDigits(c.day))"
    }
}
