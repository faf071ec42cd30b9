/// One record as read from a file, not yet checked: its kind, its fields, and where it came from.
struct RawRecord: Sendable {
    var kind: RecordKind
    var fields: RawNode
    var file: String
    /// `models[3]` in a YAML/JSON file, `line 12` in NDJSON.
    var position: String

    var line: Int? { fields.line }
}
