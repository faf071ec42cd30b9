import Dashboard
import Foundation
import PortfolioStore
import Testing
import TestSupport

/// What the view-models make of the sample: positions, tones and symbols, the KPIs in the header.
@Suite("View-models")
struct ViewModelTests {
    static func engine(width: Int = 160, height: Int = 48) throws -> DashboardEngine {
        try SampleEngine.make(width: width, height: height, isSample: true)
    }

    @Test("A panel's position reads selected/total")
    func position() throws {
        let engine = try Self.engine()
        try engine.send(.key(.character("2")))
        try engine.send(.key(.down))
        #expect(PanelViewModel.view(.runs, state: engine.state).position == "2/1720")
        #expect(PanelViewModel.view(.runs, state: engine.state).isFocused)
        #expect(!PanelViewModel.view(.models, state: engine.state).isFocused)
    }

    @Test("Status cells carry a symbol as well as a tone, so meaning never rests on colour")
    func statusHasSymbol() throws {
        let engine = try Self.engine()
        for (panel, title) in [(PanelID.runs, "STATUS"), (.alerts, "SEVERITY")] {
            let table = PanelViewModel.view(panel, state: engine.state).table
            let column = try #require(table.columns.firstIndex { $0.title == title })
            for row in table.rows { #expect(row[column].symbol != nil) }
        }
    }

    @Test("A model whose annualized cost exceeds its annual value is flagged with a symbol, not colour alone")
    func costlyModelFlagged() throws {
        let engine = try Self.engine(height: 80)
        let table = PanelViewModel.view(.models, state: engine.state).table
        #expect(table.columns[6].title == "COST/YR")
        let row = try #require(table.rows.first { $0[0].content == .text("visual-defect-detector") })
        #expect(row[5].tone == .warn)
        #expect(row[6].symbol == .loss)
        let fine = try #require(table.rows.first { $0[0].content == .text("card-fraud-detector") })
        #expect(fine[5].tone == .normal)
        #expect(fine[6].symbol == nil)
        let model = try #require(engine.state.data.models.rows.first { $0.name == "visual-defect-detector" })
        #expect(model.costsMoreThanItEarns)
        #expect(model.annualizedCost > model.businessValue ?? 0)
    }

    @Test("The header gives the KPIs, value at risk and DORA figures from the same report as `status`")
    func header() throws {
        let engine = try Self.engine()
        let header = HeaderView(state: engine.state, zone: TimeZone(identifier: "UTC")!)
        #expect(header.source.contains("SAMPLE"))
        #expect(header.clock.hasSuffix("refreshed 2026-01-12 09:00:00 UTC"))
        let labels = header.figures.map(\.label)
        #expect(Array(labels.prefix(4)) == ["in production", "critical active", "value at risk", "failed 24h"])
        for label in ["deploys 30d", "lead time", "change fail", "restore", "value/cost", "value in production"] {
            #expect(labels.contains(label))
        }
        #expect(header.figures.first { $0.label == "critical active" }?.tone == .critical)
        let report = try SharedSample.store.read { try $0.figures(FigureWindow(asOf: SharedSample.now)) }
        #expect(engine.state.data.figures == report)
        #expect(header.figures.first { $0.label == "value at risk" }?.value == Format.money(report.portfolio.valueAtRisk))
        #expect(header.figures.first { $0.label == "change fail" }?.value == Format.percent(report.portfolio.changeFailureRate))
    }

    @Test("Money, durations and ages are written short")
    func formats() {
        #expect(Format.money(4_200_000) == "$4.2M")
        #expect(Format.money(180_000) == "$180k")
        #expect(Format.money(1_500) == "$1.5k")
        #expect(Format.money(950) == "$950")
        #expect(Format.money(nil) == "—")
        #expect(Format.duration(42) == "42s")
        #expect(Format.duration(185) == "3m05s")
        #expect(Format.duration(4320) == "1h12m")
        #expect(Format.duration(nil) == "—")
        let now = SharedSample.now
        #expect(Format.ago(now - 2, now: now) == "now")
        #expect(Format.ago(now - 720, now: now) == "12m")
        #expect(Format.ago(now - 3 * 86_400, now: now) == "3d")
    }
}
