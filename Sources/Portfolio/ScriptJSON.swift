import Foundation

/// How the records write themselves for scripts (`list --json`, `status --json`): keys in
/// snake_case, times ISO-8601 UTC, every field present (null when unknown), and a number that is
/// not finite (a NaN or infinity a writer stored) as null, since JSON has none.
public enum ScriptValue: Encodable {
    case text(String?)
    case int(Int?)
    case number(Double?)
    case bool(Bool)
    case time(Date?)
    case value(any Encodable)

    public static func word(_ word: (some Vocabulary)?) -> ScriptValue { .text(word?.rawValue) }

    public func encode(to encoder: Encoder) throws {
        var json = encoder.singleValueContainer()
        switch self {
        case let .text(text): try json.encode(text)
        case let .int(int): try json.encode(int)
        case let .number(number): try json.encode(number.flatMap { $0.isFinite ? $0 : nil })
        case let .bool(bool): try json.encode(bool)
        case let .time(date): try json.encode(date.map(ISOTime.format))
        case let .value(value): try json.encode(value)
        }
    }
}

/// A JSON object's key, any text (the evidence's named figures are keys too).
struct ScriptKey: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
}

extension Encoder {
    /// Writes `fields` as (part of) a JSON object: a record's shape for scripts, in one place.
    public func script(_ fields: KeyValuePairs<String, ScriptValue>) throws {
        var json = container(keyedBy: ScriptKey.self)
        for (key, value) in fields { try json.encode(value, forKey: ScriptKey(stringValue: key)) }
    }

    /// The same for fields known only at run time (the evidence's named figures).
    public func script(_ fields: [(String, ScriptValue)]) throws {
        var json = container(keyedBy: ScriptKey.self)
        for (key, value) in fields { try json.encode(value, forKey: ScriptKey(stringValue: key)) }
    }
}
