import Foundation
import Testing
import TestSupport

/// `oversight simulate` writes through the store's own API, so `list` and `status` see what it
/// did — and what it does stays believable for as long as a demo lasts.
@Suite("simulate")
struct CLISimulateTests {
    static let start = "2026-01-12T09:00:00Z"

    @Test("simulate --steps N queues and starts runs and ticks metrics in an existing store")
    func simulateSteps() throws {
        let (environment, store) = try CLIWriterTests.setUp("simulate")
        let result = try ProcessRunner.oversight(["simulate", "--store", store, "--steps", "4", "--speed", "500", "--seed", "7"],
                                                 environment: environment.variables)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("step 4:"))
        let runs = try CLIWriterTests.list("runs", store, environment).filter { ($0["id"] as? String)?.hasPrefix("sim-") == true }
        #expect(!runs.isEmpty)
        #expect(runs.allSatisfy { ($0["started_at"] as? String) != nil })
        let missing = try ProcessRunner.oversight(["simulate", "--store", environment.file("none.sqlite"), "--steps", "1"],
                                                  environment: environment.variables)
        #expect(missing.status != 0)
        let endless = try ProcessRunner.oversight(["simulate", "--store", store, "--no-wait"], environment: environment.variables)
        #expect(endless.status == 64)
        #expect(endless.stderr.contains("--no-wait needs --steps"))
    }

    /// The (model, feature) pairs the sample monitors: its alerts' features and its
    /// `drift.<method>.<feature>` metric series.
    static func sampleFeatures() throws -> Set<String> {
        var pairs = Set<String>()
        let metrics = try String(contentsOfFile: RepoPaths.sampleData + "/metrics.ndjson", encoding: .utf8)
        for line in metrics.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                  let model = object["model"] as? String, let name = object["name"] as? String, name.hasPrefix("drift.") else { continue }
            pairs.insert(model + " " + name.split(separator: ".", maxSplits: 2).last.map(String.init)!)
        }
        let alerts = try String(contentsOfFile: RepoPaths.sampleData + "/alerts.yaml", encoding: .utf8)
        var model: String?
        for line in alerts.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\"", with: "")
            if text.hasPrefix("model: ") { model = String(text.dropFirst(7)) }
            if text.hasPrefix("feature: "), let model { pairs.insert(model + " " + text.dropFirst(9)) }
        }
        return pairs
    }

    @Test("At the demo's speed the portfolio holds a steady state for 50 minutes: alerts resolve as they open, criticals stay near the sample's 8, value at risk stays under half, drift only on a model's own features, runs finish and failures recover")
    func steadyState() throws {
        let (environment, store) = try CLIWriterTests.setUp("simulate-steady")
        let features = try Self.sampleFeatures()
        let before = try CLIWriterTests.list("runs", store, environment).filter { ["queued", "running"].contains($0["status"] as? String) }
        #expect(before.count == 8)
        let steps = 3000, speed = 20.0
        let result = try ProcessRunner.oversight(["simulate", "--store", store, "--no-wait", "--from", Self.start, "--steps", String(steps),
                                                  "--speed", "20", "--json"], environment: environment.variables, timeout: 600)
        try #require(result.status == 0, "\(result.stderr)")
        let lines = try result.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(lines.count == steps)
        for line in lines {
            let critical = line["active_critical_alerts"] as? Int ?? -1, warning = line["active_warning_alerts"] as? Int ?? -1
            let atRisk = line["value_at_risk"] as? Double ?? .nan, production = line["value_in_production"] as? Double ?? .nan
            #expect((3...14).contains(critical), "step \(line["step"] ?? "?"): \(critical) critical alerts active (the sample has 8)")
            #expect((7...24).contains(warning), "step \(line["step"] ?? "?"): \(warning) warning alerts active (the sample has 15)")
            #expect(atRisk <= production / 2, "step \(line["step"] ?? "?"): $\(atRisk) of $\(production) at risk")
        }
        let last = try #require(lines.last)
        let opened = last["alerts_opened"] as? Int ?? 0, resolved = last["resolutions"] as? Int ?? 0
        #expect(opened >= 15, "only \(opened) alerts opened in \(steps) steps")
        #expect(Double(resolved) >= Double(opened) * 0.8, "\(opened) alerts opened but only \(resolved) resolved")

        // The printed figures are the header's: `status` agrees at the last step's time.
        let end = try #require(last["at"] as? String)
        let status = try ProcessRunner.oversight(["status", "--json", "--store", store, "--as-of", end], environment: environment.variables)
        let figures = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(figures["active_critical_alerts"] as? Int == last["active_critical_alerts"] as? Int)
        #expect(figures["value_at_risk"] as? Double == last["value_at_risk"] as? Double)

        let alerts = try CLIWriterTests.list("alerts", store, environment)
        for alert in alerts {
            let pair = "\(alert["model"] as? String ?? "") \(alert["feature"] as? String ?? "")"
            #expect(features.contains(pair), "drift on a feature the model does not have: \(pair)")
        }

        let runs = try ProcessRunner.oversight(["list", "runs", "--json", "--limit", "100000", "--store", store], environment: environment.variables)
        let allRuns = try #require(try JSONSerialization.jsonObject(with: Data(runs.stdout.utf8)) as? [[String: Any]])
        let endTime = try #require(ISO8601DateFormatter().date(from: end))
        // The longest run (an hour of training, queued for 5 minutes) takes 195 s at 20×.
        let longest = (3600 + 300) / speed
        for run in allRuns where ["queued", "running"].contains(run["status"] as? String) {
            let queued = (run["queued_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) } ?? .distantPast
            #expect(endTime.timeIntervalSince(queued) <= longest + 1, "run \(run["id"] ?? "?") never finished: queued at \(queued)")
        }
        let sampleIDs = Set(before.compactMap { $0["id"] as? String })
        #expect(allRuns.filter { sampleIDs.contains($0["id"] as? String ?? "") }.allSatisfy { ($0["finished_at"] as? String) != nil },
                "the runs the sample left queued or running never finished")
        let simulated = allRuns.filter { ($0["id"] as? String)?.hasPrefix("sim-") == true }
        #expect(simulated.count >= 40, "only \(simulated.count) runs in \(steps) steps")
        let failed = simulated.filter { $0["status"] as? String == "failed" }
        #expect(!failed.isEmpty)
        for failure in failed {
            let finished = (failure["finished_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) } ?? endTime
            guard endTime.timeIntervalSince(finished) > 4 * longest else { continue }  // its retry may still be running
            let recovered = allRuns.contains {
                $0["pipeline"] as? String == failure["pipeline"] as? String && $0["status"] as? String == "succeeded"
                    && ((($0["finished_at"] as? String).flatMap { ISO8601DateFormatter().date(from: $0) }) ?? .distantPast) > finished
            }
            #expect(recovered, "pipeline \(failure["pipeline"] ?? "?") failed at \(finished) and never succeeded again")
        }
    }
}
