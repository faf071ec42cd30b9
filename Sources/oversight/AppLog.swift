import Foundation
import Logging
import PortfolioStore

/// Sends swift-log records to `$XDG_STATE_HOME/oversight/oversight.log` (`~/.local/state/…`),
/// never to the screen, which belongs to the dashboard.
enum AppLog {
    nonisolated(unsafe) private static var started = false

    static func path(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        StoreLocation.xdgFolder("XDG_STATE_HOME", fallback: ".local/state", environment) + "/oversight.log"
    }

    /// A logger for `label`, with the file handler installed on first use.
    static func logger(_ label: String) -> Logger {
        if !started {
            started = true
            let path = path()
            LoggingSystem.bootstrap { label in FileLogHandler(label: label, path: path) }
        }
        return Logger(label: label)
    }
}

/// A swift-log handler appending one line per record to a file; if the file cannot be opened the
/// records are dropped rather than written to the terminal.
struct FileLogHandler: LogHandler {
    let label: String
    let path: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let extra = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        // Records quote store text (an alert id, an error); a log read with cat or tail -f is a
        // terminal output like any other, so it gets the same cleaning — one record, one line.
        let text = Console.line("\(ISO8601DateFormatter().string(from: Date())) \(event.level) \(label): \(event.message)\(extra)") + "\n"
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else { return }
        defer { try? handle.close() }
        handle.seekToEndOfFile()
        handle.write(Data(text.utf8))
    }
}
