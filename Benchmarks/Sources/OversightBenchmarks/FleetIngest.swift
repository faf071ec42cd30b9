import Foundation
import GRDB

/// What issue 21 asks of the write path users feed: `oversight ingest` (the real binary) of a
/// million NDJSON lines as a CI fleet sends them, into a copy of a store that holds a portfolio,
/// in lines per second and the child's peak memory.
///
/// The fleet: runs of the store's models in their teams' pipelines, each reported when it starts
/// (`running`) and when it ends (`succeeded`, 1 in 10 `failed` with an error), several at a time;
/// each end followed by seven metric points of the run (evaluation figures, latency, two drift
/// scores); a drift check after 1 run in 20. So 2 run lines, 7 metric lines and 0.05 alert lines
/// per run: 22% runs, 77% metric points, 0.5% drift checks, over 46 days before the as-of time.
enum FleetIngestBenchmark {
    struct Result: Codable {
        var lines: Int
        /// The median of `runs`.
        var seconds: Double
        var runs: [Double] = []
        var peakRSSMB: Double
        var linesPerSecond: Double { Double(lines) / seconds }
    }

    /// Writes `count` lines for the models of the store at `path` to `file`.
    static func write(count: Int, store path: String, to file: String, asOf: Date) throws {
        let queue = try DatabaseQueue(path: path, configuration: { var c = Configuration(); c.readonly = true; return c }())
        let pairs = try queue.read { db in
            try Row.fetchAll(db, sql: "SELECT m.name, p.name FROM models m JOIN pipelines p ON p.team_id = m.team_id ORDER BY m.id, p.id")
                .map { (model: $0[0] as String, pipeline: $0[1] as String) }
        }
        try queue.close()
        guard !pairs.isEmpty else { throw BenchError("no models with pipelines in \(path)") }
        var random = SplitMix(state: 7)
        let formatter = ISO8601DateFormatter()
        let end = asOf.timeIntervalSince1970
        let start = end - 46 * 86_400
        var text = ""
        text.reserveCapacity(count * 160)
        var written = 0, runs = 0
        var open: [(id: String, pipeline: String, model: String, kind: String)] = []
        let kinds = ["training", "evaluation", "deployment"]
        let metrics = ["eval.auc", "eval.precision", "eval.recall", "eval.f1", "latency_ms", "drift.psi_income", "drift.psi_age"]
        while written < count {
            let at = formatter.string(from: Date(timeIntervalSince1970: start + (end - start) * Double(written) / Double(count)))
            if !open.isEmpty, open.count > 8 || random.next(below: 2) == 0 {
                let run = open.remove(at: random.next(below: open.count))
                let failed = random.next(below: 10) == 0
                text += #"{"type":"run","id":"\#(run.id)","pipeline":"\#(run.pipeline)","model":"\#(run.model)","kind":"\#(run.kind)","status":"\#(failed ? "failed" : "succeeded")","finished":"\#(at)""#
                    + (failed ? #","error":"step 'evaluate' failed: AUC below gate"}"# : "}") + "\n"
                written += 1
                for name in metrics where written < count {
                    text += #"{"type":"metric","model":"\#(run.model)","name":"\#(name)","value":\#(Double(random.next(below: 10_000)) / 10_000),"at":"\#(at)"}"# + "\n"
                    written += 1
                }
                if random.next(below: 20) == 0, written < count {
                    let feature = ["income", "age", "region"][random.next(below: 3)]
                    text += #"{"type":"alert","model":"\#(run.model)","feature":"\#(feature)","method":"psi","score":\#(0.1 + Double(random.next(below: 500)) / 1000),"threshold":0.2}"# + "\n"
                    written += 1
                }
            } else {
                let pair = pairs[random.next(below: pairs.count)]
                runs += 1
                let run = (id: "ci-\(runs)", pipeline: pair.pipeline, model: pair.model, kind: kinds[random.next(below: kinds.count)])
                open.append(run)
                text += #"{"type":"run","id":"\#(run.id)","pipeline":"\#(run.pipeline)","model":"\#(run.model)","kind":"\#(run.kind)","status":"running","started":"\#(at)","trigger":"schedule","commit":"\#(String(random.next(below: 1 << 40), radix: 16))","started_by":"ci-bot"}"# + "\n"
                written += 1
            }
        }
        try text.write(toFile: file, atomically: false, encoding: .utf8)
    }

    /// Runs `oversight ingest file --store store` to its end three times, each into a fresh copy
    /// of `template`: the median time and the highest peak memory.
    static func measure(oversight: String, file: String, template: String, store: String, lines: Int,
                        environment: [String: String]) throws -> Result {
        let run = try ChildProcess.measuredMedian(["ingest", file, "--store", store], program: oversight, environment: environment) {
            DataTables.remove(store)
            try FileManager.default.copyItem(atPath: template, toPath: store)
        }
        return Result(lines: lines, seconds: run.seconds, runs: run.runs, peakRSSMB: run.peakRSSMB)
    }

    /// A small deterministic random stream (SplitMix64), so every run ingests the same lines.
    struct SplitMix {
        var state: UInt64
        mutating func next(below bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }
}
