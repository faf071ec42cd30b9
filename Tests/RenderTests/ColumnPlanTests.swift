import Dashboard
import Foundation
import Render
import Testing
import TestSupport

/// Columns keep still and give way by importance; plain terminals read every glyph.
@Suite("Column plan and plain terminals", .serialized)
struct ColumnPlanTests {
    /// Where each column starts on a panel's header line: the header's words and their columns.
    static func headerStarts(_ line: Substring) -> [String: Int] {
        var starts: [String: Int] = [:]
        var column = 0, word = "", start = 0
        for character in line {
            if character == " " || character == "│" || character == "┃" {
                if !word.isEmpty { starts[word] = start }
                word = ""
            } else {
                if word.isEmpty { start = column }
                word.append(character)
            }
            column += 1
        }
        if !word.isEmpty { starts[word] = start }
        return starts
    }

    @Test("Scrolling Drift Alerts at 120×36 past the open alerts to the acknowledged ones moves no column and cuts no header or score")
    func alertsColumnsKeepStill() throws {
        let engine = try GoldenFrameTests.engine(width: 120, height: 36)
        try engine.send(.key(.character("3")))
        let first = GoldenFrameTests.frame(engine).split(separator: "\n")
        let headerRow = try #require(first.firstIndex { $0.contains("SEVERITY") })
        var frames = [first]
        var sawAcknowledged = false
        for _ in 0..<40 {
            try engine.send(.key(.down))
            let frame = GoldenFrameTests.frame(engine).split(separator: "\n")
            frames.append(frame)
            sawAcknowledged = sawAcknowledged || frame.contains { $0.prefix(60).contains("acked") || $0.prefix(60).contains("acknowledged") }
        }
        #expect(sawAcknowledged, "the scroll reached no acknowledged alert")
        let header = first[headerRow].prefix(60)
        for frame in frames {
            #expect(frame[headerRow].prefix(60) == header, "the alerts header moved:\n\(header)\n\(frame[headerRow].prefix(60))")
            for line in frame[(headerRow + 1)...].prefix(13) where line.prefix(60).contains("≥") || line.prefix(60).contains("<") {
                #expect(!line.prefix(60).contains("≥0.…"), "a score cut: \(line.prefix(60))")
            }
        }
        #expect(!header.contains("…"), "a header cut: \(header)")
    }

    @Test("Every panel's plan at every width from 40 to 240 fits, keeps the most important column, and never depends on the rows")
    func planFitsEveryWidth() {
        let state = DashboardState(width: 200, height: 60, now: SharedSample.now, sourceLabel: "plan")
        for panel in PanelID.allCases {
            let columns = PanelViewModel.view(panel, state: state).table.columns
            let top = columns.indices.max { columns[$0].priority < columns[$1].priority }!
            for width in 40...240 {
                let widths = ColumnPlan.widths(columns, available: width)
                let used = widths.compactMap { $0 }
                #expect(used.reduce(0, +) + max(0, used.count - 1) <= width, "\(panel) at \(width): \(widths)")
                #expect(widths[top] != nil, "\(panel) at \(width) dropped \(columns[top].title)")
                for (index, w) in widths.enumerated() {
                    guard let w else { continue }
                    #expect(w >= min(columns[index].title.count, width), "\(panel) at \(width): \(columns[index].title) is \(w) wide")
                }
            }
        }
    }

    @Test("Without Unicode every glyph reads as ASCII: ≥ as >=, arrows as up/dn, the severity marks whole in their column")
    func asciiFallbacks() throws {
        #expect(TextOutput.plain({
            var canvas = Canvas(width: 30, height: 1, glyphs: .ascii)
            canvas.put("0.312≥0.25 ≤ ↑↓ ← → …", x: 0, y: 0, role: .text)
            return canvas
        }()).trimmingCharacters(in: .whitespacesAndNewlines) == "0.312>=0.25 <= updn <- -> ~")
        #expect(TextSanitizer.width("0.312≥0.25", unicode: false) == 11)
        let engine = try GoldenFrameTests.engine(width: 120, height: 36)
        let models = GoldenFrameTests.frame(engine, glyphs: .ascii)
        #expect(models.contains("up/dn move"), "footer:\n\(models.split(separator: "\n").last ?? "")")
        try engine.send(.key(.character("3")))
        let frame = GoldenFrameTests.frame(engine, glyphs: .ascii)
        #expect(frame.unicodeScalars.allSatisfy { $0.isASCII })
        #expect(frame.contains(">=0.25"))
        #expect(!frame.contains("!! critic~") && !frame.contains("?? move"))
        let rows = frame.split(separator: "\n").filter { $0.hasPrefix("|!!") || $0.hasPrefix("#!!") }
        #expect(!rows.isEmpty && rows.allSatisfy { $0.dropFirst().hasPrefix("!! crit ") }, "\(rows.prefix(2))")
    }
}
