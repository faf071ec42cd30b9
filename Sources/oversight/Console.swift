import Foundation
import Portfolio
import Render

/// Where every line the CLI prints leaves the program. Text from the store, from input files and
/// from the command line is untrusted: a model name, an assignee or a bad value echoed in an error
/// can hold escape sequences (an OSC 52 clipboard write, a title change) or bidi overrides. Human
/// text passes the cell grid's own sanitizer (`TextSanitizer.line`), line by line; JSON keeps every
/// string exact but writes C1 controls, DEL, line separators and invisible format characters as
/// `\uXXXX`, and non-finite numbers (which JSON cannot hold) as null.
enum Console {
    /// Unicode replacement marks when the locale is UTF-8, `?` otherwise — as on screen.
    static let unicode = Glyphs.forLocale(ProcessInfo.processInfo.environment).isUnicode

    /// `text` made safe for a terminal as one line: a line break in it — which only data can
    /// bring into a one-line message — is a space, so a name cannot forge a line of output
    /// (`check`'s status line, a "created pipeline" line).
    static func line(_ text: String) -> String {
        TextSanitizer.line(text, unicode: unicode)
    }

    /// `text` made safe for a terminal, keeping its line breaks: for text the program lays out
    /// over lines (a table drawn on the cell grid, help), whose data is one line per cell already.
    static func clean(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { TextSanitizer.line(String($0), unicode: unicode) }
            .joined(separator: "\n")
    }

    /// Prints one line of human-readable text on standard output.
    static func out(_ text: String = "") {
        print(line(text))
    }

    /// Prints text the program lays out over lines on standard output.
    static func block(_ text: String, terminator: String = "\n") {
        print(clean(text), terminator: terminator)
    }

    /// Prints `oversight: MESSAGE`, one line, on standard error.
    static func error(_ message: String) {
        writeError("oversight: \(line(message))\n")
    }

    /// Writes text the program lays out over lines on standard error as it is once cleaned (no prefix).
    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data(clean(text).utf8))
    }

    /// A record (or records) as JSON text, keys sorted, laid out for reading unless `pretty` is
    /// false (one line, for a stream of them), and safe for a terminal.
    static func json(_ value: ScriptValue, pretty: Bool = false) -> String {
        ScriptJSON.text(value, pretty: pretty, escaping: \.isUnsafeForTerminal)
    }

    /// The same for a record.
    static func json(_ record: some ScriptRecord, pretty: Bool = false) -> String { json(record.script, pretty: pretty) }

    /// Prints a record (or records) as JSON on standard output.
    static func printJSON(_ value: ScriptValue, pretty: Bool = true) {
        print(json(value, pretty: pretty))
    }

    /// The same for a record.
    static func printJSON(_ record: some ScriptRecord, pretty: Bool = true) { printJSON(record.script, pretty: pretty) }
}
