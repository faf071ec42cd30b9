import Foundation
import Testing
import TestSupport

/// Compares a rendered frame with its golden file under Tests/RenderTests/Goldens. Run the tests
/// with OVERSIGHT_UPDATE_GOLDENS=1 to rewrite the goldens on purpose, then review the diff.
enum GoldenFrame {
    static let folder = RepoPaths.root + "/Tests/RenderTests/Goldens"

    static func check(_ frame: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = "\(folder)/\(name)"
        if ProcessInfo.processInfo.environment["OVERSIGHT_UPDATE_GOLDENS"] == "1" {
            try frame.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let golden = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record("no golden frame at \(path); run with OVERSIGHT_UPDATE_GOLDENS=1 to create it", sourceLocation: sourceLocation)
            return
        }
        if golden != frame {
            let goldenLines = golden.split(separator: "\n", omittingEmptySubsequences: false)
            let frameLines = frame.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(goldenLines, frameLines).enumerated().first { $0.element.0 != $0.element.1 }
            let detail = first.map { "first difference on line \($0.offset + 1):\n  golden: \($0.element.0)\n  frame:  \($0.element.1)" }
                ?? "line counts differ: golden \(goldenLines.count), frame \(frameLines.count)"
            Issue.record("frame differs from \(name); \(detail)\n(OVERSIGHT_UPDATE_GOLDENS=1 rewrites it)", sourceLocation: sourceLocation)
        }
    }
}
