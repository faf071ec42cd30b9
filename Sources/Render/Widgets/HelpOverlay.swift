import Dashboard

/// The help overlay: a box over the body listing every key binding of the current context, as
/// `KeyMap` defines them.
public enum HelpOverlay {
    public static func draw(_ canvas: inout Canvas, _ body: Rect, _ help: HelpView) {
        let unicode = canvas.glyphs.isUnicode
        let keyWidth = (help.entries.map { TextSanitizer.width($0.keys, unicode: unicode) }.max() ?? 0) + 2
        let textWidth = help.entries.map { TextSanitizer.width($0.description, unicode: unicode) }.max() ?? 0
        // Too many bindings for the height: two columns side by side, so none is left out.
        let columns = help.entries.count + 4 > body.height && body.width >= 2 * (keyWidth + 24) + 6 ? 2 : 1
        let perColumn = (help.entries.count + columns - 1) / max(1, columns)
        let columnWidth = keyWidth + textWidth + 2
        let width = min(body.width, max(columns * columnWidth + 2, TextSanitizer.width(help.title, unicode: unicode) + 8))
        let height = min(body.height, perColumn + 4)
        let rect = Rect(x: body.x + (body.width - width) / 2, y: body.y + max(0, (body.height - height) / 2), width: width, height: height)
        canvas.fill(rect, role: .text)
        let inner = PanelBox.draw(&canvas, rect, title: help.title, position: "Esc or ? closes", focused: true)
        let slot = (inner.width - 1) / columns
        for (i, entry) in help.entries.enumerated() {
            let row = i % max(1, perColumn), x = inner.x + 1 + (i / max(1, perColumn)) * slot
            guard row + 1 < inner.height else { continue }
            canvas.put(entry.keys, x: x, y: inner.y + 1 + row, maxWidth: keyWidth, role: .accent)
            canvas.put(entry.description, x: x + keyWidth, y: inner.y + 1 + row, maxWidth: slot - keyWidth - 1, role: .text)
        }
    }
}
