import Foundation

/// Why an import was refused: the file, the line where known, the record and the field, and what
/// was expected. Nothing was written when one is thrown.
public struct ImportError: Error, CustomStringConvertible, Equatable {
    public var file: String
    public var line: Int?
    public var record: String?
    public var field: String?
    public var message: String

    public init(file: String, line: Int? = nil, record: String? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.record = record
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let record { text += ": \(record)" }
        if let field { text += ": field '\(field)'" }
        return text + ": " + message
    }
}
