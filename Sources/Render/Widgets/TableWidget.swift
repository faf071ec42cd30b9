import Dashboard

/// Draws a `TableView`: a header line and one line per row, columns sized to fit the width —
/// flexible columns shrink first, low-priority columns are dropped when even minimum widths do
/// not fit, and text that does not fit is cut with an ellipsis. Never wraps.
public enum TableWidget {
    public static func draw(_ canvas: inout Canvas, _ rect: Rect, _ table: TableView) {
        guard rect.width > 0, rect.height > 0 else { return }
        let unicode = canvas.glyphs.isUnicode
        let widths = table.fixedPlan ? ColumnPlan.widths(table.columns, available: rect.width, keep: table.sortedColumn)
            : columnWidths(table, available: rect.width, glyphs: canvas.glyphs)
        var x = rect.x
        for (index, column) in table.columns.enumerated() {
            guard let width = widths[index] else { continue }
            let title = headerTitle(table, index, glyphs: canvas.glyphs)
            let titleWidth = TextSanitizer.width(title, unicode: unicode)
            let start = column.alignment == .right ? x + max(0, width - titleWidth) : x
            canvas.put(title, x: start, y: rect.y, maxWidth: width, role: index == table.sortedColumn ? .accent : .dim)
            x += width + 1
        }
        guard !table.rows.isEmpty else {
            if rect.height > 1 { canvas.put(table.emptyText, x: rect.x + 1, y: rect.y + 1, maxWidth: rect.width - 1, role: .dim) }
            return
        }
        for (rowIndex, row) in table.rows.prefix(rect.height - 1).enumerated() {
            let y = rect.y + 1 + rowIndex
            let selected = rowIndex == table.selectedRow
            if selected { canvas.fill(Rect(x: rect.x, y: y, width: rect.width, height: 1), role: .selection) }
            var x = rect.x
            for (index, cell) in row.enumerated() where index < widths.count {
                guard let width = widths[index] else { continue }
                switch cell.content {
                case let .level(level, previous):
                    LevelBar.draw(&canvas, x: x, y: y, level: level, previous: previous, selected: selected)
                case let .counts(marks):
                    // Each count in its own tone, cut as a whole at the column's width.
                    var at = x
                    for (i, mark) in marks.enumerated() {
                        let text = (i == 0 ? "" : " ") + canvas.glyphs.symbol(mark.symbol) + "\(mark.count)"
                        let room = x + width - at
                        guard room > 0 else { break }
                        canvas.put(text, x: at, y: y, maxWidth: room, role: selected ? .selection : Role(mark.tone))
                        at += TextSanitizer.width(text, unicode: unicode)
                    }
                case .text:
                    var text = cellText(cell, glyphs: canvas.glyphs)
                    if TextSanitizer.width(text, unicode: unicode, atMost: width + 1) > width, let compact = cell.compact {
                        text = cellText(TableCell(compact, symbol: cell.symbol), glyphs: canvas.glyphs)
                    }
                    let textWidth = TextSanitizer.width(text, unicode: unicode, atMost: width)
                    let start = table.columns[index].alignment == .right ? x + max(0, width - textWidth) : x
                    // A row that changed at the last refresh: its text in the title role (bold in
                    // every theme, monochrome included) until the next.
                    let marked = !selected && table.changedRows.contains(rowIndex) && cell.tone == .normal
                    canvas.put(text, x: start, y: y, maxWidth: width, role: selected ? .selection : marked ? .title : Role(cell.tone))
                }
                x += width + 1
            }
        }
    }

    /// A column's title, with ▲ or ▼ when the rows are sorted by it.
    static func headerTitle(_ table: TableView, _ index: Int, glyphs: Glyphs) -> String {
        let title = table.columns[index].title
        guard index == table.sortedColumn else { return title }
        return title + (table.sortDescending ? glyphs.down : glyphs.up)
    }

    static func cellText(_ cell: TableCell, glyphs: Glyphs) -> String {
        if case let .counts(marks) = cell.content {
            return marks.map { glyphs.symbol($0.symbol) + "\($0.count)" }.joined(separator: " ")
        }
        guard case let .text(text) = cell.content else { return "" }
        guard let symbol = cell.symbol else { return text }
        return glyphs.symbol(symbol) + " " + text
    }

    /// The width the table needs to show every column and cell in full.
    public static func naturalWidth(_ table: TableView, glyphs: Glyphs) -> Int {
        let widths = columnWidths(table, available: 1_000_000, glyphs: glyphs, spread: false)
        return widths.compactMap { $0 }.reduce(0, +) + max(0, table.columns.count - 1)
    }

    /// The width of each column, or nil for a column dropped for lack of space.
    static func columnWidths(_ table: TableView, available: Int, glyphs: Glyphs, spread: Bool = true) -> [Int?] {
        let columns = table.columns
        var natural = columns.enumerated().map { index, column -> Int in
            var width = TextSanitizer.width(headerTitle(table, index, glyphs: glyphs), unicode: glyphs.isUnicode)
            for row in table.rows where index < row.count {
                switch row[index].content {
                case .level: width = max(width, LevelBar.width)
                case .text, .counts:
                    let text = cellText(row[index], glyphs: glyphs)
                    width = max(width, TextSanitizer.width(text, unicode: glyphs.isUnicode, atMost: column.maxWidth))
                }
            }
            return min(column.maxWidth, max(column.minWidth, width))
        }
        var included = Set(columns.indices)
        func total() -> Int { included.reduce(0) { $0 + natural[$1] } + max(0, included.count - 1) }
        func shrink(_ candidates: [Int]) {
            for index in candidates where total() > available {
                natural[index] = max(columns[index].minWidth, natural[index] - (total() - available))
            }
        }
        func byPriority(_ filter: (Int) -> Bool) -> [Int] {
            included.filter(filter).sorted { (columns[$0].priority, -$0) < (columns[$1].priority, -$1) }
        }
        let full = natural
        // Too wide: squeeze the less important flexible columns; then prefer dropping a minor
        // column to cutting an important one; then squeeze everything; then drop what still does not fit.
        while total() > available {
            shrink(byPriority { columns[$0].flexible && columns[$0].priority < 8 })
            if total() <= available { break }
            if let minor = byPriority({ columns[$0].priority <= 3 }).first, included.count > 1 {
                included.remove(minor)
                for index in included { natural[index] = full[index] }
                continue
            }
            shrink(byPriority { columns[$0].flexible })
            shrink(byPriority { _ in true })
            if total() <= available || included.count == 1 { break }
            included.remove(byPriority { _ in true }.first!)
            for index in included { natural[index] = full[index] }
        }
        if included.count == 1, let only = included.first { natural[only] = min(natural[only], available) }
        // Room to spare: give it to the flexible columns, so the table fills its panel.
        let flexible = included.filter { columns[$0].flexible }.sorted()
        var spare = available - total()
        while spread, spare > 0, !flexible.isEmpty {
            for index in flexible where spare > 0 {
                natural[index] += 1
                spare -= 1
            }
        }
        return columns.indices.map { included.contains($0) ? natural[$0] : nil }
    }
}
