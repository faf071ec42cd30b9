import Foundation

/// Every figure of one benchmark run, the goals they are held to, and the two files they are
/// written to (`results.json` for tools, `results.md` for people).
struct Report: Codable {
    /// A target from the issue and whether the measured figure meets it.
    struct Goal: Codable {
        var name: String
        var target: String
        var measured: String
        var met: Bool
    }

    /// One statement of a refresh and its `EXPLAIN QUERY PLAN`.
    struct Plan: Codable {
        var sql: String
        var plan: [String]
    }

    var date: String
    var command: String
    var machine: Machine
    var scales: [BenchStores.Scale]
    var goals: [Goal] = []
    var generate: [String: BenchStores.Generation] = [:]
    var refresh: [String: RefreshBenchmark.Result] = [:]
    var flatness: Double = .nan
    var terminal: [TerminalBytes.Result] = []
    /// A live dashboard's bytes per second beside htop's, at 120×40.
    var live: LiveBytes.Result?
    var firstFrameSeconds: Double = .nan
    var firstFrameInProcess: [String: Double] = [:]
    var peakRSSMB: Double = .nan
    /// Per filter text: the Pipeline Runs panel's shown/total and the p50 seconds of a refresh
    /// with that filter on the large store (what a keystroke in `/` costs).
    var runFilters: [RefreshBenchmark.FilterResult] = []
    /// Per column of the Pipeline Runs panel, a refresh sorted by it on the large store.
    var runSorts: [RefreshBenchmark.SortResult] = []
    /// The Maturity panel, a team's detail, `:team` and the overview with every team of the
    /// large store in view.
    var teams: [RefreshBenchmark.TeamsResult] = []
    var teamCount = 0
    /// status, snapshot and check on the large store beside one with 1% of its history.
    var windowFigures: [WindowFiguresBenchmark.Result] = []
    var importRowsPerSecond: Double = .nan
    var importRows: Int = 0
    var ingestLinesPerSecond: Double = .nan
    var ingestLines: Int = 0
    var fleetIngest: FleetIngestBenchmark.Result?
    var folderImport: ImportFolderBenchmark.Result?
    var largeQueryPlans: [Plan] = []

    mutating func judge() {
        func ms(_ seconds: Double) -> String { String(format: "%.2f ms", seconds * 1000) }
        let large = refresh["large"]
        goals = [
            Goal(name: "refresh vs bare SQL (large)", target: "≤ 1.5×",
                 measured: large.map { String(format: "%.2f× (%@ vs %@)", $0.ratio, ms($0.refreshP50), ms($0.floorP50)) } ?? "—",
                 met: (large?.ratio ?? .infinity) <= 1.5),
            Goal(name: "large ÷ small refresh", target: "≤ 1.5", measured: String(format: "%.2f", flatness), met: flatness <= 1.5),
            Goal(name: "frame render 200×60", target: "≤ 1 ms", measured: large.map { ms($0.renderP50) } ?? "—",
                 met: (large?.renderP50 ?? .infinity) <= 0.001),
            Goal(name: "idle refresh bytes", target: "≤ 20 bytes",
                 measured: terminal.map { "\($0.idle) at \($0.width)×\($0.height)" }.joined(separator: ", "),
                 met: !terminal.isEmpty && terminal.allSatisfy { $0.idle <= 20 }),
            Goal(name: "live bytes/s, 120×40, simulator at speed 1, refresh 1 s", target: "≤ htop -d 10 (ratio ≤ 1)",
                 measured: live.map { live in
                     String(format: "%.0f B/s vs htop %@ (ratio %@)", live.oversightBytesPerSecond,
                            live.htopBytesPerSecond.map { String(format: "%.0f B/s", $0) } ?? "not installed",
                            live.ratio.map { String(format: "%.2f", $0) } ?? "—")
                 } ?? "—",
                 met: (live?.ratio ?? .infinity) <= 1),
            Goal(name: "\(teamCount) teams: Maturity keys, a team's detail, `:team` Tab, the overview (large)", target: "each ≤ 100 ms",
                 measured: teams.max { $0.p50 < $1.p50 }.map { String(format: "slowest %@: %@", $0.action, ms($0.p50)) } ?? "—",
                 met: !teams.isEmpty && teams.allSatisfy { $0.p50 <= 0.1 }),
            Goal(name: "window figures: `status --json`, `snapshot`, `check`, the dashboard's first frame with its header (large ÷ large with 1% of the history, and large)",
                 target: "≤ 1.5× and ≤ 150 ms",
                 measured: windowFigures.max { $0.ratio < $1.ratio }.map { worst in
                     String(format: "worst ratio %.2f× (%@), slowest %@", worst.ratio, worst.command,
                            windowFigures.max { $0.largeP50 < $1.largeP50 }.map { "\($0.command) \(ms($0.largeP50))" } ?? "—")
                 } ?? "—",
                 met: !windowFigures.isEmpty && windowFigures.allSatisfy { $0.ratio <= 1.5 && $0.largeP50 <= 0.15 && ($0.framesWithoutFigures ?? 0) == 0 }),
            Goal(name: "start to first frame (large)", target: "≤ 100 ms", measured: ms(firstFrameSeconds), met: firstFrameSeconds <= 0.1),
            Goal(name: "peak RSS (large)", target: "≤ 64 MB", measured: String(format: "%.1f MB", peakRSSMB), met: peakRSSMB <= 64),
            Goal(name: "generate rows/s (large)", target: "≥ 100k rows/s",
                 measured: generate["large"].map { String(format: "%.0f rows/s", $0.rowsPerSecond) } ?? "—",
                 met: (generate["large"]?.rowsPerSecond ?? 0) >= 100_000),
            Goal(name: "`ingest` of a CI fleet's lines (1M, small store)", target: "≥ 100k lines/s",
                 measured: fleetIngest.map { String(format: "%.0f lines/s, peak RSS %.0f MB", $0.linesPerSecond, $0.peakRSSMB) } ?? "—",
                 met: (fleetIngest?.linesPerSecond ?? 0) >= 100_000),
            Goal(name: "`import` of a large data-format folder (\(folderImport?.records ?? 0) records, \(folderImport?.rows ?? 0) rows, new store)",
                 target: "≥ 100k rows/s",
                 measured: folderImport.map {
                     String(format: "%.0f rows/s (%.0f records/s), peak RSS %.0f MB", $0.rowsPerSecond, $0.recordsPerSecond, $0.peakRSSMB)
                 } ?? "—",
                 met: (folderImport?.rowsPerSecond ?? 0) >= 100_000),
        ]
    }

    /// Each run's seconds, in the order run: `9.4, 9.1, 10.2`.
    static func seconds(_ runs: [Double]) -> String {
        runs.map { String(format: "%.1f", $0) }.joined(separator: ", ")
    }

    func write(to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        try encoder.encode(self).write(to: URL(fileURLWithPath: folder + "/results.json"))
        try markdown.write(toFile: folder + "/results.md", atomically: true, encoding: .utf8)
    }

    var markdown: String {
        func ms(_ seconds: Double) -> String { String(format: "%.2f", seconds * 1000) }
        var text = """
            # Benchmark results

            Made by `\(command)` on \(date).

            ## Goals

            | goal | target | measured | |
            | --- | --- | --- | --- |

            """
        for goal in goals { text += "| \(goal.name) | \(goal.target) | \(goal.measured) | \(goal.met ? "met" : "**missed**") |\n" }
        text += """

            ## Machine

            \(machine.cpu), \(machine.cores) cores, \(machine.ramGB) GB RAM, \(machine.os) (\(machine.kernel)), \(machine.swift).

            ## Stores

            | scale | models | runs | alerts | metric points | rows generated | generate rows/s |
            | --- | ---: | ---: | ---: | ---: | ---: | ---: |

            """
        for scale in scales {
            let generation = generate[scale.name]
            text += "| \(scale.name) | \(scale.models) | \(scale.runs) | \(scale.alerts) | \(scale.metricPoints) | \(generation?.rows ?? 0) | \(String(format: "%.0f", generation?.rowsPerSecond ?? 0)) |\n"
        }
        text += """

            ## Refresh (200×60: reload through DashboardEngine + view-models + render)

            | scale | refresh p50 ms | refresh p95 ms | bare SQL p50 ms | bare SQL p95 ms | ratio | render p50 ms | statements | window figures (background) ms |
            | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |

            """
        for scale in scales {
            guard let r = refresh[scale.name] else { continue }
            text += "| \(scale.name) | \(ms(r.refreshP50)) | \(ms(r.refreshP95)) | \(ms(r.floorP50)) | \(ms(r.floorP95)) | \(String(format: "%.2f", r.ratio)) | \(ms(r.renderP50)) | \(r.statements) | \(ms(r.windowFigures)) |\n"
        }
        text += "\nFlatness (large ÷ small refresh p50): \(String(format: "%.2f", flatness)).\n"
        text += """

            ## Window figures: the real binary, read-only, at the stores' as-of time (median of 11 warm runs, the stores alternating; fastest–slowest in brackets)

            | command | large, 1% history ms | large ms | large ÷ 1% history |
            | --- | ---: | ---: | ---: |

            """
        func spread(_ range: [Double]?) -> String { range.map { " (\(ms($0[0]))–\(ms($0[1])))" } ?? "" }
        for w in windowFigures {
            let missing = w.framesWithoutFigures.map { $0 > 0 ? " (\($0) frames showed …)" : " (every frame with its figures)" } ?? ""
            text += "| \(w.command == WindowFiguresBenchmark.firstFrame ? w.command : "`\(w.command)`")\(missing) | \(ms(w.thinP50))\(spread(w.thinRange)) | \(ms(w.largeP50))\(spread(w.largeRange)) | \(String(format: "%.2f", w.ratio)) |\n"
        }
        text += """

            ## `/` on Pipeline Runs (large store): one refresh with the filter, as a keystroke costs

            | filter | counted | refresh p50 ms |
            | --- | ---: | ---: |

            """
        for f in runFilters { text += "| `\(f.text)` | \(f.counted) | \(ms(f.p50)) |\n" }
        text += """

            ## `s` on Pipeline Runs (large store): one refresh sorted by each column

            | column | refresh p50 ms |
            | --- | ---: |

            """
        for sort in runSorts { text += "| \(sort.column) | \(ms(sort.p50)) |\n" }
        text += """

            ## \(teamCount) teams (large store): the Maturity panel, a team, `:team`, the overview

            Each timed through the engine with the frame it draws.

            | action | p50 ms | p95 ms |
            | --- | ---: | ---: |

            """
        for team in teams { text += "| \(team.action) | \(ms(team.p50)) | \(ms(team.p95)) |\n" }
        text += """

            ## Bytes ncurses writes per frame

            | size | first frame | idle (clock only) | typical (an alert acknowledged) | full redraw |
            | --- | ---: | ---: | ---: | ---: |

            """
        for t in terminal { text += "| \(t.width)×\(t.height) | \(t.first) | \(t.idle) | \(t.typical) | \(t.full) |\n" }
        if let live {
            text += """

                ## Live bytes per second, beside htop

                The real `oversight` dashboard (`--refresh 1`) on a \(live.width)×\(live.height) pseudo-terminal while `oversight simulate \
                --speed 1` writes into its store (a copy of the small one), and `htop -d 10` (\(live.htopVersion ?? "not installed")) on a \
                pseudo-terminal of the same size, each counted for \(String(format: "%.0f", live.seconds)) s after 5 s to settle, in the same run.

                | program | bytes/s |
                | --- | ---: |
                | oversight | \(String(format: "%.0f", live.oversightBytesPerSecond)) |
                | htop -d 10 | \(live.htopBytesPerSecond.map { String(format: "%.0f", $0) } ?? "—") |
                | ratio | \(live.ratio.map { String(format: "%.2f", $0) } ?? "—") |

                """
        }
        text += """

            ## Start, memory, writes

            | figure | value |
            | --- | ---: |
            | start to first frame, large store (spawn → open, reload with the window figures, render, print → exit), median of 5 | \(ms(firstFrameSeconds)) ms |
            | … in process: open store | \(ms(firstFrameInProcess["open"] ?? .nan)) ms |
            | … in process: first reload (the engine's start, window figures included) | \(ms(firstFrameInProcess["reload"] ?? .nan)) ms |
            | … in process: first render | \(ms(firstFrameInProcess["render"] ?? .nan)) ms |
            | … in process: the header's window figures, from the engine's start (with the first frame when equal to the reload) | \(ms(firstFrameInProcess["figures"] ?? .nan)) ms |
            | peak RSS (VmHWM), large store, 30 refreshes in a child | \(String(format: "%.1f", peakRSSMB)) MB |
            | `import` of sample-data (\(importRows) records) | \(String(format: "%.0f", importRowsPerSecond)) records/s |
            | `ingest` of \(ingestLines) NDJSON metric lines (in process) | \(String(format: "%.0f", ingestLinesPerSecond)) lines/s |
            | `ingest` of a CI fleet's \(fleetIngest?.lines ?? 0) lines (22% runs, 77% metric points, 0.5% drift checks; the binary, small store; median of 3 runs) | \(fleetIngest.map { String(format: "%.0f lines/s (%.1f s; runs %@ s)", $0.linesPerSecond, $0.seconds, Self.seconds($0.runs)) } ?? "—") |
            | … its peak RSS | \(fleetIngest.map { String(format: "%.1f MB", $0.peakRSSMB) } ?? "—") |
            | `import` of a large data-format folder (\(folderImport?.records ?? 0) records: 18% runs with 3 steps, 80% metric points, 2% alerts with 2 events, YAML teams, pipelines, models, maturity; the binary, new store; median of 3 runs) | \(folderImport.map { String(format: "%.0f rows/s, %.0f records/s (%.1f s; runs %@ s)", $0.rowsPerSecond, $0.recordsPerSecond, $0.seconds, Self.seconds($0.runs)) } ?? "—") |
            | … its peak RSS | \(folderImport.map { String(format: "%.1f MB", $0.peakRSSMB) } ?? "—") |

            ## Query plans of one refresh (large store)

            """
        for plan in largeQueryPlans {
            text += "\n```sql\n\(plan.sql.trimmingCharacters(in: .whitespacesAndNewlines))\n```\n\n"
            text += plan.plan.map { "    \($0)" }.joined(separator: "\n") + "\n"
        }
        return text
    }
}
