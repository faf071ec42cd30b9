/// A one-line text editor as every shell's: insert at the cursor, move with ←/→/Home/End (and
/// Ctrl-A/Ctrl-E), delete with Backspace and Del, Ctrl-U deletes back to the start, Ctrl-W the word
/// before the cursor. A suggested text (`4h` for a snooze) is replaced by the first character
/// typed, cleared by Backspace, kept by Enter or a move. Pasted text arrives as typed characters.
/// Pure, so its key handling is tested directly.
public struct LineEditor: Sendable, Hashable {
    public private(set) var characters: [Character]
    public private(set) var cursor: Int
    /// The text is a suggestion nobody has edited yet.
    public private(set) var isSuggestion = false

    public init(_ text: String = "", suggested: Bool = false) {
        characters = Array(text)
        cursor = characters.count
        isSuggestion = suggested && !text.isEmpty
    }

    /// Replaces the whole text, cursor at the end (Tab completion).
    public mutating func replace(with text: String) {
        characters = Array(text)
        cursor = characters.count
        isSuggestion = false
    }

    public var text: String { String(characters) }

    /// Applies an editing key; returns false for keys that are not editing keys.
    @discardableResult
    public mutating func handle(_ key: Key) -> Bool {
        if isSuggestion {
            isSuggestion = false
            switch key {
            case .character, .backspace, .delete, .control("u"), .control("w"):
                characters = []
                cursor = 0
                if case .character = key {} else { return true }
            default:
                break
            }
        }
        switch key {
        case .control("a"): cursor = 0
        case .control("e"): cursor = characters.count
        case .control("u"):
            characters.removeSubrange(0..<cursor)
            cursor = 0
        case .control("w"):
            var start = cursor
            while start > 0, characters[start - 1].isWhitespace { start -= 1 }
            while start > 0, !characters[start - 1].isWhitespace { start -= 1 }
            characters.removeSubrange(start..<cursor)
            cursor = start
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

    /// `suggested`: the text is a suggestion, replaced by the first character typed.
    public init(_ purpose: PromptPurpose, text: String = "", suggested: Bool = false) {
        self.purpose = purpose
        self.editor = LineEditor(text, suggested: suggested)
    }

    /// What Tab completion offered last, shown under the prompt.
    public var candidates: [String] = []
}
