import Dashboard
import Portfolio

/// Draws a detail view's blocks inside a titled box, from the scrolled line on.
public enum DetailRenderer {
    public static func draw(_ canvas: inout Canvas, _ rect: Rect, _ view: DetailView, scroll: Int) {
        let inner = PanelBox.draw(&canvas, rect, title: view.title, position: nil, focused: true)
        guard inner.height > 0, inner.width > 2 else { return }
        let area = Rect(x: inner.x + 1, y: inner.y, width: DetailView.contentWidth(bodyWidth: rect.width), height: inner.height)
        // Draw every block on a tall scratch canvas, then copy the visible slice.
        var scratch = Canvas(width: area.width, height: max(1, view.contentHeight(width: area.width)), glyphs: canvas.glyphs)
        var y = 0
        for block in view.blocks {
            drawBlock(&scratch, block, y: y, width: area.width)
            y += block.height(width: area.width)
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
                if field.isSelected { canvas.fill(Rect(x: 0, y: y + i, width: width, height: 1), role: .selection) }
                canvas.put(field.label, x: 0, y: y + i, maxWidth: labelWidth, role: field.isSelected ? .selection : .dim)
                let value = field.symbol.map { canvas.glyphs.symbol($0) + " " + field.value } ?? field.value
                canvas.put(value, x: labelWidth, y: y + i, maxWidth: width - labelWidth,
                           role: field.isSelected ? .selection : Role(field.tone))
            }
        case let .paragraph(text, tone, indent):
            for (i, line) in TextWrap.lines(text, width: width - indent).enumerated() {
                canvas.put(line, x: indent, y: y + i, maxWidth: width - indent, role: Role(tone))
            }
        case let .bars(rows):
            guard let labelWidth = labelColumn(&canvas, rows.map(\.label), padding: 4, limit: 28, y: y, width: width,
                                               empty: "no steps recorded") else { return }
            let valueWidth = 10
            let barWidth = max(0, width - labelWidth - valueWidth - 1)
            let largest = rows.map(\.value).filter(\.isFinite).max() ?? 0
            for (i, row) in rows.enumerated() {
                let label = row.symbol.map { canvas.glyphs.symbol($0) + " " + row.label } ?? row.label
                canvas.put(label, x: 0, y: y + i, maxWidth: labelWidth - 1, role: Role(row.tone))
                let filled = largest > 0 ? Int(saturating: SafeNumbers.fraction(row.value, from: 0, to: largest) * Double(barWidth)) : 0
                for x in 0..<max(row.value > 0 ? 1 : 0, filled) {
                    canvas.putGlyph(canvas.glyphs.sparkBlocks.last!, x: labelWidth + x, y: y + i, role: Role(row.tone))
                }
                canvas.put(row.valueText, x: labelWidth + max(filled, 1) + 1, y: y + i, maxWidth: valueWidth, role: .dim)
            }
        case let .gauge(gauge):
            let barWidth = max(4, min(60, width - 2))
            let scale = { (value: Double) in
                Int(saturating: SafeNumbers.fraction(value, from: 0, to: gauge.scaleMax) * Double(barWidth - 1))
            }
            let scoreAt = scale(gauge.score), thresholdAt = scale(gauge.threshold)
            for x in 0..<barWidth {
                let filled = x <= scoreAt
                canvas.putGlyph(filled ? canvas.glyphs.sparkBlocks.last! : canvas.glyphs.levelEmpty, x: x, y: y,
                                role: filled ? Role(gauge.tone) : .dim)
            }
            canvas.putGlyph("|", x: thresholdAt, y: y, role: .title)
            canvas.put(gauge.explanation, x: 0, y: y + 1, maxWidth: width, role: gauge.drifted ? Role(gauge.tone) : .ok)
        case let .table(table):
            TableWidget.draw(&canvas, Rect(x: 0, y: y, width: width, height: 1 + max(1, table.rows.count)), table)
        case let .sparklines(rows, axis):
            guard let nameWidth = labelColumn(&canvas, rows.map(\.name), padding: 2, limit: 32, y: y, width: width,
                                              empty: "no metrics recorded") else { return }
            let valueWidth = 10
            let sparkWidth = max(0, min(60, width - nameWidth - valueWidth - 1))
            for (i, row) in rows.enumerated() {
                canvas.put(row.name, x: 0, y: y + i, maxWidth: nameWidth - 1, role: .text)
                Sparkline.draw(&canvas, x: nameWidth, y: y + i,
                               columns: Sparkline.columns(row.values, times: row.times, from: axis.from, to: axis.to, width: sparkWidth),
                               role: row.tone == .warn ? .warn : .sparkline)
                canvas.put(row.latest, x: nameWidth + sparkWidth + 1, y: y + i, maxWidth: valueWidth, role: Role(row.tone))
            }
            drawAxis(&canvas, axis, x: nameWidth, y: y + rows.count, width: sparkWidth)
        case let .chart(chart):
            drawChart(&canvas, chart, y: y, width: width)
        }
    }

    /// The axis's dates under `width` columns from `x`: at the start, the middle and the end.
    static func drawAxis(_ canvas: inout Canvas, _ axis: TimeAxis, x: Int, y: Int, width: Int) {
        guard axis.labels.count == 3 else { return }
        let widths = axis.labels.map { TextSanitizer.width($0, unicode: canvas.glyphs.isUnicode) }
        canvas.put(axis.labels[0], x: x, y: y, maxWidth: width, role: .dim)
        // The middle and end only where they do not run into each other.
        if widths[0] + widths[1] + widths[2] + 4 <= width {
            canvas.put(axis.labels[1], x: x + (width - widths[1]) / 2, y: y, role: .dim)
        }
        if widths[0] + widths[2] + 2 <= width { canvas.put(axis.labels[2], x: x + width - widths[2], y: y, role: .dim) }
    }

    /// A chart: bars in eighths of a line over `rows` lines, the threshold a line across the
    /// empty cells at its height, then the dates and the legend.
    static func drawChart(_ canvas: inout Canvas, _ chart: Chart, y: Int, width: Int) {
        let chartWidth = max(1, min(72, width - 2))
        let columns = Sparkline.columns(chart.values, times: chart.times, from: chart.axis.from, to: chart.axis.to, width: chartWidth)
        let finite = columns.compactMap { $0 } + [chart.threshold].compactMap { $0 }.filter(\.isFinite)
        guard var low = finite.min(), var high = finite.max() else { return }
        if high <= low { (low, high) = (low - 1, high + 1) }
        low = min(low, 0 <= low ? 0 : low)  // bars stand on zero when every value is positive
        let eighths = chart.rows * 8
        let height = { (value: Double) in Int(saturating: SafeNumbers.fraction(value, from: low, to: high) * Double(eighths - 1)) }
        let blocks = canvas.glyphs.sparkBlocks
        let thresholdRow = chart.threshold.flatMap { $0.isFinite ? $0 : nil }.map { chart.rows - 1 - min(chart.rows - 1, height($0) / 8) }
        for row in 0..<chart.rows {
            let base = (chart.rows - 1 - row) * 8
            for (x, value) in columns.enumerated() {
                let filled = value.map { min(8, max(0, height($0) + 1 - base)) } ?? 0
                if filled > 0 {
                    canvas.putGlyph(blocks[min(blocks.count - 1, filled - 1)], x: x, y: y + row, role: Role(chart.tone))
                } else if row == thresholdRow {
                    canvas.putGlyph(canvas.glyphs.box.horizontal, x: x, y: y + row, role: .dim)
                }
            }
        }
        drawAxis(&canvas, chart.axis, x: 0, y: y + chart.rows, width: chartWidth)
        canvas.put(chart.legend, x: 0, y: y + chart.rows + 1, maxWidth: width, role: Role(chart.tone))
    }

    /// The width of a label column for `labels`, or nil (having said `empty`) when there are none.
    static func labelColumn(_ canvas: inout Canvas, _ labels: [String], padding: Int, limit: Int, y: Int, width: Int,
                            empty: String) -> Int? {
        guard !labels.isEmpty else {
            canvas.put(empty, x: 1, y: y, maxWidth: width - 1, role: .dim)
            return nil
        }
        return min(limit, (labels.map { TextSanitizer.width($0, unicode: canvas.glyphs.isUnicode) }.max() ?? 0) + padding)
    }
}
