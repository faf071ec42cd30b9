import Portfolio

/// Makes untrusted text (model names, error messages, notes from the store) safe to draw: control
/// characters — ESC included, so escape sequences arrive inert — become a visible replacement
/// mark; invisible format characters (bidi overrides, zero-width joiners) are dropped; tabs and
/// newlines become spaces. Also measures how many terminal columns a character takes.
public enum TextSanitizer {
    public static let replacement: Character = "\u{FFFD}"

    /// The characters to draw, each with its column width (1 or 2).
    public static func cells(_ text: String, unicode: Bool) -> [(text: String, width: Int)] {
        var result: [(text: String, width: Int)] = []
        result.reserveCapacity(text.utf8.count)
        // Most text on screen is printable ASCII: one byte, one cell, no grapheme breaking needed.
        if isPrintableASCII(text) {
            for byte in text.utf8 { result.append((String(Character(Unicode.Scalar(byte))), 1)) }
            return result
        }
        // Next most common: status symbols, arrows, bars and punctuation, each scalar its own
        // one-column character, so no grapheme breaking either.
        if text.unicodeScalars.allSatisfy(standsAlone) {
            for scalar in text.unicodeScalars {
                if unicode || scalar.isASCII {
                    result.append((String(Character(scalar)), 1))
                } else {
                    for ascii in asciiFallback(scalar) { result.append((String(ascii), 1)) }
                }
            }
            return result
        }
        for character in text {
            if character.isASCII, let ascii = character.asciiValue {
                if ascii >= 0x20, ascii < 0x7F {
                    result.append((String(character), 1))
                } else if ascii == 0x09 || ascii == 0x0A || ascii == 0x0D {
                    result.append((" ", 1))
                } else {
                    result.append((unicode ? String(replacement) : "?", 1))
                }
                continue
            }
            let scalars = character.unicodeScalars
            guard let first = scalars.first else { continue }
            if scalars.contains(where: \.isTerminalControl) {
                result.append((unicode ? String(replacement) : "?", 1))
                continue
            }
            if scalars.allSatisfy(\.isInvisibleFormat) { continue }
            guard unicode else {
                for ascii in asciiFallback(first) { result.append((String(ascii), 1)) }
                continue
            }
            // Drop invisible scalars inside a cluster too (a bidi override glued to a letter, or a
            // prepended format mark such as U+06DD before a combining one): what is left must
            // start with a character that takes a column, else it would merge with its neighbour.
            let kept = scalars.filter { !$0.isInvisibleFormat }
            guard let base = kept.first else { continue }
            let width = scalars.contains("\u{FE0F}") ? 2 : columnWidth(base)
            if width == 0 { continue }
            result.append((String(String.UnicodeScalarView(kept)), width))
        }
        return result
    }

    /// `text` as the cell grid would draw it, for output that is not drawn on a canvas (the CLI's
    /// messages and errors, the log): the same characters `cells` keeps, joined.
    public static func line(_ text: String, unicode: Bool) -> String {
        if isPrintableASCII(text) { return text }
        return cells(text, unicode: unicode).map(\.text).joined()
    }

    /// The start of `text` that can show in `columns` columns — with room to spare for scalars
    /// that take none — and whether anything past it was cut: a cell holding a 50 MB error is not
    /// sanitised and measured whole on every frame for the few columns it shows.
    public static func head(_ text: String, columns: Int) -> (text: String, cut: Bool) {
        let most = max(0, columns) * 4 + 64
        // No more bytes than that is no more scalars either (the count of a native string's bytes is at hand).
        if text.utf8.count <= most { return (text, false) }
        let scalars = text.unicodeScalars
        guard let end = scalars.index(scalars.startIndex, offsetBy: most, limitedBy: scalars.endIndex),
              end < scalars.endIndex else { return (text, false) }
        return (String(scalars[..<end]), true)
    }

    /// `width(text)` counted no further than `columns`: a text that goes on past them is that wide.
    public static func width(_ text: String, unicode: Bool, atMost columns: Int) -> Int {
        let (head, cut) = head(text, columns: columns)
        return cut ? max(0, columns) : min(max(0, columns), width(head, unicode: unicode))
    }

    /// Columns `text` takes once sanitised.
    public static func width(_ text: String, unicode: Bool) -> Int {
        if isPrintableASCII(text) { return text.utf8.count }
        if text.unicodeScalars.allSatisfy(standsAlone) {
            return unicode ? text.unicodeScalars.count
                : text.unicodeScalars.reduce(0) { $0 + ($1.isASCII ? 1 : asciiFallback($1).unicodeScalars.count) }
        }
        return cells(text, unicode: unicode).reduce(0) { $0 + $1.width }
    }

    /// Whether a scalar is always a whole one-column character on its own: printable Latin-1
    /// (not the soft hyphen) and the punctuation, letterlike, arrow, math, technical, box, block,
    /// shape and dingbat blocks — no controls, combining marks, format characters or wide ranges.
    static func standsAlone(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        if v < 0x300 { return (0x20..<0x7F).contains(v) || ((0xA0..<0x300).contains(v) && v != 0xAD) }
        return (0x2010...0x2027).contains(v) || (0x2030...0x205E).contains(v) || (0x2070...0x20CF).contains(v)
            || (0x2100...0x2BFF).contains(v)
    }

    /// Whether every byte is a printable ASCII character (so each takes exactly one column).
    static func isPrintableASCII(_ text: String) -> Bool {
        // Over the contiguous UTF-8 bytes: the generic UTF8View walk was a twentieth of a frame.
        var text = text
        return text.withUTF8 { bytes in bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }
    }

    /// What a character reads as on a terminal without Unicode: one or more printable ASCII
    /// characters that mean the same (`≥` is `>=`, never `>`, which is another comparison), else `?`.
    static func asciiFallback(_ scalar: Unicode.Scalar) -> String {
        switch scalar.value {
        case 0x2013, 0x2014, 0x2212, 0x2500, 0x2501: return "-"
        case 0x2026: return "~"
        case 0x00B7, 0x2022: return "."
        case 0x2018, 0x2019: return "'"
        case 0x201C, 0x201D: return "\""
        case 0x203A: return ">"
        case 0x2192: return "->"
        case 0x2190: return "<-"
        case 0x2191: return "up"
        case 0x2193: return "dn"
        case 0x2264: return "<="
        case 0x2265: return ">="
        case 0x00D7: return "x"
        default: return "?"
        }
    }

    /// East Asian wide and fullwidth characters and emoji take two columns; combining marks none.
    static func columnWidth(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark: return 0
        default: break
        }
        if (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F680...0x1F6FF).contains(v) || (0x1FA70...0x1FAFF).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v) {
            return 2
        }
        return 1
    }
}
