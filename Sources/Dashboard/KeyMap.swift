import Portfolio

/// What a key asks the dashboard to do, whatever key it was.
public enum Command: Sendable, Hashable {
    case quit, refresh, help
    case nextPanel, previousPanel, focus(PanelID), focusLeft, focusRight
    case up, down, pageUp, pageDown, top, bottom
    case open, back
    /// A lifecycle action on the selected alert.
    case alert(AlertActionKind)
    case retry
    case filter, sortNext, sortReverse, commandLine, zoom
    /// Stop following the store (the screen keeps its data), or follow it again.
    case pause
    /// Copy the selected item's id (or name) to the terminal's clipboard.
    case copy
    /// The next window for the figures and charts: 7, 30, 90 days.
    case window
}

extension Command {
    /// The lifecycle action a command asks for, if it is one.
    public var alertActionKind: AlertActionKind? {
        if case let .alert(kind) = self { kind } else { nil }
    }

    /// Whether the command writes to the store.
    public var writes: Bool { alertActionKind != nil || self == .retry }
}

/// Where a key binding works.
public enum KeyScope: Sendable, Hashable {
    /// Everywhere except inside a prompt.
    case everywhere
    /// On the dashboard, whichever panel has the focus.
    case panels
    /// In any detail view.
    case details
    /// On the Drift Alerts panel and in an alert's detail view.
    case alerts
}

/// Where the user is, for choosing the bindings that apply.
public enum KeyContext: Sendable, Hashable {
    case panel(PanelID)
    case detail(DetailKind)

    public var title: String {
        switch self {
        case let .panel(panel): "\(panel.title) panel"
        case let .detail(kind): "\(kind.title) detail"
        }
    }

    func includes(_ scope: KeyScope) -> Bool {
        switch (scope, self) {
        case (.everywhere, _): true
        case (.panels, .panel): true
        case (.details, .detail): true
        case (.alerts, .panel(.alerts)), (.alerts, .detail(.alert)): true
        default: false
        }
    }
}

/// One binding: the keys, what they do, and where.
public struct KeyBinding: Sendable, Hashable {
    public var keys: [Key]
    public var command: Command
    public var scope: KeyScope
    public var description: String

    /// `j ↓`
    public var label: String { keys.map(\.label).joined(separator: " ") }
}

/// The one table of key bindings. The reducer looks keys up here and the help overlay lists it,
/// so help cannot go stale.
public enum KeyMap {
    public static let bindings: [KeyBinding] = [
        // Alert lifecycle first: the most specific scope wins.
        KeyBinding(keys: [.character("a")], command: .alert(.acknowledge), scope: .alerts, description: "acknowledge the alert"),
        KeyBinding(keys: [.character("A")], command: .alert(.assign), scope: .alerts, description: "assign the alert to someone"),
        KeyBinding(keys: [.character("n")], command: .alert(.note), scope: .alerts, description: "add a note to the alert"),
        KeyBinding(keys: [.character("z")], command: .alert(.snooze), scope: .alerts, description: "snooze the alert (1h, 4h, 1d, …)"),
        KeyBinding(keys: [.character("x")], command: .alert(.resolve), scope: .alerts, description: "resolve the alert (optional note)"),
        KeyBinding(keys: [.character("o")], command: .alert(.reopen), scope: .alerts, description: "reopen a resolved or snoozed alert"),

        KeyBinding(keys: [.escape, .character("h"), .left], command: .back, scope: .details,
                   description: "back one step along the path (from its first, to the dashboard)"),
        KeyBinding(keys: [.enter, .character("l"), .right], command: .open, scope: .details,
                   description: "follow the selected link: its model, alert, run or team"),
        KeyBinding(keys: [.character("k"), .up], command: .up, scope: .details, description: "select the link above (or scroll up)"),
        KeyBinding(keys: [.character("j"), .down], command: .down, scope: .details, description: "select the link below (or scroll down)"),
        KeyBinding(keys: [.pageUp], command: .pageUp, scope: .details, description: "scroll up a page"),
        KeyBinding(keys: [.pageDown], command: .pageDown, scope: .details, description: "scroll down a page"),
        KeyBinding(keys: [.character("g"), .home], command: .top, scope: .details, description: "scroll to the top"),
        KeyBinding(keys: [.character("G"), .end], command: .bottom, scope: .details, description: "scroll to the bottom"),

        KeyBinding(keys: [.tab], command: .nextPanel, scope: .panels, description: "focus the next panel"),
        KeyBinding(keys: [.backTab], command: .previousPanel, scope: .panels, description: "focus the previous panel"),
        KeyBinding(keys: [.character("1")], command: .focus(.models), scope: .panels, description: "focus Models"),
        KeyBinding(keys: [.character("2")], command: .focus(.runs), scope: .panels, description: "focus Pipeline Runs"),
        KeyBinding(keys: [.character("3")], command: .focus(.alerts), scope: .panels, description: "focus Drift Alerts"),
        KeyBinding(keys: [.character("4")], command: .focus(.maturity), scope: .panels, description: "focus Maturity"),
        KeyBinding(keys: [.character("h"), .left], command: .focusLeft, scope: .panels, description: "focus the panel to the left"),
        KeyBinding(keys: [.character("l"), .right], command: .focusRight, scope: .panels, description: "focus the panel to the right"),
        KeyBinding(keys: [.character("k"), .up], command: .up, scope: .panels, description: "select the row above"),
        KeyBinding(keys: [.character("j"), .down], command: .down, scope: .panels, description: "select the row below"),
        KeyBinding(keys: [.pageUp], command: .pageUp, scope: .panels, description: "page up"),
        KeyBinding(keys: [.pageDown], command: .pageDown, scope: .panels, description: "page down"),
        KeyBinding(keys: [.character("g"), .home], command: .top, scope: .panels, description: "first row"),
        KeyBinding(keys: [.character("G"), .end], command: .bottom, scope: .panels, description: "last row"),
        KeyBinding(keys: [.enter], command: .open, scope: .panels, description: "open the selected row's detail"),
        KeyBinding(keys: [.character("/")], command: .filter, scope: .panels, description: "filter the rows (Enter keeps, Esc clears)"),
        KeyBinding(keys: [.character("s")], command: .sortNext, scope: .panels, description: "sort by the next column"),
        KeyBinding(keys: [.character("S")], command: .sortReverse, scope: .panels, description: "reverse the sort"),
        KeyBinding(keys: [.character("f")], command: .zoom, scope: .panels, description: "fill the screen with this panel, all its columns (f again: all four)"),

        KeyBinding(keys: [.character(":")], command: .commandLine, scope: .everywhere,
                   description: "command line: :model NAME, :team NAME, :write FILE.csv, :messages … (Tab completes)"),
        KeyBinding(keys: [.character("r")], command: .refresh, scope: .everywhere, description: "refresh now"),
        KeyBinding(keys: [.character("y")], command: .copy, scope: .everywhere,
                   description: "copy the selected item's id or name (in a detail, the selected link's) to the clipboard"),
        KeyBinding(keys: [.character("w")], command: .window, scope: .everywhere,
                   description: "window of the header's figures and the charts: 7, 30 or 90 days"),
        KeyBinding(keys: [.character("p")], command: .pause, scope: .everywhere,
                   description: "pause refreshing: the data stays as it is (p again resumes)"),
        KeyBinding(keys: [.character("R")], command: .retry, scope: .everywhere,
                   description: "retry the alert action the store was too busy to save"),
        KeyBinding(keys: [.character("?")], command: .help, scope: .everywhere, description: "show or hide this help"),
        KeyBinding(keys: [.character("q")], command: .quit, scope: .everywhere, description: "quit"),
    ]

    /// The bindings that work in `context`, most specific first.
    public static func bindings(in context: KeyContext) -> [KeyBinding] {
        bindings.filter { context.includes($0.scope) }
    }

    public static func command(for key: Key, in context: KeyContext) -> Command? {
        bindings(in: context).first { $0.keys.contains(key) }?.command
    }
}
