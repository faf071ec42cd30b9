import Foundation

/// Decides which store file to open: `--store PATH`, else `$OVERSIGHT_STORE`, else the XDG default
/// `$XDG_DATA_HOME/oversight/portfolio.sqlite` (`~/.local/share/oversight/…` without XDG).
public struct StoreLocation: Sendable, Equatable {
    /// Where the choice came from, for messages and `oversight config`.
    public enum Source: String, Sendable {
        case flag = "--store"
        case environment = "OVERSIGHT_STORE"
        case configFile = "config.yaml"
        case xdgDefault = "default"
    }

    public var path: String
    public var source: Source

    public init(path: String, source: Source) {
        self.path = path
        self.source = source
    }

    public static let fileName = "portfolio.sqlite"

    public static func resolve(flag: String?, environment: [String: String], configured: String? = nil) -> StoreLocation {
        if let flag, !flag.isEmpty {
            return StoreLocation(path: expand(flag, environment), source: .flag)
        }
        if let env = environment["OVERSIGHT_STORE"], !env.isEmpty {
            return StoreLocation(path: expand(env, environment), source: .environment)
        }
        if let configured, !configured.isEmpty {
            return StoreLocation(path: expand(configured, environment), source: .configFile)
        }
        return StoreLocation(path: defaultPath(environment), source: .xdgDefault)
    }

    static func defaultPath(_ environment: [String: String]) -> String {
        xdgFolder("XDG_DATA_HOME", fallback: ".local/share", environment) + "/" + fileName
    }

    /// Oversight's folder under an XDG base directory: `$VARIABLE/oversight` when the variable is
    /// an absolute path (as the spec requires), else `~/FALLBACK/oversight`.
    public static func xdgFolder(_ variable: String, fallback: String, _ environment: [String: String]) -> String {
        let base: String
        if let xdg = environment[variable], xdg.hasPrefix("/") {
            base = xdg
        } else {
            base = homeDirectory(environment) + "/" + fallback
        }
        return base + "/oversight"
    }

    public static func homeDirectory(_ environment: [String: String]) -> String {
        if let home = environment["HOME"], !home.isEmpty { return home }
        return FileManager.default.homeDirectoryForCurrentUser.path
    }

    static func expand(_ path: String, _ environment: [String: String]) -> String {
        if path == "~" { return homeDirectory(environment) }
        if path.hasPrefix("~/") { return homeDirectory(environment) + path.dropFirst(1) }
        return path
    }

    /// Whether a store file is already there.
    public var exists: Bool { FileManager.default.fileExists(atPath: path) }

    /// The nearest folder on the way to the store that this user may not enter, if any: then the
    /// store's existence cannot even be known, which is not the same as its absence.
    public var unreachableFolder: String? {
        var folder = (path as NSString).deletingLastPathComponent
        var blocked: String?
        while !folder.isEmpty, folder != "/" {
            if FileManager.default.fileExists(atPath: folder), access(folder, X_OK) != 0 { blocked = folder }
            folder = (folder as NSString).deletingLastPathComponent
        }
        return blocked
    }
}
