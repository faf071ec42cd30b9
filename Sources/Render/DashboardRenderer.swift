import Dashboard
import Foundation

/// Renders the whole screen for a state into a canvas: header, the panels (grid or tabs) or the
/// open detail view, and the footer. Pure: the same state, glyphs and zone give the same frame.
public enum DashboardRenderer {
    /// Below this the layout cannot show anything useful.
    public static let minimum = (width: 40, height: 10)

    /// Times in `zone`, by default the state's (the `timezone` setting).
    public static func render(_ state: DashboardState, glyphs: Glyphs, zone: TimeZone? = nil) -> Canvas {
        let zone = zone ?? state.timeZone
        var canvas = Canvas(width: state.width, height: state.height, glyphs: glyphs)
        guard state.width >= minimum.width, state.height >= minimum.height else {
            drawTooSmall(&canvas)
            return canvas
        }
        let layout = state.layout
        HeaderWidget.draw(&canvas, layout.header, HeaderView(state: state, zone: zone))
        if let tabs = layout.tabs { TabBar.draw(&canvas, tabs, shown: state.shownPanel) }
        if let detail = state.detail {
            DetailRenderer.draw(&canvas, layout.body, DetailView(detail, trail: state.trail.map(\.target), now: state.now, zone: zone),
                                scroll: detail.scroll)
        } else {
            for panel in PanelID.allCases {
                guard let rect = layout.panels[panel], rect.width > 0, rect.height > 0 else { continue }
                drawPanel(&canvas, rect, PanelViewModel.view(panel, state: state))
            }
        }
        FooterWidget.draw(&canvas, layout.footer, FooterView(state: state))
        if state.showHelp { HelpOverlay.draw(&canvas, layout.body, HelpView(state: state)) }
        if state.showMessages { MessagesOverlay.draw(&canvas, layout.body, state.messages, zone: zone) }
        return canvas
    }

    static func drawPanel(_ canvas: inout Canvas, _ rect: Rect, _ view: PanelView) {
        let title = "\(view.id.rawValue) \(view.title)" + (view.filter.map { "  /\($0.text)  \($0.counts)" } ?? "")
        let inner = PanelBox.draw(&canvas, rect, title: title, position: view.position, focused: view.isFocused)
        TableWidget.draw(&canvas, inner, view.table)
    }

    static func drawTooSmall(_ canvas: inout Canvas) {
        let lines = ["terminal too small", "need \(minimum.width)×\(minimum.height)", "q quits"]
        for (i, line) in lines.enumerated() where i < canvas.height {
            let width = TextSanitizer.width(line, unicode: canvas.glyphs.isUnicode)
            canvas.put(line, x: max(0, (canvas.width - width) / 2), y: max(0, canvas.height / 2 - 1) + i, role: .warn)
        }
    }
}
