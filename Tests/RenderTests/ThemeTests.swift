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

    @Test("Every bundled theme loads and gives every role a look")
    func bundledThemes() throws {
        let names = Theme.bundledNames(environment: environment)
        for required in ["dark", "light", "high-contrast", "colorblind", "mono"] { #expect(names.contains(required)) }
        for name in names {
            let theme = try Theme.load(name, environment: environment)
            for role in Role.allCases { #expect(theme.roles[role] != nil, "\(name) lacks \(role.rawValue)") }
        }
    }

    @Test("A theme's missing roles come from the theme it extends, then from the default theme")
    func inheritance() throws {
        let folder = TemporaryFolder("themes")
        folder.write("base.yaml", "name: base\nroles:\n  ok: {fg: 22}\n  warn: {fg: 94}\n")
        let child = folder.write("child.yaml", "name: child\nextends: base.yaml\nroles:\n  warn: {fg: 166}\n")
        let theme = try Theme.load(child, environment: environment)
        let dark = try Theme.load("dark", environment: environment)
        #expect(theme.roles[.warn]?.foreground == .index(166))   // its own
        #expect(theme.roles[.ok]?.foreground == .index(22))      // from base
        #expect(theme.roles[.selection] == dark.roles[.selection])  // from the default
    }

    @Test("Themes that extend each other in a circle are refused")
    func cycle() {
        let folder = TemporaryFolder("themes-cycle")
        folder.write("a.yaml", "name: a\nextends: b.yaml\nroles: {}\n")
        let b = folder.write("b.yaml", "name: b\nextends: a.yaml\nroles: {}\n")
        #expect { try Theme.load(b, environment: environment) } throws: { "\($0)".contains("circle") }
    }

    @Test("The colorblind theme uses the Okabe–Ito palette and mono uses no colour even on 256-colour terminals")
    func paletteAndMono() throws {
        let colorblind = try Theme.load("colorblind", environment: environment)
        #expect(colorblind.roles[.ok]?.foreground == TerminalColor.parse("#009E73"))
        #expect(colorblind.roles[.critical]?.foreground == TerminalColor.parse("#D55E00"))
        let mono = try Theme.load("mono", environment: environment)
        for role in Role.allCases {
            let style = mono.style(role, mode: .full)
            #expect(style.foreground == -1, "\(role.rawValue)")
        }
        #expect(mono.style(.selection, mode: .full).attributes.contains(.reverse))
    }
}
