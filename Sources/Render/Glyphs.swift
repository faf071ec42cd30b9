import Dashboard

/// The characters the screen is drawn with: Unicode box drawing and blocks when the locale is
/// UTF-8, plain ASCII otherwise.
public struct Glyphs: Sendable, Hashable {
    public struct Box: Sendable, Hashable {
        public var horizontal, vertical, topLeft, topRight, bottomLeft, bottomRight: String
    }

    public var isUnicode: Bool
    public var box: Box
    public var focusBox: Box
    public var ellipsis: String
    /// Lowest to highest.
    public var sparkBlocks: [String]
    public var levelFull: String
    public var levelEmpty: String
    public var up: String
    public var down: String
    public var separator: String
    public var selectionMarker: String

    public static let unicode = Glyphs(
        isUnicode: true,
        box: Box(horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘"),
        focusBox: Box(horizontal: "━", vertical: "┃", topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛"),
        ellipsis: "…", sparkBlocks: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], levelFull: "■", levelEmpty: "·",
        up: "↑", down: "↓", separator: "·", selectionMarker: "▶")

    public static let ascii = Glyphs(
        isUnicode: false,
        box: Box(horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+"),
        focusBox: Box(horizontal: "=", vertical: "#", topLeft: "#", topRight: "#", bottomLeft: "#", bottomRight: "#"),
        ellipsis: "~", sparkBlocks: ["_", ".", "-", "=", "+", "*", "#", "@"], levelFull: "#", levelEmpty: ".",
        up: "^", down: "v", separator: "|", selectionMarker: ">")

    /// Unicode when the locale's character set is UTF-8 (`LC_ALL`, else `LC_CTYPE`, else `LANG`).
    public static func forLocale(_ environment: [String: String]) -> Glyphs {
        let locale = [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]]
            .compactMap { $0 }.first { !$0.isEmpty } ?? ""
        let upper = locale.uppercased()
        return upper.contains("UTF-8") || upper.contains("UTF8") ? .unicode : .ascii
    }

    public func symbol(_ symbol: StatusSymbol) -> String {
        if isUnicode {
            switch symbol {
            case .ok: return "✔"
            case .failed: return "✖"
            case .running: return "▶"
            case .queued: return "○"
            case .cancelled: return "⊘"
            case .warning: return "▲"
            case .critical: return "◆"
            case .info: return "●"
            case .snoozed: return "◷"
            case .resolved: return "✔"
            case .rollback: return "↺"
            case .loss: return "▼"
            }
        }
        switch symbol {
        case .ok, .resolved: return "+"
        case .failed: return "x"
        case .running: return ">"
        case .queued: return "."
        case .cancelled: return "/"
        case .warning: return "!"
        case .critical: return "!!"
        case .info: return "i"
        case .snoozed: return "z"
        case .rollback: return "<"
        case .loss: return "v"
        }
    }
}
