import Foundation

/// Where the repository's files and the built `oversight` binary are, found from this source file.
public enum RepoPaths {
    /// The repository root: …/Tests/TestSupport/RepoPaths.swift → …
    public static let root: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    public static let sampleData = root + "/sample-data"
    public static let themes = root + "/themes"

    /// The `oversight` binary `swift test` built beside the tests (or `$OVERSIGHT_BINARY`).
    public static var binary: String {
        if let explicit = ProcessInfo.processInfo.environment["OVERSIGHT_BINARY"] { return explicit }
        let build = root + "/.build"
        var candidates = [build + "/debug/oversight"]
        if let triples = try? FileManager.default.contentsOfDirectory(atPath: build) {
            candidates += triples.sorted().map { "\(build)/\($0)/debug/oversight" }
        }
        // The folder of the running test bundle holds the products of the same build.
        let testFolder = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent().path
        candidates.insert(testFolder + "/oversight", at: 0)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) } ?? candidates.last!
    }
}
