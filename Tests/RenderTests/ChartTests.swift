import Dashboard
import Foundation
import Render
import Testing
import TestSupport

/// History with a time axis: series placed by time across the window, dates below, the threshold
/// drawn across.
@Suite("Charts over time", .serialized)
struct ChartTests {
    @Test("Placed by time, a series keeps its peaks, joins points a column or two apart, and leaves a long silence blank")
    func sparklineColumnsByTime() {
        let from = Date(timeIntervalSince1970: 0)
        let day = 86_400.0
        let times = [1, 2, 3, 13].map { from.addingTimeInterval($0 * day) } + [from.addingTimeInterval(3.1 * day)]
        let columns = Sparkline.columns([1, 2, 1, 4, 9], times: times, from: from, to: from.addingTimeInterval(14 * day), width: 29)
        #expect(columns[6] == 9, "the largest value of a column, not the last: \(columns)")
        #expect(columns[3] == 1 && columns[4] != nil, "points two columns apart join up: \(columns)")
        #expect(columns[10...20].allSatisfy { $0 == nil }, "ten silent days stay blank: \(columns)")
        #expect(columns[0] == nil && columns[28] == nil)
        #expect(Sparkline.columns([.nan, .infinity, 1], times: Array(times.prefix(3)), from: from, to: from, width: 5).allSatisfy { $0 == nil })
    }

    @Test("The alert detail charts the score over the window with its dates and the threshold as a line; w widens it to 90 days")
    func alertScoreChart() throws {
        let engine = try GoldenFrameTests.engine(width: 120, height: 48)
        try engine.open(.alert("alert-0071"))
        var frame = GoldenFrameTests.frame(engine)
        let zone = TimeZone(identifier: "UTC")!
        #expect(frame.contains("Score history, last 30 days"))
        let start = Format.date(engine.state.now.addingTimeInterval(-30 * 86_400), zone: zone)
        #expect(frame.contains(start) && frame.contains(Format.date(engine.state.now, zone: zone)), "no dates on the axis:\n\(frame)")
        #expect(frame.contains("────────"), "no threshold line")
        #expect(frame.contains("threshold 0.25 (drift at or above)"))
        try engine.send(.key(.character("w")))
        frame = GoldenFrameTests.frame(engine)
        #expect(frame.contains("Score history, last 90 days"))
        #expect(frame.contains(Format.date(engine.state.now.addingTimeInterval(-90 * 86_400), zone: zone)))
    }
}
