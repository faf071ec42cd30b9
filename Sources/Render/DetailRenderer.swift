import Dashboard

/// Draws a detail view's blocks inside a titled box, from the scrolled line on.
public enum DetailRenderer {
    public static func draw(_ canvas: inout Canvas, _ rect: Rect, _ view: ModelDetailView, scroll: Int) {
        let inner = PanelBox.draw(&canvas, rect, title: view.title, position: nil, focused: true)
        guard inner.height > 0, inner.width > 2 else { return }
        let area = Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height)
        // Draw every block on a tall scratch canvas, then copy the visible slice.
        var scratch = Canvas(width: area.width, height: max(1, view.contentHeight), glyphs: canvas.glyphs)
        var y = 0
        for block in view.blocks {
            drawBlock(&scratch, block, y: y, width: area.width)
            y += block.height
        }
        let first = min(max(0, scroll), max(0, scratch.height - area.height))
        for row in 0..<min(area.height, scratch.height - first) {
            for x in 0..<area.width {
                let cell = scratch[x, first + row]
                canvas.putGlyph(cell.text, x: area.x + x, y: area.y + row, role: cell.role)
            }
        }
        if scratch.height > area.height {
            canvas.put(" \(first + 1)-\(first + min(area.height, scratch.height - first))/\(scratch.height) ",
                       x: rect.x + rect.width - 16, y: rect.y + rect.height - 1, maxWidth: 15, role: .dim)
        }
    }

    static func drawBlock(_ canvas: inout Canvas, _ block: DetailBlock, y: Int, width: Int) {
        switch block {
        case .spacer:
            break
        case let .heading(text):
            canvas.put(text, x: 0, y: y, maxWidth: width, role: .title)
        case let .note(text, tone):
            canvas.put(text, x: 0, y: y, maxWidth: width, role: Role(tone))
        case let .fields(fields):
            let labelWidth = min(16, (fields.map { TextSanitizer.width($0.label, unicode: canvas.glyphs.isUnicode) }.max() ?? 0) + 2)
            for (i, field) in fields.enumerated() {
                canvas.put(field.label, x: 0, y: y + i, maxWidth: labelWidth, role: .dim)
                canvas.put(field.value, x: labelWidth, y: y + i, maxWidth: width - labelWidth, role: Role(field.tone))
            }
        case let .table(table):
            TableWidget.draw(&canvas, Rect(x: 0, y: y, width: width, height: 1 + max(1, table.rows.count)), table)
        case let .sparklines(rows):
            guard !rows.isEmpty else {
                canvas.put("no metrics recorded", x: 1, y: y, maxWidth: width - 1, role: .dim)
                return
            }
            let nameWidth = min(32, (rows.map { TextSanitizer.width($0.name, unicode: canvas.glyphs.isUnicode) }.max() ?? 0) + 2)
            let valueWidth = 10
            let sparkWidth = max(0, min(60, width - nameWidth - valueWidth - 1))
            for (i, row) in rows.enumerated() {
                canvas.put(row.name, x: 0, y: y + i, maxWidth: nameWidth - 1, role: .text)
                Sparkline.draw(&canvas, x: nameWidth, y: y + i, width: sparkWidth, values: row.values,
                               role: row.tone == .warn ? .warn : .sparkline)
                canvas.put(row.latest, x: nameWidth + sparkWidth + 1, y: y + i, maxWidth: valueWidth, role: Role(row.tone))
            }
        }
    }
}
