import Dashboard
import Foundation
import Portfolio
import PortfolioStore
import Testing
import TestSupport

/// Hands stay on the keyboard: names complete from the store, `y` copies what is selected, and
/// `:write` saves what a panel shows.
@Suite("Hands on the keyboard")
struct HandsOnKeyboardTests {
    @Test("y copies the selected row's id, or in a detail view the selected link's; with the clipboard off it only says what it would")
    func copyWhatIsSelected() throws {
        let engine = try SampleEngine.make()
        try engine.send(.key(.character("3")))
        let selected = try #require(engine.state.data.alerts.rows.first?.externalID)
        try engine.send(.key(.character("y")))
        #expect(engine.state.clipboard?.text == selected && engine.state.clipboard?.serial == 1)
        #expect(engine.state.message == "copied \(selected)")
        try engine.send(.key(.enter))
        try engine.send(.key(.character("y")))
        let model = try #require(engine.state.data.alerts.rows.first?.model)
        #expect(engine.state.clipboard?.text == model && engine.state.clipboard?.serial == 2, "the alert detail's selected link is its model")

        var off = ReducerTests.state()
        off.clipboardEnabled = false
        _ = DashboardReducer.reduce(&off, .key(.character("y")))
        #expect(off.clipboard == nil)
        #expect(off.message == "copying is off (clipboard: off); selected: model-0")
    }

    @Test("Tab in the assign prompt completes from the people the store knows, in any case")
    func assignCompletesPeople() throws {
        let engine = try SampleEngine.make()
        try engine.open(.alert("alert-0071"))
        try engine.send(.key(.character("A")))
        try SampleEngine.type(engine, "chl")
        try engine.send(.key(.tab))
        #expect(engine.state.prompt?.editor.text == "Chloe Martin")
        try engine.send(.key(.escape))
        try engine.send(.key(.character("A")))
        try SampleEngine.type(engine, "nobody-like-this")
        try engine.send(.key(.tab))
        #expect(engine.state.prompt?.editor.text == "nobody-like-this")
        #expect(engine.state.message?.hasPrefix("nobody in the store is named") == true)
        let people = try SharedSample.store.read { try $0.people(startingWith: "", limit: 500) }
        #expect(people.contains("Chloe Martin") && people.contains("drift-monitor") && people == people.sorted())
    }

    @Test(":write FILE.csv and FILE.json save the focused panel's rows as filtered and sorted, every column; an existing file needs :write!")
    func writePanel() throws {
        let folder = TemporaryFolder("write")
        let engine = try SampleEngine.make()
        try engine.send(.key(.character("3")))
        try engine.send(.key(.character("/")))
        try SampleEngine.type(engine, "card-fraud")
        try engine.send(.key(.enter))
        let total = engine.state.data.alerts.total
        #expect(total > 1)
        func write(_ line: String) throws {
            try engine.send(.key(.character(":")))
            try SampleEngine.type(engine, line)
            try engine.send(.key(.enter))
        }
        let csv = folder.file("alerts.csv")
        try write("write \(csv)")
        #expect(engine.state.message == "wrote \(total) Drift Alerts rows to \(csv)")
        let lines = try String(contentsOfFile: csv, encoding: .utf8).split(separator: "\r\n")
        #expect(lines.first == "ID,SEVERITY,STATUS,MODEL,FEATURE,TEST,SCORE,AGE,ASSIGNEE")
        #expect(lines.count == total + 1)
        #expect(lines.dropFirst().allSatisfy { $0.contains("card-fraud-detector") })

        try write("write \(csv)")
        #expect(engine.state.message == "\(csv) exists; :write! \(csv) replaces it")
        try write("write! \(csv)")
        #expect(engine.state.message?.hasPrefix("wrote ") == true)

        let json = folder.file("alerts.json")
        try write("write \(json)")
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [[String: String]])
        #expect(objects.count == total)
        #expect(objects.first?["id"] == engine.state.data.alerts.rows.first?.externalID)
        #expect(objects.allSatisfy { $0["model"] == "card-fraud-detector" })

        try write("write \(folder.file("alerts.txt"))")
        #expect(engine.state.message?.hasSuffix("name a .csv or .json file") == true)
    }

    @Test("Exported text from the store stays inert on a terminal: CSV as the panel draws it, JSON escaped and exact")
    func exportedTextIsInert() throws {
        let hostile = "fraud\u{1B}]52;c;cHduZWQ=\u{07}\nline\u{202E}txt\u{9B}2J"
        let table = TableView(columns: [TableColumn("MODEL", min: 10)], rows: [[TableCell(hostile)]], selectedRow: nil)
        let csv = String(decoding: try PanelExport.encode(table, as: .csv), as: UTF8.self)
        #expect(csv == "MODEL\r\nfraud\u{FFFD}]52;c;cHduZWQ=\u{FFFD} linetxt\u{FFFD}2J\r\n")
        let json = String(decoding: try PanelExport.encode(table, as: .json), as: UTF8.self)
        let raw = json.unicodeScalars.filter(\.isUnsafeForTerminal).filter { $0 != "\n" }
        #expect(raw.isEmpty, "\(json.debugDescription)")
        let lower = json.lowercased()
        #expect(lower.contains(#"\u001b]52"#) && lower.contains(#"\u202e"#) && lower.contains(#"\u009b"#), "\(json)")
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: String]])
        #expect(objects == [["model": hostile]])
    }

    @Test("A CSV field a spreadsheet would run as a formula is written as text; commas and quotes are quoted")
    func csvFieldsAreInert() {
        #expect(PanelExport.csvField("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"")
        #expect(PanelExport.csvField("-0.5") == "-0.5")
        #expect(PanelExport.csvField("a, b") == "\"a, b\"")
        #expect(PanelExport.csvField("@sum") == "'@sum")
    }
}
