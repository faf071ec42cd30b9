import Foundation
import Dashboard
import Portfolio

/// A series of values as a line of eight-level blocks, scaled between its own minimum and maximum;
/// the newest values on the right when there are more values than columns — or, with times,
/// placed by time across a span, a blank where nothing was recorded.
public enum Sparkline {
    /// The values placed by time into `width` columns across `from…to`: each column the largest
    /// value taken in its span (a peak is never averaged away), nil where none was.
    public static func columns(_ values: [Double], times: [Date], from: Date, to: Date, width: Int) -> [Double?] {
        var columns = [Double?](repeating: nil, count: max(0, width))
        let span = to.timeIntervalSince(from)
        guard width > 0, span > 0 else { return columns }
        for (value, time) in zip(values, times) where value.isFinite && time >= from && time <= to {
            let index = min(width - 1, max(0, Int(saturating: SafeNumbers.fraction(time.timeIntervalSince(from), from: 0, to: span)
                * Double(width - 1))))
            columns[index] = max(columns[index] ?? value, value)
        }
        // Points farther apart than a column (a daily metric over 60 columns) join up: an empty
        // run between two points no longer than twice their usual spacing holds the value before
        // it. A longer silence stays blank, so a gap in the data shows.
        let filled = columns.indices.filter { columns[$0] != nil }
        let spacings = zip(filled.dropFirst(), filled).map { $0 - $1 }.sorted()
        guard let usual = spacings.isEmpty ? nil : spacings[spacings.count / 2], usual > 1 else { return columns }
        for (next, previous) in zip(filled.dropFirst(), filled) where next - previous <= 2 * usual {
            for index in (previous + 1)..<next { columns[index] = columns[previous] }
        }
        return columns
    }

    /// Columns (as `columns` makes them) as one line of blocks, scaled between their extremes.
    public static func draw(_ canvas: inout Canvas, x: Int, y: Int, columns: [Double?], role: Role) {
        let shown = columns.compactMap { $0 }
        guard let low = shown.min(), let high = shown.max() else { return }
        let blocks = canvas.glyphs.sparkBlocks
        for (i, value) in columns.enumerated() {
            guard let value else { continue }
            let level = high > low
                ? Int(saturating: SafeNumbers.fraction(value, from: low, to: high) * Double(blocks.count - 1))
                : blocks.count / 2
            canvas.putGlyph(blocks[min(blocks.count - 1, max(0, level))], x: x + i, y: y, role: role)
        }
    }

    /// The last `width` finite values, one a column, the newest on the right.
    public static func draw(_ canvas: inout Canvas, x: Int, y: Int, width: Int, values: [Double], role: Role) {
        draw(&canvas, x: x, y: y, columns: values.filter(\.isFinite).suffix(max(0, width)).map { $0 }, role: role)
    }
}
