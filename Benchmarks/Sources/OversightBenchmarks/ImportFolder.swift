import Foundation

/// What issue 21 asks of `oversight import` (the real binary): a large folder of the data format,
/// as a team's export of its portfolio would be, into a new store, in records and rows per second
/// and the child's peak memory. Rows are counted as `generate` counts them (every row of the data
/// tables: a run with three steps is four rows, an alert with two events three), the issue's unit;
/// records are the lines and YAML entries read.
///
/// The folder: 40 teams with three pipelines each, 1,000 models (two versions, two tags each) and
/// their teams' quarterly maturity assessments in YAML; then, in NDJSON, the bulk: runs with three
/// steps (18% of the records), daily metric points of each model (80%) and drift alerts with two
/// events (2%), over the year before the as-of time. Records of every kind refer to the others by
/// name, as docs/DATA-FORMAT.md says, so the import checks every reference.
enum ImportFolderBenchmark {
    struct Result: Codable {
        var records: Int
        /// The rows the import wrote into the data tables (`DataTables.rows`).
        var rows: Int
        /// The median of `runs`.
        var seconds: Double
        var runs: [Double] = []
        var peakRSSMB: Double
        var recordsPerSecond: Double { Double(records) / seconds }
        var rowsPerSecond: Double { Double(rows) / seconds }
    }

    /// Runs `oversight import folder --store store` (a new store each time) to its end three
    /// times: the median time and the highest peak memory.
    static func measure(oversight: String, folder: String, store: String, records: Int, environment: [String: String]) throws -> Result {
        let run = try ChildProcess.measuredMedian(["import", folder, "--store", store], program: oversight, environment: environment) {
            DataTables.remove(store)
        }
        return Result(records: records, rows: try DataTables.rows(in: store), seconds: run.seconds, runs: run.runs, peakRSSMB: run.peakRSSMB)
    }

    /// Writes about `records` records into the folder `folder` (made if missing); returns how many.
    static func write(records: Int, to folder: String, asOf: Date) throws -> Int {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var random = FleetIngestBenchmark.SplitMix(state: 11)
        let formatter = ISO8601DateFormatter()
        let end = asOf.timeIntervalSince1970
        func at(_ seconds: Double) -> String { formatter.string(from: Date(timeIntervalSince1970: seconds)) }
        let teams = (0..<40).map { "team-\($0)" }
        let components = ["infrastructure_automation", "ci_cd", "model_monitoring", "governance", "collaboration"]
        let models = (0..<1_000).map { (name: "model-\($0)", team: $0 % teams.count) }
        var written = 0

        var yaml = "format: 1\nteams:\n"
        for team in teams { yaml += "  - name: \"\(team)\"\n    industry: \"retail\"\n    lead: \"Lead of \(team)\"\n" }
        yaml += "pipelines:\n"
        for team in teams {
            for kind in ["train", "evaluate", "deploy"] { yaml += "  - name: \"\(team)-\(kind)\"\n    team: \"\(team)\"\n    schedule: \"0 3 * * *\"\n" }
        }
        written += teams.count * 4
        try yaml.write(toFile: folder + "/teams.yaml", atomically: false, encoding: .utf8)

        yaml = "format: 1\nmodels:\n"
        for model in models {
            yaml += """
                  - name: "\(model.name)"
                    team: "\(teams[model.team])"
                    owner: "Owner \(model.team)"
                    stage: "production"
                    version: "2.0"
                    risk_tier: "medium"
                    business_value: \(100_000 + random.next(below: 900_000))
                    serving_cost_per_month: \(1_000 + random.next(below: 9_000))
                    tags:
                      "domain": "retail"
                      "tier": "gold"
                    created_at: "\(at(end - 400 * 86_400))"
                    versions:
                      - version: "1.0"
                        created_at: "\(at(end - 390 * 86_400))"
                        approval_status: "approved"
                        approved_by: "Reviewer"
                        approved_at: "\(at(end - 389 * 86_400))"
                      - version: "2.0"
                        created_at: "\(at(end - 100 * 86_400))"
                        stage: "production"
                        approval_status: "approved"

                """
        }
        written += models.count
        try yaml.write(toFile: folder + "/models.yaml", atomically: false, encoding: .utf8)

        yaml = "format: 1\nmaturity:\n"
        for team in teams {
            for component in components {
                for quarter in 0..<4 {
                    yaml += "  - team: \"\(team)\"\n    component: \"\(component)\"\n    level: \(random.next(below: 5))\n"
                        + "    assessed_at: \"\(at(end - Double(quarter * 91 + 5) * 86_400))\"\n    assessor: \"Assessor\"\n"
                    written += 1
                }
            }
        }
        try yaml.write(toFile: folder + "/maturity.yaml", atomically: false, encoding: .utf8)

        let bulk = max(0, records - written)
        let runCount = bulk * 18 / 100, alertCount = bulk * 2 / 100, pointCount = bulk - runCount - alertCount
        let span = 365.0 * 86_400
        let kinds = [("train", "training"), ("evaluate", "evaluation"), ("deploy", "deployment")]
        var text = ""
        text.reserveCapacity(runCount * 700)
        for index in 0..<runCount {
            let model = models[random.next(below: models.count)]
            let kind = kinds[random.next(below: kinds.count)]
            let queued = end - span + span * Double(index) / Double(max(1, runCount))
            let started = queued + 30, step = 120.0 + Double(random.next(below: 600))
            let failed = random.next(below: 10) == 0
            let steps = ["prepare", "run", "report"].enumerated().map { offset, name in
                let status = failed && offset == 2 ? "failed" : "succeeded"
                return #"{"name":"\#(name)","status":"\#(status)","started_at":"\#(at(started + step * Double(offset)))","finished_at":"\#(at(started + step * Double(offset + 1)))"}"#
            }
            text += #"{"type":"run","id":"run-\#(index)","pipeline":"\#(teams[model.team])-\#(kind.0)","model":"\#(model.name)","kind":"\#(kind.1)","#
                + #""status":"\#(failed ? "failed" : "succeeded")","trigger":"schedule","started_by":"scheduler","model_version":"2.0","#
                + #""queued_at":"\#(at(queued))","started_at":"\#(at(started))","finished_at":"\#(at(started + step * 3))","#
                + #""commit":"\#(String(random.next(below: 1 << 40), radix: 16))","compute_cost":\#(Double(random.next(below: 10_000)) / 100),"#
                + (failed ? #""error":"step 'report' failed","# : "") + #""steps":[\#(steps.joined(separator: ","))]}"# + "\n"
        }
        try text.write(toFile: folder + "/runs.ndjson", atomically: false, encoding: .utf8)

        // Points: each model's series in turn, one point a day going back from the as-of day.
        text = ""
        text.reserveCapacity(pointCount * 110)
        let names = ["auc", "latency_ms", "psi_income", "psi_age"]
        for index in 0..<pointCount {
            let model = models[index % models.count]
            let series = index / models.count
            let name = names[series % names.count], day = series / names.count
            text += #"{"type":"metric","model":"\#(model.name)","name":"\#(name)","at":"\#(at(end - Double(day + 1) * 86_400))","value":\#(Double(random.next(below: 10_000)) / 10_000)}"# + "\n"
        }
        try text.write(toFile: folder + "/metrics.ndjson", atomically: false, encoding: .utf8)

        text = ""
        for index in 0..<alertCount {
            let model = models[random.next(below: models.count)]
            let opened = end - span + span * Double(index) / Double(max(1, alertCount))
            let resolved = random.next(below: 3) != 0
            let severity = ["info", "warning", "critical"][random.next(below: 3)]
            text += #"{"type":"alert","id":"alert-\#(index)","model":"\#(model.name)","feature":"feature_\#(random.next(below: 20))","method":"psi","#
                + #""score":\#(0.2 + Double(random.next(below: 500)) / 1000),"threshold":0.2,"severity":"\#(severity)","#
                + #""status":"\#(resolved ? "resolved" : "acknowledged")","assignee":"Owner \#(model.team)","opened_at":"\#(at(opened))","#
                + (resolved ? #""resolved_at":"\#(at(opened + 86_400))","# : "")
                + #""events":[{"kind":"opened","at":"\#(at(opened))","actor":"drift-monitor"},"#
                + #"{"kind":"acknowledged","at":"\#(at(opened + 3_600))","actor":"Owner \#(model.team)","note":"looking"}]}"# + "\n"
        }
        try text.write(toFile: folder + "/alerts.ndjson", atomically: false, encoding: .utf8)
        return written + runCount + pointCount + alertCount
    }
}
