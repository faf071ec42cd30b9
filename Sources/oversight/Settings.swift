import Foundation
import PortfolioStore
import Portfolio
import Yams

/// The effective configuration: each key from a flag, else `OVERSIGHT_<KEY>`, else
/// `$XDG_CONFIG_HOME/oversight/config.yaml` (`~/.config/oversight/config.yaml`), else its default —
/// and where each value came from, for `oversight config`.
struct Settings {
    /// A value and its source, e.g. `--theme`, `OVERSIGHT_THEME`, `config.yaml:3`, `default`.
    struct Value {
        var text: String
        var source: String
    }

    /// Every key, its default and what it accepts.
    static let keys: [(key: String, fallback: String, accepts: String)] = [
        ("store", "", "a path (default: $XDG_DATA_HOME/oversight/portfolio.sqlite)"),
        ("theme", "dark", "a theme name or path"),
        ("refresh", "2", "seconds from 0.1 to 3600"),
        ("read_only", "false", "true or false"),
        ("mouse", "false", "true or false"),
        ("clipboard", "osc52", "osc52 (y copies through the terminal) or off"),
        ("unicode", "auto", "auto, on or off"),
        ("color", "auto", "auto, 256, 8 or none"),
        ("timezone", "UTC", "UTC, local, or a zone name such as Europe/Paris"),
    ]

    let environment: [String: String]
    let file: String
    private var fromFile: [String: (text: String, line: Int?)] = [:]

    static func configFile(_ environment: [String: String]) -> String {
        StoreLocation.xdgFolder("XDG_CONFIG_HOME", fallback: ".config", environment) + "/config.yaml"
    }

    init(environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.environment = environment
        file = Self.configFile(environment)
        guard let data = FileManager.default.contents(atPath: file) else { return }
        guard let text = String(data: data, encoding: .utf8) else { throw CommandFailure("\(file): not UTF-8 text") }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch {
            throw CommandFailure("\(file): malformed YAML: \(error)")
        }
        guard let node else { return }
        guard let mapping = node.mapping else { throw CommandFailure("\(file): expected a mapping of settings") }
        for (keyNode, value) in mapping {
            let key = keyNode.string ?? ""
            let line = keyNode.mark?.line
            guard Self.keys.contains(where: { $0.key == key }) else {
                throw CommandFailure("\(file):\(line ?? 0): unknown key '\(key)'; keys: \(Self.keys.map(\.key).joined(separator: ", "))")
            }
            guard let scalar = value.string else {
                throw CommandFailure("\(file):\(line ?? 0): '\(key)': expected \(Self.accepts(key))")
            }
            fromFile[key] = (scalar, line)
        }
        for key in fromFile.keys {
            let value = fromFile[key]!
            try Self.check(key, value.text, where: "\(file):\(value.line ?? 0)")
        }
    }

    /// The config file's own value for `key`, if it has one.
    func fileValue(_ key: String) -> String? { fromFile[key]?.text }

    static func accepts(_ key: String) -> String { keys.first { $0.key == key }?.accepts ?? "" }

    static func environmentName(_ key: String) -> String { "OVERSIGHT_" + key.uppercased() }

    /// The effective value of `key`: the flag's (when given), else the environment's, else the file's.
    func value(_ key: String, flag: String? = nil, flagName: String? = nil) throws -> Value {
        if let flag { return Value(text: flag, source: flagName ?? "--" + key.replacingOccurrences(of: "_", with: "-")) }
        let name = Self.environmentName(key)
        if let text = environment[name], !text.isEmpty {
            try Self.check(key, text, where: name)
            return Value(text: text, source: name)
        }
        if let entry = fromFile[key] { return Value(text: entry.text, source: "\(file):\(entry.line ?? 0)") }
        return Value(text: Self.keys.first { $0.key == key }?.fallback ?? "", source: "default")
    }

    static func check(_ key: String, _ text: String, where place: String) throws {
        let ok: Bool
        switch key {
        case "refresh": ok = Double(text).map { $0 >= 0.1 && $0 <= 3600 } ?? false
        case "read_only", "mouse": ok = bool(text) != nil
        case "unicode": ok = ["auto", "on", "off"].contains(text)
        case "clipboard": ok = ["osc52", "off"].contains(text)
        case "color": ok = ["auto", "256", "8", "none"].contains(text)
        case "timezone": ok = timeZone(text) != nil
        default: ok = !text.isEmpty
        }
        if !ok { throw CommandFailure("\(place): '\(key)': expected \(accepts(key)); got '\(text)'") }
    }

    /// The zone times are shown in: UTC (what an incident channel shares), the machine's own
    /// (`local`), or a tz database name.
    static func timeZone(_ text: String) -> TimeZone? {
        switch text.lowercased() {
        case "utc", "z": TimeZone(identifier: "UTC")
        case "local": .current
        default:
            // Names are typed by hand (`europe/paris`); the tz database spells them one way, and
            // ICU's list lacks some it knows (`Asia/Kolkata`), so each word capitalised is tried too.
            TimeZone(identifier: text) ?? TimeZone(identifier: capitalisedZone(text)) ?? TimeZone.knownTimeZoneIdentifiers
                .first { $0.lowercased() == text.lowercased() }.flatMap(TimeZone.init(identifier:))
        }
    }

    /// `america/new_york` → `America/New_York`.
    private static func capitalisedZone(_ text: String) -> String {
        var result = "", startsWord = true
        for character in text {
            result += startsWord ? character.uppercased() : String(character)  // `ß` uppercases to two letters
            startsWord = "/_-".contains(character)
        }
        return result
    }

    /// The zone the `timezone` setting (and its `--timezone` flag) chooses.
    func timeZone(flag: String?) throws -> TimeZone {
        let value = try value("timezone", flag: flag)
        guard let zone = Self.timeZone(value.text) else {
            let near = NameMatch.resolve(value.text, among: TimeZone.knownTimeZoneIdentifiers)
            let close: [String] = switch near {
            case let .found(name): [name]
            case let .ambiguous(names), let .none(names): Array(names.prefix(5))
            }
            let hint = close.isEmpty ? "" : "; did you mean \(close.map { "'\($0)'" }.joined(separator: " or "))?"
            throw CommandFailure("\(value.source): 'timezone': expected \(Self.accepts("timezone")); got '\(value.text)'\(hint)")
        }
        return zone
    }

    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "true", "yes", "on", "1": true
        case "false", "no", "off", "0": false
        default: nil
        }
    }
}
