import Dashboard

/// A bordered box with a title on its top edge and a position on its bottom edge; the focused box
/// is drawn with heavier lines and a marker, so focus never rests on colour alone.
public enum PanelBox {
    /// Draws the box and returns the rectangle inside the border.
    @discardableResult
    public static func draw(_ canvas: inout Canvas, _ rect: Rect, title: String, position: String? = nil, focused: Bool) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let box = focused ? canvas.glyphs.focusBox : canvas.glyphs.box
        let role: Role = focused ? .focusBorder : .border
        let right = rect.x + rect.width - 1, bottom = rect.y + rect.height - 1
        for x in (rect.x + 1)..<right {
            canvas.putGlyph(box.horizontal, x: x, y: rect.y, role: role)
            canvas.putGlyph(box.horizontal, x: x, y: bottom, role: role)
        }
        for y in (rect.y + 1)..<bottom {
            canvas.putGlyph(box.vertical, x: rect.x, y: y, role: role)
            canvas.putGlyph(box.vertical, x: right, y: y, role: role)
        }
        canvas.putGlyph(box.topLeft, x: rect.x, y: rect.y, role: role)
        canvas.putGlyph(box.topRight, x: right, y: rect.y, role: role)
        canvas.putGlyph(box.bottomLeft, x: rect.x, y: bottom, role: role)
        canvas.putGlyph(box.bottomRight, x: right, y: bottom, role: role)

        let marker = focused ? canvas.glyphs.selectionMarker + " " : ""
        canvas.put(" \(marker)\(title) ", x: rect.x + 1, y: rect.y, maxWidth: rect.width - 2, role: focused ? .title : .text)
        if let position, rect.width > 12 {
            let text = " \(position) "
            let width = TextSanitizer.width(text, unicode: canvas.glyphs.isUnicode)
            canvas.put(text, x: max(rect.x + 1, right - width - 1), y: bottom, maxWidth: rect.width - 2, role: .dim)
        }
        return Rect(x: rect.x + 1, y: rect.y + 1, width: rect.width - 2, height: rect.height - 2)
    }
}
