import Dashboard

/// A grid of cells, each one character and the role that styles it: the pure target every widget
/// draws into. The terminal adapter copies it to the screen; `snapshot` prints it as text.
public struct Canvas: Sendable {
    /// One screen cell. A wide character fills its cell and leaves the next one empty (`text == ""`).
    public struct Cell: Sendable, Hashable {
        public var text: String
        public var role: Role
    }

    /// A cell as stored: a plain value, so a 200×60 frame is one 96 KB block that is filled,
    /// copied and freed without touching 12,000 strings (a String per cell was most of a frame's
    /// render time). `code` is the character's one Unicode scalar, 0 for the right half of a wide
    /// character, or `clusterFlag` plus an index into `clusters` for a character of several
    /// scalars (an accent on a letter, an emoji sequence) — rare, so kept aside.
    struct Slot: Sendable, Hashable {
        var code: UInt32
        var role: Role
    }

    static let clusterFlag: UInt32 = 0x8000_0000
    static let blank = UInt32(0x20)

    public let width: Int
    public let height: Int
    private var slots: [Slot]
    private var clusters: [String] = []
    public let glyphs: Glyphs

    public init(width: Int, height: Int, glyphs: Glyphs) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.glyphs = glyphs
        slots = Array(repeating: Slot(code: Self.blank, role: .text), count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        let slot = slots[y * width + x]
        return Cell(text: text(slot.code), role: slot.role)
    }

    /// Every cell, row by row.
    public var cells: [Cell] {
        slots.map { Cell(text: text($0.code), role: $0.role) }
    }

    private func text(_ code: UInt32) -> String {
        if code == 0 { return "" }
        if code & Self.clusterFlag != 0 { return clusters[Int(code & ~Self.clusterFlag)] }
        return String(Character(Unicode.Scalar(code)!))
    }

    /// The stored code of a character: its scalar, or a new entry in `clusters`.
    private mutating func code(_ text: String) -> UInt32 {
        var scalars = text.unicodeScalars.makeIterator()
        guard let first = scalars.next() else { return 0 }
        if scalars.next() == nil { return first.value }
        clusters.append(text)
        return Self.clusterFlag | UInt32(clusters.count - 1)
    }

    /// Whether the cell at (x, y) is the same character in the same role as `other`'s: what the
    /// terminal adapter compares to skip unchanged cells.
    public func cellEquals(_ other: Canvas, x: Int, y: Int) -> Bool {
        let a = slots[y * width + x], b = other.slots[y * other.width + x]
        guard a.role == b.role else { return false }
        if (a.code | b.code) & Self.clusterFlag == 0 { return a.code == b.code }
        return text(a.code) == other.text(b.code)
    }

    public func contains(x: Int, y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// Fills a rectangle with spaces of a role.
    public mutating func fill(_ rect: Rect, role: Role) {
        for y in rect.y..<(rect.y + rect.height) where y >= 0 && y < height {
            for x in rect.x..<(rect.x + rect.width) where x >= 0 && x < width {
                set(x, y, Slot(code: Self.blank, role: role))
            }
        }
    }

    /// Writes one cell and keeps wide characters whole: overwriting either half of a wide
    /// character blanks its other half, so no half of one ever reaches the terminal.
    private mutating func set(_ x: Int, _ y: Int, _ slot: Slot) {
        let index = y * width + x
        let old = slots[index].code
        if old == 0, x > 0, slot.code != 0 {
            slots[index - 1].code = Self.blank
        }
        if old != 0, x + 1 < width, slots[index + 1].code == 0 {
            slots[index + 1].code = Self.blank
        }
        slots[index] = slot
    }

    /// Draws trusted glyph text (no sanitising) — box lines, sparkline blocks.
    public mutating func putGlyph(_ glyph: String, x: Int, y: Int, role: Role) {
        guard contains(x: x, y: y) else { return }
        set(x, y, Slot(code: code(glyph), role: role))
    }

    /// Draws untrusted text from `x`, sanitised, never past `x + maxWidth` or the right edge;
    /// cuts with an ellipsis when it does not fit. Returns the columns used.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, maxWidth: Int? = nil, role: Role) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        // Only what can show is looked at; a text cut there ends in the ellipsis (`Int.max`: over).
        let (text, cut) = TextSanitizer.head(text, columns: limit)
        // The common cases, without building the sanitiser's cells: printable ASCII, then
        // symbols, dashes and arrows — one scalar, one column each.
        if TextSanitizer.isPrintableASCII(text) {
            return putOneColumn(text.utf8.lazy.map(UInt32.init), count: cut ? .max : text.utf8.count, x: x, y: y, limit: limit, role: role)
        }
        if text.unicodeScalars.allSatisfy(TextSanitizer.standsAlone) {
            if glyphs.isUnicode {
                return putOneColumn(text.unicodeScalars.lazy.map(\.value), count: cut ? .max : text.unicodeScalars.count, x: x, y: y,
                                    limit: limit, role: role)
            }
            // Without Unicode a character may read as several (`≥` as `>=`).
            let codes = text.unicodeScalars.flatMap { scalar in
                scalar.isASCII ? [scalar.value] : TextSanitizer.asciiFallback(scalar).unicodeScalars.map(\.value)
            }
            return putOneColumn(codes, count: cut ? .max : codes.count, x: x, y: y, limit: limit, role: role)
        }
        let parts = TextSanitizer.cells(text, unicode: glyphs.isUnicode)
        let total = cut ? .max : parts.reduce(0) { $0 + $1.width }
        let budget = total > limit ? limit - 1 : limit
        var column = x
        for part in parts {
            if column + part.width > x + budget { break }
            if column >= 0 {
                set(column, y, Slot(code: code(part.text), role: role))
                if part.width == 2 { set(column + 1, y, Slot(code: 0, role: role)) }
            }
            column += part.width
        }
        if total > limit {
            // Pad a half-filled wide-character gap, then the ellipsis.
            while column < x + limit - 1 { set(column, y, Slot(code: Self.blank, role: role)); column += 1 }
            set(column, y, Slot(code: code(glyphs.ellipsis), role: role))
            column += 1
        }
        return column - x
    }

    /// Writes `total` characters of one column each, given as codes, cut with an ellipsis past
    /// `limit`. Only the two ends can cut a wide character in half (the cells between are all
    /// overwritten), so the cells are written directly. Returns the columns used.
    private mutating func putOneColumn<Codes: Sequence<UInt32>>(_ codes: Codes, count total: Int, x: Int, y: Int,
                                                                limit: Int, role: Role) -> Int {
        let row = y * width
        if x > 0, slots[row + x].code == 0 {
            slots[row + x - 1].code = Self.blank
        }
        var column = x
        for code in codes.prefix(total > limit ? limit - 1 : limit) {
            if column >= 0 { slots[row + column] = Slot(code: code, role: role) }
            column += 1
        }
        if total > limit {
            slots[row + column] = Slot(code: code(glyphs.ellipsis), role: role)
            column += 1
        }
        if column > max(x, 0), column < width, slots[row + column].code == 0 {
            slots[row + column].code = Self.blank
        }
        return column - x
    }

    /// The rows as plain text, trailing spaces trimmed.
    public var lines: [String] {
        (0..<height).map { y in
            var line = ""
            for x in 0..<width { line += text(slots[y * width + x].code) }
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
    }
}

/// Two canvases are equal when they show the same characters in the same roles (however their
/// rare many-scalar characters happen to be stored).
extension Canvas: Hashable {
    public static func == (a: Canvas, b: Canvas) -> Bool {
        a.width == b.width && a.height == b.height && a.glyphs == b.glyphs
            && (a.clusters.isEmpty && b.clusters.isEmpty ? a.slots == b.slots : a.cells == b.cells)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(width)
        hasher.combine(height)
        hasher.combine(cells)
    }
}
