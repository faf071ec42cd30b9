/// A closed set of lower-case words stored in the store and the import format (stages, statuses,
/// kinds…), with the list of allowed spellings for error messages.
public protocol Vocabulary: RawRepresentable, CaseIterable, Sendable, Hashable, Codable
where RawValue == String {}

extension Vocabulary {
    /// "a, b, c" — what an error message says was expected.
    public static var allowedList: String {
        allCases.map(\.rawValue).joined(separator: ", ")
    }
}
