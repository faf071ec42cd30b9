import Dashboard

/// The footer line: the keys that work here, and any message on the right.
public enum FooterWidget {
    public static func draw(_ canvas: inout Canvas, _ rect: Rect, _ footer: FooterView) {
        guard rect.height > 0, rect.width > 0 else { return }
        var x = rect.x
        let messageWidth = footer.message.map { TextSanitizer.width($0, unicode: canvas.glyphs.isUnicode) + 2 } ?? 0
        let limit = rect.x + rect.width - messageWidth
        for (key, action) in footer.keys {
            let needed = TextSanitizer.width("\(key) \(action)  ", unicode: canvas.glyphs.isUnicode)
            if x + needed > limit { break }
            x += canvas.put(key, x: x, y: rect.y, role: .footerKey)
            x += canvas.put(" \(action)  ", x: x, y: rect.y, role: .dim)
        }
        if let message = footer.message {
            canvas.put(message, x: max(rect.x, rect.x + rect.width - messageWidth + 1), y: rect.y, maxWidth: rect.width, role: .message)
        }
    }
}
