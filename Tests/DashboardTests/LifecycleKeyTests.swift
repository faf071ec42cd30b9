import Dashboard
import Foundation
import Portfolio
import PortfolioStore
import Testing

/// The alert lifecycle, help and prompt key paths through the pure reducer.
@Suite("Reducer: alerts, prompts and help")
struct LifecycleKeyTests {
    static let now = ReducerTests.now

    static func alert(_ i: Int, status: AlertStatus = .open) -> DriftAlert {
        DriftAlert(externalID: "alert-\(i)", model: "model-\(i)", feature: "f", method: .psi, score: 0.3, threshold: 0.25,
                     severity: .critical, status: status, assignee: nil, openedAt: now, snoozedUntil: nil)
    }

    /// The dashboard with 10 alerts loaded and the Drift Alerts panel focused.
    static func alertsState(readOnly: Bool = false, status: AlertStatus = .open) -> DashboardState {
        var state = DashboardState(width: 160, height: 48, now: now, sourceLabel: "test")
        state.isReadOnly = readOnly
        var data = DashboardData()
        data.alerts = RowWindow(offset: 0, rows: (0..<10).map { alert($0, status: status) }, total: 10)
        _ = DashboardReducer.reduce(&state, .loaded(data, .everything))
        _ = DashboardReducer.reduce(&state, .key(.character("3")))
        return state
    }

    static func type(_ state: inout DashboardState, _ text: String) {
        for c in text { _ = DashboardReducer.reduce(&state, .key(.character(c))) }
    }

    @Test("a acknowledges the selected alert at once, without a prompt")
    func acknowledge() {
        var state = Self.alertsState()
        _ = DashboardReducer.reduce(&state, .key(.down))
        let effects = DashboardReducer.reduce(&state, .key(.character("a")))
        #expect(effects == [.applyAlertAction(PendingAlertAction(alert: "alert-1", action: .acknowledge))])
        #expect(state.prompt == nil)
    }

    @Test("A prompts for a name; Enter assigns to it, trimmed")
    func assign() {
        var state = Self.alertsState()
        #expect(DashboardReducer.reduce(&state, .key(.character("A"))) == [])
        #expect(state.prompt?.purpose == .assign(alert: "alert-0"))
        Self.type(&state, " Chloe Martin ")
        #expect(DashboardReducer.reduce(&state, .key(.enter)) == [.applyAlertAction(PendingAlertAction(alert: "alert-0", action: .assign(to: "Chloe Martin")))])
        #expect(state.prompt == nil)
    }

    @Test("While a prompt is open, letters are text, not commands: q does not quit")
    func promptCapturesKeys() {
        var state = Self.alertsState()
        _ = DashboardReducer.reduce(&state, .key(.character("n")))
        Self.type(&state, "q?a")
        #expect(!state.shouldQuit)
        #expect(!state.showHelp)
        #expect(state.prompt?.editor.text == "q?a")
    }

    @Test("The note editor moves with ←/→/Home/End and deletes with Backspace and Del")
    func noteEditor() {
        var state = Self.alertsState()
        _ = DashboardReducer.reduce(&state, .key(.character("n")))
        Self.type(&state, "retrain")
        for key: Key in [.home, .delete, .character("R"), .end, .backspace, .backspace, .left, .character("X")] {
            _ = DashboardReducer.reduce(&state, .key(key))
        }
        #expect(state.prompt?.editor.text == "RetrXa")
        #expect(DashboardReducer.reduce(&state, .key(.enter)) == [.applyAlertAction(PendingAlertAction(alert: "alert-0", action: .note("RetrXa")))])
    }

    @Test("Esc cancels a prompt and writes nothing; an empty note is not saved")
    func cancel() {
        var state = Self.alertsState()
        _ = DashboardReducer.reduce(&state, .key(.character("n")))
        #expect(DashboardReducer.reduce(&state, .key(.enter)) == [])
        #expect(state.prompt != nil)
        #expect(DashboardReducer.reduce(&state, .key(.escape)) == [])
        #expect(state.prompt == nil)
    }

    @Test("z offers 4h; a typed duration snoozes until now plus that; nonsense is refused with a message")
    func snooze() {
        var state = Self.alertsState()
        _ = DashboardReducer.reduce(&state, .key(.character("z")))
        #expect(state.prompt?.editor.text == "4h")
        #expect(state.prompt?.editor.isSuggestion == true)
        _ = DashboardReducer.reduce(&state, .key(.backspace))
        #expect(state.prompt?.editor.text == "")
        Self.type(&state, "soon")
        #expect(DashboardReducer.reduce(&state, .key(.enter)) == [])
        #expect(state.message?.contains("not a duration") == true)
        for _ in 0..<4 { _ = DashboardReducer.reduce(&state, .key(.backspace)) }
        Self.type(&state, "1d")
        #expect(DashboardReducer.reduce(&state, .key(.enter)) == [.applyAlertAction(PendingAlertAction(alert: "alert-0", action: .snooze(until: Self.now + 86_400)))])
    }

    @Test("x resolves with an optional note; o reopens at once")
    func resolveAndReopen() {
        var state = Self.alertsState()
        _ = DashboardReducer.reduce(&state, .key(.character("x")))
        #expect(DashboardReducer.reduce(&state, .key(.enter)) == [.applyAlertAction(PendingAlertAction(alert: "alert-0", action: .resolve(note: nil)))])
        _ = DashboardReducer.reduce(&state, .key(.character("x")))
        Self.type(&state, "false positive")
        #expect(DashboardReducer.reduce(&state, .key(.enter)) == [.applyAlertAction(PendingAlertAction(alert: "alert-0", action: .resolve(note: "false positive")))])
        var resolved = Self.alertsState(status: .resolved)
        #expect(DashboardReducer.reduce(&resolved, .key(.character("o"))) == [.applyAlertAction(PendingAlertAction(alert: "alert-0", action: .reopen))])
    }

    @Test("The snooze's 4h is a suggestion: the first key typed replaces it (z 90m Enter snoozes 90 minutes, not 4h90m); Enter keeps it")
    func snoozeSuggestion() {
        var state = Self.alertsState()
        _ = DashboardReducer.reduce(&state, .key(.character("z")))
        Self.type(&state, "90m")
        #expect(state.prompt?.editor.text == "90m")
        #expect(DashboardReducer.reduce(&state, .key(.enter)) == [.applyAlertAction(PendingAlertAction(alert: "alert-0", action: .snooze(until: Self.now + 5_400)))])
        _ = DashboardReducer.reduce(&state, .key(.character("z")))
        #expect(DashboardReducer.reduce(&state, .key(.enter)) == [.applyAlertAction(PendingAlertAction(alert: "alert-0", action: .snooze(until: Self.now + 4 * 3_600)))])
    }

    @Test("Ctrl-U deletes back to the start of the line and Ctrl-W the word before the cursor, as in a shell")
    func lineEditingKeys() {
        var editor = LineEditor("retrained on december data")
        editor.handle(.control("w"))
        #expect(editor.text == "retrained on december ")
        editor.handle(.control("w"))
        #expect(editor.text == "retrained on ")
        editor.handle(.left)
        editor.handle(.control("u"))
        #expect(editor.text == " ")
        #expect(editor.cursor == 0)
        editor.handle(.control("e"))
        editor.handle(.character("x"))
        editor.handle(.control("a"))
        editor.handle(.character("y"))
        #expect(editor.text == "y x")
    }

    @Test("An action the alert's state does not allow says so before any prompt opens, and is not offered in the footer or help")
    func stateRefusesBeforePrompt() {
        var state = Self.alertsState(status: .resolved)
        #expect(DashboardReducer.reduce(&state, .key(.character("x"))) == [])
        #expect(state.prompt == nil, "the note typed into a resolve prompt would be lost to the refusal")
        #expect(state.message == "alert alert-0 is already resolved")
        #expect(DashboardReducer.reduce(&state, .key(.character("A"))) == [])
        #expect(state.message == "alert alert-0 is resolved; reopen it before assigning")
        let footer = FooterView(state: Self.alertsState(status: .resolved)).hints.map(\.action)
        #expect(footer.contains("note") && footer.contains("reopen"))
        #expect(!footer.contains("ack") && !footer.contains("resolve") && !footer.contains("snooze") && !footer.contains("assign"))
        let open = FooterView(state: Self.alertsState()).hints.map(\.action)
        #expect(open.contains("ack") && open.contains("resolve") && !open.contains("reopen"))
        var help = Self.alertsState(status: .resolved)
        _ = DashboardReducer.reduce(&help, .key(.character("?")))
        let entries = HelpView(state: help).entries.map(\.keys)
        #expect(entries.contains("o") && entries.contains("n") && !entries.contains("x") && !entries.contains("a"))
    }

    @Test("The footer names each key once, on the grid and zoomed in every panel; zoomed, the way back comes third")
    func footerNamesEachKeyOnce() {
        for panel in ["1", "2", "3", "4"] {
            var state = Self.alertsState()
            _ = DashboardReducer.reduce(&state, .key(.character(Character(panel))))
            for zoomed in [false, true] {
                if zoomed { _ = DashboardReducer.reduce(&state, .key(.character("f"))) }
                let keys = FooterView(state: state).hints.map(\.key)
                #expect(Set(keys).count == keys.count, "panel \(panel)\(zoomed ? " zoomed" : ""): \(keys)")
                if zoomed { #expect(FooterView(state: state).hints.prefix(3).map(\.action) == ["quit", "help", "all panels"], "panel \(panel)") }
            }
        }
    }

    @Test("Under read-only no writing key is offered in the footer or help; pressed, each says read-only")
    func readOnlyOffersNoWrites() {
        var state = Self.alertsState(readOnly: true)
        let footer = FooterView(state: state).hints.map(\.action)
        for action in ["ack", "assign", "note", "snooze", "resolve", "reopen"] { #expect(!footer.contains(action), "\(action)") }
        _ = DashboardReducer.reduce(&state, .key(.character("?")))
        #expect(!HelpView(state: state).entries.contains { ["a", "A", "n", "z", "x", "o", "R"].contains($0.keys) })
    }

    @Test("In read-only mode lifecycle keys say so and change nothing")
    func readOnly() {
        var state = Self.alertsState(readOnly: true)
        for key in ["a", "A", "n", "z", "x", "o"] {
            #expect(DashboardReducer.reduce(&state, .key(.character(Character(key)))) == [])
            #expect(state.prompt == nil)
            #expect(state.message?.contains("read-only") == true)
        }
    }

    @Test("Lifecycle keys only act in the Drift Alerts panel and an alert's detail")
    func lifecycleScope() {
        var state = Self.alertsState()
        _ = DashboardReducer.reduce(&state, .key(.character("1")))
        #expect(DashboardReducer.reduce(&state, .key(.character("a"))) == [])
        _ = DashboardReducer.reduce(&state, .key(.character("3")))
        _ = DashboardReducer.reduce(&state, .key(.enter))
        #expect(state.detail?.target == .alert("alert-0"))
        #expect(DashboardReducer.reduce(&state, .key(.character("a"))) == [.applyAlertAction(PendingAlertAction(alert: "alert-0", action: .acknowledge))])
    }

    @Test("A finished action shows its message and reloads the data and the open detail")
    func actionDoneReloads() {
        var state = Self.alertsState()
        _ = DashboardReducer.reduce(&state, .key(.enter))
        #expect(DashboardReducer.reduce(&state, .alertActionFinished(PendingAlertAction(alert: "alert-0", action: .acknowledge), .saved("alert-0 acknowledged by me"))) == [.reload(.everything)])
        #expect(state.message == "alert-0 acknowledged by me")
    }

    @Test("? opens help for the current context; Esc or ? closes it; other keys do nothing meanwhile")
    func help() {
        var state = Self.alertsState()
        _ = DashboardReducer.reduce(&state, .key(.character("?")))
        #expect(state.showHelp)
        #expect(HelpView(state: state).title == "Keys: Drift Alerts panel")
        _ = DashboardReducer.reduce(&state, .key(.character("j")))
        #expect(state.selected(.alerts) == 0)
        _ = DashboardReducer.reduce(&state, .key(.escape))
        #expect(!state.showHelp)
        _ = DashboardReducer.reduce(&state, .key(.character("?")))
        _ = DashboardReducer.reduce(&state, .key(.character("?")))
        #expect(!state.showHelp)
    }

    @Test("Every key binding does what the key map says in each context where it is listed: no other binding takes its key there")
    func keyMapIsWhatTheReducerUses() {
        let contexts: [KeyContext] = PanelID.allCases.map(KeyContext.panel) + DetailKind.allCases.map(KeyContext.detail)
        var checked = 0
        for context in contexts {
            for binding in KeyMap.bindings(in: context) {
                for key in binding.keys {
                    #expect(KeyMap.command(for: key, in: context) == binding.command,
                            "\(key.label) is listed in \(context.title) as \(binding.description), but does something else there")
                    checked += 1
                }
            }
        }
        #expect(checked > 100)
    }
}
