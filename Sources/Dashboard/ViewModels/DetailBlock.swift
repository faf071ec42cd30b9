import Foundation

/// One block of a detail view, drawn top to bottom. Each knows its height at a given width, so
/// the reducer scrolls exactly as far as Render draws.
public enum DetailBlock: Sendable, Hashable {
    case heading(String)
    /// Label/value pairs, one per line.
    case fields([DetailField])
    case table(TableView)
    /// One line per series: name, sparkline of values, latest value.
    case sparklines([SparklineRow])
    /// One line of text, cut to the width.
    case note(String, Tone)
    /// Text wrapped to the width, indented.
    case paragraph(String, Tone, indent: Int)
    /// Horizontal bars scaled to the largest value: step durations.
    case bars([BarRow])
    /// A score against its threshold.
    case gauge(Gauge)
    case spacer

    public func height(width: Int) -> Int {
        switch self {
        case .heading, .note, .spacer: 1
        case let .fields(fields): fields.count
        case let .table(table): 1 + max(1, table.rows.count)
        case let .sparklines(rows): max(1, rows.count)
        case let .paragraph(text, _, indent): TextWrap.lines(text, width: width - indent).count
        case let .bars(rows): max(1, rows.count)
        case .gauge: 2
        }
    }
}

public struct DetailField: Sendable, Hashable {
    public var label: String
    public var value: String
    public var tone: Tone
    public var symbol: StatusSymbol?
    /// The item the line leads to: a link Enter follows.
    public var target: DetailTarget?
    /// The selected link (drawn highlighted).
    public var isSelected = false

    public init(_ label: String, _ value: String, tone: Tone = .normal, symbol: StatusSymbol? = nil, target: DetailTarget? = nil) {
        self.label = label
        self.value = value
        self.tone = tone
        self.symbol = symbol
        self.target = target
    }
}

public struct SparklineRow: Sendable, Hashable {
    public var name: String
    public var values: [Double]
    public var latest: String
    public var tone: Tone
}

public struct BarRow: Sendable, Hashable {
    public var label: String
    public var value: Double
    public var valueText: String
    public var tone: Tone
    public var symbol: StatusSymbol?
}

/// A drift score drawn against its threshold on a 0…`scaleMax` bar. For p-value tests drift is
/// *below* the threshold, for distances *at or above* it; `explanation` says which.
public struct Gauge: Sendable, Hashable {
    public var score: Double
    public var threshold: Double
    public var scaleMax: Double
    public var drifted: Bool
    public var tone: Tone
    public var explanation: String
}

/// Word wrapping for paragraphs: by words where possible, hard breaks inside a long word.
public enum TextWrap {
    public static func lines(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                var word = Substring(word)
                while word.count > width {
                    if !line.isEmpty { lines.append(line); line = "" }
                    lines.append(String(word.prefix(width)))
                    word = word.dropFirst(width)
                }
                if line.isEmpty {
                    line = String(word)
                } else if line.count + 1 + word.count <= width {
                    line += " " + word
                } else {
                    lines.append(line)
                    line = String(word)
                }
            }
            lines.append(line)
        }
        return lines.isEmpty ? [""] : lines
    }
}
