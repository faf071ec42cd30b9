import Foundation
import Render
import Testing
import TestSupport

/// Themes load from themes/, degrade to fewer colours, and broken ones are named precisely.
@Suite("Themes")
struct ThemeTests {
    let environment = ["OVERSIGHT_RESOURCES": RepoPaths.root]

    @Test("The default dark theme loads from themes/ and gives every role a look")
    func darkLoads() throws {
        let theme = try Theme.load("dark", environment: environment)
        #expect(theme.name == "dark")
        for role in Role.allCases where role != .background { #expect(theme.roles[role] != nil, "role \(role.rawValue)") }
    }

    @Test("On 8 colours a 256-colour index falls back to the nearest basic colour")
    func eightColourFallback() throws {
        #expect(TerminalColor.index(203).index(for: 8) == 1)
        #expect(TerminalColor.index(78).index(for: 8) == 2)
        #expect(TerminalColor.index(214).index(for: 8) == 3)
        #expect(TerminalColor.index(117).index(for: 8) == 6)
        #expect(TerminalColor.index(244).index(for: 8) == 7)
        #expect(TerminalColor.index(236).index(for: 8) == 0)
        #expect(TerminalColor.index(203).index(for: 256) == 203)
        #expect(TerminalColor.parse("#ff0000") == .index(196))
        #expect(TerminalColor.parse("bright-blue") == .index(12))
        #expect(TerminalColor.parse("teal") == nil)
    }

    @Test("NO_COLOR or a colourless terminal means monochrome attributes only")
    func monochrome() throws {
        #expect(ColorMode.detect(colors: 256, environment: ["NO_COLOR": "1"]) == .none)
        #expect(ColorMode.detect(colors: 8, environment: [:]) == .eight)
        #expect(ColorMode.detect(colors: 0, environment: [:]) == .none)
        let theme = try Theme.load("dark", environment: environment)
        let selection = theme.style(.selection, mode: .none)
        #expect(selection.foreground == -1 && selection.background == -1)
        #expect(selection.attributes.contains(.reverse))
    }

    @Test("A broken theme is refused with its file, line and key")
    func brokenTheme() {
        let text = "name: x\nroles:\n  text: {fg: 252}\n  warn: {fg: chartreuse-ish}\n"
        #expect {
            try Theme.parse(text, file: "bad.yaml")
        } throws: { error in
            let message = "\(error)"
            return message.contains("bad.yaml:4") && message.contains("roles.warn.fg") && message.contains("chartreuse-ish")
        }
        #expect(throws: ThemeError.self) { try Theme.parse("roles:\n  sparkles: red\n", file: "t.yaml") }
        #expect(throws: ThemeError.self) { try Theme.load("no-such-theme", environment: environment) }
    }
}
