/// A one-line text editor: insert at the cursor, move with ←/→/Home/End, delete with Backspace and
/// Del. Pasted text arrives as typed characters. Pure, so its key handling is tested directly.
public struct LineEditor: Sendable, Hashable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int

    public init(_ text: String = "") {
        characters = Array(text)
        cursor = characters.count
    }

    /// Replaces the whole text, cursor at the end (Tab completion).
    public mutating func replace(with text: String) {
        characters = Array(text)
        cursor = characters.count
    }

    public var text: String { String(characters) }

    /// Applies an editing key; returns false for keys that are not editing keys.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        switch key {
        case let .character(c):
            characters.insert(c, at: cursor)
            cursor += 1
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(characters.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = characters.count
        case .backspace:
            guard cursor > 0 else { return true }
            characters.remove(at: cursor - 1)
            cursor -= 1
        case .delete:
            guard cursor < characters.count else { return true }
            characters.remove(at: cursor)
        default:
            return false
        }
        return true
    }
}

/// What a prompt's text is for.
public enum PromptPurpose: Sendable, Hashable {
    case command
    case filter(PanelID)
    case assign(alert: String)
    case note(alert: String)
    case snooze(alert: String)
    case resolve(alert: String)

    /// The question shown before the text.
    public var question: String {
        switch self {
        case .command: ":"
        case let .filter(panel): "Filter \(panel.title):"
        case let .assign(alert): "Assign \(alert) to:"
        case let .note(alert): "Note on \(alert):"
        case let .snooze(alert): "Snooze \(alert) for (1h, 4h, 1d or e.g. 90m):"
        case let .resolve(alert): "Resolve \(alert); note (optional):"
        }
    }
}

/// A question at the bottom of the screen and the text typed in answer.
public struct Prompt: Sendable, Hashable {
    public var purpose: PromptPurpose
    public var editor: LineEditor

    public init(_ purpose: PromptPurpose, text: String = "") {
        self.purpose = purpose
        self.editor = LineEditor(text)
    }

    /// What Tab completion offered last, shown under the prompt.
    public var candidates: [String] = []
}
