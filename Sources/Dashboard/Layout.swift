/// A rectangle of cells on the screen.
public struct Rect: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }
}

/// Where everything goes at a given terminal size: a header, the four panels in a 2×2 grid when
/// the terminal is at least 120×36, otherwise one panel at a time under a tab bar, and a footer.
/// Pure, so the reducer knows how many rows a page holds.
public struct Layout: Sendable, Hashable {
    public static let gridMinimum = (width: 120, height: 36)
    public static let headerHeight = 2

    public var width: Int
    public var height: Int
    public var header: Rect
    public var footer: Rect
    /// The tab bar, in tabbed mode only.
    public var tabs: Rect?
    /// The body: the whole area below the header (and tabs) and above the footer.
    public var body: Rect
    public var panels: [PanelID: Rect]

    public var isGrid: Bool { tabs == nil }

    /// `solo` shows one panel over the whole body (for `snapshot --panel`).
    public init(width: Int, height: Int, focus: PanelID, solo: PanelID? = nil) {
        self.width = width
        self.height = height
        header = Rect(x: 0, y: 0, width: width, height: min(Self.headerHeight, height))
        footer = Rect(x: 0, y: max(0, height - 1), width: width, height: height > Self.headerHeight ? 1 : 0)
        let top = header.height
        let bottom = footer.height > 0 ? footer.y : height
        if let solo {
            tabs = nil
            body = Rect(x: 0, y: top, width: width, height: bottom - top)
            var panels: [PanelID: Rect] = [:]
            for panel in PanelID.allCases { panels[panel] = panel == solo ? body : Rect(x: 0, y: 0, width: 0, height: 0) }
            self.panels = panels
        } else if width >= Self.gridMinimum.width, height >= Self.gridMinimum.height {
            tabs = nil
            body = Rect(x: 0, y: top, width: width, height: bottom - top)
            let leftWidth = width / 2
            let topHeight = (body.height + 1) / 2
            panels = [
                .models: Rect(x: 0, y: top, width: leftWidth, height: topHeight),
                .runs: Rect(x: leftWidth, y: top, width: width - leftWidth, height: topHeight),
                .alerts: Rect(x: 0, y: top + topHeight, width: leftWidth, height: body.height - topHeight),
                .maturity: Rect(x: leftWidth, y: top + topHeight, width: width - leftWidth, height: body.height - topHeight),
            ]
        } else {
            tabs = Rect(x: 0, y: top, width: width, height: 1)
            body = Rect(x: 0, y: top + 1, width: width, height: bottom - top - 1)
            var panels: [PanelID: Rect] = [:]
            for panel in PanelID.allCases {
                panels[panel] = panel == focus ? body : Rect(x: 0, y: 0, width: 0, height: 0)
            }
            self.panels = panels
        }
    }

    /// Table rows that fit in a panel: its height less the border (2) and the column header (1).
    public func visibleRows(_ panel: PanelID) -> Int {
        max(1, (panels[panel]?.height ?? 0) - 3)
    }
}
