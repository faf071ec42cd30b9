import Dashboard

/// The tab bar of the one-panel layout: every panel with its number, the shown one highlighted
/// and bracketed so it stands out without colour.
public enum TabBar {
    public static func draw(_ canvas: inout Canvas, _ rect: Rect, shown: PanelID) {
        var x = rect.x
        for panel in PanelID.allCases {
            let active = panel == shown
            let label = active ? "[\(panel.rawValue) \(panel.title)]" : " \(panel.rawValue) \(panel.title) "
            x += canvas.put(label, x: x, y: rect.y, maxWidth: rect.x + rect.width - x, role: active ? .tabActive : .tabInactive)
            x += canvas.put(" ", x: x, y: rect.y, role: .text)
        }
    }
}
