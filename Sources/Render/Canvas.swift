import Dashboard

/// A grid of cells, each one character and the role that styles it: the pure target every widget
/// draws into. The terminal adapter copies it to the screen; `snapshot` prints it as text.
public struct Canvas: Sendable, Hashable {
    /// One screen cell. A wide character fills its cell and leaves the next one empty (`text == ""`).
    public struct Cell: Sendable, Hashable {
        public var text: String
        public var role: Role
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    public let glyphs: Glyphs

    public init(width: Int, height: Int, glyphs: Glyphs) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.glyphs = glyphs
        cells = Array(repeating: Cell(text: " ", role: .text), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// Fills a rectangle with spaces of a role.
    public mutating func fill(_ rect: Rect, role: Role) {
        for y in rect.y..<(rect.y + rect.height) where y >= 0 && y < height {
            for x in rect.x..<(rect.x + rect.width) where x >= 0 && x < width {
                set(x, y, Cell(text: " ", role: role))
            }
        }
    }

    /// Writes one cell and keeps wide characters whole: overwriting either half of a wide
    /// character blanks its other half, so no half of one ever reaches the terminal.
    private mutating func set(_ x: Int, _ y: Int, _ cell: Cell) {
        let index = y * width + x
        let old = cells[index]
        if old.text.isEmpty, x > 0, cell.text != "" {
            cells[index - 1] = Cell(text: " ", role: cells[index - 1].role)
        }
        if !old.text.isEmpty, x + 1 < width, cells[index + 1].text.isEmpty {
            cells[index + 1] = Cell(text: " ", role: cells[index + 1].role)
        }
        cells[index] = cell
    }

    /// Draws trusted glyph text (no sanitising) — box lines, sparkline blocks.
    public mutating func putGlyph(_ glyph: String, x: Int, y: Int, role: Role) {
        guard contains(x: x, y: y) else { return }
        set(x, y, Cell(text: glyph, role: role))
    }

    /// Draws untrusted text from `x`, sanitised, never past `x + maxWidth` or the right edge;
    /// cuts with an ellipsis when it does not fit. Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, role: Role) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        if TextSanitizer.isPrintableASCII(text) {
            // The common case, without building the cells: one byte, one column. Only the two
            // ends can cut a wide character in half (the cells between are all overwritten).
            let total = text.utf8.count
            if x > 0, cells[y * width + x].text.isEmpty {
                cells[y * width + x - 1] = Cell(text: " ", role: cells[y * width + x - 1].role)
            }
            var column = x
            for byte in text.utf8.prefix(total > limit ? limit - 1 : limit) {
                if column >= 0 { cells[y * width + column] = Cell(text: String(Character(Unicode.Scalar(byte))), role: role) }
                column += 1
            }
            if total > limit {
                cells[y * width + column] = Cell(text: glyphs.ellipsis, role: role)
                column += 1
            }
            if column > max(x, 0), column < width, cells[y * width + column].text.isEmpty {
                cells[y * width + column] = Cell(text: " ", role: cells[y * width + column].role)
            }
            return column - x
        }
        let parts = TextSanitizer.cells(text, unicode: glyphs.isUnicode)
        let total = parts.reduce(0) { $0 + $1.width }
        let budget = total > limit ? limit - 1 : limit
        var column = x
        for part in parts {
            if column + part.width > x + budget { break }
            if column >= 0 {
                set(column, y, Cell(text: part.text, role: role))
                if part.width == 2 { set(column + 1, y, Cell(text: "", role: role)) }
            }
            column += part.width
        }
        if total > limit {
            // Pad a half-filled wide-character gap, then the ellipsis.
            while column < x + limit - 1 { set(column, y, Cell(text: " ", role: role)); column += 1 }
            set(column, y, Cell(text: glyphs.ellipsis, role: role))
            column += 1
        }
        return column - x
    }

    /// The rows as plain text, trailing spaces trimmed.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width { line += cells[y * width + x].text }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}

