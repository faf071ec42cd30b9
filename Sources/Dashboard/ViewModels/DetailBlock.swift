import Foundation

/// One block of a detail view, drawn top to bottom. Each knows its height at a given width, so
/// the reducer scrolls exactly as far as Render draws.
public enum DetailBlock: Sendable, Hashable {
    case heading(String)
    /// Label/value pairs, one per line.
    case fields([DetailField])
    case table(TableView)
    /// One line per series: name, its values placed by time across the axis, latest value; then a
    /// line of dates.
    case sparklines([SparklineRow], axis: TimeAxis)
    /// A series over time on several lines, with its threshold drawn across and dates below.
    case chart(Chart)
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
        case let .sparklines(rows, _): rows.isEmpty ? 1 : rows.count + 1
        case let .chart(chart): chart.rows + 2
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
    /// When each value was taken, placed by time on the block's axis.
    public var times: [Date]
    public var latest: String
    public var tone: Tone
}

/// A time span drawn left to right, with dates at its start, middle and end.
public struct TimeAxis: Sendable, Hashable {
    public var from: Date
    public var to: Date
    public var labels: [String]

    /// `from … to` labelled in `zone`: dates, or times for a span under two days.
    public init(from: Date, to: Date, zone: TimeZone) {
        self.from = from
        self.to = max(to, from.addingTimeInterval(1))
        let middle = from.addingTimeInterval(self.to.timeIntervalSince(from) / 2)
        let short = self.to.timeIntervalSince(from) < 2 * 86_400
        labels = [from, middle, self.to].map { short ? Format.dateTime($0, zone: zone) : Format.date($0, zone: zone) }
    }
}

/// A series drawn as a small chart: `rows` lines of bars by time across `axis`, the threshold a
/// line across it, the latest value and what the threshold means beside it.
public struct Chart: Sendable, Hashable {
    public var values: [Double]
    public var times: [Date]
    public var axis: TimeAxis
    public var threshold: Double?
    /// `threshold 0.25 (drift at or above)`.
    public var legend: String
    public var tone: Tone
    public var rows = 4
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
                // Cut by index, not by counting what is left each time: a word of megabytes (an
                // error text another client stored) takes one pass, not one per line it makes.
                while let cut = word.index(word.startIndex, offsetBy: width, limitedBy: word.endIndex), cut < word.endIndex {
                    if !line.isEmpty { lines.append(line); line = "" }
                    lines.append(String(word[..<cut]))
                    word = word[cut...]
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
