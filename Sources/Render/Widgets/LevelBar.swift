import Dashboard

/// A maturity level 0–4 as four blocks, the digit and a trend mark against the previous level:
/// `■■■·3↑`. The digit carries the meaning; the colour (level role) only repeats it.
public enum LevelBar {
    public static let width = 6

    public static func draw(_ canvas: inout Canvas, x: Int, y: Int, level: Int, previous: Int?, selected: Bool) {
        let g = canvas.glyphs
        let level = min(4, max(0, level))
        let role: Role = selected ? .selection : .level(level)
        for i in 0..<4 {
            canvas.putGlyph(i < level ? g.levelFull : g.levelEmpty, x: x + i, y: y, role: selected ? .selection : (i < level ? role : .dim))
        }
        canvas.putGlyph(String(level), x: x + 4, y: y, role: role)
        if let previous, previous != level {
            canvas.putGlyph(level > previous ? g.up : g.down, x: x + 5, y: y, role: selected ? .selection : (level > previous ? .ok : .warn))
        }
    }
}
