import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal so
/// that logs and pipes stay clean.
final class ProgressBar {
    private let label: String
    private let enabled: Bool
    private var lastDrawn = -1

    /// `label` may name a team store, whose user and database come from a URL or the environment.
    init(label: String) {
        self.label = Console.line(label)
        self.enabled = isatty(STDERR_FILENO) == 1
    }

    /// The bar's width in characters.
    private static let width = 30

    func update(_ done: Int, of total: Int) {
        guard enabled, total > 0 else { return }
        // A count past its estimate (rows arriving while a copy is pulled) fills the bar, no more.
        let part = min(max(0, done), total)
        draw(percent: part * 100 / total, filled: Self.width * part / total, detail: "\(done)/\(total)")
    }

    /// For work whose size is not known ahead (a tracking server's runs): the part done, and a
    /// count to show beside it.
    func update(fraction: Double, detail: String) {
        guard enabled, fraction.isFinite else { return }
        let part = min(1, max(0, fraction))
        draw(percent: Int((part * 100).rounded(.down)), filled: Int((part * Double(Self.width)).rounded(.down)), detail: detail)
    }

    private func draw(percent: Int, filled: Int, detail: String) {
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: Self.width - filled)
        FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(percent)% (\(Console.line(detail)))".utf8))
    }

    func finish() {
        guard enabled, lastDrawn >= 0 else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
