import Foundation
import Portfolio
import PortfolioStore
import Testing
import TestSupport

/// `oversight status` and `oversight check` through the real binary, on the hand-built store of
/// `FiguresFixture`: the JSON holds every figure with the value the library computes (the one code
/// path the dashboard header uses), and check's exit codes gate on active alerts.
@Suite("oversight status and check")
struct CLIStatusTests {
    enum Fixture {
        static let environment = TestEnvironment("cli-status")
        static let store: String = {
            atexit { try? FileManager.default.removeItem(atPath: Fixture.environment.root.path) }
            let path = environment.file("fixture/portfolio.sqlite")
            let store = try! FiguresFixture.build(at: path)
            try! store.close()
            return path
        }()
        static let asOf = "2026-03-31T00:00:00Z"

        static func report(days: Int = 30) throws -> FiguresReport {
            let store = try PortfolioStore.open(path: Fixture.store, readOnly: true)
            defer { try? store.close() }
            return try store.read { try $0.figures(FigureWindow(asOf: FiguresFixture.asOf, days: days)) }
        }
    }

    static func oversight(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.oversight(arguments + ["--store", Fixture.store, "--as-of", Fixture.asOf],
                                    environment: Fixture.environment.variables)
    }

    static func statusJSON(_ extra: [String] = []) throws -> [String: Any] {
        let result = try oversight(["status", "--json"] + extra)
        try #require(result.status == 0, "status failed: \(result.stderr)")
        let parsed = try JSONDecoder().decode(ExactJSON.self, from: Data(result.stdout.utf8)).value
        return try #require(parsed as? [String: Any], "expected a JSON object; got \(result.stdout.prefix(200))")
    }

    /// JSON parsed with JSONDecoder, whose numbers round-trip exactly (JSONSerialization's on
    /// Linux may be one unit in the last place off): integers as Int, other numbers as Double.
    struct ExactJSON: Decodable {
        var value: Any

        init(from decoder: Decoder) throws {
            if var array = try? decoder.unkeyedContainer() {
                var items: [Any] = []
                while !array.isAtEnd { items.append(try array.decode(ExactJSON.self).value) }
                value = items
            } else if let object = try? decoder.container(keyedBy: Key.self) {
                var result: [String: Any] = [:]
                for key in object.allKeys { result[key.stringValue] = try object.decode(ExactJSON.self, forKey: key).value }
                value = result
            } else {
                let single = try decoder.singleValueContainer()
                if single.decodeNil() { value = NSNull() }
                else if let bool = try? single.decode(Bool.self) { value = bool }
                else if let int = try? single.decode(Int.self) { value = int }
                else if let double = try? single.decode(Double.self) { value = double }
                else { value = try single.decode(String.self) }
            }
        }

        struct Key: CodingKey {
            var stringValue: String
            var intValue: Int? { nil }
            init(stringValue: String) { self.stringValue = stringValue }
            init?(intValue: Int) { nil }
        }
    }

    /// A JSON number as a Double, whether it was written as an integer or not.
    static func number(_ value: Any?) -> Double? {
        if let int = value as? Int { return Double(int) }
        return value as? Double
    }

    static let figureKeys = [
        "models_in_production", "models_total", "active_critical_alerts", "active_warning_alerts", "active_alerts",
        "failed_runs_last_24h", "running_runs", "value_in_production", "value_at_risk", "deployments_in_window",
        "deployment_frequency_per_week", "lead_time_hours_median", "change_failure_rate", "time_to_restore_hours_median",
        "compute_cost_in_window", "annualized_cost_of_production", "value_to_cost_ratio",
    ]

    /// The library's value of each JSON figure, nil for null.
    static func expected(_ f: Figures) -> [String: Double?] {
        ["models_in_production": Double(f.modelsInProduction), "models_total": Double(f.modelsTotal),
         "active_critical_alerts": Double(f.activeCriticalAlerts), "active_warning_alerts": Double(f.activeWarningAlerts),
         "active_alerts": Double(f.activeAlerts), "failed_runs_last_24h": Double(f.failedRunsLast24h),
         "running_runs": Double(f.runningRuns), "value_in_production": f.valueInProduction, "value_at_risk": f.valueAtRisk,
         "deployments_in_window": Double(f.deploymentsInWindow), "deployment_frequency_per_week": f.deploymentFrequencyPerWeek,
         "lead_time_hours_median": f.leadTimeHoursMedian, "change_failure_rate": f.changeFailureRate,
         "time_to_restore_hours_median": f.timeToRestoreHoursMedian, "compute_cost_in_window": f.computeCostInWindow,
         "annualized_cost_of_production": f.annualizedCostOfProduction, "value_to_cost_ratio": f.valueToCostRatio]
    }

    static func expectFigures(_ object: [String: Any], equal figures: Figures, sourceLocation: SourceLocation = #_sourceLocation) {
        for (key, value) in expected(figures) {
            if let value {
                #expect(Self.number(object[key]) == value, "\(key): \(String(describing: object[key])) ≠ \(value)",
                        sourceLocation: sourceLocation)
            } else {
                #expect(object[key] is NSNull, "\(key) should be null, is \(String(describing: object[key]))", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("status --json has every key, with the library's unrounded numbers, per team and maturity")
    func statusJSONMatchesLibrary() throws {
        let json = try Self.statusJSON()
        let report = try Fixture.report()
        let missing = (["as_of", "window_days", "teams", "maturity"] + Self.figureKeys).filter { json[$0] == nil }
        #expect(missing.isEmpty, "missing \(missing)")
        #expect(json["as_of"] as? String == Fixture.asOf)
        #expect(json["window_days"] as? Int == 30)
        Self.expectFigures(json, equal: report.portfolio)
        // Spot values worked out in FiguresTests.
        #expect(Self.number(json["value_at_risk"]) == 1_000_000)
        #expect(Self.number(json["change_failure_rate"]) == 2.0 / 3.0)
        #expect(Self.number(json["time_to_restore_hours_median"]) == 17)

        let teams = try #require(json["teams"] as? [[String: Any]])
        #expect(teams.compactMap { $0["name"] as? String } == ["Alpha", "Beta", "Empty"])
        for team in teams {
            let name = try #require(team["name"] as? String)
            Self.expectFigures(team, equal: try #require(report.team(name)))
        }
        let beta = try #require(teams.first { $0["name"] as? String == "Beta" })
        #expect(beta["lead_time_hours_median"] is NSNull)
        #expect(beta["change_failure_rate"] is NSNull)
        #expect(Self.number(beta["deployment_frequency_per_week"]) == 0)

        let maturity = try #require(json["maturity"] as? [[String: Any]])
        #expect(maturity.count == 15)
        for (object, figure) in zip(maturity, report.maturity) {
            #expect(object["team"] as? String == figure.team)
            #expect(object["component"] as? String == figure.component.rawValue)
            #expect(object["derived_level"] as? Int == figure.derivedLevel)
            if let assessed = figure.assessedLevel {
                #expect(object["assessed_level"] as? Int == assessed)
            } else {
                #expect(object["assessed_level"] is NSNull)
            }
            #expect(object["evidence"] is [String: Any])
        }
        let infra = try #require(maturity.first { $0["team"] as? String == "Alpha" && $0["component"] as? String == "infrastructure_automation" })
        #expect(infra["assessed_level"] as? Int == 3)
        #expect(infra["derived_level"] as? Int == 2)
        #expect(Self.number((infra["evidence"] as? [String: Any])?["automatic_share"]) == 7.0 / 9.0)
    }

    @Test("status --window and --team narrow the figures; an unknown team is an error")
    func statusOptions() throws {
        let week = try Self.statusJSON(["--window", "7"])
        #expect(week["window_days"] as? Int == 7)
        Self.expectFigures(week, equal: try Fixture.report(days: 7).portfolio)

        let beta = try Self.statusJSON(["--team", "Beta"])
        Self.expectFigures(beta, equal: try #require(try Fixture.report().team("Beta")))
        #expect((beta["teams"] as? [[String: Any]])?.count == 1)
        #expect((beta["maturity"] as? [[String: Any]])?.allSatisfy { $0["team"] as? String == "Beta" } == true)

        let unknown = try Self.oversight(["status", "--team", "Nobody"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("Nobody"))
        let text = try Self.oversight(["status"])
        #expect(text.status == 0, "\(text.stderr)")
        #expect(text.stdout.contains("value at risk"))
        #expect(text.stdout.contains("$1M/yr"))
    }

    @Test("check follows the monitoring-plugin convention: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN, one line with performance data")
    func checkExitCodes() throws {
        // Alpha: al1 critical acknowledged → 2, whatever --fail-on.
        let all = try Self.oversight(["check"])
        #expect(all.status == 2, "\(all.stdout) \(all.stderr)")
        #expect(all.stdout.hasPrefix("OVERSIGHT CRITICAL - 1 critical, 3 warning alerts active; $"), "\(all.stdout)")
        #expect(all.stdout.contains(" | critical=1 warning=3 value_at_risk="), "\(all.stdout)")
        #expect(all.stdout.split(separator: "\n").count == 1)
        #expect(try Self.oversight(["check", "--fail-on", "critical"]).status == 2)
        #expect(try Self.oversight(["check", "--team", "Alpha", "--fail-on", "critical"]).status == 2)
        // Beta: its critical al3 is still snoozed (not active); al5 is an open warning.
        let beta = try Self.oversight(["check", "--team", "beta"])
        #expect(beta.status == 1, "\(beta.stdout) \(beta.stderr)")
        #expect(beta.stdout.hasPrefix("OVERSIGHT WARNING - 0 critical, 1 warning alerts active in Beta"), "\(beta.stdout)")
        #expect(try Self.oversight(["check", "--team", "Beta", "--fail-on", "warning"]).status == 1)
        let betaCritical = try Self.oversight(["check", "--team", "Beta", "--fail-on", "critical"])
        #expect(betaCritical.status == 0)
        #expect(betaCritical.stdout.hasPrefix("OVERSIGHT OK - "))
        #expect(try Self.oversight(["check", "--team", "Empty"]).status == 0)
        // What stops it from knowing is UNKNOWN (3), never a pass or a warning.
        let unknownTeam = try Self.oversight(["check", "--team", "Nope"])
        #expect(unknownTeam.status == 3)
        #expect(unknownTeam.stdout.hasPrefix("OVERSIGHT UNKNOWN - no team named 'Nope'"), "\(unknownTeam.stdout)")
        let typo = try Self.oversight(["check", "--team", "Alhpa"])
        #expect(typo.status == 3)
        #expect(typo.stdout.contains("did you mean 'Alpha'"), "\(typo.stdout)")
        #expect(try Self.oversight(["check", "--fail-on", "info"]).status == 3)
        let environment = TestEnvironment("check-no-store")
        let noStore = try ProcessRunner.oversight(["check"], environment: environment.variables)
        #expect(noStore.status == 3)
        #expect(noStore.stdout.hasPrefix("OVERSIGHT UNKNOWN - no store at \(environment.defaultStorePath)"), "\(noStore.stdout)")
        let sample = try ProcessRunner.oversight(["check", "--sample"], environment: environment.variables)
        #expect(sample.stdout.hasPrefix("OVERSIGHT CRITICAL - "), "\(sample.stdout)")
    }
}
