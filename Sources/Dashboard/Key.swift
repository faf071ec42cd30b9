/// A key press, as the reducer sees it: independent of ncurses key codes.
public enum Key: Sendable, Hashable {
    case character(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, escape, tab, backTab
    case backspace, delete
    /// A letter with Ctrl held (`control("u")` is Ctrl-U).
    case control(Character)

    /// How help and the footer write the key.
    public var label: String {
        switch self {
        case let .character(c): String(c)
        case .up: "↑"
        case .down: "↓"
        case .left: "←"
        case .right: "→"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .escape: "Esc"
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .backspace: "Backspace"
        case .delete: "Del"
        case let .control(c): "Ctrl-\(String(c).uppercased())"
        }
    }
}
