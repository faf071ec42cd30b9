import Foundation
import PortfolioStore
import Yams

/// Text attributes a role may carry; on a monochrome terminal they are all that distinguishes roles.
public struct TextAttributes: OptionSet, Sendable, Hashable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let bold = TextAttributes(rawValue: 1)
    public static let dim = TextAttributes(rawValue: 2)
    public static let underline = TextAttributes(rawValue: 4)
    public static let reverse = TextAttributes(rawValue: 8)
}

/// How many colours to use: what the terminal supports (terminfo), or fewer when asked.
public enum ColorMode: String, Sendable, Hashable {
    case none, eight = "8", full = "256"

    public var colors: Int {
        switch self {
        case .none: 0
        case .eight: 8
        case .full: 256
        }
    }

    /// The mode for a terminal reporting `colors` colours; `NO_COLOR` forces monochrome.
    public static func detect(colors: Int, environment: [String: String]) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        if colors >= 256 { return .full }
        if colors >= 8 { return .eight }
        return .none
    }
}

/// A role's look in one colour mode: colours as indexes (-1 = terminal default) and attributes.
public struct ResolvedStyle: Sendable, Hashable {
    public var foreground: Int
    public var background: Int
    public var attributes: TextAttributes
}

/// A theme: for each role a foreground, a background and attributes, loaded from a YAML file in
/// themes/. Roles a theme leaves out get the text role's look; monochrome uses only attributes.
public struct Theme: Sendable, Hashable {
    public struct RoleStyle: Sendable, Hashable {
        public var foreground: TerminalColor = .terminalDefault
        public var background: TerminalColor?
        public var attributes: TextAttributes = []
    }

    public var name: String
    public var roles: [Role: RoleStyle]
    /// The theme this one builds on (`extends:`), by name or path.
    public var extends: String?

    /// How roles look without colour: attributes chosen so that no meaning rests on colour.
    static let monochrome: [Role: TextAttributes] = [
        .dim: .dim, .accent: .bold, .focusBorder: .bold, .title: .bold, .selection: .reverse, .header: .bold,
        .critical: .bold, .warn: .underline, .tabActive: [.bold, .reverse], .footerKey: .reverse, .message: .bold,
        .level3: .bold, .level4: .bold, .level0: .dim,
    ]

    public func style(_ role: Role, mode: ColorMode) -> ResolvedStyle {
        let base = roles[role] ?? roles[.text] ?? RoleStyle()
        guard mode != .none else {
            return ResolvedStyle(foreground: -1, background: -1, attributes: Self.monochrome[role] ?? [])
        }
        let background = base.background ?? roles[.background]?.background ?? .terminalDefault
        return ResolvedStyle(foreground: base.foreground.index(for: mode.colors),
                             background: background.index(for: mode.colors), attributes: base.attributes)
    }

    /// The theme every other one falls back to for roles it and its parents leave out.
    public static let defaultName = "dark"

    /// A theme by name (found in the bundled themes/ folder) or by path to a YAML file, with the
    /// roles it leaves out taken from the theme it `extends:`, then from the default theme.
    public static func load(_ nameOrPath: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Theme {
        var chain: [String] = []
        var theme = try loadChain(nameOrPath, relativeTo: nil, environment: environment, seen: &chain)
        if theme.name != defaultName, !chain.contains(where: { ($0 as NSString).lastPathComponent == "\(defaultName).yaml" }) {
            var seen: [String] = []
            let base = try loadChain(defaultName, relativeTo: nil, environment: environment, seen: &seen)
            theme.roles = base.roles.merging(theme.roles) { _, own in own }
        }
        return theme
    }

    /// The names of the bundled themes.
    public static func bundledNames(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        guard let folder = BundledResources.folder("themes", environment: environment) else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    private static func path(of nameOrPath: String, relativeTo parent: String?, environment: [String: String]) throws -> String {
        if nameOrPath.contains("/") || nameOrPath.hasSuffix(".yaml") || nameOrPath.hasSuffix(".yml") {
            if nameOrPath.hasPrefix("/") || parent == nil { return nameOrPath }
            return ((parent! as NSString).deletingLastPathComponent as NSString).appendingPathComponent(nameOrPath)
        }
        guard let folder = BundledResources.folder("themes", environment: environment) else {
            throw ThemeError(file: "themes/\(nameOrPath).yaml", line: nil, key: nil, message: "the bundled themes/ folder was not found (set OVERSIGHT_RESOURCES to the folder holding themes/)")
        }
        let path = (folder as NSString).appendingPathComponent("\(nameOrPath).yaml")
        if !FileManager.default.fileExists(atPath: path) {
            throw ThemeError(file: path, line: nil, key: nil,
                             message: "no such theme; known themes: \(bundledNames(environment: environment).joined(separator: ", "))")
        }
        return path
    }

    private static func loadChain(_ nameOrPath: String, relativeTo parent: String?, environment: [String: String],
                                  seen: inout [String]) throws -> Theme {
        let path = try path(of: nameOrPath, relativeTo: parent, environment: environment)
        guard !seen.contains(path) else {
            throw ThemeError(file: path, line: nil, key: "extends", message: "themes extend each other in a circle: \((seen + [path]).joined(separator: " → "))")
        }
        seen.append(path)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: path, line: nil, key: nil, message: "cannot read the theme file")
        }
        var theme = try parse(text, file: path)
        if let parentName = theme.extends {
            let base = try loadChain(parentName, relativeTo: path, environment: environment, seen: &seen)
            theme.roles = base.roles.merging(theme.roles) { _, own in own }
        }
        return theme
    }

    public static func parse(_ text: String, file: String) throws -> Theme {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw ThemeError(file: file, line: nil, key: nil, message: "malformed YAML: \(error)")
        }
        guard let mapping = root?.mapping else {
            throw ThemeError(file: file, line: root?.mark?.line, key: nil, message: "expected a mapping with name and roles")
        }
        var theme = Theme(name: (file as NSString).lastPathComponent, roles: [:])
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            switch key {
            case "name": theme.name = value.string ?? theme.name
            case "description": break
            case "extends":
                guard let parent = value.string, !parent.isEmpty else {
                    throw ThemeError(file: file, line: value.mark?.line, key: "extends", message: "expected a theme name or path")
                }
                theme.extends = parent
            case "roles":
                guard let roles = value.mapping else {
                    throw ThemeError(file: file, line: value.mark?.line, key: "roles", message: "expected a mapping of roles")
                }
                for (roleNode, styleNode) in roles {
                    let roleName = roleNode.string ?? ""
                    guard let role = Role(rawValue: roleName) else {
                        throw ThemeError(file: file, line: roleNode.mark?.line, key: "roles.\(roleName)",
                                         message: "unknown role; known roles: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
                    }
                    theme.roles[role] = try roleStyle(styleNode, key: "roles.\(roleName)", file: file)
                }
            default:
                throw ThemeError(file: file, line: keyNode.mark?.line, key: key, message: "unknown key; expected name, description, extends, roles")
            }
        }
        return theme
    }

    private static func roleStyle(_ node: Node, key: String, file: String) throws -> RoleStyle {
        var style = RoleStyle()
        if let text = node.string {
            guard let color = TerminalColor.parse(text) else {
                throw ThemeError(file: file, line: node.mark?.line, key: key, message: "expected a colour name, 0–255 or #rrggbb; got '\(text)'")
            }
            style.foreground = color
            return style
        }
        guard let fields = node.mapping else {
            throw ThemeError(file: file, line: node.mark?.line, key: key, message: "expected a colour or a mapping of fg, bg, attrs")
        }
        for (fieldNode, value) in fields {
            let field = fieldNode.string ?? ""
            switch field {
            case "fg", "bg":
                guard let text = value.string, let color = TerminalColor.parse(text) else {
                    throw ThemeError(file: file, line: value.mark?.line, key: "\(key).\(field)",
                                     message: "expected a colour name, 0–255 or #rrggbb; got '\(value.string ?? "a non-scalar")'")
                }
                if field == "fg" { style.foreground = color } else { style.background = color }
            case "attrs":
                let names = value.sequence?.compactMap(\.string) ?? value.string.map { [$0] } ?? []
                for name in names {
                    switch name {
                    case "bold": style.attributes.insert(.bold)
                    case "dim": style.attributes.insert(.dim)
                    case "underline": style.attributes.insert(.underline)
                    case "reverse": style.attributes.insert(.reverse)
                    default:
                        throw ThemeError(file: file, line: value.mark?.line, key: "\(key).attrs",
                                         message: "expected bold, dim, underline or reverse; got '\(name)'")
                    }
                }
            default:
                throw ThemeError(file: file, line: fieldNode.mark?.line, key: "\(key).\(field)", message: "unknown key; expected fg, bg, attrs")
            }
        }
        return style
    }
}

/// A theme file that cannot be used: the file, line and key, and what was expected.
public struct ThemeError: Error, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var key: String?
    public var message: String

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        if let key { text += ": '\(key)'" }
        return text + ": " + message
    }
}
