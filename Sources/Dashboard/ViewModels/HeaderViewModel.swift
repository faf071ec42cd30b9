import Foundation

/// A labelled figure in the header, with its meaning.
public struct HeaderFigure: Sendable, Hashable {
    public var label: String
    public var value: String
    public var tone: Tone
}

/// The two header lines: product, source and clocks on the first; the KPIs on the second.
public struct HeaderView: Sendable, Hashable {
    public var title: String
    public var source: String
    public var sourceTone: Tone
    /// `data changed 09:00:12 · 09:01:03`.
    public var clock: String
    public var figures: [HeaderFigure]

    public init(state: DashboardState, zone: TimeZone = .current) {
        title = "Oversight"
        source = state.isSample ? "SAMPLE PORTFOLIO (temporary copy, shifted to now)" : state.sourceLabel
        sourceTone = state.isSample ? .warn : .dim
        let changed = state.data.newestEvent.map { newest -> String in
            let ago = Format.ago(newest, now: state.now)
            return ago == "now" ? "data changed just now" : "data changed \(ago) ago"
        } ?? "no data yet"
        clock = "\(changed) · \(Format.dateTime(state.now, zone: zone)):\(Format.clock(state.now, zone: zone).suffix(2))"
        let k = state.data.kpis
        figures = [
            HeaderFigure(label: "in production", value: "\(k.modelsInProduction)/\(k.modelsTotal) models", tone: .ok),
            HeaderFigure(label: "critical alerts", value: "\(k.activeCriticalAlerts) active",
                         tone: k.activeCriticalAlerts > 0 ? .critical : .ok),
            HeaderFigure(label: "failed runs 24h", value: "\(k.failedRunsLast24h)", tone: k.failedRunsLast24h > 0 ? .warn : .ok),
            HeaderFigure(label: "running", value: "\(k.runningRuns)", tone: .info),
            HeaderFigure(label: "value in production", value: "\(Format.money(k.valueInProduction))/yr", tone: .accent),
        ]
    }
}

/// The footer: the keys that matter in the current context, and a message when there is one.
public struct FooterView: Sendable, Hashable {
    public var keys: [(key: String, action: String)]
    public var message: String?

    public init(state: DashboardState) {
        if state.detail != nil {
            keys = [("Esc", "back"), ("q", "quit"), ("↑↓", "scroll"), ("PgUp/PgDn", "page"), ("r", "refresh")]
        } else {
            keys = [("q", "quit"), ("Tab", "next panel"), ("1-4", "focus"), ("↑↓", "select"), ("Enter", "details"),
                    ("PgUp/PgDn", "page"), ("r", "refresh")]
        }
        message = state.message
    }

    public static func == (a: FooterView, b: FooterView) -> Bool {
        a.message == b.message && a.keys.map(\.key) == b.keys.map(\.key) && a.keys.map(\.action) == b.keys.map(\.action)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(message)
        for (key, action) in keys { hasher.combine(key); hasher.combine(action) }
    }
}
