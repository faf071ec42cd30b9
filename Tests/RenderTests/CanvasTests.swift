import Dashboard
import Render
import Testing

/// Untrusted text reaches the grid inert; tables fit their width without wrapping.
@Suite("Canvas and widgets")
struct CanvasTests {
    @Test("Escape sequences and control characters from the store are drawn as visible, inert marks")
    func controlCharactersAreInert() {
        var canvas = Canvas(width: 40, height: 1, glyphs: .unicode)
        canvas.put("a\u{1B}[31mred\u{07}\u{9B}2J\r\nz", x: 0, y: 0, role: .text)
        let line = canvas.lines[0]
        #expect(!line.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        // "\r\n" is one character (a grapheme cluster), so one space.
        #expect(line == "a\u{FFFD}[31mred\u{FFFD}\u{FFFD}2J z")
    }

    @Test("Bidi overrides and zero-width characters are dropped so they cannot reorder the screen")
    func invisibleFormattingDropped() {
        var canvas = Canvas(width: 20, height: 1, glyphs: .unicode)
        canvas.put("ab\u{202E}cd\u{200B}ef\u{2066}", x: 0, y: 0, role: .text)
        #expect(canvas.lines[0] == "abcdef")
    }

    @Test("Wide characters take two cells and never spill past the width")
    func wideCharacters() {
        var canvas = Canvas(width: 7, height: 1, glyphs: .unicode)
        let used = canvas.put("模型漂移检测", x: 0, y: 0, role: .text)
        #expect(used == 7)
        var odd = Canvas(width: 6, height: 1, glyphs: .unicode)
        odd.put("模型漂移", x: 0, y: 0, role: .text)
        #expect(odd.lines[0] == "模型 …")
        #expect(canvas.lines[0] == "模型漂…")
        #expect(canvas[1, 0].text == "")
    }

    @Test("Drawing over either half of a wide character blanks its other half, so no half reaches the terminal")
    func overwritingHalfAWideCharacter() {
        var canvas = Canvas(width: 6, height: 1, glyphs: .unicode)
        canvas.put("模型漂", x: 0, y: 0, role: .text)
        canvas.putGlyph("│", x: 1, y: 0, role: .border)  // the right half of 模
        canvas.put("x", x: 2, y: 0, role: .text)          // the left half of 型
        #expect(canvas.lines[0] == " │x 漂")
        #expect(canvas[3, 0].text == " ")
        #expect(canvas[5, 0].text == "")
    }

    @Test("In ASCII mode non-ASCII text becomes ASCII stand-ins")
    func asciiMode() {
        var canvas = Canvas(width: 20, height: 1, glyphs: .ascii)
        canvas.put("a—b…c\u{1B}é", x: 0, y: 0, role: .text)
        #expect(canvas.lines[0] == "a-b~c??")
    }

    @Test("Text longer than its room is cut with an ellipsis, never wrapped")
    func truncation() {
        var canvas = Canvas(width: 10, height: 2, glyphs: .unicode)
        canvas.put("retail-demand-forecast", x: 0, y: 0, maxWidth: 8, role: .text)
        #expect(canvas.lines == ["retail-…", ""])
    }

    @Test("A narrow table drops its least important columns and cuts flexible ones")
    func tableAdapts() {
        let table = TableView(
            columns: [TableColumn("NAME", min: 6, priority: 10, flexible: true), TableColumn("STATUS", min: 6, priority: 9),
                      TableColumn("NOTE", min: 8, priority: 1, flexible: true)],
            rows: [[TableCell("a-very-long-model-name"), TableCell("failed"), TableCell("something long to say here")]],
            selectedRow: 0)
        var wide = Canvas(width: 70, height: 2, glyphs: .unicode)
        TableWidget.draw(&wide, Rect(x: 0, y: 0, width: 70, height: 2), table)
        #expect(wide.lines[1].contains("something long to say here"))
        var narrow = Canvas(width: 20, height: 2, glyphs: .unicode)
        TableWidget.draw(&narrow, Rect(x: 0, y: 0, width: 20, height: 2), table)
        #expect(!narrow.lines[0].contains("NOTE"))
        #expect(narrow.lines[1].hasPrefix("a-very-long-"))
        #expect(narrow.lines[1].contains("…"))
        #expect(narrow.lines[1].contains("failed"))
        #expect(narrow.lines.allSatisfy { $0.count <= 20 })
    }

    @Test("The selected row is drawn in the selection role across the whole width")
    func selectionRole() {
        let table = TableView(columns: [TableColumn("A", min: 3)], rows: [[TableCell("x")], [TableCell("y")]], selectedRow: 1)
        var canvas = Canvas(width: 10, height: 3, glyphs: .unicode)
        TableWidget.draw(&canvas, Rect(x: 0, y: 0, width: 10, height: 3), table)
        #expect((0..<10).allSatisfy { canvas[$0, 2].role == .selection })
        #expect(canvas[5, 1].role != .selection)
    }

    @Test("A sparkline spans lowest to highest block and a level bar shows the digit and trend")
    func sparklineAndLevel() {
        var canvas = Canvas(width: 10, height: 2, glyphs: .unicode)
        Sparkline.draw(&canvas, x: 0, y: 0, width: 5, values: [1, 2, 3, 4, 5], role: .sparkline)
        #expect(canvas.lines[0] == "▁▃▅▆█" || canvas.lines[0] == "▁▃▄▆█")
        LevelBar.draw(&canvas, x: 0, y: 1, level: 3, previous: 1, selected: false)
        #expect(canvas.lines[1] == "■■■·3↑")
    }

    @Test("Layout: four panels from 120×36, tabs below it in either dimension")
    func layoutThreshold() {
        #expect(Layout(width: 120, height: 36, focus: .models).isGrid)
        #expect(!Layout(width: 119, height: 36, focus: .models).isGrid)
        #expect(!Layout(width: 200, height: 35, focus: .models).isGrid)
        let grid = Layout(width: 200, height: 60, focus: .models)
        let covered = grid.panels.values.reduce(0) { $0 + $1.width * $1.height }
        #expect(covered == grid.body.width * grid.body.height)
    }

    @Test("A terminal below the minimum gets a 'too small' screen that names the size needed")
    func tooSmall() {
        let state = DashboardState(width: 30, height: 6, now: .now, sourceLabel: "x")
        let text = DashboardRenderer.render(state, glyphs: .unicode).lines.joined(separator: "\n")
        #expect(text.contains("terminal too small"))
        #expect(text.contains("need 40×10"))
    }

    @Test("The help overlay shows every binding the key map lists for the context that works there, in every context")
    func helpListsEveryBinding() {
        let contexts: [(PanelID, DetailTarget?)] = PanelID.allCases.map { ($0, nil) }
            + [(.models, .model("m")), (.runs, .run("r")), (.alerts, .alert("a")), (.maturity, .team("t"))]
        for (panel, target) in contexts {
            var state = DashboardState(width: 160, height: 60, now: .now, sourceLabel: "x")
            state.focus = panel
            state.detail = target.map { DetailState($0) }
            state.showHelp = true
            let text = DashboardRenderer.render(state, glyphs: .unicode).lines.joined(separator: "\n")
            for binding in KeyMap.bindings(in: state.keyContext) where state.refusal(binding.command) == nil {
                #expect(text.contains(binding.label + " "), "\(binding.label) missing in help for \(state.keyContext.title)")
                #expect(text.contains(binding.description), "'\(binding.description)' missing in help for \(state.keyContext.title)")
            }
        }
    }

    @Test("Emoji from the transport and extended pictograph blocks take two columns, as the C library's wcwidth says terminals draw them")
    func emojiWidths() {
        for emoji in ["🚀", "🚑", "🛑", "🪐", "🙂", "🤖"] {
            #expect(TextSanitizer.width(emoji, unicode: true) == 2, "\(emoji)")
        }
        #expect(TextSanitizer.width("✔▶◆", unicode: true) == 3)
    }

    @Test("A text of megabytes draws as its start, cut with the ellipsis, and measures no wider than asked")
    func hugeTextDrawsItsStart() {
        let texts = [String(repeating: "x", count: 3_000_000), String(repeating: "→", count: 1_000_000),
                     "err\n" + String(repeating: "é\u{301}模", count: 500_000)]
        for glyphs in [Glyphs.unicode, .ascii] {
            for text in texts {
                // The same drawn from a short start of it that still overflows the 20 columns.
                var huge = Canvas(width: 30, height: 1, glyphs: glyphs), start = Canvas(width: 30, height: 1, glyphs: glyphs)
                let used = huge.put(text, x: 2, y: 0, maxWidth: 20, role: .text)
                let expected = start.put(String(text.unicodeScalars.prefix(30)) + "…", x: 2, y: 0, maxWidth: 20, role: .text)
                #expect(used == 20 && used == expected && huge.lines == start.lines, "\(huge.lines) vs \(start.lines)")
                #expect(TextSanitizer.width(text, unicode: glyphs.isUnicode, atMost: 60) == 60)
            }
            // One character of a million combining marks: it, then the ellipsis.
            var marks = Canvas(width: 30, height: 1, glyphs: glyphs)
            #expect(marks.put("a" + String(repeating: "\u{301}", count: 1_000_000) + "bc", x: 0, y: 0, maxWidth: 20, role: .text) == 20)
            #expect(marks.lines[0].hasSuffix(glyphs.ellipsis) && marks.lines[0].unicodeScalars.count < 200, "\(marks.lines)")
        }
        #expect(TextSanitizer.width("abc", unicode: true, atMost: 60) == 3 && TextSanitizer.width("abcdef", unicode: true, atMost: 4) == 4)
    }
}
