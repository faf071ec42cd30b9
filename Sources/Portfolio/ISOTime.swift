import Foundation

/// Reads and writes the times of the data format and the CLI's JSON: ISO-8601 with a zone, or a
/// date alone (midnight UTC). Output is always UTC with whole seconds.
public enum ISOTime {
    private static let full = Date.ISO8601FormatStyle()
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private static let dateOnly = Date.ISO8601FormatStyle().year().month().day()

    /// The time `text` names, truncated to whole seconds, or nil when it is not ISO-8601 with a zone.
    public static func parse(_ text: String) -> Date? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parsed: Date?
        if let date = try? full.parse(trimmed) {
            parsed = date
        } else if let date = try? fractional.parse(trimmed) {
            parsed = date
        } else if trimmed.count == 10, let date = try? dateOnly.parse(trimmed) {
            parsed = date
        } else {
            parsed = nil
        }
        return parsed.map { Date(timeIntervalSince1970: $0.timeIntervalSince1970.rounded(.down)) }
    }

    /// `2026-01-10T14:03:00Z`.
    public static func format(_ date: Date) -> String {
        full.format(date)
    }
}
