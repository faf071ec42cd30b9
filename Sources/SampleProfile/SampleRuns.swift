import Foundation

extension SampleGenerator {
    static let stepNames: [String: [String]] = [
        "training": ["fetch_data", "validate_schema", "build_features", "train", "evaluate", "register_model"],
        "deployment": ["build_image", "push_image", "deploy_canary", "smoke_test", "promote"],
        "evaluation": ["load_model", "score_holdout", "compare_champion", "publish_report"],
        "data_validation": ["load_batch", "check_schema", "check_expectations", "profile"],
    ]
    static let rollbackSteps = ["deploy_canary", "smoke_test", "promote"]
    static let stepSeconds: [String: (Int, Int)] = [
        "fetch_data": (120, 900), "validate_schema": (20, 120), "build_features": (300, 1800),
        "evaluate": (120, 600), "register_model": (15, 60),
        "build_image": (150, 480), "push_image": (40, 180), "deploy_canary": (300, 1200),
        "smoke_test": (60, 300), "promote": (60, 240),
        "load_model": (30, 180), "score_holdout": (240, 1500), "compare_champion": (30, 180),
        "publish_report": (15, 90),
        "load_batch": (60, 420), "check_schema": (10, 60), "check_expectations": (90, 720), "profile": (90, 600),
    ]

    static func trainSeconds(_ spec: ModelSpec) -> (Int, Int) {
        if let s = spec.trainSeconds { return s }
        if spec.gpu >= 10 { return (7200, 15000) }
        if spec.gpu > 0 { return (2400, 9000) }
        if let t = spec.train, t.hasPrefix("daily") { return (1800, 5400) }
        return (600, 2700)
    }

    /// Stable per model, independent of the random streams.
    static func cpuRate(_ spec: ModelSpec) -> Double {
        1.2 + Double(spec.name.unicodeScalars.reduce(0) { $0 + Int($1.value) } % 37) / 10.0
    }

    static func stepPlan(_ kind: String, _ spec: ModelSpec, _ rng: inout PythonRandom, rollback: Bool) -> [(String, Int)] {
        let names = rollback ? rollbackSteps : stepNames[kind]!
        var plan: [(String, Int)] = []
        for n in names {
            var (lo, hi) = kind == "training" && n == "train" ? trainSeconds(spec) : stepSeconds[n]!
            if kind == "evaluation" && n == "score_holdout" && spec.gpu > 0 { (lo, hi) = (lo * 2, hi * 3) }
            plan.append((n, rng.randint(lo, hi)))
        }
        return plan
    }

    static func runCost(_ kind: String, _ spec: ModelSpec, _ durations: [(String, Int)]) -> Double {
        let hours = Double(durations.reduce(0) { $0 + $1.1 }) / 3600.0
        let cost: Double
        switch kind {
        case "training":
            let trainH = Double(durations.filter { $0.0 == "train" }.reduce(0) { $0 + $1.1 }) / 3600.0
            let rate = spec.gpu > 0 ? spec.gpu : cpuRate(spec)
            cost = trainH * rate + (hours - trainH) * 0.9
        case "evaluation": cost = hours * (spec.gpu > 0 ? spec.gpu * 0.25 : 0.6)
        case "deployment": cost = hours * 0.35
        default: cost = hours * 0.8
        }
        return max(0.01, PythonFormat.round(cost, 2))
    }

    func pickFailure(_ pipe: SamplePipeline, _ kind: String, _ model: SampleModel, _ when: Micros, _ rng: inout PythonRandom,
                     version: String?, rollback: Bool) -> (String, String) {
        var options = SampleErrors.pipelineFailures[pipe.name] ?? SampleErrors.failures[kind]!
        if pipe.name == "retail-sales-data-validation" && Self.blackFriday <= dateOf(when) && dateOf(when) <= D("2025-12-31") {
            options = [FailureOption("check_expectations", 1, { rng, c in
                SampleErrors.expectationsValues(&rng, c, feature: "units_sold")
                    .replacingOccurrences(of: "rows null", with: "rows null after holiday backfill")
            })]
        }
        if rollback {
            let kept = options.filter { ["deploy_canary", "smoke_test", "promote"].contains($0.step) }
            options = kept.isEmpty ? [FailureOption("deploy_canary", 1, SampleErrors.kubectl)] : kept
        }
        let option = rng.choices(options, weights: options.map(\.weight))
        let context = ErrorContext(model: model, pipeline: pipe.name, when: when, version: version)
        return (option.step, option.error(&rng, context))
    }

    @discardableResult
    func makeRun(_ pipe: SamplePipeline, _ model: SampleModel, _ kind: String, _ trigger: String, _ startedBy: String,
                 _ queuedAt: Micros, _ status: String, _ rng: inout PythonRandom, start: Micros? = nil, name: String? = nil,
                 modelVersion: String? = nil, rollback: Bool = false, commit: String? = nil, failure: (String, String)? = nil,
                 currentStep: Int = 0, tag: String? = nil) -> Run {
        let spec = model.spec
        var start = start
        if start == nil && status != "queued" { start = queuedAt + Micros(rng.randint(2, 45)) * second }
        var plan = Self.stepPlan(kind, spec, &rng, rollback: rollback)
        let run = Run(pipeline: pipe.name, model: model.name, name: name, kind: kind, status: status, trigger: trigger,
                      startedBy: startedBy, modelVersion: modelVersion, rollback: rollback, queuedAt: queuedAt,
                      startedAt: status != "queued" ? start : nil, commit: commit, tag: tag)
        if status == "queued" {
            run.steps = plan.map { Step($0.0, "queued") }
            runs.append(run)
            return run
        }
        let start0 = start!
        if status == "running" {
            let elapsed = totalSeconds(Self.anchor - Micros(rng.randint(30, 240)) * second - start0)
            let before = plan.prefix(currentStep).reduce(0) { $0 + $1.1 }
            let scale = before != 0 ? min(1.0, 0.8 * elapsed / Double(before)) : 1.0
            var t = start0
            for (i, (n, d)) in plan.enumerated() {
                if i < currentStep {
                    let d2 = max(5, Int(Double(d) * scale))
                    run.steps.append(Step(n, "succeeded", t, t + Micros(d2) * second))
                    t += Micros(d2) * second
                } else if i == currentStep {
                    run.steps.append(Step(n, "running", t))
                } else {
                    run.steps.append(Step(n, "queued"))
                }
            }
            precondition(t < Self.anchor)
            runs.append(run)
            return run
        }
        var stopAt = plan.count
        var err: String?
        var cancelUnfinished = false
        if status == "failed" {
            let (failedStep, message) = failure ?? pickFailure(pipe, kind, model, start0, &rng, version: modelVersion, rollback: rollback)
            err = message
            stopAt = plan.firstIndex { $0.0 == failedStep }!
            let d = plan[stopAt].1
            if failedStep == "deploy_canary" && message.contains("progress deadline") {
                plan[stopAt].1 = 600 + rng.randint(5, 40)
            } else {
                plan[stopAt].1 = max(5, Int(Double(d) * rng.uniform(0.1, 0.95)))
            }
        } else if status == "cancelled" {
            cancelUnfinished = rng.random() < 0.12
            stopAt = rng.randrange(plan.count)
            plan[stopAt].1 = max(5, Int(Double(plan[stopAt].1) * rng.uniform(0.05, 0.9)))
        }
        var t = start0
        var used: [(String, Int)] = []
        for (i, (n, d)) in plan.enumerated() {
            if i < stopAt {
                run.steps.append(Step(n, "succeeded", t, t + Micros(d) * second))
                t += Micros(d) * second
                used.append((n, d))
            } else if i == stopAt {
                if status == "failed" {
                    run.steps.append(Step(n, "failed", t, t + Micros(d) * second, err))
                } else if cancelUnfinished {
                    run.steps.append(Step(n, "cancelled", t))
                } else {
                    run.steps.append(Step(n, "cancelled", t, t + Micros(d) * second))
                }
                t += Micros(d) * second
                used.append((n, d))
            } else {
                run.steps.append(Step(n, "skipped"))
            }
        }
        if !(status == "cancelled" && cancelUnfinished) {
            run.finishedAt = t
            run.computeCost = Self.runCost(kind, spec, used)
        }
        run.error = err
        runs.append(run)
        return run
    }

    static func decideStatus(_ rng: inout PythonRandom, _ failRate: Double, _ cancelRate: Double = 0.03) -> String {
        let x = rng.random()
        if x < failRate { return "failed" }
        if x < failRate + cancelRate { return "cancelled" }
        return "succeeded"
    }

    func person(_ team: String, _ rng: inout PythonRandom, excludeLead: Bool = false) -> String {
        var members = teamByName[team]!.members
        if excludeLead { members.removeFirst() }
        return rng.choice(members)
    }

    func failRate(_ pipe: SamplePipeline, _ model: SampleModel, _ when: Micros) -> Double {
        switch pipe.kind {
        case "training":
            if pipe.name == "visual-defect-detector-train" { return 0.24 }
            if model.stage == "development" { return 0.13 }
            return model.spec.gpu > 0 ? 0.10 : 0.07
        case "evaluation": return 0.08
        default:
            if pipe.name == "retail-sales-data-validation" {
                return Self.blackFriday <= dateOf(when) && dateOf(when) <= D("2025-12-31") ? 0.35 : 0.05
            }
            return ["clinical-data-validation": 0.15, "mes-sensor-data-validation": 0.10,
                    "fraud-transactions-data-validation": 0.05, "feature-store-validation": 0.04][pipe.name]!
        }
    }

    func activeRange(_ model: SampleModel) -> (Micros, Micros) {
        let lo = max(at(Self.firstDay), model.createdAt + 2 * hour)
        var hi = Self.seedCutoff
        if let archived = model.spec.archivedOn { hi = min(hi, at(D(archived)) - 12 * hour) }
        return (lo, hi)
    }

    static func scheduledSeeds(_ cadence: Cadence, _ lo: Micros, _ hi: Micros) -> [Micros] {
        var out: [Micros] = []
        for date in allDays {
            let t: Micros
            switch cadence {
            case let .daily(h, m): t = at(date, h, m)
            case let .weekdays(h, m):
                if weekday(date) >= 5 { continue }
                t = at(date, h, m)
            case let .weekly(dow, h, m):
                if weekday(date) != dow { continue }
                t = at(date, h, m)
            default: fatalError("not scheduled")
            }
            if lo <= t && t <= hi { out.append(t) }
        }
        return out
    }

    static func adhocSeeds(_ rate: Double, _ lo: Micros, _ hi: Micros, _ rng: inout PythonRandom) -> [Micros] {
        var out: [Micros] = []
        for date in allDays {
            let p = weekday(date) < 5 ? rate / 5.0 : rate / 30.0
            if rng.random() < p {
                let t = bizTime(date, &rng)
                if lo <= t && t <= hi { out.append(t) }
            }
        }
        return out
    }

    /// Training, evaluation and data-validation runs (deployments come later).
    func genScheduledRuns(_ alertList: [Alert]) {
        for pipe in pipelines where pipe.kind != "deployment" {
            let cadence = pipe.cadence!
            let kind = pipe.kind
            if kind == "data_validation" {
                let rotation = pipe.models
                let seeds = Self.scheduledSeeds(cadence, at(Self.firstDay), Self.seedCutoff)
                for (i, t) in seeds.enumerated() {
                    var modelName = rotation[i % rotation.count]
                    if pipe.name == "retail-sales-data-validation" && Self.blackFriday <= dateOf(t) && dateOf(t) <= D("2025-12-31")
                        && runsRNG.random() < 0.5 {
                        modelName = "retail-demand-forecast"
                    }
                    let model = modelByName[modelName]!
                    let trigger = pipe.trigger!
                    let by = trigger == "api" ? "api:airflow" : "scheduler"
                    let queued = t + Micros(trigger == "schedule" ? runsRNG.randint(0, 20) : runsRNG.randint(60, 1500)) * second
                    let status = Self.decideStatus(&runsRNG, failRate(pipe, model, queued))
                    let run = makeRun(pipe, model, kind, trigger, by, queued, status, &runsRNG)
                    maybeRerun(pipe, model, run)
                }
                continue
            }
            let model = modelByName[pipe.models[0]]!
            let (lo, hi) = activeRange(model)
            switch cadence {
            case .daily, .weekly, .weekdays:
                let isDaily: Bool
                if case .daily = cadence { isDaily = true } else { isDaily = false }
                var label = kind == "training" ? (isDaily ? "nightly-retrain" : "weekly-retrain")
                    : (isDaily ? "nightly-champion-challenger" : "weekly-eval")
                if pipe.name == "retail-demand-forecast-backtest" { label = "weekly-backtest" }
                for t in Self.scheduledSeeds(cadence, lo, hi) {
                    let queued = t + Micros(runsRNG.randint(0, 15)) * second
                    var start = queued + Micros(runsRNG.randint(5, 60)) * second
                    if model.spec.gpu > 0 && kind == "training" { start += Micros(runsRNG.randint(60, 1500)) * second }
                    var status = Self.decideStatus(&runsRNG, failRate(pipe, model, queued))
                    var failure: (String, String)?
                    if pipe.name == "credit-limit-optimizer-eval" && dateOf(t) == D("2025-11-12") {
                        status = "failed"
                        failure = ("compare_champion", "AUC 0.781 below promotion gate 0.800 (champion 0.812)")
                    }
                    let run = makeRun(pipe, model, kind, "schedule", "scheduler", queued, status, &runsRNG, start: start, name: label,
                                      failure: failure)
                    maybeRerun(pipe, model, run)
                }
            case let .commit(rate), let .manual(rate):
                let isCommit: Bool
                if case .commit = cadence { isCommit = true } else { isCommit = false }
                for t in Self.adhocSeeds(rate * 0.6, lo, hi, &runsRNG) {
                    let trigger: String, by: String, commit: String?, label: String?
                    if isCommit && runsRNG.random() < 0.75 {
                        (trigger, by, commit, label) = ("commit", "ci-bot", runsRNG.sha(), nil)
                    } else {
                        trigger = "manual"
                        by = person(model.team, &runsRNG, excludeLead: true)
                        commit = nil
                        label = runsRNG.choice(["experiment", "hparam-sweep", nil, nil] as [String?])
                    }
                    let status = Self.decideStatus(&runsRNG, failRate(pipe, model, t))
                    makeRun(pipe, model, kind, trigger, by, t, status, &runsRNG, name: label, commit: commit)
                }
            }
        }
        // Drift-triggered retraining runs, started by the drift monitor shortly after an alert opened.
        var trainPipe: [String: SamplePipeline] = [:]
        for p in pipelines where p.kind == "training" { trainPipe[p.models[0]] = p }
        for a in alertList {
            let model = modelByName[a.model]!
            if a.story != nil || model.stage != "production" || trainPipe[a.model] == nil { continue }
            if runsRNG.random() < 0.45 {
                let t = a.openedAt + Micros(runsRNG.randint(300, 7200)) * second
                if t > Self.seedCutoff { continue }
                let pipe = trainPipe[a.model]!
                let status = Self.decideStatus(&runsRNG, failRate(pipe, model, t))
                makeRun(pipe, model, "training", "drift", "drift-monitor", t, status, &runsRNG, name: "drift-retrain")
            }
        }
    }

    func maybeRerun(_ pipe: SamplePipeline, _ model: SampleModel, _ run: Run) {
        if run.status != "failed" || runsRNG.random() > 0.35 { return }
        let t = run.finishedAt! + Micros(runsRNG.randint(1800, 5 * 3600)) * second
        if t > Self.seedCutoff { return }
        let status = runsRNG.choices(["succeeded", "failed", "cancelled"], weights: [0.85, 0.10, 0.05])
        let by = person(pipe.team, &runsRNG, excludeLead: true)
        makeRun(pipe, model, pipe.kind, "manual", by, t, status, &runsRNG, name: "rerun")
    }

    /// Retail story: the drift retrain on 2025-12-03 fails, the one on 2025-12-06 succeeds (2.4.0).
    func storyRuns() {
        let pipe = pipelines.first { $0.name == "retail-demand-forecast-train" }!
        let model = modelByName["retail-demand-forecast"]!
        makeRun(pipe, model, "training", "drift", "drift-monitor", T("2025-12-03T07:12:40Z"), "failed", &runsRNG,
                name: "drift-retrain", failure: ("build_features", "ValueError: Input X contains NaN."), tag: "retail-drift-failed")
        makeRun(pipe, model, "training", "drift", "drift-monitor", T("2025-12-06T10:03:05Z"), "succeeded", &runsRNG,
                name: "drift-retrain", modelVersion: "2.4.0", tag: "retail-drift-succeeded")
    }

    /// In-window versions take the finish time of the training run that registered them.
    func linkVersions() {
        for m in modelList {
            let team = teamByName[m.team]!
            let pending = m.versions.filter(\.inWindow)
            if pending.isEmpty { continue }
            let trained = runs.enumerated().filter { $0.element.model == m.name && $0.element.kind == "training" && $0.element.status == "succeeded" }
                .sorted { ($0.element.finishedAt!, $0.offset) < ($1.element.finishedAt!, $1.offset) }.map(\.element)
            let lo = max(at(Self.firstDay) + 5 * day, m.createdAt + 2 * day)
            let hi = Self.anchor - 3 * day
            let free = pending.filter { v in
                SampleCatalog.inWindowTargets["\(m.name) \(v.version)"] == nil && !trained.contains { $0.modelVersion == v.version }
            }
            var targets: [String: Micros] = [:]
            for v in pending {
                if let target = SampleCatalog.inWindowTargets["\(m.name) \(v.version)"] { targets[v.version] = at(D(target), 12) }
            }
            for (i, v) in free.enumerated() {
                let position = pending.firstIndex { $0 === v }!
                let previous = pending[..<position].compactMap { targets[$0.version] }
                let start = ([lo] + previous.map { $0 + 4 * day }).max()!
                let frac = (Double(i) + 0.3 + 0.4 * models.random()) / Double(free.count)
                targets[v.version] = start + PyDuration.scaled(hi - start, by: frac)
            }
            var last: Micros?
            for v in pending {
                let run: Run
                if let preset = trained.first(where: { $0.modelVersion == v.version }) {
                    run = preset
                } else {
                    let target = targets[v.version]!
                    let candidates = trained.filter {
                        $0.modelVersion == nil && $0.tag == nil && $0.finishedAt! <= Self.anchor - 20 * hour
                            && (last == nil || $0.finishedAt! > last! + day)
                    }
                    precondition(!candidates.isEmpty, "\(m.name) \(v.version)")
                    var best = candidates[0]
                    var bestDistance = abs(totalSeconds(best.finishedAt! - target))
                    for c in candidates.dropFirst() {
                        let d = abs(totalSeconds(c.finishedAt! - target))
                        if d < bestDistance { best = c; bestDistance = d }
                    }
                    run = best
                    run.modelVersion = v.version
                }
                v.createdAt = run.finishedAt!
                last = run.finishedAt
                setApproval(m.spec, team, v, &models, latest: Self.anchor - 3 * hour)
            }
            let times = m.versions.map(\.createdAt)
            precondition(times == times.sorted(), m.name)
        }
    }
}
