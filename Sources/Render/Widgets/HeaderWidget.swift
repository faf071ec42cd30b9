import Dashboard
import Foundation

/// The two header lines: the product, the store shown and the clock; then the KPIs.
public enum HeaderWidget {
    /// Below this many columns for the source beside the whole clock, the clock is compacted.
    static let sourceRoom = 18

    public static func draw(_ canvas: inout Canvas, _ rect: Rect, _ header: HeaderView) {
        guard rect.height > 0 else { return }
        // Narrow, the clock drops its date so the source (the sample, read-only, unreachable) still shows.
        let prefix = TextSanitizer.width(header.title, unicode: canvas.glyphs.isUnicode) + 4
        let fullWidth = TextSanitizer.width(header.clock, unicode: canvas.glyphs.isUnicode)
        let clock = rect.width - prefix - fullWidth - 2 < Self.sourceRoom ? header.compactClock : header.clock
        let clockWidth = TextSanitizer.width(clock, unicode: canvas.glyphs.isUnicode)
        let clockX = max(rect.x, rect.x + rect.width - clockWidth - 1)
        // The bar stops short of the clock, which sits on the terminal's background (see Role.clock).
        canvas.fill(Rect(x: rect.x, y: rect.y, width: clockX - 1 - rect.x, height: 1), role: .header)
        var x = rect.x + 1
        x += canvas.put(header.title, x: x, y: rect.y, role: .header)
        x += canvas.put(" \(canvas.glyphs.separator) ", x: x, y: rect.y, role: .header)
        let room = rect.width - (x - rect.x) - clockWidth - 2
        if room > 8 {
            canvas.put(header.source, x: x, y: rect.y, maxWidth: room, role: header.sourceTone == .warn ? .warn : .header)
        }
        canvas.put(clock, x: clockX, y: rect.y, role: header.clockTone.map(Role.init) ?? .clock)

        guard rect.height > 1 else { return }
        var column = rect.x + 1
        let y = rect.y + 1
        for figure in header.figures {
            let needed = TextSanitizer.width(figure.label + " " + figure.value, unicode: canvas.glyphs.isUnicode) + 3
            if column + needed > rect.x + rect.width { break }
            column += canvas.put(figure.value, x: column, y: y, role: Role(figure.tone))
            column += canvas.put(" " + figure.label, x: column, y: y, role: .dim)
            column += canvas.put("   ", x: column, y: y, role: .text)
        }
    }
}
