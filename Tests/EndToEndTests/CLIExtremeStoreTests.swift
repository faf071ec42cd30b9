import Foundation
import Testing
import TestSupport

/// A store holding the extremes a writer can put there — through Oversight's own writers (any
/// finite number, negatives included) and through another SQLite client (±infinity, Int64-bound
/// times, a 200 kB owner) — read by every command and every detail view of the real binary: no
/// command traps, and every read command succeeds.
@Suite("A store of extreme values")
struct CLIExtremeStoreTests {
    static let model = "card-fraud-detector"

    static func hostileStore() throws -> (TestEnvironment, String) {
        let environment = TestEnvironment("extreme")
        let store = environment.file("store.sqlite")
        let imported = try ProcessRunner.oversight(["import", "--store", store, RepoPaths.sampleData], environment: environment.variables)
        try #require(imported.status == 0, "\(imported.stderr)")
        for (index, value) in ["3.1e19", "1.7e308", "-1.7e308", "5e-324", "-0", "-1e20", "9.2e18"].enumerated() {
            let result = try ProcessRunner.oversight(["record", "metric", "--store", store, "--model", model, "--name", "extreme",
                                                      "--value", value, "--at", "2026-01-0\(index + 1)T00:00:00Z"],
                                                     environment: environment.variables)
            #expect(result.status == 0, "--value \(value): \(result.stderr)")
        }
        for (feature, method, score, threshold) in [("f1", "psi", "-1e20", "0.2"), ("f2", "ks", "0", "0"),
                                                    ("f3", "psi", "1.7e308", "5e-324"), ("f4", "ks", "-1.7e308", "1.7e308")] {
            let result = try ProcessRunner.oversight(["record", "alert", "--store", store, "--model", model, "--feature", feature,
                                                      "--method", method, "--score", score, "--threshold", threshold],
                                                     environment: environment.variables)
            #expect(result.status == 0, "\(method) \(score)/\(threshold): \(result.stderr)")
        }
        try ForeignClient.execute(store, """
            INSERT INTO metric_points (model_id, name, at, value) SELECT id, 'inf', 1767000000, 9e999 FROM models WHERE name = '\(model)';
            INSERT INTO metric_points (model_id, name, at, value) SELECT id, 'inf', 1767000100, -9e999 FROM models WHERE name = '\(model)';
            INSERT INTO metric_points (model_id, name, at, value) SELECT id, 'when', 9223372036854775807, 1 FROM models WHERE name = '\(model)';
            INSERT INTO metric_points (model_id, name, at, value) SELECT id, 'when', -9223372036854775808, 2 FROM models WHERE name = '\(model)';
            UPDATE models SET business_value = 1.7e308, serving_cost_per_month = -1.7e308 WHERE name = 'retail-demand-forecast';
            UPDATE models SET business_value = 9e999, serving_cost_per_month = 9e999 WHERE name = '\(model)';
            UPDATE models SET business_value = -9e999, created_at = 9223372036854775807 WHERE name = 'next-best-offer';
            UPDATE models SET owner = replace(hex(zeroblob(100000)), '0', 'x') WHERE name = 'churn-propensity';
            UPDATE models SET owner = '' WHERE name = 'price-elasticity';
            UPDATE pipeline_runs SET compute_cost = 1.7e308 WHERE id IN (SELECT id FROM pipeline_runs LIMIT 3);
            UPDATE pipeline_runs SET compute_cost = 9e999 WHERE id IN (SELECT id FROM pipeline_runs LIMIT 3 OFFSET 3);
            UPDATE pipeline_runs SET queued_at = -9223372036854775808, started_at = -9223372036854775808, finished_at = 9223372036854775807
              WHERE id IN (SELECT id FROM pipeline_runs WHERE status = 'succeeded' LIMIT 2);
            UPDATE pipeline_runs SET queued_at = 9223372036854775800, started_at = 9223372036854775801, finished_at = 9223372036854775807
              WHERE id IN (SELECT id FROM pipeline_runs WHERE status = 'failed' LIMIT 2);
            UPDATE drift_alerts SET score = 9e999, threshold = 0 WHERE id IN (SELECT id FROM drift_alerts LIMIT 2);
            UPDATE drift_alerts SET score = -9e999, threshold = -9e999 WHERE id IN (SELECT id FROM drift_alerts LIMIT 2 OFFSET 2);
            UPDATE drift_alerts SET opened_at = -9223372036854775808 WHERE id IN (SELECT id FROM drift_alerts LIMIT 2 OFFSET 4);
            UPDATE drift_alerts SET status = 'snoozed', snoozed_until = 9223372036854775807
              WHERE id IN (SELECT id FROM drift_alerts WHERE status = 'open' LIMIT 1);
            UPDATE alert_events SET at = 9223372036854775807 WHERE (alert_id, seq) IN (SELECT alert_id, seq FROM alert_events LIMIT 3);
            UPDATE model_versions SET created_at = -9223372036854775808
              WHERE (model_id, position) IN (SELECT model_id, position FROM model_versions LIMIT 3);
            UPDATE maturity_assessments SET assessed_at = 9223372036854775807
              WHERE (team_id, component, assessed_at) IN (SELECT team_id, component, assessed_at FROM maturity_assessments LIMIT 3);
            UPDATE run_steps SET started_at = -9223372036854775808, finished_at = 9223372036854775807
              WHERE (run_id, position) IN (SELECT run_id, position FROM run_steps LIMIT 5);
            """)
        return (environment, store)
    }

    @Test("Every read command and every detail view of an extreme store answers, none traps")
    func everyCommandAnswers() throws {
        let (environment, store) = try Self.hostileStore()
        var commands: [[String]] = []
        for panel in ["overview", "models", "runs", "alerts", "maturity"] {
            for (width, height) in [("80", "24"), ("200", "60")] {
                commands.append(["snapshot", "--panel", panel, "--width", width, "--height", height])
            }
        }
        commands.append(["snapshot", "--detail", "portfolio"])
        let models = try ForeignClient.strings(store, """
            SELECT name FROM models WHERE name IN ('\(Self.model)', 'retail-demand-forecast', 'next-best-offer', 'churn-propensity', 'price-elasticity')
            """)
        let alerts = try ForeignClient.strings(store, "SELECT external_id FROM drift_alerts WHERE NOT (abs(score) < 1e300 AND abs(threshold) < 1e300 AND opened_at > 0) OR threshold = 0 OR score < 0 OR status = 'snoozed'")
        let runs = try ForeignClient.strings(store, "SELECT external_id FROM pipeline_runs WHERE abs(coalesce(compute_cost, 0)) > 1e300 OR finished_at > 9e18 LIMIT 8")
        let teams = try ForeignClient.strings(store, "SELECT name FROM teams")
        #expect(alerts.count >= 8 && runs.count >= 6)
        commands += models.map { ["snapshot", "--detail", "model:\($0)", "--height", "90"] }
        commands += alerts.map { ["snapshot", "--detail", "alert:\($0)", "--height", "60"] }
        commands += runs.map { ["snapshot", "--detail", "run:\($0)"] }
        commands += teams.map { ["snapshot", "--detail", "team:\($0)"] }
        for what in ["models", "runs", "alerts", "maturity"] { commands += [["list", what], ["list", what, "--json"]] }
        commands += [["status"], ["status", "--json"], ["status", "--window", "3650"]]
        var problems: [String] = []
        for command in commands {
            let result = try ProcessRunner.oversight(command + ["--store", store], environment: environment.variables)
            if result.status != 0 { problems.append("\(command.joined(separator: " ")) → \(result.status): \(result.stderr.prefix(300))") }
            if command.contains("--json"), (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) == nil {
                problems.append("\(command.joined(separator: " ")): not JSON")
            }
        }
        let check = try ProcessRunner.oversight(["check", "--store", store], environment: environment.variables)
        #expect([0, 1, 2].contains(check.status), "\(check.stderr)")
        #expect(problems.isEmpty, "\(problems.count) of \(commands.count) commands failed:\n\(problems.joined(separator: "\n"))")
    }

    /// The bundled sample imported into a new store, with the sample's own time (its newest run)
    /// in seconds and as `--as-of` takes it.
    static func sampleStore(_ label: String) throws -> (environment: TestEnvironment, store: String, end: Int, asOf: String) {
        let environment = TestEnvironment(label)
        let store = environment.file("store.sqlite")
        let imported = try ProcessRunner.oversight(["import", "--store", store, RepoPaths.sampleData], environment: environment.variables)
        try #require(imported.status == 0, "\(imported.stderr)")
        let end = try #require(Int(try ForeignClient.strings(store, "SELECT max(coalesce(started_at, queued_at)) FROM pipeline_runs").first ?? ""))
        return (environment, store, end, ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: TimeInterval(end))))
    }

    /// Each command that did not succeed on `store`, with its exit status and the start of what it said.
    static func failures(_ commands: [[String]], _ store: String, asOf: String?, _ environment: TestEnvironment) throws -> [String] {
        try commands.compactMap { command in
            let result = try ProcessRunner.oversight(command + ["--store", store] + (asOf.map { ["--as-of", $0] } ?? []),
                                                     environment: environment.variables)
            return result.status == 0 ? nil : "\(command.joined(separator: " ")) → \(result.status): \(result.stderr.prefix(300))"
        }
    }

    @Test("A figure SQLite works out as ∞ − ∞ (a NaN, which it gives back as NULL) reads as undefined: no command traps")
    func infinityLessInfinityIsUndefined() throws {
        let (environment, store, end, asOf) = try Self.sampleStore("extreme-nan")
        let model = try #require(try ForeignClient.strings(store, """
            SELECT m.name FROM models m JOIN drift_alerts a ON a.model_id = m.id
            WHERE m.stage = 'production' AND a.severity = 'critical' AND a.status IN ('open', 'acknowledged') LIMIT 1
            """).first)
        try ForeignClient.execute(store, """
            -- Value at risk: the team's risk total and what its still-snoozed models take away are both +∞.
            UPDATE models SET business_value = 9e999 WHERE name = '\(model)';
            UPDATE drift_alerts SET status = 'snoozed', snoozed_until = \(end + 86_400 * 365)
              WHERE model_id = (SELECT id FROM models WHERE name = '\(model)') AND severity = 'critical' AND status != 'resolved';
            -- A model's annualized cost: 12 × −1.7e308 serving is −∞, its window's compute cost +∞.
            UPDATE models SET serving_cost_per_month = -1.7e308 WHERE name = 'retail-demand-forecast';
            UPDATE pipeline_runs SET compute_cost = 1.7e308 WHERE id IN (
              SELECT r.id FROM pipeline_runs r JOIN models m ON m.id = r.model_id
              WHERE m.name = 'retail-demand-forecast' AND r.started_at BETWEEN \(end - 86_400 * 20) AND \(end) LIMIT 2);
            """)
        let problems = try Self.failures([["status"], ["status", "--json"], ["list", "models"], ["list", "models", "--json"],
                                          ["snapshot", "--width", "200", "--height", "60"],
                                          ["snapshot", "--panel", "models", "--width", "200", "--height", "60"],
                                          ["snapshot", "--detail", "model:retail-demand-forecast"], ["snapshot", "--detail", "model:\(model)"]],
                                         store, asOf: asOf, environment)
        let check = try ProcessRunner.oversight(["check", "--store", store, "--as-of", asOf], environment: environment.variables)
        #expect([0, 1, 2].contains(check.status), "\(check.stderr)")
        #expect(check.stdout.contains("—/yr at risk") && check.stdout.hasSuffix("value_at_risk=U\n"), "\(check.stdout)")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("Kept counts out of any range, a snooze without a deadline, names Swift holds equal but the store does not: no command traps")
    func outOfRangeCountsAndLookAlikeNames() throws {
        let (environment, store, _, asOf) = try Self.sampleStore("extreme-counts")
        // Two teams "Café", composed and decomposed, each imported on its own (one import refuses the pair).
        for (index, name) in ["Caf\u{E9}", "Cafe\u{301}"].enumerated() {
            let file = environment.root.write("team\(index).yaml", """
                teams:
                  - name: "\(name)"
                models:
                  - name: "cafe-model-\(index)"
                    team: "\(name)"
                    owner: o
                    stage: production
                maturity:
                  - team: "\(name)"
                    component: ci_cd
                    level: \(index + 1)
                    assessed_at: 2026-01-01T00:00:00Z
                """)
            let result = try ProcessRunner.oversight(["import", "--store", store, file], environment: environment.variables)
            try #require(result.status == 0, "\(result.stderr)")
        }
        try ForeignClient.execute(store, """
            INSERT INTO model_tags (model_id, key, value) SELECT id, 'caf\u{E9}', 'composed' FROM models WHERE name = '\(Self.model)';
            INSERT INTO model_tags (model_id, key, value) SELECT id, 'cafe\u{301}', 'decomposed' FROM models WHERE name = '\(Self.model)';
            UPDATE drift_alerts SET status = 'snoozed', snoozed_until = NULL WHERE id IN (SELECT id FROM drift_alerts WHERE status = 'open' LIMIT 2);
            UPDATE run_days SET automatic = 100000000000000000, runs = 100000000000000001;
            UPDATE alert_counts SET alerts = 9223372036854775807 WHERE status = 'open';
            UPDATE row_counts SET rows = -9223372036854775808 WHERE name = 'pipeline_runs';
            """)
        let problems = try Self.failures([["status"], ["status", "--json"], ["status", "--team", "Caf\u{E9}"],
                                          ["snapshot", "--detail", "team:Caf\u{E9}"], ["snapshot", "--detail", "team:Cafe\u{301}"],
                                          ["snapshot", "--detail", "model:\(Self.model)"],
                                          ["snapshot", "--panel", "runs", "--width", "200", "--height", "60"], ["snapshot", "--panel", "maturity"],
                                          ["list", "models", "--json"], ["list", "runs"]], store, asOf: asOf, environment)
            + Self.failures([["simulate", "--steps", "2", "--no-wait", "--from", asOf]], store, asOf: nil, environment)
        let check = try ProcessRunner.oversight(["check", "--store", store, "--as-of", asOf], environment: environment.variables)
        #expect([0, 1, 2].contains(check.status), "\(check.stderr)")
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test("Non-finite numbers are null in JSON, which cannot hold them")
    func nonFiniteIsNull() throws {
        let (environment, store) = try Self.hostileStore()
        let result = try ProcessRunner.oversight(["list", "models", "--json", "--store", store], environment: environment.variables)
        let models = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        let fraud = try #require(models.first { $0["name"] as? String == Self.model })
        #expect(fraud["business_value"] is NSNull)
        let retail = try #require(models.first { $0["name"] as? String == "retail-demand-forecast" })
        #expect(retail["business_value"] as? Double == 1.7e308)
    }
}
