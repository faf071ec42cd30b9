import Foundation
import Portfolio
import PortfolioStore

/// The dashboard's only state transition: `(state, action) → (state', effects)`. Pure — no store,
/// no terminal, no clock of its own — so every key sequence is testable. Keys are looked up in
/// `KeyMap`, the same table the help overlay lists.
public enum DashboardReducer {
    public static func reduce(_ state: inout DashboardState, _ action: DashboardAction) -> [DashboardEffect] {
        switch action {
        case let .key(key):
            if state.prompt != nil { return promptKey(&state, key) }
            state.message = nil
            if state.showHelp {
                if key == .escape || key == .character("?") || key == .character("q") { state.showHelp = false }
                return []
            }
            if state.showMessages {
                if key == .escape || key == .character("q") || key == .enter { state.showMessages = false }
                return []
            }
            guard let command = KeyMap.command(for: key, in: state.keyContext) else { return [] }
            return perform(&state, command)
        case let .tick(now):
            state.now = now
            if state.isPaused { return [] }
            if let last = state.lastPoll, now.timeIntervalSince(last) < state.refreshInterval { return [] }
            state.lastPoll = now
            return [.pollForChanges]
        case let .resized(width, height):
            // The size it has (the app's first resize, when the state began at the terminal's
            // size): nothing to lay out or read again.
            guard max(1, width) != state.width || max(1, height) != state.height else { return [] }
            state.width = max(1, width)
            state.height = max(1, height)
            for panel in PanelID.allCases { clampSelection(&state, panel) }
            settleDetail(&state)
            return [.reload(.allPanels)]
        case let .loaded(data, scope):
            if scope == .everything {
                // The rows that changed since the last refresh are marked until the next.
                for panel in PanelID.allCases { state.changedKeys[panel] = data.changedKeys(panel, since: state.data) }
                state.lastRefresh = state.now
                state.refreshFailure = nil
                if state.refreshAsked {
                    state.refreshAsked = false
                    state.message = "refreshed at \(Format.clock(state.now, zone: state.timeZone))"
                }
            }
            state.data = data
            var again: Set<PanelID> = []
            for panel in PanelID.allCases where scope.panels.contains(panel) {
                state.loadedQueries[panel] = state.query(panel)
                if follow(&state, panel) { again.insert(panel) }
            }
            var effects: [DashboardEffect] = again.isEmpty ? [] : [.reload(.panels(again))]
            // The store changed: an open detail shows it too.
            if scope == .everything, let detail = state.detail { effects.append(.loadDetail(detail.target)) }
            return effects
        case let .windowFiguresComputed(report):
            // As computed: its current state is of its own snapshot; later loads merge theirs in.
            state.data.figures = report
            switch state.detail?.target {
            case let target? where target.kind == .team || target.kind == .portfolio: return [.loadDetail(target)]
            default: return []
            }
        case let .storeFailed(reason):
            state.message = "store: \(reason)"
            state.refreshFailure = LoggedMessage(at: state.now, text: reason)
            state.refreshAsked = false
            return []
        case .polled:
            state.lastRefresh = state.now
            state.refreshFailure = nil
            if state.refreshAsked {
                state.refreshAsked = false
                state.message = "refreshed at \(Format.clock(state.now, zone: state.timeZone)): nothing changed"
            }
            // Nothing changed: what was marked as changed last time is not any more.
            state.changedKeys = [:]
            return []
        case let .notice(message):
            state.message = message
            return []
        case let .alertActionFinished(pending, outcome):
            if let index = state.saving.firstIndex(of: pending) { state.saving.remove(at: index) }
            switch outcome {
            case let .saved(message), let .refused(message):
                state.message = message
            case let .notSaved(reason):
                state.unsaved.append(pending)
                state.message = "not saved: \(pending.summary) (\(reason)) — R retries"
            }
            return [.reload(.everything)]
        case let .mouse(event):
            return mouse(&state, event)
        case let .openDetail(target):
            return openDetail(&state, target, following: false)
        case let .detailLoaded(target, content):
            guard state.detail?.target == target else { return [] }
            if let content {
                let opening = state.detail?.content == nil
                state.detail?.content = content
                placeLink(&state, opening: opening)
            } else {
                let never = state.detail?.content == nil
                state.detail = state.trail.popLast()
                state.message = "\(target.kind.title.lowercased()) '\(target.key)' " + (never ? "is not in the store" : "is no longer in the store")
            }
            return []
        case let .peopleCompleted(prefix, candidates):
            guard let prompt = state.prompt, case .assign = prompt.purpose, prompt.editor.text == prefix else { return [] }
            let common = candidates.count == 1 ? candidates[0] : ColonCommand.commonPrefix(candidates).map { $0.count > prefix.count ? $0 : prefix } ?? prefix
            complete(&state, prompt, to: common, candidates: candidates,
                     none: "nobody in the store is named '\(prefix)…'; Enter assigns to that name anyway")
            return []
        case let .keysCompleted(line, candidates):
            guard let prompt = state.prompt, prompt.purpose == .command, prompt.editor.text == line,
                  let (_, partial) = ColonCommand.storeCompletion(line) else { return [] }
            let (completed, matches) = ColonCommand.completed(String(line.prefix { $0 != " " }), partial: partial, among: candidates)
            complete(&state, prompt, to: completed, candidates: matches, none: "nothing starts with '\(partial)'")
            return []
        }
    }

    // MARK: - Commands

    private static func perform(_ state: inout DashboardState, _ command: Command) -> [DashboardEffect] {
        switch command {
        case .quit:
            state.shouldQuit = true
            return [.quit]
        case .refresh:
            // Loading everything reloads an open detail too; the footer says when it is done.
            state.refreshAsked = true
            return [.refreshWindowFigures, .reload(.everything)]
        case .window:
            let choices = DashboardState.windowChoices
            state.windowDays = choices[((choices.firstIndex(of: state.windowDays) ?? -1) + 1) % choices.count]
            state.message = "window: \(state.windowDays) days (the header's window figures and the charts)"
            // The figures over the new window, and an open detail's charts with them.
            return [.refreshWindowFigures, .reload(.everything)]
        case .copy:
            // What the user sees selected: a detail's selected link (else the detail's own item),
            // or the focused panel's selected row.
            let text = state.detail.map { $0.link?.key ?? $0.target.key } ?? state.data.key(state.focus, at: state.selected(state.focus))
            guard let text else {
                state.message = "nothing selected to copy"
                return []
            }
            guard state.clipboardEnabled else {
                state.message = "copying is off (clipboard: off); selected: \(text)"
                return []
            }
            state.clipboard = ClipboardCopy(serial: (state.clipboard?.serial ?? 0) + 1, text: text)
            state.message = "copied \(text)"
            return []
        case .pause:
            if state.isPaused {
                state.pausedDataTime = nil
                state.message = "following the store again"
                return [.pollForChanges]
            }
            let since = state.lastRefresh ?? state.now
            state.pausedDataTime = since
            state.message = "paused: the data stays as of \(Format.clock(since, zone: state.timeZone)); p resumes"
            return []
        case .help:
            state.showHelp = true
            return []
        case .back:
            // One step back along the path; from its first step, to the dashboard.
            state.detail = state.trail.popLast()
            return state.detail.map { [.loadDetail($0.target)] } ?? []
        case .alert:
            return lifecycle(&state, command)
        case .retry:
            if let refusal = state.refusal(command) {
                state.message = refusal
                return []
            }
            // Oldest first, each as it was typed.
            let unsaved = state.unsaved
            state.unsaved = []
            return unsaved.flatMap { save(&state, $0.alert, $0.action) }
        case .filter:
            state.prompt = Prompt(.filter(state.focus), text: state.query(state.focus).filter)
            return []
        case .commandLine:
            state.prompt = Prompt(.command)
            return []
        case .sortNext, .sortReverse:
            return sort(&state, command)
        case .zoom where state.detail == nil:
            // One panel over the whole body, with the columns the grid has no room for.
            state.soloPanel = state.soloPanel == nil ? state.focus : nil
            return [.reload(.allPanels)]
        default:
            return state.detail != nil ? detailCommand(&state, command) : navigate(&state, command)
        }
    }

    private static func navigate(_ state: inout DashboardState, _ command: Command) -> [DashboardEffect] {
        let panel = state.focus
        let page = state.layout.visibleRows(panel)
        switch command {
        case .nextPanel: return focus(&state, panel.next)
        case .previousPanel: return focus(&state, panel.previous)
        case let .focus(target): return focus(&state, target)
        case .focusLeft: return focus(&state, horizontalNeighbour(of: panel, grid: state.layout.isGrid && state.soloPanel == nil, forward: false))
        case .focusRight: return focus(&state, horizontalNeighbour(of: panel, grid: state.layout.isGrid && state.soloPanel == nil, forward: true))
        case .up: return move(&state, to: state.selected(panel) - 1)
        case .down: return move(&state, to: state.selected(panel) + 1)
        case .pageUp: return move(&state, to: state.selected(panel) - page)
        case .pageDown: return move(&state, to: state.selected(panel) + page)
        case .top: return move(&state, to: 0)
        case .bottom: return move(&state, to: state.data.total(panel) - 1)
        case .open:
            guard let target = state.selectedTarget(in: panel) else { return [] }
            return openDetail(&state, target, following: false)
        default: return []
        }
    }

    /// In the grid, left/right cross between the two columns; in tabs, they step through the tabs.
    private static func horizontalNeighbour(of panel: PanelID, grid: Bool, forward: Bool) -> PanelID {
        guard grid else { return forward ? panel.next : panel.previous }
        switch panel {
        case .models, .runs: return forward ? .runs : .models
        case .alerts, .maturity: return forward ? .maturity : .alerts
        }
    }

    private static func focus(_ state: inout DashboardState, _ panel: PanelID) -> [DashboardEffect] {
        guard panel != state.focus else { return [] }
        let wasGrid = state.layout.isGrid && state.soloPanel == nil
        state.focus = panel
        // Zoomed, the focus is the panel shown.
        if state.soloPanel != nil { state.soloPanel = panel }
        // In tabs, the newly shown panel gets the body's size, so its window may differ.
        return wasGrid ? [] : [.reload(.panel(panel))]
    }

    private static func move(_ state: inout DashboardState, to index: Int) -> [DashboardEffect] {
        let panel = state.focus
        let before = state.firstVisible(panel)
        state.selection[panel] = index
        clampSelection(&state, panel)
        // The item now selected, if its row is loaded for this filter and sort; else the next load names it.
        state.selectedKey[panel] = state.loadedQueries[panel] == state.query(panel) ? state.data.key(panel, at: state.selected(panel)) : nil
        return state.firstVisible(panel) != before ? [.reload(.panel(panel))] : []
    }

    /// After a load, puts the selection back on the selected item wherever the rows moved it —
    /// keeping it on the same screen line when it moved a little (a row inserted above it) — or,
    /// when it is gone from the view, on the row now in its place, saying so. Returns whether the
    /// window must be loaded again.
    @discardableResult
    private static func follow(_ state: inout DashboardState, _ panel: PanelID) -> Bool {
        let before = state.selected(panel)
        if let key = state.selectedKey[panel] {
            if let index = state.data.index(of: key, in: panel) {
                state.selection[panel] = index
            } else {
                switch state.data.whereabouts[panel] {
                case let .at(index)?:
                    state.selection[panel] = index
                    // The same screen line, so the list moves and the cursor stays.
                    state.scroll[panel] = index - (before - state.firstVisible(panel))
                case .leftView?:
                    state.message = "\(key) is no longer in \(panel.title) as filtered and scoped; selected the row in its place"
                case .deleted?:
                    state.message = "\(key) was deleted from the store; selected the row in its place"
                case .beyondSearch?:
                    state.message = "\(key) moved beyond the first \(SelectionLocator.searchDepth) rows of \(panel.title); back to the first row"
                    state.selection[panel] = 0
                    state.scroll[panel] = 0
                case nil:
                    break
                }
                if case .at = state.data.whereabouts[panel] {} else if state.data.whereabouts[panel] != nil {
                    state.selectedKey[panel] = nil
                }
            }
        }
        clampSelection(&state, panel)
        // The window loaded is the one to show unless the selection moved the scroll.
        let changed = state.firstVisible(panel) != state.data.offset(panel)
        if !changed, state.selectedKey[panel] == nil { state.selectedKey[panel] = state.data.key(panel, at: state.selected(panel)) }
        return changed
    }

    /// Keeps the selection within the rows and the scroll so the selection is visible; returns
    /// whether the scroll changed (the window must then be reloaded).
    @discardableResult
    private static func clampSelection(_ state: inout DashboardState, _ panel: PanelID) -> Bool {
        let total = state.data.total(panel)
        let rows = state.layout.visibleRows(panel)
        let selected = min(max(0, state.selected(panel)), max(0, total - 1))
        var first = state.firstVisible(panel)
        if selected < first { first = selected }
        if selected >= first + rows { first = selected - rows + 1 }
        first = max(0, min(first, max(0, total - rows)))
        let changed = first != state.firstVisible(panel)
        state.selection[panel] = selected
        state.scroll[panel] = first
        return changed
    }

    // MARK: - Detail views

    /// Opens `target`'s detail: from the dashboard or `:` a new path, or (`following` a link) one
    /// step further along the open one.
    private static func openDetail(_ state: inout DashboardState, _ target: DetailTarget, following: Bool) -> [DashboardEffect] {
        if following, let detail = state.detail {
            state.trail.append(detail)
            state.trail = Array(state.trail.suffix(DashboardState.trailLimit))
        } else {
            state.trail = []
        }
        state.detail = DetailState(target)
        return [.loadDetail(target)]
    }

    private static func detailCommand(_ state: inout DashboardState, _ command: Command) -> [DashboardEffect] {
        let page = max(1, state.layout.body.height - 3)
        switch command {
        case .open:
            guard let detail = state.detail, let link = detail.link, link != detail.target else {
                state.message = "nothing to follow here: ↑↓ select a related item"
                return []
            }
            return openDetail(&state, link, following: true)
        case .up: stepLink(&state, forward: false)
        case .down: stepLink(&state, forward: true)
        case .pageUp: state.detail!.scroll -= page
        case .pageDown: state.detail!.scroll += page
        case .top: state.detail!.scroll = 0
        case .bottom: state.detail!.scroll = Int.max / 2
        default: break
        }
        settleDetail(&state)
        return []
    }

    /// The open detail as Render lays it out — its links, the lines in view, the content's height —
    /// laid out once per key: neither depends on the scroll or the selected link.
    private struct DetailGeometry {
        var links: [DetailLink]
        var visible: Int
        var height: Int
        var preferred: DetailTarget?

        init?(_ state: DashboardState) {
            guard let detail = state.detail else { return nil }
            let view = DetailView(detail, now: state.now, zone: state.timeZone)
            let width = DetailView.contentWidth(bodyWidth: state.layout.body.width)
            links = view.links(width: width)
            visible = max(1, state.layout.body.height - 2)
            height = view.contentHeight(width: width)
            preferred = view.initialLink
        }

        func line(of target: DetailTarget?) -> Int? { target.flatMap { target in links.first { $0.target == target }?.line } }
    }

    /// ↓ selects the next related item when it is in view, else scrolls a line towards it (or
    /// towards the end); ↑ the same upwards. So the arrows read the whole view and stop on each
    /// link on the way, and Enter only ever follows a link the user can see.
    private static func stepLink(_ state: inout DashboardState, forward: Bool) {
        guard let geometry = DetailGeometry(state), var detail = state.detail else { return }
        let top = detail.scroll, bottom = detail.scroll + geometry.visible
        let current = geometry.line(of: detail.link)
        let next = forward ? geometry.links.first { $0.line > (current ?? top - 1) }
            : geometry.links.last { $0.line < (current ?? bottom) }
        if let next, next.line >= top, next.line < bottom {
            detail.link = next.target
        } else {
            detail.scroll += forward ? 1 : -1
        }
        state.detail = detail
    }

    /// Keeps the detail's scroll within its content (measured by the same view-model Render draws)
    /// and the selected link on screen: scrolled out of view, the selection moves to the first
    /// link in view, or to none.
    private static func settleDetail(_ state: inout DashboardState, _ laidOut: DetailGeometry? = nil) {
        guard let geometry = laidOut ?? DetailGeometry(state), var detail = state.detail else { return }
        detail.scroll = min(max(0, detail.scroll), max(0, geometry.height - geometry.visible))
        let inView = { (line: Int) in line >= detail.scroll && line < detail.scroll + geometry.visible }
        if !(geometry.line(of: detail.link).map(inView) ?? false) {
            detail.link = geometry.links.first { inView($0.line) }?.target
        }
        state.detail = detail
    }

    /// After a load: the selected link if it is still there (scrolled into view if the content
    /// moved it), else the view's preferred link (else its first). A view just opened keeps its
    /// top in view, so it selects that link only if it is on the first screen.
    private static func placeLink(_ state: inout DashboardState, opening: Bool) {
        guard let geometry = DetailGeometry(state), var detail = state.detail else { return }
        let chosen = geometry.line(of: detail.link).map { (detail.link, $0) }
            ?? geometry.line(of: geometry.preferred).map { (geometry.preferred, $0) }
            ?? geometry.links.first.map { ($0.target, $0.line) }
        detail.link = chosen?.0
        if let line = chosen?.1, !opening {
            if line < detail.scroll { detail.scroll = line }
            if line >= detail.scroll + geometry.visible { detail.scroll = line - geometry.visible + 1 }
        }
        state.detail = detail
        settleDetail(&state, geometry)
    }

    // MARK: - Alert lifecycle

    private static func lifecycle(_ state: inout DashboardState, _ command: Command) -> [DashboardEffect] {
        guard let alert = state.actionableAlert else {
            state.message = "select an alert first"
            return []
        }
        if let refusal = state.refusal(command) {
            state.message = refusal
            return []
        }
        switch command.alertActionKind {
        case .acknowledge: return save(&state, alert, .acknowledge)
        case .reopen: return save(&state, alert, .reopen)
        case .assign: state.prompt = Prompt(.assign(alert: alert))
        case .note: state.prompt = Prompt(.note(alert: alert))
        case .snooze: state.prompt = Prompt(.snooze(alert: alert), text: "4h", suggested: true)
        case .resolve: state.prompt = Prompt(.resolve(alert: alert))
        case nil: break
        }
        return []
    }

    /// Asks the engine to write an action, and says so until it is done.
    private static func save(_ state: inout DashboardState, _ alert: String, _ action: AlertAction) -> [DashboardEffect] {
        let pending = PendingAlertAction(alert: alert, action: action)
        state.saving.append(pending)
        return [.applyAlertAction(pending)]
    }

    // MARK: - Mouse

    /// A click focuses the panel under it and selects the row under it; the wheel moves the
    /// selection (or scrolls a detail view) by three rows.
    private static func mouse(_ state: inout DashboardState, _ event: MouseEvent) -> [DashboardEffect] {
        guard state.prompt == nil, !state.showHelp else { return [] }
        switch event.kind {
        case .wheelUp, .wheelDown:
            let step = event.kind == .wheelUp ? -3 : 3
            if state.detail != nil {
                state.detail!.scroll += step
                settleDetail(&state)
                return []
            }
            return move(&state, to: state.selected(state.focus) + step)
        case .click:
            guard state.detail == nil else { return [] }
            let layout = state.layout
            if let tabs = layout.tabs, event.y == tabs.y {
                // The tab bar: " 1 Models   2 Pipeline Runs …", each label about as wide as its title.
                var x = tabs.x
                for panel in PanelID.allCases {
                    let width = panel.title.count + 5
                    if event.x < x + width { return focus(&state, panel) }
                    x += width
                }
                return []
            }
            guard let (panel, rect) = layout.panels.first(where: { _, rect in
                rect.width > 0 && event.x >= rect.x && event.x < rect.x + rect.width && event.y >= rect.y && event.y < rect.y + rect.height
            }) else { return [] }
            var effects = focus(&state, panel)
            let row = event.y - rect.y - 2  // below the border and the column header
            if row >= 0, row < layout.visibleRows(panel) {
                effects += move(&state, to: state.firstVisible(panel) + row)
            }
            return effects
        }
    }

    // MARK: - Command line

    private static func commandLineKey(_ state: inout DashboardState, _ prompt: inout Prompt, _ key: Key) -> [DashboardEffect] {
        switch key {
        case .escape:
            state.prompt = nil
            return []
        case .tab:
            // Models, runs and alerts are looked up in the store; `.keysCompleted` brings them.
            if ColonCommand.storeCompletion(prompt.editor.text) != nil { return [.completeKeys(line: prompt.editor.text)] }
            let (line, candidates) = ColonCommand.complete(prompt.editor.text, teams: state.data.teamNames, themes: state.themeNames)
            complete(&state, prompt, to: line, candidates: candidates, none: nil)
            return []
        case .enter:
            state.prompt = nil
            switch ColonCommand.parse(prompt.editor.text, teams: state.data.teamNames, themes: state.themeNames,
                                      currentTheme: state.themeName) {
            case let .failure(error):
                state.message = error.message
                return []
            case let .success(command):
                return run(&state, command)
            }
        default:
            prompt.editor.handle(key)
            prompt.candidates = []
            state.prompt = prompt
            return []
        }
    }

    private static func run(_ state: inout DashboardState, _ command: ColonCommand.Parsed) -> [DashboardEffect] {
        switch command {
        case .quit:
            return perform(&state, .quit)
        case .help:
            return perform(&state, .help)
        case .messages:
            state.showMessages = true
            return []
        case let .write(path, replace):
            return [.exportPanel(state.focus, path: path, replace: replace)]
        case .overview:
            return openDetail(&state, .portfolio, following: false)
        case let .open(target):
            // From a detail view, one more step along its path (Esc comes back).
            return openDetail(&state, target, following: state.detail != nil)
        case let .theme(name):
            state.themeName = name
            state.message = "theme \(name)"
            return []
        case let .jump(panel):
            state.detail = nil
            state.trail = []
            let wasGrid = state.layout.isGrid
            state.focus = panel
            return wasGrid ? [] : [.reload(.panel(panel))]
        case let .team(team):
            state.scope.team = team
        case let .stage(stage):
            state.scope.stage = stage
        case let .severity(severity):
            state.scope.severity = severity
        }
        for panel in PanelID.allCases {
            state.selection[panel] = 0
            state.scroll[panel] = 0
        }
        state.message = state.scope.isEmpty ? "showing the whole portfolio" : "scoped to \(state.scope.summary)"
        // A scope changes the header's figures too.
        return [.reload(.everything)]
    }

    /// Puts a Tab completion into the prompt: its text completed, and in the footer the candidates
    /// when there are several, `none` when there are none.
    private static func complete(_ state: inout DashboardState, _ prompt: Prompt, to text: String, candidates: [String], none: String?) {
        var prompt = prompt
        prompt.editor.replace(with: text)
        prompt.candidates = candidates
        state.prompt = prompt
        state.message = candidates.isEmpty ? none : candidates.count > 1 ? candidates.joined(separator: "  ") : nil
    }

    // MARK: - Filter and sort

    /// `s` steps through the sortable columns shown and back to the default order; `S` reverses.
    private static func sort(_ state: inout DashboardState, _ command: Command) -> [DashboardEffect] {
        let panel = state.focus
        let sorts = PanelViewModel.shownSorts(panel, state: state)
        var query = state.query(panel)
        if command == .sortNext {
            let next = query.sort.flatMap { sorts.firstIndex(of: $0) }.map { $0 + 1 } ?? 0
            query.sort = sorts.indices.contains(next) ? sorts[next] : nil
            query.descending = false
        } else {
            if query.sort == nil { query.sort = sorts.first }
            query.descending.toggle()
        }
        state.queries[panel] = query
        state.selection[panel] = 0
        state.scroll[panel] = 0
        return [.reload(.panel(panel))]
    }

    /// Applies the filter prompt's text to its panel as it is typed.
    private static func setFilter(_ state: inout DashboardState, _ panel: PanelID, _ text: String) -> [DashboardEffect] {
        var query = state.query(panel)
        guard query.filter != text else { return [] }
        query.filter = text
        state.queries[panel] = query
        state.selection[panel] = 0
        state.scroll[panel] = 0
        return [.reload(.panel(panel))]
    }

    private static func promptKey(_ state: inout DashboardState, _ key: Key) -> [DashboardEffect] {
        guard var prompt = state.prompt else { return [] }
        if prompt.purpose == .command { return commandLineKey(&state, &prompt, key) }
        if case let .filter(panel) = prompt.purpose {
            switch key {
            case .enter:
                state.prompt = nil
                return []
            case .escape:
                state.prompt = nil
                return setFilter(&state, panel, "")
            default:
                prompt.editor.handle(key)
                state.prompt = prompt
                return setFilter(&state, panel, prompt.editor.text)
            }
        }
        if key == .tab, case .assign = prompt.purpose {
            // The people the store knows complete the name (`.peopleCompleted` brings them).
            return [.completePeople(prefix: prompt.editor.text)]
        }
        switch key {
        case .escape:
            state.prompt = nil
            state.message = "cancelled"
            return []
        case .enter:
            let text = prompt.editor.text.trimmingCharacters(in: .whitespaces)
            switch prompt.purpose {
            case .filter, .command:
                return []
            case let .assign(alert):
                guard !text.isEmpty else { state.message = "type a name, or Esc to cancel"; return [] }
                state.prompt = nil
                return save(&state, alert, .assign(to: text))
            case let .note(alert):
                guard !text.isEmpty else { state.message = "type a note, or Esc to cancel"; return [] }
                state.prompt = nil
                return save(&state, alert, .note(text))
            case let .snooze(alert):
                guard let seconds = DurationText.parse(text) else {
                    state.message = DurationText.problem(text)
                    return []
                }
                state.prompt = nil
                return save(&state, alert, .snooze(until: state.now.addingTimeInterval(seconds)))
            case let .resolve(alert):
                state.prompt = nil
                return save(&state, alert, .resolve(note: text.isEmpty ? nil : text))
            }
        default:
            prompt.editor.handle(key)
            state.prompt = prompt
            return []
        }
    }
}
