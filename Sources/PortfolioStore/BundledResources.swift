import Foundation

/// Finds the files Oversight ships beside its code — `sample-data/` and `themes/` — whether it runs
/// under `swift run` in the repo, as a built binary run from elsewhere, or installed with the
/// folders copied to `PREFIX/share/oversight/`.
public enum BundledResources {
    /// Folders searched, first match wins:
    /// 1. `$OVERSIGHT_RESOURCES` (a folder holding sample-data/ and themes/);
    /// 2. `<executable>/../share/oversight` (an install: `make install`);
    /// 3. the executable's folder and its parents (a `.build/<config>/oversight` inside the repo);
    /// 4. the repo this binary was compiled from (a built binary copied or run from elsewhere);
    /// 5. the current folder.
    public static func candidates(environment: [String: String] = ProcessInfo.processInfo.environment) -> [String] {
        var result: [String] = []
        if let explicit = environment["OVERSIGHT_RESOURCES"], !explicit.isEmpty { result.append(explicit) }
        // The running file itself (/proc/self/exe), not argv[0]: run by name from PATH, argv[0]
        // is just `oversight`, which names nothing in the current folder.
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "")).resolvingSymlinksInPath()
        var folder = executable.deletingLastPathComponent()
        result.append(folder.appendingPathComponent("../share/oversight").standardized.path)
        for _ in 0..<6 {
            result.append(folder.path)
            folder = folder.deletingLastPathComponent()
        }
        // …/Sources/PortfolioStore/BundledResources.swift → the repo root.
        let source = URL(fileURLWithPath: #filePath)
        result.append(source.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path)
        result.append(FileManager.default.currentDirectoryPath)
        return result
    }

    /// The first candidate folder that holds `name` (a folder like `sample-data`), or nil.
    public static func folder(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        for base in candidates(environment: environment) {
            let path = (base as NSString).appendingPathComponent(name)
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { return path }
        }
        return nil
    }
}
