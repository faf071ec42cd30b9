import Foundation

/// An environment for running Oversight in a test: HOME and every XDG folder inside a temporary
/// folder, and TERM, LANG and TZ set explicitly, so a test never reads or writes the user's files
/// and does not depend on what CI happens to set (CI may have no USER or TERM).
public struct TestEnvironment: @unchecked Sendable {
    public let root: TemporaryFolder
    public var variables: [String: String]

    public init(_ label: String = "env", lang: String = "C.UTF-8", term: String = "xterm-256color") {
        root = TemporaryFolder(label)
        let home = root.file("home")
        for folder in ["home", "data", "config", "state", "cache", "runtime"] {
            try! FileManager.default.createDirectory(atPath: root.file(folder), withIntermediateDirectories: true)
        }
        variables = [
            "HOME": home,
            "XDG_DATA_HOME": root.file("data"),
            "XDG_CONFIG_HOME": root.file("config"),
            "XDG_STATE_HOME": root.file("state"),
            "XDG_CACHE_HOME": root.file("cache"),
            "XDG_RUNTIME_DIR": root.file("runtime"),
            "TERM": term,
            "LANG": lang,
            "LC_ALL": lang,
            "TZ": "UTC",
            "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin",
            "OVERSIGHT_RESOURCES": RepoPaths.root,
        ]
    }

    /// The default store path under this environment's XDG_DATA_HOME.
    public var defaultStorePath: String { root.file("data/oversight/portfolio.sqlite") }

    public func file(_ name: String) -> String { root.file(name) }
}
