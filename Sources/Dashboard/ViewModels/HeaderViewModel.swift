import Foundation
import PortfolioStore

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
    /// `data changed 5m ago · refreshed 09:01:03 UTC`; or that refreshing is paused, or failed.
    public var clock: String
    /// The clock without the date, for a header too narrow to show the source beside the whole one.
    public var compactClock: String
    /// `.warn` when paused, `.critical` when the last refresh failed; nil for the plain clock.
    public var clockTone: Tone?
    public var figures: [HeaderFigure]

    public init(state: DashboardState, zone: TimeZone? = nil) {
        let zone = zone ?? state.timeZone
        title = "Oversight"
        // The access before the store's name, so that a narrow header cuts a long path, not it.
        let access = state.isSample ? "" : state.isSnapshot ? "(snapshot: no live updates) " : state.isReadOnly ? "(read-only) " : ""
        source = (state.scope.isEmpty ? "" : "[\(state.scope.summary)] ") + access
            + (state.isSample ? "SAMPLE PORTFOLIO (temporary copy, shifted to now)" : state.sourceLabel)
        sourceTone = state.isSample || state.isSnapshot ? .warn : .dim
        if let since = state.unreachableSince {
            // First, so that a narrow header cuts the store's name, not the outage.
            source = "store unreachable since \(Format.clock(since, zone: zone)) · " + source
            sourceTone = .critical
        }
        let changed = state.data.newestEvent.map { newest -> String in
            let ago = Format.ago(newest, now: state.now)
            return ago == "now" ? "data changed just now" : "data changed \(ago) ago"
        } ?? "no data yet"
        // The zone is named: a time read off a screen is shared, and "09:00" alone is ambiguous.
        let zoneName = zone.identifier == "UTC" || zone.identifier == "GMT" ? "UTC" : (zone.abbreviation(for: state.now) ?? zone.identifier)
        let time = { (date: Date) in "\(Format.clock(date, zone: zone)) \(zoneName)" }
        if let paused = state.pausedDataTime {
            clock = "PAUSED · data as of \(time(paused)) · p resumes"
            compactClock = clock
            clockTone = .warn
        } else if let failure = state.refreshFailure {
            clock = "refresh failed \(time(failure.at))" + (state.lastRefresh.map { " · data as of \(time($0))" } ?? "")
            compactClock = clock
            clockTone = .critical
        } else {
            // With the date: a screen is shared, and read later.
            let refreshed = state.lastRefresh ?? state.now
            clock = "\(changed) · refreshed \(Format.dateTime(refreshed, zone: zone)):\(Format.clock(refreshed, zone: zone).suffix(2)) \(zoneName)"
            compactClock = "\(changed) · refreshed \(time(refreshed))"
        }
        // The same figures as `oversight status` (PortfolioReader.figures), most important first:
        // what does not fit the width is left out from the end.
        // Under `:team NAME` the team's figures (as `status --team NAME`), else the portfolio's.
        let report = state.data.figures
        let f = state.scope.team.flatMap { report?.team($0) } ?? report?.portfolio ?? Figures()
        let days = report?.window.days ?? FigureWindow.defaultDays
        // Window figures the background worker has not delivered yet show as "…", never as 0.
        let pending = report.map { !$0.includesWindowFigures } ?? false
        func window(_ value: String) -> String { pending ? "…" : value }
        figures = [
            HeaderFigure(label: "in production", value: "\(f.modelsInProduction)/\(f.modelsTotal)", tone: .ok),
            HeaderFigure(label: "critical active", value: "\(f.activeCriticalAlerts)",
                         tone: f.activeCriticalAlerts > 0 ? .critical : .ok),
            HeaderFigure(label: "value at risk", value: Format.money(f.valueAtRisk), tone: f.valueAtRisk > 0 ? .warn : .ok),
            HeaderFigure(label: "failed 24h", value: "\(f.failedRunsLast24h)", tone: f.failedRunsLast24h > 0 ? .warn : .ok),
            HeaderFigure(label: "deploys \(days)d", value: window(Format.fixed(f.deploymentFrequencyPerWeek, 1) + "/wk"), tone: .info),
            HeaderFigure(label: "lead time", value: window(Format.hours(f.leadTimeHoursMedian)), tone: .info),
            HeaderFigure(label: "change fail", value: window(Format.percent(f.changeFailureRate)),
                         tone: (f.changeFailureRate ?? 0) > 0.15 ? .warn : .info),
            HeaderFigure(label: "restore", value: window(Format.hours(f.timeToRestoreHoursMedian)), tone: .info),
            HeaderFigure(label: "value/cost", value: window(f.valueToCostRatio.map { Format.fixed($0, 1) + "x" } ?? "—"), tone: .accent),
            HeaderFigure(label: "value in production", value: "\(Format.money(f.valueInProduction))/yr", tone: .accent),
            HeaderFigure(label: "running", value: "\(f.runningRuns)", tone: .info),
        ]
    }
}

/// The footer: the keys that matter in the current context (taken from `KeyMap`), a message
/// when there is one, or the open prompt.
public struct FooterView: Sendable, Hashable {
    public struct Hint: Sendable, Hashable {
        public var key: String
        public var action: String
    }

    public var hints: [Hint]
    public var message: String?
    public var prompt: Prompt?

    /// The commands worth a place in the footer, most useful first.
    static let featured: [Command] = [.quit, .help, .back, .open, .alert(.acknowledge), .alert(.assign), .alert(.note), .alert(.snooze), .alert(.resolve), .alert(.reopen),
                                      .filter, .sortNext, .commandLine, .nextPanel, .zoom, .down, .pageDown, .refresh]

    static let shortNames: [Command: String] = [
        .quit: "quit", .help: "help", .back: "back", .open: "details", .alert(.acknowledge): "ack", .alert(.assign): "assign",
        .alert(.note): "note", .alert(.snooze): "snooze", .alert(.resolve): "resolve", .alert(.reopen): "reopen", .nextPanel: "next panel", .zoom: "zoom",
        .down: "move", .pageDown: "page", .refresh: "refresh", .filter: "filter", .sortNext: "sort", .commandLine: "command",
    ]

    /// `not saved: note on alert-0071 — R retries`, or how many are waiting.
    static func unsavedHint(_ unsaved: [PendingAlertAction]) -> String? {
        guard let first = unsaved.first else { return nil }
        return unsaved.count == 1 ? "not saved: \(first.summary) — R retries" : "\(unsaved.count) alert actions not saved — R retries"
    }

    public init(state: DashboardState) {
        let bindings = KeyMap.bindings(in: state.keyContext)
        // Zoomed, the way back to the grid is what the user most needs to find.
        let first: [Command] = [.quit, .help, .zoom]
        let featured = state.soloPanel == nil || state.detail != nil ? Self.featured
            : first + Self.featured.filter { !first.contains($0) }
        hints = featured.compactMap { command in
            guard let binding = bindings.first(where: { $0.command == command }), state.refusal(command) == nil else { return nil }
            let key = command == .down ? "↑/↓" : command == .pageDown ? "PgUp/PgDn" : binding.keys[0].label
            let action = command == .open && state.detail != nil ? "follow"
                : command == .zoom && state.soloPanel != nil ? "all panels" : Self.shortNames[command] ?? binding.description
            return Hint(key: key, action: action)
        }
        // What is being written, or was not, stays in view until it is settled.
        message = state.message ?? state.saving.last.map { "saving: \($0.summary)…" } ?? Self.unsavedHint(state.unsaved)
        prompt = state.prompt
    }
}

/// The help overlay: every binding that works where the user is, straight from `KeyMap`.
public struct HelpView: Sendable, Hashable {
    public var title: String
    public var entries: [(keys: String, description: String)]

    public init(state: DashboardState) {
        title = "Keys: \(state.keyContext.title)"
        entries = KeyMap.bindings(in: state.keyContext).filter { state.refusal($0.command) == nil }.map { ($0.label, $0.description) }
    }

    public static func == (a: HelpView, b: HelpView) -> Bool {
        a.title == b.title && a.entries.map(\.keys) == b.entries.map(\.keys) && a.entries.map(\.description) == b.entries.map(\.description)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(title)
        for entry in entries { hasher.combine(entry.keys); hasher.combine(entry.description) }
    }
}
