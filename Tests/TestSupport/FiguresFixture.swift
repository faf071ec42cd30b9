import Foundation
import Portfolio
import PortfolioStore

/// A small hand-built store whose figures are worked out by hand in docs/METRICS.md's spirit and
/// asserted exactly by `FiguresTests` and `CLIStatusTests`. As of 2026-03-31T00:00:00Z; the 30-day
/// window is (03-01T00:00, 03-31T00:00], the 90-day evidence window (2025-12-31T00:00, 03-31T00:00].
///
/// Teams: Alpha (a1, a2 in production, a3 in development), Beta (b1 in production, nothing in the
/// window), Empty (no models). Edge cases: a deployment with no training run (r5), a redeploy
/// of a version (r4), a failed deployment after a deployment (r3), an alert resolved, reopened
/// and resolved again (al2), a critical alert still snoozed (al3), a snooze that has run out (al6).
public enum FiguresFixture {
    public static let asOf = t("2026-03-31T00:00:00Z")

    public static func t(_ text: String) -> Date { ISOTime.parse(text)! }

    public static func build(at path: String) throws -> PortfolioStore {
        let store = try PortfolioStore.open(path: path)
        try store.write { w in
            for team in ["Alpha", "Beta", "Empty"] { _ = try w.upsert(Team(name: team)) }
            _ = try w.upsert(Pipeline(name: "alpha-pipe", team: "Alpha"))
            _ = try w.upsert(Pipeline(name: "beta-pipe", team: "Beta"))
            _ = try w.upsert(Model(name: "a1", team: "Alpha", owner: "Ann", stage: .production, version: "2.0", riskTier: .high,
                                   businessValue: 1_000_000, servingCostPerMonth: 10_000,
                                   versions: [ModelVersion(version: "2.0", createdAt: t("2026-03-09T00:00:00Z"),
                                                           stage: .production, approvalStatus: .approved,
                                                           approvedBy: "Board", approvedAt: t("2026-03-09T12:00:00Z"))]))
            _ = try w.upsert(Model(name: "a2", team: "Alpha", owner: "Bob", stage: .production, version: "1.0", riskTier: nil,
                                   businessValue: 100_000, servingCostPerMonth: 20_000))
            _ = try w.upsert(Model(name: "a3", team: "Alpha", owner: "Bob", stage: .development, version: "0.1",
                                   businessValue: 50_000, servingCostPerMonth: 0))
            _ = try w.upsert(Model(name: "b1", team: "Beta", owner: "Cy", stage: .production, version: "1.0", riskTier: .low,
                                   businessValue: 500_000, servingCostPerMonth: 1_000,
                                   versions: [ModelVersion(version: "1.0", createdAt: t("2026-01-01T00:00:00Z"),
                                                           approvalStatus: .pending)]))

            func run(_ id: String, _ model: String, _ kind: RunKind, _ status: RunStatus, _ trigger: RunTrigger,
                     by: String? = nil, version: String? = nil, start: String, end: String?, cost: Double) throws {
                _ = try w.upsert(PipelineRun(
                    externalID: id, pipeline: model.hasPrefix("b") ? "beta-pipe" : "alpha-pipe", model: model, kind: kind,
                    status: status, trigger: trigger, startedBy: by ?? trigger.rawValue, modelVersion: version,
                    queuedAt: t(start), startedAt: t(start), finishedAt: end.map(t), computeCost: cost))
            }
            try run("r1", "a1", .training, .succeeded, .commit, version: "2.0", start: "2026-03-10T00:00:00Z", end: "2026-03-10T02:00:00Z", cost: 100)
            try run("r2", "a1", .deployment, .succeeded, .commit, version: "2.0", start: "2026-03-10T10:00:00Z", end: "2026-03-10T12:00:00Z", cost: 10)
            try run("r3", "a1", .deployment, .failed, .manual, by: "Ann", version: "2.0", start: "2026-03-12T00:00:00Z", end: "2026-03-12T01:00:00Z", cost: 5)
            try run("r4", "a1", .deployment, .succeeded, .schedule, version: "2.0", start: "2026-03-20T00:00:00Z", end: "2026-03-20T01:00:00Z", cost: 5)
            try run("r5", "a2", .deployment, .succeeded, .api, version: "1.0", start: "2026-03-15T00:00:00Z", end: "2026-03-15T02:00:00Z", cost: 20)
            try run("r6", "a2", .training, .running, .schedule, start: "2026-03-30T00:00:00Z", end: nil, cost: 50)
            try run("r7", "a2", .training, .failed, .schedule, start: "2026-03-30T06:00:00Z", end: "2026-03-30T08:00:00Z", cost: 30)
            try run("r8", "a2", .training, .succeeded, .manual, by: "Bob", start: "2026-02-20T00:00:00Z", end: "2026-02-20T01:00:00Z", cost: 1_000)
            try run("r9", "a3", .training, .succeeded, .schedule, start: "2026-03-05T00:00:00Z", end: "2026-03-05T01:00:00Z", cost: 40)
            try run("r10", "b1", .deployment, .succeeded, .manual, by: "Cy", version: "1.0", start: "2026-02-01T00:00:00Z", end: "2026-02-01T01:00:00Z", cost: 7)

            for (model, name) in [("a1", "accuracy"), ("a1", "drift.psi.x"), ("a2", "accuracy")] {
                _ = try w.upsert(MetricPoint(model: model, name: name, at: t("2026-03-15T00:00:00Z"), value: 0.5))
            }

            func event(_ kind: AlertEventKind, _ at: String, _ actor: String, _ note: String? = nil) -> AlertEvent {
                AlertEvent(kind: kind, at: t(at), actor: actor, note: note)
            }
            _ = try w.upsert(DriftAlert(
                externalID: "al1", model: "a1", feature: "x", method: .psi, score: 0.4, threshold: 0.25, severity: .critical,
                status: .acknowledged, assignee: "Ann", openedAt: t("2026-03-22T00:00:00Z"),
                events: [event(.opened, "2026-03-22T00:00:00Z", "drift-monitor"), event(.acknowledged, "2026-03-22T02:00:00Z", "Ann")]))
            _ = try w.upsert(DriftAlert(
                externalID: "al2", model: "a2", feature: "y", method: .psi, score: 0.4, threshold: 0.25, severity: .critical,
                status: .resolved, openedAt: t("2026-03-02T00:00:00Z"), resolvedAt: t("2026-03-06T00:00:00Z"),
                events: [event(.opened, "2026-03-02T00:00:00Z", "drift-monitor"), event(.note, "2026-03-02T05:00:00Z", "Bob", "looking"),
                         event(.resolved, "2026-03-02T10:00:00Z", "Bob"), event(.reopened, "2026-03-05T00:00:00Z", "Ann"),
                         event(.resolved, "2026-03-06T00:00:00Z", "Cara")]))
            _ = try w.upsert(DriftAlert(
                externalID: "al3", model: "b1", feature: "z", method: .psi, score: 0.4, threshold: 0.25, severity: .critical,
                status: .snoozed, openedAt: t("2026-03-25T00:00:00Z"), snoozedUntil: t("2026-04-05T00:00:00Z"),
                events: [event(.opened, "2026-03-25T00:00:00Z", "drift-monitor"), event(.snoozed, "2026-03-25T01:00:00Z", "Cy")]))
            _ = try w.upsert(DriftAlert(
                externalID: "al4", model: "a2", feature: "w", method: .ks, score: 0.01, threshold: 0.05, severity: .warning,
                status: .open, openedAt: t("2026-03-28T00:00:00Z"), events: [event(.opened, "2026-03-28T00:00:00Z", "drift-monitor")]))
            _ = try w.upsert(DriftAlert(
                externalID: "al5", model: "b1", feature: "v", method: .ks, score: 0.01, threshold: 0.05, severity: .warning,
                status: .open, assignee: "Dee", openedAt: t("2026-03-29T00:00:00Z"),
                events: [event(.opened, "2026-03-29T00:00:00Z", "drift-monitor"), event(.assigned, "2026-03-29T03:00:00Z", "Cy", "assigned to Dee"),
                         event(.note, "2026-03-29T04:00:00Z", "Dee", "looking")]))
            _ = try w.upsert(DriftAlert(
                externalID: "al6", model: "a1", feature: "u", method: .ks, score: 0.01, threshold: 0.05, severity: .warning,
                status: .snoozed, openedAt: t("2026-03-26T00:00:00Z"), snoozedUntil: t("2026-03-30T00:00:00Z"),
                events: [event(.opened, "2026-03-26T00:00:00Z", "drift-monitor"), event(.snoozed, "2026-03-26T01:00:00Z", "Ann")]))

            _ = try w.upsert(MaturityAssessment(team: "Alpha", component: .infrastructureAutomation, level: 1,
                                                assessedAt: t("2025-12-31T00:00:00Z"), assessor: "guild"))
            _ = try w.upsert(MaturityAssessment(team: "Alpha", component: .infrastructureAutomation, level: 3,
                                                assessedAt: t("2026-03-01T00:00:00Z"), assessor: "guild"))
        }
        return store
    }
}
