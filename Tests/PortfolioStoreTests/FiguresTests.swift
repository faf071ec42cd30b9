import Foundation
import GRDB
import Portfolio
@testable import PortfolioStore
import Testing
import TestSupport

/// The figures of docs/METRICS.md and the maturity of docs/MATURITY.md on `FiguresFixture`, a
/// store built by hand; every expected number is worked out in the comments. Integer figures are
/// compared exactly; fractions are written as the division that defines them.
@Suite("Figures: KPIs, DORA for ML, value and cost, derived maturity")
struct FiguresTests {
    static func report(days: Int = 30) throws -> FiguresReport {
        let folder = TemporaryFolder("figures")
        let store = try FiguresFixture.build(at: folder.file("portfolio.sqlite"))
        defer { try? store.close() }
        return try store.read { try $0.figures(FigureWindow(asOf: FiguresFixture.asOf, days: days)) }
    }

    /// Equal to within a few units in the last place (the sums run in another order than here).
    static func close(_ a: Double?, _ b: Double) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= 1e-9 * max(1, abs(b))
    }

    @Test("portfolio: counts, value at risk, DORA, cost, worked out by hand")
    func portfolio() throws {
        let report = try Self.report()
        let p = report.portfolio
        // a1, a2, b1 in production; a3 in development.
        #expect(p.modelsInProduction == 3)
        #expect(p.modelsTotal == 4)
        // al1 (acknowledged). al3 is snoozed until after as_of, al2 resolved: neither is active.
        #expect(p.activeCriticalAlerts == 1)
        // al4, al5 open; al6's snooze ran out on 03-30, so it is open again.
        #expect(p.activeWarningAlerts == 3)
        #expect(p.activeAlerts == 4)
        // r7 failed at 03-30T08:00, within (03-30T00:00, 03-31T00:00]; r6 is running.
        #expect(p.failedRunsLast24h == 1)
        #expect(p.runningRuns == 1)
        // 1,000,000 + 100,000 + 500,000.
        #expect(p.valueInProduction == 1_600_000)
        // Only a1 has an active critical alert (al1); b1's critical al3 is still snoozed.
        #expect(p.valueAtRisk == 1_000_000)
        // Succeeded deployments finished in (03-01, 03-31]: r2, r4, r5 (r10 is in February).
        #expect(p.deploymentsInWindow == 3)
        // 3 per 30 days = 3 × 7 ÷ 30 = 0.7 a week.
        #expect(p.deploymentFrequencyPerWeek == 0.7)
        // a1 2.0: first training r1 started 03-10T00:00, first succeeded deployment r2 finished
        // 03-10T12:00 → 12 h. r4 redeploys 2.0 (not a new change); r5 (a2 1.0) has no training run.
        #expect(p.leadTimeHoursMedian == 12)
        #expect(p.leadTimeSamples == 1)
        // r2 is followed by r3 (failed deployment, 03-12) and r4 by al1 (critical, 03-22) within
        // 7 days; r5 by nothing → 2 of 3.
        #expect(p.failedChanges == 2)
        #expect(p.changeFailureRate == 2.0 / 3.0)
        // al2: opened 03-02T00:00 → resolved 03-02T10:00 (10 h); reopened 03-05T00:00 → resolved
        // 03-06T00:00 (24 h). Median of [10, 24] = 17 h.
        #expect(p.restoreSamples == 2)
        #expect(p.timeToRestoreHoursMedian == 17)
        // Runs started in the window: r1 100 + r2 10 + r3 5 + r4 5 + r5 20 + r6 50 + r7 30 + r9 40
        // = 260 (r8 and r10 started before it).
        #expect(p.computeCostInWindow == 260)
        // Production: 12 × (10,000 + 20,000 + 1,000) = 372,000, plus 365 ÷ 30 × (a1 120 + a2 100)
        // = 2,676.67 → 374,676.67.
        let annualized = 372_000 + 365.0 / 30 * 220
        #expect(Self.close(p.annualizedCostOfProduction, annualized))
        // 1,600,000 ÷ 374,676.67 ≈ 4.27.
        #expect(Self.close(p.valueToCostRatio, 1_600_000 / annualized))
    }

    @Test("per team: an empty team and a team with no deployments in the window")
    func teams() throws {
        let report = try Self.report()
        #expect(report.teams.map(\.name) == ["Alpha", "Beta", "Empty"])
        let alpha = try #require(report.team("Alpha"))
        #expect(alpha.modelsInProduction == 2)
        #expect(alpha.valueInProduction == 1_100_000)
        #expect(alpha.valueAtRisk == 1_000_000)
        #expect(alpha.deploymentsInWindow == 3)
        #expect(alpha.changeFailureRate == 2.0 / 3.0)
        #expect(alpha.timeToRestoreHoursMedian == 17)
        // a3 (development) counts in the team's compute cost (r9, 40), not in its production cost.
        #expect(alpha.computeCostInWindow == 260)
        #expect(Self.close(alpha.annualizedCostOfProduction, 360_000 + 365.0 / 30 * 220))

        // Beta: nothing deployed in the window → frequency 0, lead time, failure rate and time to
        // restore undefined (nil, JSON null).
        let beta = try #require(report.team("Beta"))
        #expect(beta.deploymentsInWindow == 0)
        #expect(beta.deploymentFrequencyPerWeek == 0)
        #expect(beta.leadTimeHoursMedian == nil)
        #expect(beta.changeFailureRate == nil)
        #expect(beta.timeToRestoreHoursMedian == nil)
        #expect(beta.valueAtRisk == 0)
        #expect(beta.activeCriticalAlerts == 0)
        #expect(beta.activeWarningAlerts == 1)
        #expect(beta.computeCostInWindow == 0)
        // 500,000 ÷ (12 × 1,000).
        #expect(beta.valueToCostRatio == 500_000.0 / 12_000)

        let empty = try #require(report.team("Empty"))
        #expect(empty == Figures())
        #expect(empty.valueToCostRatio == nil)
        #expect(report.maturity(team: "Empty").allSatisfy { $0.derivedLevel == 0 && $0.assessedLevel == nil })
    }

    @Test("the current state read for every refresh, of the portfolio and of one team, equals the full report's")
    func currentStateEqualsFullReport() throws {
        let folder = TemporaryFolder("figures-current")
        let store = try FiguresFixture.build(at: folder.file("portfolio.sqlite"))
        defer { try? store.close() }
        let window = FigureWindow(asOf: FiguresFixture.asOf)
        let full = try store.read { try $0.figures(window) }
        for team in [nil, "Alpha", "Beta", "Empty"] as [String?] {
            let current = try store.read { try $0.currentFigures(window, team: team) }
            #expect(!current.includesWindowFigures)
            let expected = try #require(team.map { full.team($0) } ?? full.portfolio)
            let got = try #require(team.map { current.team($0) } ?? current.portfolio)
            var merged = expected
            merged.takeCurrentState(from: got)
            #expect(merged == expected, "\(team ?? "portfolio")")
        }
        // Merged into the full report, the current state changes nothing.
        let current = try store.read { try $0.currentFigures(window, team: "Alpha") }
        #expect(full.updatingCurrentState(from: current) == full)
    }

    @Test("a shorter window leaves earlier events out, and as_of ignores later ones")
    func windows() throws {
        // (03-24, 03-31]: no succeeded deployment finished; no critical alert resolved.
        let week = try Self.report(days: 7).portfolio
        #expect(week.deploymentsInWindow == 0)
        #expect(week.changeFailureRate == nil)
        #expect(week.timeToRestoreHoursMedian == nil)
        // r6 50 + r7 30.
        #expect(week.computeCostInWindow == 80)

        // As of 03-11T00:00 with 30 days: r2 is in, and r3 (03-12) is after as_of, so r2 has not
        // failed yet; al1 (03-22) is ignored for the failure rate, though statuses stay current.
        let folder = TemporaryFolder("figures-asof")
        let store = try FiguresFixture.build(at: folder.file("portfolio.sqlite"))
        defer { try? store.close() }
        let early = try store.read { try $0.figures(FigureWindow(asOf: FiguresFixture.t("2026-03-11T00:00:00Z"), days: 30)) }.portfolio
        #expect(early.deploymentsInWindow == 1)
        #expect(early.changeFailureRate == 0)
        #expect(early.leadTimeHoursMedian == 12)
        #expect(early.timeToRestoreHoursMedian == 17)
        #expect(early.activeCriticalAlerts == 1)
    }

    @Test("derived maturity from the fixture's evidence, beside the latest assessment")
    func maturity() throws {
        let report = try Self.report()
        func level(_ team: String, _ component: MaturityComponent) -> MaturityFigure? {
            report.maturity.first { $0.team == team && $0.component == component }
        }
        // Alpha, runs in (2025-12-31, 03-31]: r1–r9, 7 of 9 automatic (r3, r8 manual) = 78% → 2.
        let infra = try #require(level("Alpha", .infrastructureAutomation))
        #expect(infra.derivedLevel == 2)
        #expect(infra.assessedLevel == 3)
        #expect(infra.gap == -1)
        #expect(infra.evidence.facts.first { $0.key == "automatic_share" }?.value == 7.0 / 9.0)
        // Automatic deployments for a1 and a2 (100%), no evaluation runs → level 1.
        #expect(level("Alpha", .ciCD)?.derivedLevel == 1)
        // Metrics 2 of 2, drift checks 1 of 2 (50%); first responses 2 h (al1), 5 h (al2's note),
        // 72 h (al4 waiting), 1 h (al6) → median 3.5 h ≤ 24 h → level 3.
        #expect(level("Alpha", .modelMonitoring)?.derivedLevel == 3)
        #expect(level("Alpha", .modelMonitoring)?.evidence.facts.first { $0.key == "response_hours_median" }?.value == 3.5)
        // Owners 2/2, risk tier 1/2, approved current version 1/2 → level 1.
        #expect(level("Alpha", .governance)?.derivedLevel == 1)
        // People: Ann, Bob, Cara (alert events) ∪ Ann, Bob (manual runs) = 3; assigned 1 of 4 → level 1.
        #expect(level("Alpha", .collaboration)?.derivedLevel == 1)
        #expect(level("Alpha", .collaboration)?.evidence.facts.first { $0.key == "people" }?.value == 3)
        // Alpha's alerts of the window al1, al2, al4, al6: al1 assigned (Ann), al2 with a note.
        #expect(level("Alpha", .modelMonitoring)?.evidence.facts.first { $0.key == "alerts_opened" }?.value == 4)
        #expect(level("Alpha", .collaboration)?.evidence.facts.first { $0.key == "assigned_share" }?.value == 0.25)
        #expect(level("Alpha", .collaboration)?.evidence.facts.first { $0.key == "noted_share" }?.value == 0.25)
        // Beta's al3 and al5: al5 assigned to Dee, with Dee's note.
        #expect(level("Beta", .collaboration)?.evidence.facts.first { $0.key == "noted_share" }?.value == 0.5)
        // Beta: r10 manual → 0; no automatic pipelines → 0; no metrics → 0; owner and tier but the
        // current version is pending → 2; Cy and Dee, 1 of 2 alerts assigned (50%) → 2.
        #expect(MaturityComponent.allCases.map { level("Beta", $0)?.derivedLevel } == [0, 0, 0, 2, 2])
        #expect(level("Beta", .governance)?.assessedLevel == nil)
    }

    @Test("per model: annualized cost beside annual value, the loss flag, and sorting by cost")
    func perModel() throws {
        let folder = TemporaryFolder("figures-models")
        let store = try FiguresFixture.build(at: folder.file("portfolio.sqlite"))
        defer { try? store.close() }
        let models = try store.read {
            try $0.modelSummaries(now: FiguresFixture.asOf, query: PanelQuery(sort: .model(.cost), descending: true))
        }
        // a2: 12 × 20,000 + 365 ÷ 30 × (r5 20 + r6 50 + r7 30) = 241,216.67 > its 100,000: a loss.
        // a1: 12 × 10,000 + 365 ÷ 30 × 120 = 121,460 < 1,000,000. b1: 12,000 < 500,000.
        // a3: 0 + 365 ÷ 30 × 40 = 486.67 > 50,000? no.
        #expect(models.map(\.name) == ["a2", "a1", "b1", "a3"])
        let a2 = try #require(models.first)
        #expect(Self.close(a2.annualizedCost, 240_000 + 365.0 / 30 * 100))
        #expect(a2.costsMoreThanItEarns)
        #expect(models.filter(\.costsMoreThanItEarns).map(\.name) == ["a2"])
    }

    @Test("the figures' queries use indexes, never a scan of the runs or alert events")
    func queryPlans() throws {
        let folder = TemporaryFolder("figures-plan")
        let store = try FiguresFixture.build(at: folder.file("portfolio.sqlite"))
        defer { try? store.close() }
        let window = FigureWindow(asOf: FiguresFixture.asOf)
        let plans = try store.read { reader -> [String] in
            try [reader.deploymentPlanForTests(window), reader.restorationPlanForTests(window),
                 reader.alertResponsesPlanForTests(asOf: FiguresFixture.asOf),
                 reader.queryPlan(PortfolioReader.restorationFactsSQL, [window.bounds.start, window.bounds.end])]
        }
        // Both bounds of the 7-day follow-up and the version's training runs come from indexes
        // (a bare-column bound loses the expression index: each deployment walked its model's history).
        #expect(plans[0].contains("runs_by_model (model_id=? AND <expr>>? AND <expr><?)"), "\(plans[0])")
        #expect(plans[0].contains("runs_by_version (model_id=? AND model_version=? AND kind=? AND <expr><?)"), "\(plans[0])")
        #expect(plans[0].contains("alerts_by_model_opened (model_id=? AND opened_at>? AND opened_at<?)"), "\(plans[0])")
        #expect(plans[1].contains("alert_events_by_kind (kind=? AND at>? AND at<?)"), "\(plans[1])")
        // An alert's own events by its key, not by (kind, at): that walked every event of the kind
        // once per alert (minutes with 100k alerts).
        #expect(plans[2].contains("SEARCH x USING PRIMARY KEY (alert_id=?)"), "\(plans[2])")
        #expect(!plans[2].contains("alert_events_by_kind"), "\(plans[2])")
        // The stored restorations: the window's critical ones alone, from the covering index.
        #expect(plans[3] == "SEARCH restoration_facts USING COVERING INDEX restoration_facts_window (severity=? AND resolved_at>? AND resolved_at<?)",
                "\(plans[3])")
        for plan in plans {
            #expect(!plan.contains("SCAN d"), "\(plan)")
            #expect(!plan.contains("SCAN e"), "\(plan)")
            #expect(!plan.contains("SCAN pipeline_runs"), "\(plan)")
        }
    }
}

@Suite("Maturity rules at their thresholds")
struct MaturityDerivationTests {
    func infra(_ automatic: Int, of runs: Int) -> Int {
        var e = TeamEvidence()
        e.runs = runs
        e.automaticRuns = automatic
        return MaturityDerivation.level(.infrastructureAutomation, e)
    }

    @Test("infrastructure automation: 20 / 50 / 80 / 95 % of runs automatic")
    func infrastructure() {
        #expect(infra(0, of: 0) == 0)
        #expect(infra(19, of: 100) == 0)
        #expect(infra(1, of: 5) == 1)
        #expect(infra(49, of: 100) == 1)
        #expect(infra(1, of: 2) == 2)
        #expect(infra(79, of: 100) == 2)
        #expect(infra(4, of: 5) == 3)
        #expect(infra(94, of: 100) == 3)
        #expect(infra(19, of: 20) == 4)
        #expect(infra(5, of: 5) == 4)
    }

    @Test("CI/CD: automatic evaluation and deployment shares and their success rate")
    func cicd() {
        var e = TeamEvidence()
        #expect(MaturityDerivation.level(.ciCD, e) == 0)
        e.productionModels = 4
        e.withAutomatedDeployment = 1
        #expect(MaturityDerivation.level(.ciCD, e) == 1)
        e.withAutomatedEvaluation = 2
        e.withAutomatedDeployment = 2
        e.pipelineRunsFinished = 10
        e.pipelineRunsSucceeded = 8
        #expect(MaturityDerivation.level(.ciCD, e) == 2)
        e.pipelineRunsSucceeded = 7
        #expect(MaturityDerivation.level(.ciCD, e) == 1)
        e.withAutomatedEvaluation = 3
        e.withAutomatedDeployment = 3
        e.pipelineRunsSucceeded = 9
        #expect(MaturityDerivation.level(.ciCD, e) == 3)
        e.productionModels = 10
        e.withAutomatedEvaluation = 9
        e.withAutomatedDeployment = 9
        e.pipelineRunsFinished = 20
        e.pipelineRunsSucceeded = 19
        #expect(MaturityDerivation.level(.ciCD, e) == 4)
    }

    @Test("model monitoring: metrics, drift checks, and the response time (none means met)")
    func monitoring() {
        var e = TeamEvidence()
        e.productionModels = 20
        e.withMetrics = 4
        #expect(MaturityDerivation.level(.modelMonitoring, e) == 0)
        e.withMetrics = 5
        #expect(MaturityDerivation.level(.modelMonitoring, e) == 1)
        e.withMetrics = 10
        e.withDriftChecks = 5
        #expect(MaturityDerivation.level(.modelMonitoring, e) == 2)
        e.withMetrics = 16
        e.withDriftChecks = 10
        e.responseHoursMedian = 24
        #expect(MaturityDerivation.level(.modelMonitoring, e) == 3)
        e.responseHoursMedian = 24.5
        #expect(MaturityDerivation.level(.modelMonitoring, e) == 2)
        e.withMetrics = 19
        e.withDriftChecks = 18
        e.responseHoursMedian = nil
        #expect(MaturityDerivation.level(.modelMonitoring, e) == 4)
        e.responseHoursMedian = 4.01
        #expect(MaturityDerivation.level(.modelMonitoring, e) == 3)
    }

    @Test("governance: owners, risk tiers, approved current versions")
    func governance() {
        var e = TeamEvidence()
        e.productionModels = 20
        e.withOwner = 9
        #expect(MaturityDerivation.level(.governance, e) == 0)
        e.withOwner = 10
        #expect(MaturityDerivation.level(.governance, e) == 1)
        e.withOwner = 18
        e.withRiskTier = 15
        #expect(MaturityDerivation.level(.governance, e) == 2)
        e.withRiskTier = 18
        e.withApprovedVersion = 15
        #expect(MaturityDerivation.level(.governance, e) == 3)
        e.withOwner = 20
        e.withRiskTier = 20
        e.withApprovedVersion = 19
        #expect(MaturityDerivation.level(.governance, e) == 4)
        e.withRiskTier = 19
        #expect(MaturityDerivation.level(.governance, e) == 3)
    }

    @Test("collaboration: people, assignments, notes (no alerts means nothing to assign)")
    func collaboration() {
        var e = TeamEvidence()
        #expect(MaturityDerivation.level(.collaboration, e) == 0)
        e.people = 1
        #expect(MaturityDerivation.level(.collaboration, e) == 1)
        e.people = 5
        #expect(MaturityDerivation.level(.collaboration, e) == 4)
        e.alertsOpened = 20
        e.alertsAssigned = 9
        #expect(MaturityDerivation.level(.collaboration, e) == 1)
        e.alertsAssigned = 10
        #expect(MaturityDerivation.level(.collaboration, e) == 2)
        e.alertsAssigned = 15
        e.alertsWithNotes = 10
        #expect(MaturityDerivation.level(.collaboration, e) == 3)
        e.alertsAssigned = 18
        e.alertsWithNotes = 15
        #expect(MaturityDerivation.level(.collaboration, e) == 4)
        e.people = 4
        #expect(MaturityDerivation.level(.collaboration, e) == 3)
    }

    @Test("the evidence names the next level's requirement, none at level 4")
    func nextLevel() {
        var e = TeamEvidence()
        e.runs = 10
        e.automaticRuns = 7
        #expect(MaturityDerivation.evidence(.infrastructureAutomation, e).nextLevel == "level 3 needs ≥ 80% of runs started automatically")
        e.automaticRuns = 10
        #expect(MaturityDerivation.evidence(.infrastructureAutomation, e).nextLevel == nil)
    }
}
