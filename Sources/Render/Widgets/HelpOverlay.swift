import Dashboard

/// The help overlay: a box over the body listing every key binding of the current context, as
/// `KeyMap` defines them.
public enum HelpOverlay {
    public static func draw(_ canvas: inout Canvas, _ body: Rect, _ help: HelpView) {
        let keyWidth = (help.entries.map { TextSanitizer.width($0.keys, unicode: canvas.glyphs.isUnicode) }.max() ?? 0) + 2
        let textWidth = help.entries.map { TextSanitizer.width($0.description, unicode: canvas.glyphs.isUnicode) }.max() ?? 0
        let width = min(body.width, max(keyWidth + textWidth + 4, TextSanitizer.width(help.title, unicode: canvas.glyphs.isUnicode) + 8))
        let height = min(body.height, help.entries.count + 4)
        let rect = Rect(x: body.x + (body.width - width) / 2, y: body.y + max(0, (body.height - height) / 2), width: width, height: height)
        canvas.fill(rect, role: .text)
        let inner = PanelBox.draw(&canvas, rect, title: help.title, position: "Esc or ? closes", focused: true)
        for (i, entry) in help.entries.enumerated() where i + 1 < inner.height {
            canvas.put(entry.keys, x: inner.x + 1, y: inner.y + 1 + i, maxWidth: keyWidth, role: .accent)
            canvas.put(entry.description, x: inner.x + 1 + keyWidth, y: inner.y + 1 + i, maxWidth: inner.width - keyWidth - 2, role: .text)
        }
    }
}
