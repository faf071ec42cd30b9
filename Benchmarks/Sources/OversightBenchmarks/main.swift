import Dashboard
import Foundation
import PortfolioStore
import Render

// The Oversight benchmark. `run` measures everything and writes docs/benchmarks/results.{json,md};
// the other modes are the child processes it starts (see ChildProcess and TerminalBytes).
//
//   OversightBenchmarks run --repo ROOT --output DIR --cache DIR --oversight BINARY --swift-version TEXT [--command TEXT]
//   OversightBenchmarks fleet --store STORE --out FILE [--lines N]
//   OversightBenchmarks import-folder --out DIR [--records N]
//   OversightBenchmarks generate --cache DIR [--models N --runs N --alerts N --metric-points N]
//   OversightBenchmarks live-bytes --oversight BINARY --store STORE [--seconds N]
//   OversightBenchmarks figures-statements --store STORE [--days N] [--iterations N] [--top N] [--team NAME]

/// Arguments as `--name value` pairs after the mode.
struct Arguments {
    let mode: String
    private var values: [String: String] = [:]

    init(_ list: [String]) {
        mode = list.first ?? "run"
        var index = 1
        while index < list.count {
            let name = list[index]
            if name.hasPrefix("--"), index + 1 < list.count {
                values[String(name.dropFirst(2))] = list[index + 1]
                index += 2
            } else {
                index += 1
            }
        }
    }

    subscript(_ name: String) -> String? { values[name] }

    func required(_ name: String) throws -> String {
        guard let value = values[name] else { throw BenchError("missing --\(name)") }
        return value
    }
}

/// A fixed end of history, so the cached large store stays valid and runs compare.
let asOf = Date(timeIntervalSince1970: 1_768_208_400)  // 2026-01-12T09:00:00Z
let utc = TimeZone(identifier: "UTC")!

func time(_ body: () throws -> Void) rethrows -> Double {
    let start = Clock.now()
    try body()
    return Clock.now() - start
}

/// `first-frame`: what the dashboard does to draw its first frame, in a fresh process: open the
/// store (read-only), the engine as the dashboard runs it (figures in the background, awaited for
/// the first frame), render, print. (`DashboardApp` also sends the terminal's size before it
/// draws; the state begins at that size, so it reads nothing.) In process (`print: false`) it
/// then waits for the figures if the frame lacked them: the figures' phase is how long after the
/// engine's start the header had them.
func firstFrame(_ arguments: Arguments, print show: Bool = true) throws -> FirstFrame {
    var phases: [String: Double] = [:]
    var store: PortfolioStore!
    phases["open"] = try time { store = try PortfolioStore.open(path: try arguments.required("store"), readOnly: true) }
    defer { try? store.close() }
    var made: DashboardEngine?
    // As the dashboard does when it ends: the background figures must not hold the store open.
    defer { made?.cancelBackgroundWork() }
    let started = Clock.now()
    phases["reload"] = try time {
        var state = DashboardState(width: 200, height: 60, now: asOf, sourceLabel: "bench")
        state.lastPoll = asOf
        made = try DashboardEngine(store: store, state: state, figures: .interactive)
    }
    guard let engine = made else { throw BenchError("no engine") }
    let withFigures = engine.state.data.figures?.includesWindowFigures == true
    var canvas: Canvas!
    phases["render"] = time { canvas = DashboardRenderer.render(engine.state, glyphs: .unicode, zone: utc) }
    if show {
        print(TextOutput.plain(canvas), terminator: "")
    } else {
        try engine.waitForWindowFigures()
        phases["figures"] = withFigures ? phases["reload"] : Clock.now() - started
    }
    return FirstFrame(phases: phases, withFigures: withFigures)
}

/// What `first-frame` measured in process.
struct FirstFrame {
    /// The exit status of a `first-frame` child whose frame showed "…" for the window figures.
    static let withoutFigures: Int32 = 3
    var phases: [String: Double]
    var withFigures: Bool
}

/// `refresh-loop`: the dashboard refreshing `iterations` times, for the peak memory.
func refreshLoop(_ arguments: Arguments) throws {
    let benchmark = RefreshBenchmark(path: try arguments.required("store"), asOf: asOf, width: 200, height: 60)
    let store = try PortfolioStore.open(path: benchmark.path, readOnly: true)
    defer { try? store.close() }
    let engine = try benchmark.engine(store)
    defer { engine.cancelBackgroundWork() }  // before the store closes
    for _ in 0..<(Int(arguments["iterations"] ?? "30") ?? 30) {
        try engine.send(.key(.character("r")))
        blackHole(DashboardRenderer.render(engine.state, glyphs: .unicode, zone: utc))
    }
    // The peak resident set of this process image. Not ru_maxrss from wait4: a child started by
    // posix_spawn shares the parent's memory until exec, and Linux reports the parent's peak then.
    if let report = arguments["report"] {
        let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") } ?? ""
        try String(line.split(separator: " ").dropFirst().first ?? "0").write(toFile: report, atomically: true, encoding: .utf8)
    }
}

/// `render-loop`: one load, then `iterations` renders of the 200×60 frame, for a profiler.
func renderLoop(_ arguments: Arguments) throws {
    let benchmark = RefreshBenchmark(path: try arguments.required("store"), asOf: asOf, width: 200, height: 60)
    let store = try PortfolioStore.open(path: benchmark.path, readOnly: true)
    defer { try? store.close() }
    let engine = try benchmark.engine(store)
    defer { engine.cancelBackgroundWork() }  // before the store closes
    let sample = Clock.sample(iterations: Int(arguments["iterations"] ?? "1000") ?? 1000) {
        blackHole(DashboardRenderer.render(engine.state, glyphs: .unicode, zone: utc))
    }
    log(String(format: "render p50 %.3f ms, p95 %.3f ms", sample.p50 * 1000, sample.p95 * 1000))
}

/// `statements`: each statement of one reload timed alone through the C API (median of
/// `iterations`), slowest first — where a refresh's time goes, for docs/BENCHMARKS.md.
func statementTimes(_ arguments: Arguments) throws {
    let benchmark = RefreshBenchmark(path: try arguments.required("store"), asOf: asOf, width: 200, height: 60)
    let store = try PortfolioStore.open(path: benchmark.path, readOnly: true)
    defer { try? store.close() }
    let engine = try benchmark.engine(store)
    defer { engine.cancelBackgroundWork() }  // before the store closes
    let (_, statements) = try store.recordingStatements { try engine.send(.key(.character("r"))) }
    let pragmas = (arguments["pragmas"] ?? "").split(separator: ";").map(String.init)
    let bare = try BareSQL(path: benchmark.path, pragmas: pragmas)
    let iterations = Int(arguments["iterations"] ?? "50") ?? 50
    let all = try Clock.sample(iterations: iterations) { try bare.run(statements) }
    log(String(format: "all in sequence: p50 %.3f ms, p95 %.3f ms", all.p50 * 1000, all.p95 * 1000))
    var times: [(Double, String)] = []
    // Pages each statement reads from the file when the whole refresh runs in sequence, warm:
    // a refresh whose pages do not fit the page cache reads some again every time.
    try bare.run(statements)
    var misses: [(Int32, String)] = []
    for sql in statements {
        let before = bare.cacheMisses
        try bare.run([sql])
        misses.append((bare.cacheMisses - before, sql))
    }
    log("pages read in a warm refresh: \(misses.reduce(0) { $0 + $1.0 })")
    for (pages, sql) in misses.sorted(by: { $0.0 > $1.0 }).prefix(5) where pages > 0 {
        log("  \(pages) pages  " + String(sql.split(whereSeparator: \.isNewline).joined(separator: " ").prefix(140)))
    }
    // Transaction control cannot run alone; the queries are the cost.
    for sql in statements where ["SELECT", "WITH"].contains(where: sql.uppercased().hasPrefix) {
        times.append((try Clock.sample(iterations: iterations) { try bare.run([sql]) }.p50, sql))
    }
    let total = times.reduce(0) { $0 + $1.0 }
    log(String(format: "%d statements, %.3f ms in all", times.count, total * 1000))
    for (seconds, sql) in times.sorted(by: { $0.0 > $1.0 }).prefix(Int(arguments["top"] ?? "15") ?? 15) {
        let line = sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        log(String(format: "%8.3f ms  ", seconds * 1000) + String(line.prefix(300)))
    }
}

/// `figures-statements`: each statement of `status`'s one computation (`PortfolioReader.figures`,
/// the 30-day window at the benchmark's as-of) timed alone through the C API, slowest first —
/// where the window figures' time goes; with `--team NAME`, those of a team's detail (its derived
/// maturity over four quarters).
func figuresStatementTimes(_ arguments: Arguments) throws {
    let path = try arguments.required("store")
    let store = try PortfolioStore.open(path: path, readOnly: true)
    defer { try? store.close() }
    let window = FigureWindow(asOf: asOf, days: Int(arguments["days"] ?? "") ?? FigureWindow.defaultDays)
    // One part of the figures through the reader, warm (the parts `figuresAtOnce` reads at once).
    func logPart(_ part: PortfolioReader.FigurePart, iterations: Int) throws {
        let seconds = try Clock.sample(iterations: iterations) { _ = try store.read { try $0.read(part, window) } }.p50
        log(String(format: "%8.3f ms  part %@ through the reader", seconds * 1000, "\(part)"))
    }
    if let name = arguments["part"], let part = PortfolioReader.FigurePart.allCases.first(where: { "\($0)" == name }) {
        return try logPart(part, iterations: Int(arguments["iterations"] ?? "50") ?? 50)
    }
    var whole = 0.0
    let team = arguments["team"]
    let (_, statements) = try store.recordingStatements {
        whole = try time {
            _ = try store.read { reader in
                if let team { _ = try reader.derivedMaturityTrend(team: team, asOf: asOf) } else { _ = try reader.figures(window) }
            }
        }
    }
    let what = team.map { "derivedMaturityTrend(\($0))" } ?? "figures(\(window.days) days)"
    log(String(format: "%@: %.3f ms through the reader, %d statements", what, whole * 1000, statements.count))
    if team == nil {
        for part in PortfolioReader.FigurePart.allCases { try logPart(part, iterations: Int(arguments["iterations"] ?? "3") ?? 3) }
    }
    let bare = try BareSQL(path: path, pragmas: [])
    var times: [(Double, String)] = []
    for sql in statements where ["SELECT", "WITH"].contains(where: sql.uppercased().hasPrefix) {
        times.append((try Clock.sample(iterations: Int(arguments["iterations"] ?? "3") ?? 3) { try bare.run([sql]) }.p50, sql))
    }
    log(String(format: "%.3f ms in all, bare", times.reduce(0) { $0 + $1.0 } * 1000))
    for (seconds, sql) in times.sorted(by: { $0.0 > $1.0 }).prefix(Int(arguments["top"] ?? "12") ?? 12) {
        let line = sql.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
        log(String(format: "%8.3f ms  ", seconds * 1000) + String(line.prefix(200)))
    }
}

func measureAll(_ arguments: Arguments) throws {
    let repo = try arguments.required("repo")
    let output = try arguments.required("output")
    let stores = BenchStores(cacheFolder: try arguments.required("cache"), asOf: asOf)
    let formatter = ISO8601DateFormatter()
    var report = Report(date: formatter.string(from: Date()), command: arguments["command"] ?? "scripts/bench.sh",
                        machine: Machine.describe(swiftVersion: arguments["swift-version"] ?? "unknown"),
                        scales: [.small, .large])
    let small = try stores.store(.small, fresh: true)
    let large = try stores.store(.large)
    report.generate = ["small": small.generation, "large": large.generation]
    log("refresh, small store…")
    report.refresh["small"] = try RefreshBenchmark(path: small.path, asOf: asOf, width: 200, height: 60).run(iterations: 200)
    log("refresh, large store…")
    let largeBenchmark = RefreshBenchmark(path: large.path, asOf: asOf, width: 200, height: 60)
    report.refresh["large"] = try largeBenchmark.run(iterations: Int(arguments["large-iterations"] ?? "60") ?? 60)
    report.flatness = report.refresh["large"]!.refreshP50 / report.refresh["small"]!.refreshP50
    report.largeQueryPlans = try largeBenchmark.plans().map { Report.Plan(sql: $0.sql, plan: $0.plan) }
    log("filters, large store…")
    // A common word, a rare model name, two letters (under a trigram: no index), no match at all.
    report.runFilters = try largeBenchmark.filters(["fail", "recommender-05689", "fa", "no-such-run"], iterations: 15)
    log("sorts, large store…")
    report.runSorts = try largeBenchmark.sorts(iterations: 5)

    log("teams, large store…")
    (report.teamCount, report.teams) = try largeBenchmark.teams(iterations: 15)

    log("terminal bytes…")
    let environment = ProcessInfo.processInfo.environment.merging(["OVERSIGHT_RESOURCES": repo]) { $1 }
    log("window figures: status, snapshot and check on the large store and on one with 1% of its history…")
    let thin = try stores.store(WindowFiguresBenchmark.thin)
    report.scales.append(WindowFiguresBenchmark.thin)
    report.generate[WindowFiguresBenchmark.thin.name] = thin.generation
    report.windowFigures = try WindowFiguresBenchmark.measure(oversight: try arguments.required("oversight"), thin: thin.path,
                                                              large: large.path, asOf: asOf, environment: environment)
    for (width, height) in [(120, 40), (200, 60)] {
        report.terminal.append(try TerminalBytes.measure(storePath: small.path, asOf: asOf, width: width, height: height,
                                                         environment: environment))
    }
    log("live bytes beside htop…")
    report.live = try LiveBytes.measure(oversight: try arguments.required("oversight"), storePath: small.path, width: 120, height: 40,
                                        seconds: Double(arguments["live-seconds"] ?? "30") ?? 30, environment: environment)
    log("first frame and memory, large store…")
    var starts = Samples()
    for _ in 0..<5 {
        starts.add(try ChildProcess.run(["first-frame", "--store", large.path], environment: environment,
                                        statuses: [0, FirstFrame.withoutFigures]).seconds)
    }
    report.firstFrameSeconds = starts.p50
    report.firstFrameInProcess = try firstFrame(Arguments(["first-frame", "--store", large.path]), print: false).phases
    let peak = NSTemporaryDirectory() + "oversight-bench-peak-\(getpid())"
    _ = try ChildProcess.run(["refresh-loop", "--store", large.path, "--iterations", "30", "--report", peak], environment: environment)
    report.peakRSSMB = (Double((try? String(contentsOfFile: peak, encoding: .utf8)) ?? "") ?? .nan) / 1024
    try? FileManager.default.removeItem(atPath: peak)

    log("import and ingest…")
    let work = NSTemporaryDirectory() + "oversight-bench-\(getpid())"
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }
    let importStore = try PortfolioStore.open(path: work + "/import.sqlite")
    var imported = 0
    let importSeconds = try time { imported = try PortfolioImporter(store: importStore).importFiles([repo + "/sample-data"]).records }
    try importStore.close()
    report.importRows = imported
    report.importRowsPerSecond = Double(imported) / importSeconds
    // 100k metric events for models of the small store, one transaction, as scripts/bench_ingest.sh does.
    try FileManager.default.copyItem(atPath: small.path, toPath: work + "/ingest.sqlite")
    let ingestStore = try PortfolioStore.open(path: work + "/ingest.sqlite")
    let models = try ingestStore.read { reader in try reader.modelSummaries(limit: 4).map(\.name) }
    var lines = ""
    let count = 100_000
    for i in 0..<count {
        let at = formatter.string(from: Date(timeIntervalSince1970: 1_735_689_600 + Double(i)))
        lines += "{\"type\":\"metric\",\"model\":\"\(models[i % models.count])\",\"name\":\"bench.latency_ms\",\"value\":\(100 + i % 37),\"at\":\"\(at)\"}\n"
    }
    try lines.write(toFile: work + "/events.ndjson", atomically: false, encoding: .utf8)
    let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: work + "/events.ndjson"))
    var ingested = 0
    let ingestSeconds = try time { ingested = try EventIngester(store: ingestStore).ingest(handle, label: "events.ndjson", now: asOf).lines }
    try ingestStore.close()
    report.ingestLines = ingested
    report.ingestLinesPerSecond = Double(ingested) / ingestSeconds
    // A CI fleet's million lines (runs, metric points, drift checks), by the real binary into a
    // copy of the small store: lines per second and the child's peak memory.
    log("ingest of a CI fleet's lines…")
    let fleetLines = Int(arguments["fleet-lines"] ?? "") ?? 1_000_000
    try FleetIngestBenchmark.write(count: fleetLines, store: small.path, to: work + "/fleet.ndjson", asOf: asOf)
    report.fleetIngest = try FleetIngestBenchmark.measure(oversight: try arguments.required("oversight"), file: work + "/fleet.ndjson",
                                                          template: small.path, store: work + "/fleet.sqlite", lines: fleetLines,
                                                          environment: environment)
    // A large folder of the data format into a new store, by the real binary.
    log("import of a large data-format folder…")
    let folderRecords = try ImportFolderBenchmark.write(records: Int(arguments["import-records"] ?? "") ?? 1_000_000, to: work + "/folder", asOf: asOf)
    report.folderImport = try ImportFolderBenchmark.measure(oversight: try arguments.required("oversight"), folder: work + "/folder",
                                                            store: work + "/imported.sqlite", records: folderRecords, environment: environment)

    report.judge()
    try report.write(to: output)
    print(report.markdown)
}

let arguments = Arguments(Array(CommandLine.arguments.dropFirst()))
do {
    switch arguments.mode {
    case "run": try measureAll(arguments)
    case "first-frame":
        if try !firstFrame(arguments).withFigures { exit(FirstFrame.withoutFigures) }
    case "refresh-loop": try refreshLoop(arguments)
    case "render-loop": try renderLoop(arguments)
    case "statements": try statementTimes(arguments)
    case "figures-statements": try figuresStatementTimes(arguments)
    case "fleet":
        // The CI fleet's lines the benchmark ingests, to time or profile `oversight ingest` alone.
        try FleetIngestBenchmark.write(count: Int(arguments["lines"] ?? "") ?? 1_000_000, store: try arguments.required("store"),
                                       to: try arguments.required("out"), asOf: asOf)
    case "import-folder":
        // The folder of the data format the benchmark imports, to time or profile `oversight import` alone.
        let records = try ImportFolderBenchmark.write(records: Int(arguments["records"] ?? "") ?? 1_000_000, to: try arguments.required("out"), asOf: asOf)
        print("\(records) records in \(try arguments.required("out"))")
    case "generate":
        // A store of any size, as the benchmark generates them, to time or profile generation alone.
        let scale = BenchStores.Scale(name: "custom", models: Int(arguments["models"] ?? "") ?? 1_000,
                                      runs: Int(arguments["runs"] ?? "") ?? 10_000, alerts: Int(arguments["alerts"] ?? "") ?? 1_000,
                                      metricPoints: Int(arguments["metric-points"] ?? "") ?? 50_000)
        let generation = try BenchStores(cacheFolder: try arguments.required("cache"), asOf: asOf).store(scale, fresh: true).generation
        print("\(generation.rows) rows in \(String(format: "%.1f", generation.seconds)) s: \(Int(generation.rowsPerSecond)) rows/s")
    case "live-bytes":
        // The live-bytes measure alone: --oversight BINARY --store STORE [--seconds N].
        let result = try LiveBytes.measure(oversight: try arguments.required("oversight"), storePath: try arguments.required("store"),
                                           width: 120, height: 40, seconds: Double(arguments["seconds"] ?? "30") ?? 30,
                                           environment: ProcessInfo.processInfo.environment)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        print(String(decoding: try encoder.encode(result), as: UTF8.self), "ratio:", result.ratio.map { String(format: "%.2f", $0) } ?? "no htop")
    case "terminal-child":
        try TerminalBytes.child(storePath: try arguments.required("store"),
                                asOf: Date(timeIntervalSince1970: Double(try arguments.required("as-of")) ?? 0))
    default: throw BenchError("unknown mode \(arguments.mode); use run")
    }
} catch {
    log("error: \(error)")
    exit(1)
}
