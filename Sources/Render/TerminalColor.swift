import Foundation

/// A colour as a theme writes it — a name, a 0–255 index or `#rrggbb` — and its nearest
/// equivalents on 256- and 8-colour terminals.
public enum TerminalColor: Sendable, Hashable {
    case terminalDefault
    case index(Int)

    static let names = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parses a theme value; nil when it is not a colour.
    public static func parse(_ text: String) -> TerminalColor? {
        let value = text.trimmingCharacters(in: .whitespaces).lowercased()
        if value == "default" || value == "none" { return .terminalDefault }
        if let index = names.firstIndex(of: value) { return .index(index) }
        if value.hasPrefix("bright-") || value.hasPrefix("bright_"),
           let index = names.firstIndex(of: String(value.dropFirst(7))) { return .index(index + 8) }
        if let number = Int(value), (0...255).contains(number) { return .index(number) }
        if value.hasPrefix("#"), value.count == 7, let rgb = Int(value.dropFirst(), radix: 16) {
            return .index(nearest256(r: rgb >> 16, g: (rgb >> 8) & 0xFF, b: rgb & 0xFF))
        }
        return nil
    }

    /// The RGB an xterm shows for a 256-colour index.
    static func rgb(_ index: Int) -> (Int, Int, Int) {
        let basic = [(0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
                     (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255)]
        if index < 16 { return basic[index] }
        if index < 232 {
            let i = index - 16
            let level = { (v: Int) in v == 0 ? 0 : 55 + v * 40 }
            return (level(i / 36), level((i / 6) % 6), level(i % 6))
        }
        let gray = 8 + (index - 232) * 10
        return (gray, gray, gray)
    }

    static func nearest256(r: Int, g: Int, b: Int) -> Int {
        (16...255).min { distance(rgb($0), (r, g, b)) < distance(rgb($1), (r, g, b)) }!
    }

    private static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }

    /// The basic colour (0–7) of the same hue: greys go to black or white, everything else to the
    /// nearest of red, yellow, green, cyan, blue and magenta. Hue, not RGB distance, keeps a green
    /// "ok" green and an orange "warn" yellow on 8-colour terminals.
    static func basicByHue(_ rgb: (Int, Int, Int)) -> Int {
        let (r, g, b) = (Double(rgb.0), Double(rgb.1), Double(rgb.2))
        let high = max(r, g, b), low = min(r, g, b), delta = high - low
        if delta < 40 { return high < 60 ? 0 : 7 }
        var hue: Double
        if high == r {
            hue = 60 * ((g - b) / delta)
        } else if high == g {
            hue = 60 * ((b - r) / delta) + 120
        } else {
            hue = 60 * ((r - g) / delta) + 240
        }
        if hue < 0 { hue += 360 }
        // red 0°, yellow 60°, green 120°, cyan 180°, blue 240°, magenta 300°.
        let byHue = [1, 3, 2, 6, 4, 5]
        return byHue[Int((hue / 60).rounded()) % 6]
    }

    /// This colour as an index for a terminal with `colors` colours (-1 = the terminal's default).
    public func index(for colors: Int) -> Int {
        guard case let .index(index) = self else { return -1 }
        if colors >= 256 || index < colors { return index }
        return Self.basicByHue(Self.rgb(index))
    }
}
