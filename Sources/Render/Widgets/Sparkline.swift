import Dashboard
import Portfolio

/// A series of values as a line of eight-level blocks, scaled between its own minimum and maximum;
/// the newest values on the right when there are more values than columns.
public enum Sparkline {
    public static func draw(_ canvas: inout Canvas, x: Int, y: Int, width: Int, values: [Double], role: Role) {
        let shown = Array(values.filter(\.isFinite).suffix(max(0, width)))
        guard let low = shown.min(), let high = shown.max() else { return }
        let blocks = canvas.glyphs.sparkBlocks
        for (i, value) in shown.enumerated() {
            let level = high > low
                ? Int(saturating: SafeNumbers.fraction(value, from: low, to: high) * Double(blocks.count - 1))
                : blocks.count / 2
            canvas.putGlyph(blocks[min(blocks.count - 1, max(0, level))], x: x + i, y: y, role: role)
        }
    }
}
