import Foundation

extension SampleGenerator {
    struct DeploySeed {
        var t: Micros
        var trigger: String
        var by: String
        var name: String? = nil
        var force: String? = nil
        var failure: FailureOption? = nil
        var rollback = false
        var toPrevious = false
        var tag: String? = nil
    }

    func eligibleVersion(_ m: SampleModel, _ t: Micros, _ hold: (String, Micros, Micros)?) -> String {
        var candidates: [Version]
        if m.stage == "production" {
            candidates = m.versions.filter { $0.stage == "production" && $0.approvedAt != nil && $0.approvedAt! <= t - 5 * minute }
        } else {
            candidates = m.versions.filter { $0.stage == "staging" && $0.approvalStatus != "rejected" && $0.createdAt <= t - 30 * minute }
        }
        if let hold, hold.1 <= t && t < hold.2 { candidates = candidates.filter { $0.version != hold.0 } }
        return candidates.last!.version
    }

    /// Releases whose first (registry-webhook) rollout fails and is rolled back.
    static let forcedReleaseFailures: [String: FailureOption] = [
        "readmission-risk-30d": FailureOption("deploy_canary", 1, SampleErrors.kubectl),
        "text-embedding-service": FailureOption("promote", 1, SampleErrors.promote),
    ]

    static let cardFraudHold = ("3.2.0", T("2025-12-05T00:00:00Z"), T("2025-12-09T14:00:00Z"))

    func genDeployments() {
        for pipe in pipelines where pipe.kind == "deployment" {
            let m = modelByName[pipe.models[0]]!
            let team = m.team
            let prod = m.stage == "production"
            let (lo, hi) = activeRange(m)
            var seeds: [DeploySeed] = []
            let flaky = pipe.name == "readmission-risk-30d-deploy"
            let rate = flaky ? 1.6 : (prod ? 0.9 : 0.7)
            for t in Self.adhocSeeds(rate, lo, hi, &deploy) {
                if flaky || deploy.random() < 0.2 {
                    seeds.append(DeploySeed(t: t, trigger: "manual", by: person(team, &deploy)))
                } else {
                    seeds.append(DeploySeed(t: t, trigger: "commit", by: "ci-bot"))
                }
            }
            if pipe.name == "product-recommender-deploy" {
                for t in Self.scheduledSeeds(.weekly(dow: 1, h: 10, m: 0), lo, hi) {
                    seeds.append(DeploySeed(t: t, trigger: "schedule", by: "scheduler", name: "weekly-release"))
                }
            }
            // Registry webhook: deploy as soon as a version becomes eligible.
            for v in m.versions where v.inWindow {
                let t0: Micros
                if prod && v.stage == "production" {
                    t0 = v.approvedAt!
                } else if !prod && v.stage == "staging" && v.approvalStatus != "rejected" {
                    t0 = v.createdAt + 30 * minute
                } else {
                    continue
                }
                let t = t0 + Micros(deploy.randint(400, 2400)) * second
                if t <= hi {
                    var seed = DeploySeed(t: t, trigger: "api", by: "api:mlflow-webhook", name: "release-\(v.version)")
                    if let forced = Self.forcedReleaseFailures[m.name], v.version == m.version {
                        seed.force = "failed"
                        seed.failure = forced
                    }
                    seeds.append(seed)
                }
            }
            if m.name == "card-fraud-detector" {
                seeds = seeds.filter { !(T("2025-12-03T12:00:00Z") <= $0.t && $0.t <= T("2025-12-10T00:00:00Z")) }
                seeds.append(DeploySeed(t: T("2025-12-03T16:12:31Z"), trigger: "api", by: "api:mlflow-webhook", name: "release-3.2.0",
                                        force: "succeeded"))
                seeds.append(DeploySeed(t: T("2025-12-05T09:41:07Z"), trigger: "manual", by: "Priya Raman", force: "succeeded",
                                        rollback: true, tag: "card-fraud-rollback"))
                seeds.append(DeploySeed(t: T("2025-12-09T14:10:52Z"), trigger: "manual", by: "Priya Raman", name: "canary-rollout",
                                        force: "succeeded"))
            }
            let hold = m.name == "card-fraud-detector" ? Self.cardFraudHold : nil
            seeds = seeds.enumerated().sorted { ($0.element.t, $0.offset) < ($1.element.t, $1.offset) }.map(\.element)
            var deployed = eligibleVersion(m, at(Self.firstDay), nil)
            var previous: String?
            var busyUntil = at(Self.firstDay)
            var i = 0
            var commits: [String: String] = [:]
            while i < seeds.count {
                let s = seeds[i]
                i += 1
                if s.t < busyUntil + 5 * minute { continue }
                let isLast = !seeds[i...].contains { $0.t >= s.t }
                if s.rollback {
                    let toPrevious = s.tag != nil || s.toPrevious
                    let version = toPrevious ? previous! : deployed
                    let status = s.force ?? "succeeded"
                    let commit = commits[version] ?? deploy.sha()
                    let r = makeRun(pipe, m, "deployment", s.trigger, s.by, s.t, status, &deploy, name: "rollback-to-\(version)",
                                    modelVersion: version, rollback: true, commit: commit, tag: s.tag)
                    if status == "succeeded" && toPrevious { (deployed, previous) = (version, deployed) }
                    busyUntil = r.finishedAt!
                    continue
                }
                var target = eligibleVersion(m, s.t, hold)
                var new = target != deployed
                let status: String
                if let force = s.force {
                    status = force
                } else if isLast && (target != m.version || deployed != m.version) {
                    status = "succeeded"
                    target = m.version
                    new = target != deployed
                } else {
                    let failRate = flaky ? (new ? 0.6 : 0.32) : (pipe.name == "next-best-offer-deploy" ? 0.12 : 0.045)
                    status = Self.decideStatus(&deploy, failRate, 0.035)
                }
                let name = s.name ?? (prod ? "canary-rollout" : "staging-deploy")
                let commit = deploy.sha()
                var failure: (String, String)?
                if let forced = s.failure {
                    failure = (forced.step, forced.error(&deploy, ErrorContext(model: m, pipeline: pipe.name, when: s.t, version: target)))
                }
                let r = makeRun(pipe, m, "deployment", s.trigger, s.by, s.t, status, &deploy, name: name, modelVersion: target,
                                commit: commit, failure: failure)
                busyUntil = r.finishedAt ?? (s.t + hour)
                if status == "succeeded" {
                    commits[target] = commit
                    if new { (previous, deployed) = (deployed, target) }
                } else if status == "failed" && prod && new && r.steps[2].status != "skipped"
                            && (s.failure != nil || deploy.random() < (flaky ? 0.8 : 0.6)) {
                    // The half-finished rollout of the new version is rolled back to the running one.
                    let t = r.finishedAt! + Micros(deploy.randint(600, 2700)) * second
                    seeds.insert(DeploySeed(t: t, trigger: "manual", by: person(team, &deploy), rollback: true), at: i)
                } else if status == "failed" && flaky && previous != nil && r.steps[2].status != "skipped" && deploy.random() < 0.5 {
                    // A stalled redeploy: on-call goes back to the last known-good version.
                    let t = r.finishedAt! + Micros(deploy.randint(600, 2700)) * second
                    seeds.insert(DeploySeed(t: t, trigger: "manual", by: person(team, &deploy), rollback: true, toPrevious: true), at: i)
                }
            }
            if deployed != m.version {
                // Close the story: a final manual rollout of the current version.
                let t = max(busyUntil + 20 * minute, Self.seedCutoff - 20 * hour) + Micros(deploy.randint(0, 3000)) * second
                precondition(t <= Self.seedCutoff, m.name)
                let by = person(team, &deploy)
                let commit = deploy.sha()
                makeRun(pipe, m, "deployment", "manual", by, t, "succeeded", &deploy, name: prod ? "canary-rollout" : "staging-deploy",
                        modelVersion: m.version, commit: commit)
                deployed = m.version
            }
            precondition(deployed == m.version, m.name)
        }
    }

    func liveRuns() {
        func p(_ name: String) -> SamplePipeline { pipelines.first { $0.name == name }! }
        func mk(_ pipeName: String, _ modelName: String, trigger: String, startedBy: String, queuedAt: String, start: String? = nil,
                status: String, name: String? = nil, modelVersion: String? = nil, commit: Bool = false, currentStep: Int = 0) {
            let pipe = p(pipeName)
            let sha = commit ? live.sha() : nil
            makeRun(pipe, modelByName[modelName]!, pipe.kind, trigger, startedBy, T(queuedAt), status, &live, start: start.map(T),
                    name: name, modelVersion: modelVersion, commit: sha, currentStep: currentStep, tag: "live")
        }
        let version = { (name: String) in self.modelByName[name]!.version }
        mk("pii-redaction-ner-deploy", "pii-redaction-ner", trigger: "commit", startedBy: "ci-bot", queuedAt: "2026-01-12T08:01:52Z",
           status: "succeeded", name: "canary-rollout", modelVersion: version("pii-redaction-ner"), commit: true)
        mk("visual-defect-detector-train", "visual-defect-detector", trigger: "manual", startedBy: "Wei Zhang",
           queuedAt: "2026-01-12T07:02:11Z", start: "2026-01-12T07:14:40Z", status: "running", name: "retrain-line3-camera-swap",
           currentStep: 3)
        mk("card-fraud-detector-train", "card-fraud-detector", trigger: "drift", startedBy: "drift-monitor",
           queuedAt: "2026-01-12T08:04:37Z", start: "2026-01-12T08:04:59Z", status: "running", name: "drift-retrain", currentStep: 2)
        mk("sepsis-early-warning-eval", "sepsis-early-warning", trigger: "api", startedBy: "api:airflow",
           queuedAt: "2026-01-12T08:30:00Z", start: "2026-01-12T08:30:14Z", status: "running", currentStep: 1)
        mk("next-best-offer-deploy", "next-best-offer", trigger: "commit", startedBy: "ci-bot", queuedAt: "2026-01-12T08:41:03Z",
           start: "2026-01-12T08:41:21Z", status: "running", name: "canary-rollout", modelVersion: version("next-best-offer"),
           commit: true, currentStep: 2)
        mk("diabetic-retinopathy-screen-train", "diabetic-retinopathy-screen", trigger: "manual", startedBy: "Jonas Berg",
           queuedAt: "2026-01-12T08:33:05Z", status: "queued", name: "hparam-sweep")
        mk("radiology-triage-cxr-eval", "radiology-triage-cxr", trigger: "manual", startedBy: "Jonas Berg",
           queuedAt: "2026-01-12T08:47:19Z", status: "queued")
        mk("synthetic-id-detector-train", "synthetic-id-detector", trigger: "commit", startedBy: "ci-bot",
           queuedAt: "2026-01-12T08:52:44Z", status: "queued", commit: true)
        mk("entity-resolution-matcher-deploy", "entity-resolution-matcher", trigger: "api", startedBy: "api:mlflow-webhook",
           queuedAt: "2026-01-12T08:58:41Z", status: "queued", name: "staging-deploy", modelVersion: version("entity-resolution-matcher"),
           commit: true)
    }
}
