import Foundation

/// How the records write themselves for scripts (`list --json`, `status --json`): keys in
/// snake_case, times ISO-8601 UTC, every optional field present (null when unknown), and a number
/// that is not finite (a NaN or infinity a writer stored) as null, since JSON has none.
public struct ScriptKey: CodingKey {
    public var stringValue: String
    public var intValue: Int? { nil }
    public init(_ name: String) { stringValue = name }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}

extension KeyedEncodingContainer where Key == ScriptKey {
    public mutating func put(_ key: String, _ value: (some Encodable)?) throws {
        try encode(value, forKey: ScriptKey(key))
    }

    public mutating func put(_ key: String, _ value: Double?) throws {
        try encode(value.flatMap { $0.isFinite ? $0 : nil }, forKey: ScriptKey(key))
    }

    public mutating func put(_ key: String, _ value: Date?) throws {
        try encode(value.map(ISOTime.format), forKey: ScriptKey(key))
    }

    public mutating func put(_ key: String, _ value: (some Vocabulary)?) throws {
        try encode(value?.rawValue, forKey: ScriptKey(key))
    }
}
