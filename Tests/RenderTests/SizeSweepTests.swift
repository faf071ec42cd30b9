import Dashboard
import Foundation
import Portfolio
import PortfolioStore
import Render
import Testing
import TestSupport

/// The renderer at sizes nobody chose, with hostile text from the store in every panel: the frame
/// is always exactly the terminal's size, wide characters are never split, and no control,
/// bidi or zero-width character reaches a cell.
@Suite("Every size")
struct SizeSweepTests {
    static let hostile = "模型🚀\u{1B}]0;PWNED\u{07}\u{1B}[7mE\u{9B}2J\u{7F}\u{202E}rtl\u{200B}zw\u{2066}é"

    /// The sample loaded for the largest size (so every panel has rows), with hostile text in them.
    static func hostileState() throws -> DashboardState {
        var state = DashboardState(width: 300, height: 100, now: SharedSample.now, sourceLabel: hostile, isSample: true)
        state.lastPoll = SharedSample.now
        let engine = try DashboardEngine(store: SharedSample.store, state: state)
        state = engine.state
        state.data.models.rows[0].name = hostile
        state.data.models.rows[1].owner = hostile
        state.data.runs.rows[0].model = hostile
        state.data.runs.rows[1].pipeline = "ａｂｃ" + hostile
        state.data.alerts.rows[0].feature = hostile
        state.data.maturity.rows[0].team = hostile
        state.message = hostile
        return state
    }

    /// Sizes: every width at heights around each threshold, every height at widths around each threshold.
    static let sizes: [(Int, Int)] = {
        let heights = [1, 3, 9, 10, 35, 36, 100]
        let widths = [1, 18, 39, 40, 119, 120, 300]
        return heights.flatMap { h in (1...300).map { ($0, h) } } + widths.flatMap { w in (1...100).map { (w, $0) } }
    }()

    static func problems(in canvas: Canvas) -> [String] {
        var found: [String] = []
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                let text = canvas[x, y].text
                if text.utf8.count == 1, let byte = text.utf8.first, byte >= 0x20, byte < 0x7F { continue }
                if text.isEmpty {
                    if x == 0 || TextSanitizer.width(canvas[x - 1, y].text, unicode: true) != 2 { found.append("orphan right half at \(x),\(y)") }
                    continue
                }
                let width = TextSanitizer.width(text, unicode: true)
                if width == 2, x + 1 >= canvas.width || !canvas[x + 1, y].text.isEmpty { found.append("split wide '\(text)' at \(x),\(y)") }
                if width == 0 { found.append("zero-width cell at \(x),\(y)") }
                for scalar in text.unicodeScalars {
                    let v = scalar.value
                    if v < 0x20 || (0x7F...0x9F).contains(v) || scalar.properties.generalCategory == .format {
                        found.append("control U+\(String(v, radix: 16)) at \(x),\(y)")
                    }
                }
            }
        }
        return found
    }

    @Test("Every width at heights around each threshold and every height at widths around each threshold gives a whole, inert frame")
    func sweep() throws {
        var state = try Self.hostileState()
        var failures: [String] = []
        for (width, height) in Self.sizes {
            state.width = width
            state.height = height
            let canvas = DashboardRenderer.render(state, glyphs: .unicode, zone: TimeZone(identifier: "UTC")!)
            guard canvas.width == width, canvas.height == height, canvas.cells.count == width * height else {
                failures.append("\(width)×\(height): canvas is \(canvas.width)×\(canvas.height)")
                continue
            }
            let lines = canvas.lines.joined(separator: "\n")
            let tooSmall = width < DashboardRenderer.minimum.width || height < DashboardRenderer.minimum.height
            if tooSmall, width >= 18, height >= 3, !lines.contains("terminal too small") {
                failures.append("\(width)×\(height): no too-small screen")
            }
            if !tooSmall {
                let expected = width >= Layout.gridMinimum.width && height >= Layout.gridMinimum.height ? "4 Maturity" : "[1 Models]"
                if !lines.contains(expected) { failures.append("\(width)×\(height): no '\(expected)'") }
            }
            failures += Self.problems(in: canvas).prefix(3).map { "\(width)×\(height): \($0)" }
            if failures.count > 20 { break }
        }
        #expect(failures.isEmpty, "\(failures.count) problems:\n\(failures.joined(separator: "\n"))")
    }

    @Test("Hostile text in ASCII mode becomes printable ASCII at every width")
    func asciiSweep() throws {
        var state = try Self.hostileState()
        state.height = 40
        for width in stride(from: 1, through: 200, by: 3) {
            state.width = width
            let canvas = DashboardRenderer.render(state, glyphs: .ascii, zone: TimeZone(identifier: "UTC")!)
            let bad = canvas.cells.filter { !$0.text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0.value < 0x7F } }
            #expect(bad.isEmpty, "\(width)×40: \(bad.prefix(3).map(\.text))")
        }
    }
}
