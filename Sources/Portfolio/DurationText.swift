import Foundation

/// Durations as people type them: `90s`, `45m`, `4h`, `1d`, `2w`, `1h30m`, at most a year.
public enum DurationText {
    /// The longest duration accepted (a snooze longer than a year is a typo, and a far-off time
    /// is beyond what the store keeps: docs/FEEDING.md).
    public static let maximum: TimeInterval = 366 * 86_400

    /// Why `text` is not a duration, in words for the user; nil when `parse` reads it.
    public static func problem(_ text: String) -> String? {
        if parse(text) != nil { return nil }
        if let total = parseUnbounded(text), total > maximum {
            return "'\(text)' is longer than a year; at most 52w or 366d"
        }
        return "'\(text)' is not a duration; try 1h, 4h, 1d, 90m or 1h30m"
    }

    /// The seconds `text` stands for, from 1 s to `maximum`; nil otherwise.
    public static func parse(_ text: String) -> TimeInterval? {
        guard let total = parseUnbounded(text), total <= maximum else { return nil }
        return total
    }

    private static func parseUnbounded(_ text: String) -> TimeInterval? {
        let units: [Character: TimeInterval] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        var total: TimeInterval = 0
        var digits = ""
        var sawUnit = false
        for character in text.trimmingCharacters(in: .whitespaces).lowercased() {
            if character.isNumber {
                digits.append(character)
            } else if let unit = units[character], let value = Double(digits) {
                total += value * unit
                digits = ""
                sawUnit = true
            } else {
                return nil
            }
        }
        guard digits.isEmpty, sawUnit, total > 0, total.isFinite else { return nil }
        return total
    }

    /// `4h`, `1d`, `1h30m`: the shortest way to write a duration.
    public static func format(_ seconds: TimeInterval) -> String {
        var rest = Int(saturating: seconds, rounding: .down)
        var text = ""
        for (unit, size) in [("w", 604_800), ("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            text += "\(rest / size)\(unit)"
            rest %= size
        }
        return text.isEmpty ? "0s" : text
    }
}
