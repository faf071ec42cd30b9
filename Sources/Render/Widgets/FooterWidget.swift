import Dashboard

/// The footer line: the open prompt with its text and cursor; otherwise the keys that work here,
/// and any message on the right.
public enum FooterWidget {
    public static func draw(_ canvas: inout Canvas, _ rect: Rect, _ footer: FooterView) {
        guard rect.height > 0, rect.width > 0 else { return }
        if let prompt = footer.prompt {
            drawPrompt(&canvas, rect, prompt, message: footer.message)
            return
        }
        var x = rect.x
        let messageWidth = footer.message.map { TextSanitizer.width($0, unicode: canvas.glyphs.isUnicode) + 2 } ?? 0
        let limit = rect.x + rect.width - min(messageWidth, rect.width / 2)
        for hint in footer.hints {
            let needed = TextSanitizer.width("\(hint.key) \(hint.action)  ", unicode: canvas.glyphs.isUnicode)
            if x + needed > limit { break }
            x += canvas.put(hint.key, x: x, y: rect.y, role: .footerKey)
            x += canvas.put(" \(hint.action)  ", x: x, y: rect.y, role: .dim)
        }
        if let message = footer.message {
            let start = max(x, rect.x + rect.width - messageWidth + 1)
            let room = rect.x + rect.width - start
            // Too long to show whole: cut at a word, and say where it can be read whole.
            canvas.put(messageWidth - 2 > room ? cut(message, to: room, unicode: canvas.glyphs.isUnicode) : message,
                       x: start, y: rect.y, maxWidth: room, role: .message)
        }
    }

    /// `message` cut at the last word that fits in `width` with ` … :messages` after it.
    static func cut(_ message: String, to width: Int, unicode: Bool) -> String {
        let tail = " … :messages"
        var kept = ""
        for word in message.split(separator: " ") {
            let next = kept.isEmpty ? String(word) : kept + " " + word
            if TextSanitizer.width(next + tail, unicode: unicode) > width { break }
            kept = next
        }
        return kept.isEmpty ? message : kept + tail
    }

    /// `Assign alert-0071 to: Chloe▌  (Enter saves, Esc cancels)`, scrolled so the cursor shows.
    static func drawPrompt(_ canvas: inout Canvas, _ rect: Rect, _ prompt: Prompt, message: String?) {
        var x = rect.x
        x += canvas.put(prompt.purpose.question + " ", x: x, y: rect.y, maxWidth: rect.width / 2, role: .title)
        let isFilter: Bool = { if case .filter = prompt.purpose { return true }; return false }()
        let hint = message ?? (isFilter ? "filters as you type · Enter keeps · Esc clears" : "Enter saves · Esc cancels")
        let hintWidth = min(TextSanitizer.width(hint, unicode: canvas.glyphs.isUnicode) + 2, rect.width / 3)
        let room = max(1, rect.x + rect.width - x - hintWidth - 1)
        let characters = prompt.editor.characters
        let first = max(0, prompt.editor.cursor - room + 1)
        var column = x
        for (index, character) in characters.enumerated().dropFirst(first) {
            if column - x >= room - 1 { break }
            // A suggestion nobody has typed over yet is dim: the first key replaces it.
            let role: Role = index == prompt.editor.cursor ? .selection : prompt.editor.isSuggestion ? .dim : .text
            column += canvas.put(String(character), x: column, y: rect.y, maxWidth: 2, role: role)
        }
        if prompt.editor.cursor == characters.count { canvas.putGlyph(" ", x: column, y: rect.y, role: .selection) }
        canvas.put(hint, x: rect.x + rect.width - hintWidth + 1, y: rect.y, maxWidth: hintWidth - 1,
                   role: message == nil ? .dim : .message)
    }
}
