import Foundation
import Portfolio
import PortfolioStore

/// What `:write FILE.csv|FILE.json` writes: the focused panel's rows as filtered, sorted and
/// scoped, every column (those the grid drops too), each cell's whole text — the table the panel
/// shows, without its width. Typed records are `oversight list --json`'s job.
public enum PanelExport {
    /// At most this many rows are written; the message says when there were more.
    public static let rowLimit = 100_000

    public enum Format: Sendable, Hashable {
        case csv, json

        /// The format a file name asks for, by its extension.
        public init?(path: String) {
            switch (path as NSString).pathExtension.lowercased() {
            case "csv": self = .csv
            case "json": self = .json
            default: return nil
            }
        }
    }

    /// The table of every row given, with all of the panel's columns.
    public static func table(_ panel: PanelID, data: DashboardData, now: Date) -> TableView {
        PanelViewModel.table(panel, data, selected: -1, now: now)
    }

    /// The file's bytes. Text from the store stays inert when the file is shown on a terminal
    /// (`cat runs.csv`): JSON writes a control or invisible format character as `\uXXXX`, keeping
    /// the text exact; CSV, which has no escapes, writes it as the panel draws it (`inert`).
    public static func encode(_ table: TableView, as format: Format) throws -> Data {
        let titles = table.columns.map(\.title)
        let rows = table.rows.map { $0.map(text) }
        switch format {
        case .csv:
            let lines = ([titles] + rows).map { $0.map { csvField(inert($0)) }.joined(separator: ",") }
            return Data((lines.joined(separator: "\r\n") + "\r\n").utf8)
        case .json:
            // Two titles with one key: the first column keeps it.
            let keys = titles.map(jsonKey)
            let kept = keys.indices.filter { keys.firstIndex(of: keys[$0]) == $0 }
            let objects = rows.map { row in ScriptValue.object(kept.filter(row.indices.contains).map { (keys[$0], .text(row[$0])) }) }
            return Data(ScriptJSON.text(.array(objects), pretty: true, escaping: \.isUnsafeForTerminal).utf8)
        }
    }

    /// `text` as a panel draws it: a tab or line break a space, another control character U+FFFD,
    /// an invisible format character (a bidi override) left out.
    static func inert(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: \.isUnsafeForTerminal) else { return text }
        var kept = String.UnicodeScalarView()
        for scalar in text.unicodeScalars where !scalar.isInvisibleFormat {
            guard scalar.isTerminalControl else { kept.append(scalar); continue }
            kept.append("\t\n\r".unicodeScalars.contains(scalar) ? " " : "\u{FFFD}")
        }
        return String(kept)
    }

    /// A cell's whole text: counts as `1 critical, 2 warning`, a level as its number.
    static func text(_ cell: TableCell) -> String {
        switch cell.content {
        case let .text(text): text
        case let .level(level, _): String(level)
        case let .counts(marks): marks.map { "\($0.count) \($0.symbol.rawValue)" }.joined(separator: ", ")
        }
    }

    /// RFC 4180: quoted when it holds a comma, a quote or a line break. A field that a
    /// spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is quoted with a `'` before it.
    public static func csvField(_ text: String) -> String {
        var text = text
        if let first = text.first, "=+-@".contains(first), Double(text) == nil { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `VALUE/YR` → `value_yr`, `TEAM a/d` → `team_a_d`.
    static func jsonKey(_ title: String) -> String {
        title.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: "_")
    }
}
