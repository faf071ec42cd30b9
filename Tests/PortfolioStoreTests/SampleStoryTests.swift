import Foundation
import Portfolio
import PortfolioStore
import Testing
import TestSupport

/// The stories sample-data/README.md tells, pinned by what the records say (names, features,
/// methods, dates) rather than by generated ids, on the sample imported with its own dates; and
/// the coverage the sample promises (teams, stages, run kinds and statuses, alert statuses, quarters).
@Suite("Sample portfolio stories")
struct SampleStoryTests {
    static var store: PortfolioStore { UnshiftedSample.store }

    /// The sample's anchor: its "now".
    static let anchor = time("2026-01-12T09:00:00Z")

    static let runs: [PipelineRun] = try! store.read { try $0.runSummaries() }
    static let alerts: [DriftAlert] = try! store.read { try $0.alertSummaries(now: anchor) }
    static let models: [ModelSummary] = try! store.read { try $0.modelSummaries(now: anchor) }
    static let assessments: [MaturityAssessment] = try! store.read { try $0.assessments() }

    static func time(_ text: String) -> Date { ISOTime.parse(text)! }

    static func runs(on pipeline: String) -> [PipelineRun] {
        runs.filter { $0.pipeline == pipeline }.sorted { $0.startedOrQueuedAt < $1.startedOrQueuedAt }
    }

    static func fullRun(_ summary: PipelineRun) throws -> PipelineRun {
        try #require(try store.read { try $0.run(externalID: summary.externalID) })
    }

    static func close(_ a: Double?, _ b: Double, within tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance
    }

    static func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(values.count) }

    static let retail = "Retail Demand & Personalization"
    static let blackFriday = time("2025-11-28")
    static let december = time("2025-12-01")

    // MARK: - 1. Retail demand forecast drifting after the holiday

    @Test("the demand forecast's PSI on units_sold stays at or below 0.1 before Black Friday and above 0.25 from December on")
    func holidayDriftSeries() throws {
        let series = try Self.store.read {
            try $0.metricSeries(model: "retail-demand-forecast", name: "drift.psi.units_sold")
        }
        #expect(series.count == 91)
        let before = series.filter { $0.at < Self.blackFriday }
        let after = series.filter { $0.at >= Self.december }
        #expect(before.count == 45)
        #expect(after.count == 43)
        #expect(before.allSatisfy { $0.value <= 0.1 })
        #expect(Self.close(before.map(\.value).max(), 0.0801))
        #expect(after.allSatisfy { $0.value > 0.25 })
        #expect(Self.close(after.map(\.value).min(), 0.3182))

        let byDay = Dictionary(uniqueKeysWithValues: series.map { (ISOTime.format($0.at).prefix(10), $0.value) })
        #expect(Self.close(byDay["2025-11-29"], 0.184))
        #expect(Self.close(byDay["2025-11-30"], 0.272))
        let peak = try #require(series.max { $0.value < $1.value })
        #expect(ISOTime.format(peak.at).hasPrefix("2025-12-24"))
        #expect(Self.close(peak.value, 0.6322))
        #expect(ISOTime.format(series.last!.at) == "2026-01-12T06:00:00Z")
        #expect(Self.close(series.last?.value, 0.4234))
    }

    @Test("the demand forecast's MAPE is worse on every day from December on than on any day before Black Friday")
    func holidayMAPE() throws {
        let series = try Self.store.read { try $0.metricSeries(model: "retail-demand-forecast", name: "mape") }
        let before = series.filter { $0.at < Self.blackFriday }.map(\.value)
        let fromDecember = series.filter { $0.at >= Self.december }.map(\.value)
        let inDecember = series.filter { $0.at >= Self.december && $0.at < Self.time("2026-01-01") }.map(\.value)
        #expect(fromDecember.min()! > before.max()!)
        #expect(Self.close(Self.mean(before), 8.13, within: 0.005))
        #expect(Self.close(Self.mean(inDecember), 13.46, within: 0.005))
        let worst = try #require(series.max { $0.value < $1.value })
        #expect(Self.close(worst.value, 15.94))
        #expect(ISOTime.format(worst.at).hasPrefix("2025-12-25"))
    }

    @Test("the holiday drift has one PSI alert on units_sold: escalated to critical, acknowledged, with Chloe Martin")
    func holidayDriftAlert() throws {
        let matching = Self.alerts.filter {
            $0.model == "retail-demand-forecast" && $0.feature == "units_sold" && $0.method == .psi
        }
        #expect(matching.count == 1)
        let summary = try #require(matching.first)
        #expect(summary.severity == .critical)
        #expect(summary.status == .acknowledged)
        #expect(summary.threshold == 0.25)
        #expect(summary.assignee == "Chloe Martin")
        #expect(summary.method.isDrifted(score: summary.score, threshold: summary.threshold))
        let latest = try Self.store.read {
            try $0.metricSeries(model: "retail-demand-forecast", name: "drift.psi.units_sold", limit: 1)
        }
        #expect(summary.score == latest.first?.value, "an alert's score is its latest daily score")

        let alert = try #require(try Self.store.read { try $0.alert(externalID: summary.externalID) })
        #expect(alert.openedAt == Self.time("2025-11-30T06:20:00Z"))
        #expect(alert.events.map(\.kind) == [.opened, .acknowledged, .assigned, .note, .escalated, .note, .note, .note, .note])
        #expect(alert.events.first?.actor == "drift-monitor")
        let escalation = try #require(alert.events.first { $0.kind == .escalated })
        #expect(escalation.at == Self.time("2025-12-02T09:15:44Z"))
        #expect(escalation.actor == "Marcus Delgado")
        #expect(escalation.note?.contains("critical") == true)
        #expect(alert.events.map(\.at) == alert.events.map(\.at).sorted(), "a timeline is oldest first")
    }

    @Test("the drift-triggered retrain of the demand forecast first fails on NaN features, then registers 2.4.0, which is deployed")
    func holidayRetrain() throws {
        let driftRuns = Self.runs(on: "retail-demand-forecast-train").filter { $0.trigger == .drift }
        #expect(driftRuns.map(\.status) == [.failed, .succeeded])
        #expect(driftRuns.allSatisfy { $0.startedBy == "drift-monitor" })

        let failed = try Self.fullRun(driftRuns[0])
        #expect(failed.startedAt == Self.time("2025-12-03T07:13:25Z"))
        #expect(failed.error == "ValueError: Input X contains NaN.")
        #expect(failed.failedStep?.name == "build_features")

        let retrained = try Self.fullRun(driftRuns[1])
        #expect(retrained.startedAt == Self.time("2025-12-06T10:03:18Z"))
        #expect(retrained.modelVersion == "2.4.0")

        let model = try #require(try Self.store.read { try $0.model(named: "retail-demand-forecast") })
        #expect(model.team == Self.retail)
        #expect(model.stage == .production)
        #expect(model.version == "2.4.0")
        #expect(model.versions.first { $0.version == "2.4.0" }?.createdAt == retrained.finishedAt)

        let release = try #require(Self.runs.first { $0.model == "retail-demand-forecast" && $0.name == "release-2.4.0" })
        #expect(release.kind == .deployment)
        #expect(release.status == .succeeded)
        #expect(release.startedAt == Self.time("2025-12-08T10:30:23Z"))
        #expect(try Self.fullRun(release).modelVersion == "2.4.0")
    }

    @Test("retail sales validation fails far more often between Black Friday and New Year than outside it")
    func holidayValidationFailures() {
        let runs = Self.runs(on: "retail-sales-data-validation")
        let holidays = runs.filter { $0.startedOrQueuedAt >= Self.blackFriday && $0.startedOrQueuedAt < Self.time("2026-01-01") }
        let rest = runs.filter { !holidays.contains($0) }
        func rate(_ runs: [PipelineRun]) -> Double { Double(runs.filter { $0.status == .failed }.count) / Double(runs.count) }
        #expect(rate(holidays) > 5 * rate(rest))
        #expect(holidays.filter { $0.status == .failed }.allSatisfy { $0.error?.contains("units_sold") == true })
    }

    // MARK: - 2. Monitoring maturity lagging CI/CD

    @Test("the retail team's latest CI/CD level exceeds its model monitoring level by two, and the evidence says so")
    func retailMonitoringLagsCICD() throws {
        let retail = try #require(try Self.store.read { try $0.teamMaturity() }.first { $0.team == Self.retail })
        let ciCD = try #require(retail.entries[.ciCD])
        let monitoring = try #require(retail.entries[.modelMonitoring])
        #expect(ciCD.assessedAt == Self.time("2025-12-31"))
        #expect(monitoring.assessedAt == Self.time("2025-12-31"))
        #expect(ciCD.level == 3)
        #expect(monitoring.level == 1)
        #expect(ciCD.level > monitoring.level)

        let evidence = try #require(try Self.store.read {
            try $0.assessment(team: Self.retail, component: .modelMonitoring, at: Self.time("2025-12-31"))
        }?.evidence)
        #expect(evidence.contains("lags CI/CD"))
    }

    @Test("the latest maturity levels of every team are those in the README, and only retail has a CI/CD–monitoring gap over 1")
    func latestMaturityLevels() throws {
        let expected: [String: [Int]] = [
            "Risk & Fraud Analytics": [3, 3, 3, 4, 3],
            "Clinical AI": [2, 2, 3, 3, 3],
            Self.retail: [3, 3, 1, 2, 3],
            "Manufacturing Quality AI": [2, 2, 2, 2, 2],
            "ML Platform": [4, 4, 3, 3, 3],
        ]
        let teams = try Self.store.read { try $0.teamMaturity() }
        #expect(Set(teams.map(\.team)) == Set(expected.keys))
        for team in teams {
            let levels = MaturityComponent.allCases.map { team.entries[$0]?.level ?? -1 }
            #expect(levels == expected[team.team], "\(team.team)")
            let gap = abs((team.entries[.ciCD]?.level ?? 0) - (team.entries[.modelMonitoring]?.level ?? 0))
            if team.team == Self.retail { #expect(gap == 2) } else { #expect(gap <= 1, "\(team.team)") }
        }
    }

    @Test("no team's maturity level on any component ever falls from one quarter to the next")
    func maturityNeverFalls() {
        let grouped = Dictionary(grouping: Self.assessments) { "\($0.team)/\($0.component.rawValue)" }
        for (key, history) in grouped {
            let levels = history.sorted { $0.assessedAt < $1.assessedAt }.map(\.level)
            #expect(levels == levels.sorted(), "\(key)")
        }
    }

    // MARK: - 3. A model that costs more to run than it earns

    @Test("the visual defect detector's annual serving cost exceeds its annual business value")
    func defectDetectorCostsMoreThanItEarns() throws {
        let model = try #require(try Self.store.read { try $0.model(named: "visual-defect-detector") })
        #expect(model.team == "Manufacturing Quality AI")
        #expect(model.stage == .production)
        #expect(model.businessValue == 180_000)
        #expect(model.servingCostPerMonth == 21_500)
        #expect(model.annualServingCost == 12 * 21_500)
        #expect(model.annualServingCost > model.businessValue!)
        // It is the only production model in the red.
        let losing = Self.models.filter { $0.stage == .production && ($0.servingCostPerMonth ?? 0) * 12 > ($0.businessValue ?? 0) }
        #expect(losing.map(\.name) == ["visual-defect-detector"])
    }

    @Test("the visual defect detector's retraining is expensive and fails mostly out of GPU memory, with a manual retrain running")
    func defectDetectorTraining() {
        let runs = Self.runs(on: "visual-defect-detector-train")
        let finished = runs.filter { $0.finishedAt != nil }
        #expect(finished.count == 16)
        #expect(Self.close(finished.compactMap(\.computeCost).reduce(0, +), 2510.76, within: 1e-6))
        #expect(Self.close(finished.compactMap(\.computeCost).max(), 221.06))
        let failed = runs.filter { $0.status == .failed }
        #expect(failed.count == 5)
        #expect(failed.filter { $0.error?.contains("CUDA out of memory") == true }.count > failed.count / 2)
        let running = runs.filter { $0.status == .running }
        #expect(running.map(\.name) == ["retrain-line3-camera-swap"])
        #expect(running.first?.trigger == .manual)
    }

    // MARK: - 4. A flaky deployment pipeline

    @Test("the readmission deploy pipeline fails 12 of 30 runs, mostly on the rollout deadline, and no other deployment pipeline comes close")
    func flakyDeployPipeline() {
        let runs = Self.runs(on: "readmission-risk-30d-deploy")
        let failed = runs.filter { $0.status == .failed }
        #expect(runs.count == 30)
        #expect(failed.count == 12)
        #expect(runs.allSatisfy { $0.kind == .deployment && $0.model == "readmission-risk-30d" })
        let deadline = #"kubectl rollout status: deployment "readmission-risk-30d" exceeded its progress deadline"#
        #expect(failed.filter { $0.error == deadline }.count == 10)

        let deployPipelines = Dictionary(grouping: Self.runs.filter { $0.kind == .deployment }, by: \.pipeline)
        let rates = deployPipelines.mapValues { Double($0.filter { $0.status == .failed }.count) / Double($0.count) }
        let ranked = rates.sorted { $0.value > $1.value }
        #expect(ranked.first?.key == "readmission-risk-30d-deploy")
        #expect(ranked.first?.value == 0.4)
        #expect(ranked.dropFirst().first?.key == "store-labor-forecast-deploy")
        #expect(ranked.dropFirst().allSatisfy { $0.value < 0.18 })
    }

    @Test("the readmission deploy pipeline rolled back five times, always to 4.1.3, and 4.2.0 is the approved current version")
    func readmissionRollbacks() throws {
        let rollbacks = Self.runs(on: "readmission-risk-30d-deploy").filter(\.isRollback)
        #expect(rollbacks.map(\.startedAt) == [
            "2025-11-26T16:54:39Z", "2025-12-06T12:33:39Z", "2025-12-19T21:17:31Z", "2025-12-23T13:11:31Z",
            "2026-01-09T21:18:04Z",
        ].map(Self.time))
        for rollback in rollbacks {
            let run = try Self.fullRun(rollback)
            #expect(run.modelVersion == "4.1.3")
            #expect(run.steps.map(\.name) == ["deploy_canary", "smoke_test", "promote"])
        }
        let model = try #require(try Self.store.read { try $0.model(named: "readmission-risk-30d") })
        #expect(model.team == "Clinical AI")
        #expect(model.version == "4.2.0")
        let current = try #require(model.versions.first { $0.version == "4.2.0" })
        #expect(current.approvalStatus == .approved)
        #expect(current.approvedBy == "Clinical Safety Board")
        #expect(current.approvedAt.map(ISOTime.format)?.hasPrefix("2025-11-26") == true)
        #expect(model.versions.first { $0.version == "4.1.0" }?.approvalStatus == .rejected)
    }

    @Test("the portfolio has eight rollbacks, including the card fraud detector's return to 3.1.2 before 3.2.0 was redeployed")
    func allRollbacks() throws {
        let rollbacks = Self.runs.filter(\.isRollback)
        #expect(rollbacks.count == 8)
        #expect(rollbacks.allSatisfy { $0.kind == .deployment })
        let fraud = try #require(rollbacks.first { $0.pipeline == "card-fraud-detector-deploy" })
        #expect(fraud.startedAt == Self.time("2025-12-05T09:41:51Z"))
        #expect(try Self.fullRun(fraud).modelVersion == "3.1.2")
        let redeploys = try Self.runs(on: "card-fraud-detector-deploy")
            .filter { $0.status == .succeeded && !$0.isRollback && $0.startedOrQueuedAt > fraud.startedOrQueuedAt }
            .map(Self.fullRun)
        #expect(redeploys.first?.modelVersion == "3.2.0")
        #expect(redeploys.first?.startedAt.map(ISOTime.format)?.hasPrefix("2025-12-09") == true)
    }

    // MARK: - 5. The fraud model under an active critical alert

    @Test("the card fraud detector has one open critical PSI alert on transaction_amount, opened less than a day before the anchor")
    func fraudCriticalAlert() throws {
        let active = Self.alerts.filter {
            $0.model == "card-fraud-detector" && $0.feature == "transaction_amount" && $0.status == .open
        }
        #expect(active.count == 1)
        let summary = try #require(active.first)
        #expect(summary.method == .psi)
        #expect(summary.severity == .critical)
        #expect(summary.score == 0.312)
        #expect(summary.threshold == 0.25)
        #expect(summary.score >= summary.threshold)
        #expect(summary.assignee == "Daniel Okafor")
        #expect(summary.openedAt == Self.time("2026-01-11T21:47:12Z"))
        #expect(Self.anchor.timeIntervalSince(summary.openedAt) < 86_400)

        let alert = try #require(try Self.store.read { try $0.alert(externalID: summary.externalID) })
        #expect(alert.events.map(\.kind) == [.opened, .note, .assigned])
        #expect(alert.events.last?.actor == "Priya Raman")

        let earlier = Self.alerts.filter {
            $0.model == "card-fraud-detector" && $0.feature == "transaction_amount" && $0.status == .resolved
        }
        #expect(earlier.count == 1)
        let resolved = try #require(try Self.store.read { try $0.alert(externalID: earlier[0].externalID) })
        #expect(resolved.severity == .warning)
        #expect(resolved.resolvedAt == Self.time("2025-11-08T16:20:31Z"))
        #expect(resolved.events.contains { $0.note?.contains("changed currency to EUR") == true })
    }

    @Test("a drift-triggered fraud retrain is running at the anchor and the fraud model's AUC dips on the last day")
    func fraudRetrainAndAUC() throws {
        let running = Self.runs(on: "card-fraud-detector-train").filter { $0.status == .running }
        #expect(running.count == 1)
        #expect(running.first?.trigger == .drift)
        let auc = try Self.store.read { try $0.metricSeries(model: "card-fraud-detector", name: "auc") }
        #expect(Self.close(auc.last?.value, 0.942))
        #expect(auc.last?.value == auc.map(\.value).min())
    }

    // MARK: - Coverage

    @Test("at least four teams cover finance, healthcare, retail and manufacturing, each with a production model")
    func teamsCoverIndustries() throws {
        let teams = try Self.store.read { try $0.teamMaturity() }
        #expect(teams.count >= 4)
        let industries = Dictionary(teams.map { ($0.industry ?? "", $0.team) }, uniquingKeysWith: { a, _ in a })
        for industry in ["finance", "healthcare", "retail", "manufacturing"] {
            let team = try #require(industries[industry], "no \(industry) team")
            #expect(Self.models.contains { $0.team == team && $0.stage == .production }, "\(team)")
        }
    }

    @Test("at least 40 models span all four stages in the README's proportions")
    func modelsCoverStages() {
        #expect(Self.models.count >= 40)
        let byStage = Dictionary(grouping: Self.models, by: \.stage).mapValues(\.count)
        #expect(byStage == [.production: 18, .staging: 9, .development: 13, .archived: 6])
    }

    @Test("at least 1500 runs over at least 90 days cover every kind, status and trigger")
    func runsCoverKindsAndStatuses() {
        #expect(Self.runs.count >= 1500)
        let times = Self.runs.map(\.startedOrQueuedAt)
        #expect(times.max()!.timeIntervalSince(times.min()!) >= 90 * 86_400)
        #expect(Dictionary(grouping: Self.runs, by: \.kind).mapValues(\.count)
            == [.training: 713, .evaluation: 200, .deployment: 365, .dataValidation: 442])
        #expect(Dictionary(grouping: Self.runs, by: \.status).mapValues(\.count)
            == [.queued: 4, .running: 4, .succeeded: 1479, .failed: 166, .cancelled: 67])
        #expect(Set(Self.runs.map(\.trigger)) == Set(RunTrigger.allCases))
    }

    @Test("every failed run has an error message and a failed step that says why")
    func failedRunsExplainThemselves() throws {
        let failed = Self.runs.filter { $0.status == .failed }
        #expect(!failed.isEmpty)
        for summary in failed {
            let run = try Self.fullRun(summary)
            #expect(run.error?.isEmpty == false, "\(run.externalID)")
            let step = run.failedStep
            #expect(step != nil, "\(run.externalID)")
            #expect(step?.error?.isEmpty == false, "\(run.externalID)")
            // Steps after the failed one did not run.
            if let index = run.steps.firstIndex(where: { $0.status == .failed }) {
                #expect(run.steps[(index + 1)...].allSatisfy { $0.status == .skipped }, "\(run.externalID)")
            }
        }
    }

    @Test("runs in flight have no finish time, queued runs have not started, and finished runs have a non-negative duration")
    func runTimesAreConsistent() {
        for run in Self.runs {
            switch run.status {
            case .queued:
                #expect(run.startedAt == nil && run.finishedAt == nil, "\(run.externalID)")
            case .running:
                #expect(run.startedAt != nil && run.finishedAt == nil, "\(run.externalID)")
            case .succeeded, .failed:
                #expect((run.duration ?? -1) >= 0, "\(run.externalID)")
            case .cancelled:
                break
            }
            #expect(run.startedOrQueuedAt <= Self.anchor)
        }
    }

    @Test("at least 50 alerts cover every status, severity and method in the README's counts")
    func alertsCoverStatuses() {
        #expect(Self.alerts.count >= 50)
        #expect(Dictionary(grouping: Self.alerts, by: \.status).mapValues(\.count)
            == [.open: 15, .acknowledged: 13, .snoozed: 8, .resolved: 35])
        #expect(Dictionary(grouping: Self.alerts, by: \.severity).mapValues(\.count)
            == [.info: 16, .warning: 36, .critical: 19])
        #expect(Dictionary(grouping: Self.alerts, by: \.method).mapValues(\.count)
            == [.psi: 34, .ks: 13, .chi2: 9, .z: 3, .js: 4, .wasserstein: 8])
    }

    @Test("every alert's evidence is plausible for its method: distances at or above threshold, p-values below 0.05")
    func alertEvidenceIsPlausible() {
        for alert in Self.alerts {
            #expect(alert.method.isDrifted(score: alert.score, threshold: alert.threshold), "\(alert.externalID)")
            if alert.method.isPValue {
                #expect(alert.threshold == 0.05, "\(alert.externalID)")
                #expect(alert.score >= 0 && alert.score < 0.05, "\(alert.externalID)")
            } else {
                #expect(alert.score >= alert.threshold && alert.threshold > 0, "\(alert.externalID)")
            }
            if alert.method == .psi { #expect([0.1, 0.25].contains(alert.threshold), "\(alert.externalID)") }
            if alert.method == .js || alert.method == .wasserstein { #expect(alert.threshold == 0.1, "\(alert.externalID)") }
        }
    }

    @Test("every alert's lifecycle fields agree with its status and its timeline starts when it opened")
    func alertLifecyclesAreConsistent() throws {
        for summary in Self.alerts {
            let alert = try #require(try Self.store.read { try $0.alert(externalID: summary.externalID) })
            #expect(alert.events.first?.kind == .opened, "\(alert.externalID)")
            #expect(alert.events.first?.at == alert.openedAt, "\(alert.externalID)")
            switch alert.status {
            case .snoozed: #expect((alert.snoozedUntil ?? .distantPast) > Self.anchor, "\(alert.externalID)")
            case .resolved: #expect(alert.resolvedAt != nil && alert.events.last?.kind == .resolved, "\(alert.externalID)")
            case .open, .acknowledged: #expect(alert.resolvedAt == nil, "\(alert.externalID)")
            }
        }
    }

    @Test("every production model's alerted features have a daily drift score series")
    func driftSeriesBackAlerts() throws {
        let production = Set(Self.models.filter { $0.stage == .production }.map(\.name))
        var seriesCount = 0, driftCount = 0
        for model in Self.models {
            let detail = try #require(try Self.store.read { try $0.modelDetail(named: model.name, runs: 0, points: 1) })
            seriesCount += detail.metrics.count
            driftCount += detail.metrics.filter { $0.name.hasPrefix("drift.") }.count
            guard production.contains(model.name) else { continue }
            let names = Set(detail.metrics.map(\.name))
            for alert in Self.alerts where alert.model == model.name {
                #expect(names.contains("drift.\(alert.method.rawValue).\(alert.feature)"), "\(alert.externalID)")
            }
        }
        #expect(seriesCount == 94)
        #expect(driftCount == 40)
    }

    @Test("every team is assessed on every component every quarter, over at least four quarters")
    func maturityIsQuarterly() throws {
        let quarters = ["2024-12-31", "2025-03-31", "2025-06-30", "2025-09-30", "2025-12-31"].map(Self.time)
        let teams = try Self.store.read { try $0.teamNames() }
        #expect(Self.assessments.count == teams.count * MaturityComponent.allCases.count * quarters.count)
        for team in teams {
            for component in MaturityComponent.allCases {
                let dates = Self.assessments.filter { $0.team == team && $0.component == component }.map(\.assessedAt).sorted()
                #expect(dates.count >= 4)
                #expect(dates == quarters, "\(team) \(component)")
            }
        }
    }

    @Test("the sample's newest event is less than an hour before its anchor")
    func newestEventIsJustBeforeAnchor() throws {
        let newest = try #require(try Self.store.read { try $0.newestEventTime() })
        #expect(newest <= Self.anchor)
        #expect(Self.anchor.timeIntervalSince(newest) < 3600)
    }

    @Test("loading the sample as of a time puts its newest event exactly at that time and moves everything with it")
    func loadTemporaryShiftsToAsOf() throws {
        let asOf = Self.time("2031-07-04T12:34:56Z")
        let sample = try SamplePortfolio.loadTemporary(asOf: asOf)
        defer { sample.remove() }
        let original = try #require(try Self.store.read { try $0.newestEventTime() })

        #expect(try sample.store.read { try $0.newestEventTime() } == asOf)
        #expect(sample.shift == asOf.timeIntervalSince(original))
        let shifted = try #require(try sample.store.read { try $0.run(externalID: Self.runs[0].externalID) })
        #expect(shifted.queuedAt == Self.runs[0].queuedAt.addingTimeInterval(sample.shift))
        let series = try sample.store.read { try $0.metricSeries(model: "retail-demand-forecast", name: "drift.psi.units_sold") }
        #expect(series.count == 91)
        #expect(series.first?.at == Self.time("2025-10-14T06:00:00Z").addingTimeInterval(sample.shift))
        #expect(try sample.store.read { try $0.rowCounts() } == Self.store.read { try $0.rowCounts() })
    }

    @Test("A quarter before a team's history begins has no derived levels (the team detail shows —), not levels of 0")
    func quarterWithoutEvidenceHasNoLevels() throws {
        let trend = try Self.store.read { try $0.derivedMaturityTrend(team: "Clinical AI", asOf: Self.anchor) }
        #expect(trend.count == 4)
        #expect(trend.first?.levels.isEmpty == true, "the first quarter ends \(trend.first?.end ?? Self.anchor), before the sample's history")
        #expect(trend.last?.levels.count == MaturityComponent.allCases.count)
    }
}
