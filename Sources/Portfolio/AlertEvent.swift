import Foundation

/// One entry of a drift alert's timeline: who did what, when, with an optional note.
public struct AlertEvent: Sendable, Hashable {
    public var kind: AlertEventKind
    public var at: Date
    public var actor: String?
    public var note: String?

    public init(kind: AlertEventKind, at: Date, actor: String? = nil, note: String? = nil) {
        self.kind = kind
        self.at = at
        self.actor = actor
        self.note = note
    }
}

extension AlertEvent: ScriptRecord {
    public var script: ScriptValue {
        .fields(["kind": .word(kind), "actor": .text(actor), "at": .time(at), "note": .text(note)])
    }
}
