/// How a column behaves when the table is narrower or wider than its content.
public struct TableColumn: Sendable, Hashable {
    public enum Alignment: Sendable, Hashable { case left, right }

    public var title: String
    public var minWidth: Int
    public var maxWidth: Int
    public var alignment: Alignment
    /// Lower priorities are dropped first when even minimum widths do not fit.
    public var priority: Int
    /// Flexible columns take the width left over, and give it back first when space is short.
    public var flexible: Bool
    /// The width at which every cell still says all it says, in its compact form (`◆ crit`):
    /// the first width a column gives up when space is short, since nothing is lost.
    public var compactWidth: Int?

    public init(_ title: String, min: Int, max: Int = 60, align: Alignment = .left, priority: Int = 5, flexible: Bool = false,
                compact: Int? = nil) {
        self.title = title
        self.minWidth = min
        self.maxWidth = max
        self.alignment = align
        self.priority = priority
        self.flexible = flexible
        self.compactWidth = compact
    }
}

/// One cell of a table: text (untrusted, sanitised when drawn) or a maturity level, with its meaning.
public struct TableCell: Sendable, Hashable {
    public enum Content: Sendable, Hashable {
        case text(String)
        /// A 0–4 level drawn as a bar, with the previous level for a trend mark.
        case level(Int, previous: Int?)
        /// Counts each after its symbol, in their own tones: `◆1 ▲2`.
        case counts([CountMark])
    }

    public var content: Content
    public var tone: Tone
    public var symbol: StatusSymbol?
    /// A shorter text for a column too narrow for the whole one (`crit` for `critical`).
    public var compact: String?

    public init(_ text: String, tone: Tone = .normal, symbol: StatusSymbol? = nil, compact: String? = nil) {
        self.content = .text(text)
        self.tone = tone
        self.symbol = symbol
        self.compact = compact
    }

    public init(level: Int, previous: Int?) {
        self.content = .level(level, previous: previous)
        self.tone = .normal
        self.symbol = nil
    }

    /// Counts after their symbols (`◆1 ▲2`), zero counts left out; `empty` when all are zero.
    public init(counts: [CountMark], empty: String) {
        let shown = counts.filter { $0.count != 0 }
        self.content = shown.isEmpty ? .text(empty) : .counts(shown)
        self.tone = shown.first?.tone ?? .dim
        self.symbol = nil
    }
}

/// One count of a counts cell: the symbol it follows, and the tone it is drawn in.
public struct CountMark: Sendable, Hashable {
    public var symbol: StatusSymbol
    public var count: Int
    public var tone: Tone

    public init(_ symbol: StatusSymbol, _ count: Int, tone: Tone) {
        self.symbol = symbol
        self.count = count
        self.tone = tone
    }
}

/// A panel's table as the view-model sees it: columns, the visible rows, and which one is selected.
public struct TableView: Sendable, Hashable {
    public var columns: [TableColumn]
    public var rows: [[TableCell]]
    /// Index into `rows`.
    public var selectedRow: Int?
    /// Shown in place of rows when there are none.
    public var emptyText: String
    /// The column the rows are sorted by, marked in the header.
    public var sortedColumn: Int?
    public var sortDescending = false
    /// In a detail view, the item each row leads to (nil: a row that is not a link).
    public var rowTargets: [DetailTarget?] = []
    /// Rows (indexes into `rows`) that changed at the last refresh: drawn marked, for one interval.
    public var changedRows: Set<Int> = []
    /// Columns sized by `ColumnPlan` (a panel's window of a longer result, so they keep still
    /// as it scrolls) rather than by the rows given (a whole result: details, `list`, `status`).
    public var fixedPlan = false

    public init(columns: [TableColumn], rows: [[TableCell]], selectedRow: Int?, emptyText: String = "nothing here") {
        self.columns = columns
        self.rows = rows
        self.selectedRow = selectedRow
        self.emptyText = emptyText
    }
}

/// A whole panel: its title, a position like `12/1,720`, and its table.
public struct PanelView: Sendable, Hashable {
    public var id: PanelID
    public var title: String
    public var position: String
    public var isFocused: Bool
    public var table: TableView
    /// The active filter and its `shown/total`, shown in the title; nil when unfiltered.
    public var filter: (text: String, counts: String)?

    public static func == (a: PanelView, b: PanelView) -> Bool {
        a.id == b.id && a.title == b.title && a.position == b.position && a.isFocused == b.isFocused && a.table == b.table
            && a.filter?.text == b.filter?.text && a.filter?.counts == b.filter?.counts
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(title)
        hasher.combine(position)
        hasher.combine(filter?.text)
    }
}
