import Dashboard
import Foundation
import Portfolio
import PortfolioStore
import PropertyBased
import Render
import Testing
import TestSupport

/// Whatever a writer can store — any Double (±0, subnormals, ±DBL_MAX, ±infinity, NaN), any Int64
/// time, huge, empty and hostile strings — goes through every formatter, widget and view without
/// a trap. A trap ends the test process, so these checks fail loudly; each also checks that what
/// comes out is short and inert.
@Suite("Extreme values")
struct ExtremeValueTests {
    /// The values named in the hardening issue and the edges around them.
    static let extremes: [Double] = [
        0, -0.0, .leastNonzeroMagnitude, -.leastNonzeroMagnitude, .leastNormalMagnitude, 1e-320,
        .greatestFiniteMagnitude, -.greatestFiniteMagnitude, .infinity, -.infinity, .nan, 3.1e19, -1e20,
        9.223372036854775807e18, -9.223372036854775808e18, 1e15, 999.99999, 0.0005, 1e6, 59.5, 3599.5,
    ]

    /// Any Double: every bit pattern, the named extremes, and ordinary magnitudes.
    static let anyDouble = Gen<Double>.frequency([
        (weight: 1, gen: Gen.uint64().map { Double(bitPattern: $0) }.eraseToAny()),
        (weight: 1, gen: Gen.element(of: extremes).compactMap { $0 }.eraseToAny()),
        (weight: 1, gen: Gen.double(in: -1e7...1e7).eraseToAny()),
    ])

    /// Any stored time, in seconds since 1970.
    static let anySeconds = Gen<Int64>.frequency([
        (weight: 1, gen: Gen.int64().eraseToAny()),
        (weight: 1, gen: Gen.element(of: [Int64.min, Int64.max, 0, -1, 1_768_208_400]).compactMap { $0 }.eraseToAny()),
    ])

    /// Text as a store can hold it: empty, huge, or a mix of hostile scalars and ordinary ones.
    static let anyText = Gen<String>.frequency([
        (weight: 1, gen: Gen.element(of: ["", String(repeating: "x", count: 100_000), SizeSweepTests.hostile,
                                          String(repeating: "模🚀\u{1B}[2J", count: 5_000)]).compactMap { $0 }.eraseToAny()),
        (weight: 2, gen: Gen.unicodeScalar(in: "\u{0}"..."\u{2FFF}").map { String(Character($0)) }.array(of: 0...40)
            .map { $0.joined() }.eraseToAny()),
    ])

    static let utc = TimeZone(identifier: "UTC")!

    @Test("Every formatter writes any Double in a few characters")
    func formatters() async {
        await propertyCheck(count: 2_000, input: Self.anyDouble) { value in
            let outputs = [
                Format.money(value), Format.hours(value), Format.percent(value), Format.duration(value),
                Format.score(value), Format.metric(value), Format.threshold(value), DurationText.format(value),
            ]
            for text in outputs {
                #expect(!text.isEmpty && text.count <= 32, "\(value) → '\(text)'")
            }
            for digits in 0...3 { _ = Format.fixed(value, digits) }
            let whole = Int(saturating: value)
            if value.isFinite, abs(value) < 9e18 { #expect(Double(whole) == value.rounded(), "\(value) → \(whole)") }
        }
    }

    @Test("Every time, from Int64.min to Int64.max seconds, is written without a trap")
    func times() async {
        await propertyCheck(count: 2_000, input: Self.anySeconds, Self.anySeconds) { a, b in
            let date = Date(timeIntervalSince1970: TimeInterval(a)), now = Date(timeIntervalSince1970: TimeInterval(b))
            for text in [Format.dateTime(date, zone: Self.utc), Format.date(date, zone: Self.utc), Format.clock(date, zone: Self.utc),
                         Format.ago(date, now: now)] {
                #expect(!text.isEmpty && text.count <= 32, "\(a), \(b) → '\(text)'")
            }
            _ = SafeNumbers.difference(a, b)
        }
    }

    @Test("A fraction of any range is between 0 and 1")
    func fractions() async {
        await propertyCheck(count: 2_000, input: Self.anyDouble, Self.anyDouble, Self.anyDouble) { value, low, high in
            let fraction = SafeNumbers.fraction(value, from: low, to: high)
            #expect(fraction >= 0 && fraction <= 1, "\(value) in \(low)…\(high) → \(fraction)")
        }
    }

    @Test("A sparkline of any series draws one block per value shown, inside its width")
    func sparklines() async {
        await propertyCheck(count: 500, input: Self.anyDouble.array(of: 0...80), Gen.int(in: 0...40)) { values, width in
            var canvas = Canvas(width: 50, height: 1, glyphs: .unicode)
            Sparkline.draw(&canvas, x: 2, y: 0, width: width, values: values, role: .sparkline)
            let drawn = canvas.lines[0].dropFirst(2).prefix { $0 != " " }.count
            #expect(drawn == min(width, 48, values.filter(\.isFinite).count))
        }
    }

    @Test("A maturity level of any whole number draws as 0 to 4")
    func levelBars() async {
        await propertyCheck(count: 500, input: Gen.int(), Gen.int().optional()) { level, previous in
            var canvas = Canvas(width: 8, height: 1, glyphs: .unicode)
            LevelBar.draw(&canvas, x: 0, y: 0, level: level, previous: previous, selected: false)
            #expect(canvas.lines[0].contains(String(min(4, max(0, level)))))
        }
    }

    /// What the sample's detail view of the item `target` picks from the first load shows.
    static func sampleDetail(_ target: (DashboardData) -> DetailTarget) -> DetailContent {
        let engine = try! DashboardEngine(store: SharedSample.store, state: DashboardState(width: 120, height: 60, now: SharedSample.now,
                                                                                         sourceLabel: "", isSample: true))
        try! engine.open(target(engine.state.data))
        return engine.state.detail!.content!
    }

    static let alertDetail: AlertDetail = {
        guard case let .alert(detail) = sampleDetail({ .alert($0.alerts.rows[0].externalID) }) else { fatalError("no alert detail") }
        return detail
    }()

    static let modelDetail: ModelDetail = {
        guard case let .model(detail) = sampleDetail({ .model($0.models.rows[0].name) }) else { fatalError("no model detail") }
        return detail
    }()

    static let runDetail: RunDetail = {
        guard case let .run(detail) = sampleDetail({ data in .run((data.runs.rows.first { $0.status == .failed } ?? data.runs.rows[0]).externalID) })
        else { fatalError("no run detail") }
        return detail
    }()

    /// Draws a detail view whole (every line, not only the visible ones) and returns its problems.
    static func render(_ content: DetailContent, _ target: DetailTarget, now: Date = SharedSample.now) -> [String] {
        let view = DetailView(DetailState(target, content: content), now: now, zone: utc)
        var canvas = Canvas(width: 120, height: max(1, min(2_000, view.contentHeight(width: 116) + 2)), glyphs: .unicode)
        DetailRenderer.draw(&canvas, Rect(x: 0, y: 0, width: 120, height: canvas.height), view, scroll: 0)
        return SizeSweepTests.problems(in: canvas)
    }

    @Test("An alert's timeline that holds only its newest events says how many earlier ones it leaves out")
    func timelineSaysWhatItLeavesOut() {
        var detail = Self.alertDetail
        detail.eventCount = detail.alert.events.count + 1_234
        let view = DetailView(DetailState(.alert(detail.alert.externalID), content: .alert(detail)), now: SharedSample.now, zone: Self.utc)
        let notes = view.blocks.compactMap { block -> String? in if case let .note(text, _) = block { text } else { nil } }
        #expect(notes.last == "… 1234 earlier events; oversight list alerts --json lists them all")
        #expect(view.blocks.contains { if case let .heading(text) = $0 { text == "Timeline (\(detail.eventCount) events)" } else { false } })
    }

    @Test("An alert with any score, threshold and method draws its evidence gauge and history")
    func alertEvidence() async {
        await propertyCheck(count: 500, input: Self.anyDouble, Self.anyDouble, Gen<DriftMethod>.case,
                            Self.anyDouble.array(of: 0...30)) { score, threshold, method, history in
            var detail = Self.alertDetail
            detail.alert.score = score
            detail.alert.threshold = threshold
            detail.alert.method = method
            detail.history = history.enumerated().map {
                MetricPoint(model: "m", name: "drift", at: SharedSample.now.addingTimeInterval(Double($0.offset)), value: $0.element)
            }
            #expect(Self.render(.alert(detail), .alert("a")).isEmpty)
        }
    }

    @Test("A model with any value, cost, metric series and times draws its detail")
    func modelValues() async {
        await propertyCheck(count: 300, input: Self.anyDouble, Self.anyDouble, Self.anyDouble.array(of: 0...40),
                            Self.anySeconds, Self.anyText) { value, cost, series, created, owner in
            var detail = Self.modelDetail
            detail.model.businessValue = value
            detail.model.servingCostPerMonth = cost
            detail.computeCostInWindow = cost
            detail.model.createdAt = Date(timeIntervalSince1970: TimeInterval(created))
            detail.model.owner = owner
            detail.metrics = Array(detail.metrics.prefix(1))
            detail.metrics[0].name = owner
            detail.metrics[0].points = series.enumerated().map {
                MetricPoint(model: "m", name: "x", at: Date(timeIntervalSince1970: TimeInterval($0.offset)), value: $0.element)
            }
            #expect(Self.render(.model(detail), .model(owner)).isEmpty)
        }
    }

    @Test("A run with any times, cost and step times draws its detail")
    func runValues() async {
        await propertyCheck(count: 150, input: Self.anySeconds, Self.anySeconds, Self.anyDouble, Self.anyText) { start, end, cost, error in
            var detail = Self.runDetail
            detail.run.startedAt = Date(timeIntervalSince1970: TimeInterval(start))
            detail.run.finishedAt = Date(timeIntervalSince1970: TimeInterval(end))
            detail.run.computeCost = cost
            detail.run.error = error
            for index in detail.run.steps.indices {
                detail.run.steps[index].startedAt = Date(timeIntervalSince1970: TimeInterval(index.isMultiple(of: 2) ? start : end))
                detail.run.steps[index].finishedAt = Date(timeIntervalSince1970: TimeInterval(index.isMultiple(of: 2) ? end : start))
            }
            #expect(Self.render(.run(detail), .run(error)).isEmpty)
        }
    }

    @Test("The portfolio overview draws any figures")
    func overview() async throws {
        let engine = try DashboardEngine(store: SharedSample.store, state: DashboardState(width: 120, height: 60, now: SharedSample.now, sourceLabel: "", isSample: true))
        let report = try #require(engine.state.data.figures)
        await propertyCheck(count: 300, input: Self.anyDouble, Self.anyDouble, Gen.int()) { number, other, count in
            var report = report
            for index in report.teams.indices {
                report.teams[index].figures.valueAtRisk = number
                report.teams[index].figures.annualizedCostOfProduction = other
                report.teams[index].figures.leadTimeHoursMedian = number
                report.teams[index].figures.changeFailureRate = other
                report.teams[index].figures.deploymentsInWindow = count
            }
            report.portfolio.valueToCostRatio = number
            report.portfolio.computeCostInWindow = other
            #expect(Self.render(.portfolio(report), .portfolio).isEmpty)
        }
    }

    @Test("Panels whose rows hold any values and text draw whole, inert frames")
    func panels() async throws {
        let base = try SizeSweepTests.hostileState()
        await propertyCheck(count: 100, input: Self.anyDouble, Self.anyDouble, Self.anySeconds, Self.anyText) { number, other, seconds, text in
            var state = base
            let time = Date(timeIntervalSince1970: TimeInterval(seconds))
            for i in state.data.models.rows.indices.prefix(4) {
                state.data.models.rows[i].businessValue = number
                state.data.models.rows[i].servingCostPerMonth = other
                state.data.models.rows[i].annualizedCost = other
                state.data.models.rows[i].owner = text
            }
            for i in state.data.runs.rows.indices.prefix(4) {
                state.data.runs.rows[i].queuedAt = time
                state.data.runs.rows[i].startedAt = i.isMultiple(of: 2) ? time : nil
                state.data.runs.rows[i].finishedAt = Date(timeIntervalSince1970: TimeInterval(Int64.max))
                state.data.runs.rows[i].computeCost = number
                state.data.runs.rows[i].pipeline = text
            }
            for i in state.data.alerts.rows.indices.prefix(4) {
                state.data.alerts.rows[i].score = number
                state.data.alerts.rows[i].threshold = other
                state.data.alerts.rows[i].openedAt = time
                state.data.alerts.rows[i].feature = text
            }
            state.data.figures?.portfolio.valueAtRisk = number
            state.data.figures?.portfolio.valueInProduction = other
            state.data.figures?.portfolio.deploymentFrequencyPerWeek = number
            state.data.figures?.portfolio.leadTimeHoursMedian = other
            state.data.figures?.portfolio.changeFailureRate = number
            state.data.figures?.portfolio.timeToRestoreHoursMedian = number
            state.data.figures?.portfolio.valueToCostRatio = other
            state.data.newestEvent = time
            for (width, height) in [(80, 24), (120, 36), (200, 60)] {
                state.width = width
                state.height = height
                let canvas = DashboardRenderer.render(state, glyphs: .unicode, zone: Self.utc)
                #expect(canvas.width == width && canvas.height == height)
                #expect(SizeSweepTests.problems(in: canvas).isEmpty)
            }
        }
    }
}
