import Dashboard
import Foundation

/// The `:messages` overlay: the recent footer messages, newest first, each whole (wrapped), so a
/// message the footer had to cut can still be read.
public enum MessagesOverlay {
    public static func draw(_ canvas: inout Canvas, _ body: Rect, _ messages: [LoggedMessage], zone: TimeZone) {
        let width = max(1, min(body.width, 100))
        let height = max(1, body.height)
        let rect = Rect(x: body.x + (body.width - width) / 2, y: body.y, width: width, height: height)
        canvas.fill(rect, role: .text)
        let inner = PanelBox.draw(&canvas, rect, title: "Messages (\(messages.count), newest first)", position: "Esc closes", focused: true)
        guard inner.width > 12, inner.height > 0 else { return }
        if messages.isEmpty {
            canvas.put("no messages yet", x: inner.x + 1, y: inner.y, maxWidth: inner.width - 2, role: .dim)
            return
        }
        let timeWidth = 9
        var y = inner.y
        for message in messages.reversed() {
            let lines = TextWrap.lines(message.text, width: inner.width - timeWidth - 2)
            for (i, line) in lines.enumerated() {
                guard y < inner.y + inner.height else { return }
                if i == 0 { canvas.put(Format.clock(message.at, zone: zone), x: inner.x + 1, y: y, role: .dim) }
                canvas.put(line, x: inner.x + 1 + timeWidth, y: y, maxWidth: inner.width - timeWidth - 2, role: .text)
                y += 1
            }
        }
    }
}
