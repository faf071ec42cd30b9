import Foundation
import GRDB
import Portfolio

/// What to generate: how many of each record, from which seed, ending at which moment.
public struct GenerationPlan: Sendable, Equatable {
    public var models: Int
    public var runs: Int
    public var alerts: Int
    public var metricPoints: Int
    public var seed: UInt64
    /// The newest event lies just before this time; every time is derived from it.
    public var asOf: Date

    public init(models: Int, runs: Int, alerts: Int, metricPoints: Int, seed: UInt64 = 42, asOf: Date) {
        self.models = models
        self.runs = runs
        self.alerts = alerts
        self.metricPoints = metricPoints
        self.seed = seed
        // The store keeps whole seconds; so does the plan, so the same --as-of gives the same bytes.
        self.asOf = Date(storeSeconds: asOf.storeSeconds)
    }

    /// Why the plan cannot be generated, or nil.
    public var problem: String? {
        if models < 1 { return "--models must be at least 1 (runs, alerts and metrics belong to models)" }
        if runs < 0 { return "--runs must not be negative" }
        if alerts < 0 { return "--alerts must not be negative" }
        if metricPoints < 0 { return "--metric-points must not be negative" }
        if models > 10_000_000 || runs > 100_000_000 || alerts > 100_000_000 || metricPoints > 1_000_000_000 {
            return "sizes above 10M models, 100M runs, 100M alerts or 1G metric points are not supported"
        }
        return nil
    }

    /// The records the progress bar counts: the requested ones plus teams' assessments.
    var units: Int { models + runs + alerts + metricPoints }
}

/// Why generation refused to start.
public enum GenerationError: Error, CustomStringConvertible, Equatable {
    case invalidPlan(String)
    case storeNotEmpty(path: String, rows: Int)

    public var description: String {
        switch self {
        case let .invalidPlan(problem): problem
        case let .storeNotEmpty(path, rows):
            "the store \(path) already holds data (\(rows) rows); generate writes only into a new or empty store — choose another --store path"
        }
    }
}

/// Rows written, per table.
public struct GenerationSummary: Sendable, Equatable {
    public var rows: [String: Int] = [:]
    public var total: Int { rows.values.reduce(0, +) }
}

/// Writes a synthetic portfolio of any size into an empty store, with the realism rules of the
/// bundled sample: teams with product lines of pipelines, models through their stages with
/// versions, approvals and risk tiers, runs of every kind that fail for recognisable reasons,
/// rollbacks, costs, drift alerts whose timelines follow `AlertLifecycle`, daily metrics, and
/// quarterly maturity assessments. The same plan always gives the same bytes.
///
/// It writes with prepared statements and explicit ids in one write transaction: nothing is looked
/// up while writing, and a failure leaves the store as empty as it was.
public struct PortfolioGenerator {
    let store: PortfolioStore
    let plan: GenerationPlan

    public init(store: PortfolioStore, plan: GenerationPlan) {
        self.store = store
        self.plan = plan
    }

    /// How far back history goes.
    static let historySeconds: Int64 = 180 * 86_400

    /// Generates; `progress(done, total)` is called now and then with generated records.
    public func generate(progress: @escaping (Int, Int) -> Void = { _, _ in }) throws -> GenerationSummary {
        if let problem = plan.problem { throw GenerationError.invalidPlan(problem) }
        return try BulkLoad.into(store) { db in
            var run = GenerationRun(db: db, plan: plan, progress: progress)
            try run.all()
            return run.summary
        }
    }
}

/// One generation in progress: the random stream, what was generated so far that later records
/// refer to (models, their versions, pipelines), and the prepared statements.
private struct GenerationRun {
    struct ModelFacts {
        let team: Int
        let line: Int
        let stage: Stage
        let useCase: Int
        let versions: [String]
        /// A model whose pipelines have been failing lately: a failure pattern to find.
        let troubled: Bool
    }

    let db: Database
    let plan: GenerationPlan
    let progress: (Int, Int) -> Void
    let now: Int64
    var random: SeededRandom
    var summary = GenerationSummary()
    var done = 0
    var teamCount = 0
    var teamFailureRate: [Double] = []
    var linesPerTeam: [Int] = []
    var pipelineBase: [Int] = []
    var models: [ModelFacts] = []
    /// Models that run and drift most: production and staging ones (all models when there are none).
    var activeModels: [Int] = []

    init(db: Database, plan: GenerationPlan, progress: @escaping (Int, Int) -> Void) {
        self.db = db
        self.plan = plan
        self.progress = progress
        self.now = plan.asOf.storeSeconds
        self.random = SeededRandom(seed: plan.seed)
    }

    mutating func all() throws {
        try teamsAndPipelines()
        try generateModels()
        try generateRuns()
        try generateMetrics()
        try generateAlerts()
        try generateMaturity()
        progress(plan.units, plan.units)
    }

    mutating func count(_ table: String, _ rows: Int = 1) { summary.rows[table, default: 0] += rows }

    mutating func tick() {
        done += 1
        if done & 0x3FFF == 0 { progress(done, plan.units) }
    }

    static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }

    // MARK: - Teams, product lines, pipelines

    mutating func teamsAndPipelines() throws {
        // About forty models per team, as in a real enterprise; at least three teams.
        teamCount = max(3, min(2_000, (plan.models + 39) / 40))
        let team = try db.makeStatement(sql: "INSERT INTO teams (id, name, industry, lead, description) VALUES (?, ?, ?, ?, ?)")
        let pipeline = try db.makeStatement(sql: "INSERT INTO pipelines (id, name, team_id, schedule, description) VALUES (?, ?, ?, ?, ?)")
        var nextPipeline = 1
        // In the order `pipelineID(model:kind:)` counts them.
        let kinds: [(String, String, String)] = [
            ("train", "0 2 * * *", "Nightly retraining"), ("evaluate", "0 5 * * *", "Holdout evaluation against the baseline"),
            ("deploy", "on approval", "Canary rollout and promotion"), ("validate-data", "0 * * * *", "Hourly data checks"),
        ]
        for t in 0..<teamCount {
            let domain = GenerationCatalog.teams[t % GenerationCatalog.teams.count]
            let round = t / GenerationCatalog.teams.count
            let name = round == 0 ? domain.name : "\(domain.name) \(round + 1)"
            try team.insert([t + 1, name, domain.industry, domain.lead, "The \(domain.industry) models of \(name)."])
            count("teams")
            // Some teams run flakier infrastructure than others.
            teamFailureRate.append(random.double(in: 0.03...0.15))
            // A product line (about five models) shares its train/evaluate/deploy/validate pipelines.
            let teamModels = plan.models / teamCount + (t < plan.models % teamCount ? 1 : 0)
            let lines = max(1, (teamModels + 4) / 5)
            linesPerTeam.append(lines)
            pipelineBase.append(nextPipeline)
            let slug = round == 0 ? domain.slug : "\(domain.slug)\(round + 1)"
            for line in 0..<lines {
                let lineName = "\(slug)-line\(Self.padded(line + 1, 2))"
                for (suffix, schedule, text) in kinds {
                    try pipeline.insert([nextPipeline, "\(lineName)-\(suffix)", t + 1, schedule, "\(text) for \(lineName)."])
                    nextPipeline += 1
                    count("pipelines")
                }
            }
        }
    }

    func pipelineID(model: ModelFacts, kind: RunKind) -> Int {
        let offset = switch kind {
        case .training: 0
        case .evaluation: 1
        case .deployment: 2
        case .dataValidation: 3
        }
        return pipelineBase[model.team] + model.line * 4 + offset
    }

    // MARK: - Models, versions, tags

    mutating func generateModels() throws {
        let model = try db.makeStatement(sql: """
            INSERT INTO models (id, name, team_id, owner, use_case, stage, version, risk_tier, business_value,
                serving_cost_per_month, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let tag = try db.makeStatement(sql: "INSERT INTO model_tags (model_id, key, value) VALUES (?, ?, ?)")
        let version = try db.makeStatement(sql: """
            INSERT INTO model_versions (model_id, position, version, created_at, stage, approval_status, approved_by, approved_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        models.reserveCapacity(plan.models)
        for m in 0..<plan.models {
            let team = m % teamCount
            let line = (m / teamCount) % linesPerTeam[team]
            // Mostly what the team's domain builds; now and then something else.
            let builds = GenerationCatalog.teams[team % GenerationCatalog.teams.count].builds
            let useCaseIndex = random.chance(0.85) ? random.pick(builds) : random.int(in: 0...(GenerationCatalog.useCases.count - 1))
            let useCase = GenerationCatalog.useCases[useCaseIndex]
            let roll = random.double(in: 0...1)
            let stage: Stage = roll < 0.38 ? .production : roll < 0.55 ? .staging : roll < 0.85 ? .development : .archived
            let created = now - Int64(random.int(in: 200...1_100)) * 86_400 - Int64(random.int(in: 0...86_399))
            // Versions: a semantic version line from 1.0.0, spread over the model's life, each
            // reviewed before it went further; the current one is the newest that was not rejected.
            let versionCount = random.int(in: 1...6)
            var names: [String] = []
            var major = 1, minor = 0
            var current: String?
            var versionRows: [StatementArguments] = []
            let life = now - created
            for position in 0..<versionCount {
                let name = "\(major).\(minor).0"
                names.append(name)
                let isLast = position == versionCount - 1
                let at = created + life * Int64(position + 1) / Int64(versionCount + 1) + Int64(random.int(in: 0...3_600))
                let reached: Stage
                let approval: ApprovalStatus
                if isLast {
                    reached = stage
                    approval = stage == .development ? .pending : stage == .staging && random.chance(0.5) ? .pending : .approved
                } else if random.chance(0.12) {
                    (reached, approval) = (.staging, .rejected)
                } else {
                    (reached, approval) = (.production, .approved)
                }
                let approvedAt: Int64? = approval == .pending ? nil : min(now - 60, at + Int64(random.int(in: 3_600...10 * 86_400)))
                let approver: String? = approval == .pending ? nil
                    : useCase.risk == .high ? "Model Risk Committee" : GenerationCatalog.teams[team % GenerationCatalog.teams.count].lead
                versionRows.append([m + 1, position, name, at, reached.rawValue, approval.rawValue, approver, approvedAt])
                if approval != .rejected { current = name }
                if random.chance(0.25) { major += 1; minor = 0 } else { minor += 1 }
            }
            let owner = random.pick(GenerationCatalog.people)
            let value = stage == .archived ? 0 : (useCase.value.lowerBound + random.double(in: 0...1) * (useCase.value.upperBound - useCase.value.lowerBound)).rounded()
            let serving = stage == .production ? (random.double(in: 300...25_000)).rounded() : stage == .staging ? random.double(in: 50...2_000).rounded() : 0
            try model.insert([m + 1, "\(useCase.noun)-\(Self.padded(m + 1, 5))", team + 1, owner, useCase.text, stage.rawValue,
                               current ?? names.last, useCase.risk.rawValue, value, serving, created])
            count("models")
            for row in versionRows {
                try version.insert(row)
                count("model_versions")
            }
            let tags = [("data_domain", random.pick(GenerationCatalog.dataDomains)), ("framework", useCase.framework),
                        ("regulated", useCase.risk == .high ? "yes" : "no"), ("serving", random.pick(GenerationCatalog.servingModes))]
            for (key, value) in tags {
                try tag.insert([m + 1, key, value])
                count("model_tags")
            }
            models.append(ModelFacts(team: team, line: line, stage: stage, useCase: useCaseIndex, versions: names,
                                     troubled: stage != .archived && random.chance(0.05)))
            if stage == .production || stage == .staging { activeModels.append(m) }
            tick()
        }
        if activeModels.isEmpty { activeModels = Array(0..<plan.models) }
    }

    // MARK: - Runs and their steps

    mutating func pickKind() -> RunKind {
        let roll = random.double(in: 0...1)
        return roll < 0.30 ? .training : roll < 0.55 ? .evaluation : roll < 0.70 ? .deployment : .dataValidation
    }

    mutating func trigger(_ kind: RunKind) -> (RunTrigger, String) {
        let roll = random.double(in: 0...1)
        switch kind {
        case .training:
            if roll < 0.55 { return (.schedule, "scheduler") }
            if roll < 0.75 { return (.commit, "ci-bot") }
            if roll < 0.90 { return (.drift, "drift-monitor") }
            return (.manual, random.pick(GenerationCatalog.people))
        case .evaluation:
            return roll < 0.6 ? (.schedule, "scheduler") : roll < 0.9 ? (.commit, "ci-bot") : (.api, "api:airflow")
        case .deployment:
            return roll < 0.5 ? (.commit, "ci-bot") : roll < 0.8 ? (.manual, random.pick(GenerationCatalog.people)) : (.api, "api:argo")
        case .dataValidation:
            return roll < 0.7 ? (.schedule, "scheduler") : (.api, "api:airflow")
        }
    }

    /// Typical duration and compute cost per hour of each kind.
    static func shape(_ kind: RunKind) -> (minutes: ClosedRange<Int>, costPerHour: ClosedRange<Double>) {
        switch kind {
        case .training: (20...240, 4...32)
        case .evaluation: (5...45, 0.5...3)
        case .deployment: (4...30, 0.1...0.6)
        case .dataValidation: (3...25, 0.2...0.8)
        }
    }

    mutating func generateRuns() throws {
        guard plan.runs > 0 else { return }
        let run = try db.makeStatement(sql: """
            INSERT INTO pipeline_runs (id, external_id, pipeline_id, model_id, name, kind, status, trigger, started_by,
                model_version, is_rollback, queued_at, started_at, finished_at, commit_sha, compute_cost, error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let step = try db.makeStatement(sql: """
            INSERT INTO run_steps (run_id, position, name, status, started_at, finished_at, error) VALUES (?, ?, ?, ?, ?, ?, ?)
            """)
        let start = now - PortfolioGenerator.historySeconds
        let slot = Double(PortfolioGenerator.historySeconds) / Double(plan.runs)
        let width = max(6, String(plan.runs).count)
        // Counted here, not per row in `summary`: a dictionary update per row costs more than the row.
        var steps = 0
        defer {
            count("pipeline_runs", plan.runs)
            count("run_steps", steps)
        }
        for r in 0..<plan.runs {
            // Runs are spread evenly over the history (ids grow with time), each at a random point of its slot.
            let queued = start + Int64((Double(r) + random.double(in: 0...0.999)) * slot)
            let m = random.chance(0.8) ? activeModels[random.int(in: 0...(activeModels.count - 1))] : random.int(in: 0...(plan.models - 1))
            let model = models[m]
            let kind = pickKind()
            let (trigger, startedBy) = trigger(kind)
            let shape = Self.shape(kind)
            let started = queued + Int64(random.int(in: 5...600))
            let duration = Int64(random.int(in: shape.minutes)) * 60 + Int64(random.int(in: 0...59))
            var finished: Int64? = started + duration
            var status = RunStatus.succeeded
            var error: String?
            var failedStep = -1
            let age = now - queued
            let recentTrouble = model.troubled && age < 3 * 86_400
            if started >= now {
                status = .queued
            } else if finished! >= now {
                status = .running
            } else if random.chance(recentTrouble ? 0.6 : teamFailureRate[model.team]) {
                status = .failed
                let failure = random.pick(GenerationCatalog.failures(kind))
                error = failure.error
                failedStep = failure.step
            } else if random.chance(0.015) {
                status = .cancelled
                failedStep = random.int(in: 0...(GenerationCatalog.steps(kind).count - 1))
            }
            if status == .queued || status == .running { finished = nil }
            var version: String? = nil
            var rollback = false
            if kind == .deployment || kind == .training {
                let versions = model.versions
                var index = versions.count - 1
                // Now and then a deployment goes back to an earlier version.
                if kind == .deployment, versions.count > 1, random.chance(0.04) {
                    rollback = true
                    index = random.int(in: 0...(versions.count - 2))
                }
                version = versions[index]
            }
            let stepNames = GenerationCatalog.steps(kind)
            // A failed run's steps end at the failing one; a running one stops at the current one.
            let runningStep = status == .running
                ? min(stepNames.count - 1, Int(Double(stepNames.count) * Double(now - started) / Double(duration))) : -1
            let runStarted: Int64? = status == .queued ? nil : started
            let end = finished ?? now
            let cost: Double? = status == .queued ? nil
                : (Double(end - started) / 3_600 * random.double(in: shape.costPerHour) * 100).rounded() / 100
            let commit: String? = trigger == .commit || kind == .deployment ? String(random.next() & 0xFFF_FFFF, radix: 16) : nil
            try run.insert([r + 1, "run-\(Self.padded(r + 1, width))", pipelineID(model: model, kind: kind), m + 1,
                             rollback ? "rollback-\(version ?? "")" : kind == .deployment ? "release-\(version ?? "")" : kind.rawValue,
                             kind.rawValue, status.rawValue, trigger.rawValue, startedBy, version, rollback, queued,
                             runStarted, finished, commit, cost, error])
            // Steps share the run's time in order.
            let lastIndex = stepNames.count - 1
            let share = (end - started) / Int64(stepNames.count)
            for (position, name) in stepNames.enumerated() {
                let stepStart = started + share * Int64(position)
                let stepEnd = position == lastIndex ? end : stepStart + share
                let stepStatus: StepStatus
                var times: (Int64?, Int64?) = (stepStart, stepEnd)
                var stepError: String?
                switch status {
                case .queued:
                    stepStatus = .queued
                    times = (nil, nil)
                case .running:
                    stepStatus = position < runningStep ? .succeeded : position == runningStep ? .running : .queued
                    if position == runningStep { times = (stepStart, nil) } else if position > runningStep { times = (nil, nil) }
                case .failed, .cancelled:
                    let at = min(failedStep, lastIndex)
                    stepStatus = position < at ? .succeeded : position == at ? (status == .failed ? .failed : .cancelled) : .skipped
                    if position == at { times = (stepStart, end); stepError = error } else if position > at { times = (nil, nil) }
                case .succeeded:
                    stepStatus = .succeeded
                }
                try step.insertRow(.int(Int64(r + 1)), .int(Int64(position)), .text(name), .text(stepStatus.rawValue),
                              .optional(times.0), .optional(times.1), .optional(stepError))
                steps += 1
            }
            tick()
        }
    }

    // MARK: - Metrics

    mutating func generateMetrics() throws {
        guard plan.metricPoints > 0 else { return }
        let point = try db.makeStatement(sql: "INSERT INTO metric_points (model_id, name, at, value) VALUES (?, ?, ?, ?)")
        let day: Int64 = 86_400
        // Daily points at 06:00 UTC, the newest on the last such morning before now.
        defer { count("metric_points", plan.metricPoints) }
        var lastMorning = (now / day) * day + 6 * 3_600
        if lastMorning > now { lastMorning -= day }
        for m in 0..<plan.models {
            let share = plan.metricPoints / plan.models + (m < plan.metricPoints % plan.models ? 1 : 0)
            guard share > 0 else { continue }
            let useCase = GenerationCatalog.useCases[models[m].useCase]
            // Each model tracks its quality metric, its latency and a drift score on its first feature.
            let series = [useCase.metric, "latency_p95_ms", "drift.psi.\(useCase.features[0])"]
            for (index, name) in series.enumerated() {
                let points = share / series.count + (index < share % series.count ? 1 : 0)
                var value = switch index {
                case 0: random.double(in: useCase.metricRange)
                case 1: random.double(in: 20...400)
                default: random.double(in: 0.01...0.08)
                }
                for k in 0..<points {
                    let at = lastMorning - Int64(points - 1 - k) * day
                    value = max(0, value * (1 + random.double(in: -0.015...0.015)))
                    try point.insertRow(.int(Int64(m + 1)), .text(name), .int(at), .double((value * 10_000).rounded() / 10_000))
                    tick()
                }
            }
        }
    }

    // MARK: - Alerts and their timelines

    mutating func generateAlerts() throws {
        guard plan.alerts > 0 else { return }
        let alert = try db.makeStatement(sql: """
            INSERT INTO drift_alerts (id, external_id, model_id, feature, method, score, threshold, severity, status,
                assignee, opened_at, snoozed_until, resolved_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let event = try db.makeStatement(sql: "INSERT INTO alert_events (alert_id, seq, kind, at, actor, note) VALUES (?, ?, ?, ?, ?, ?)")
        let start = now - PortfolioGenerator.historySeconds
        let slot = Double(PortfolioGenerator.historySeconds - 600) / Double(plan.alerts)
        let width = max(5, String(plan.alerts).count)
        for a in 0..<plan.alerts {
            let opened = start + Int64((Double(a) + random.double(in: 0...0.999)) * slot)
            let m = random.chance(0.9) ? activeModels[random.int(in: 0...(activeModels.count - 1))] : random.int(in: 0...(plan.models - 1))
            let model = models[m]
            let useCase = GenerationCatalog.useCases[model.useCase]
            let feature = random.pick(useCase.features)
            let method = random.pick(DriftMethod.allCases)
            let (threshold, score, severity) = drift(method)
            let id = "alert-\(Self.padded(a + 1, width))"
            let owner = random.pick(GenerationCatalog.people)
            let lead = GenerationCatalog.teams[model.team % GenerationCatalog.teams.count].lead
            let comparison = method.isPValue ? "<" : ">="
            var state = DriftAlert(externalID: id, model: "", feature: feature, method: method, score: score, threshold: threshold,
                                   severity: severity, status: .open, openedAt: Date(storeSeconds: opened),
                                   events: [AlertEvent(kind: .opened, at: Date(storeSeconds: opened), actor: "drift-monitor",
                                                       note: "\(method.rawValue) \(Self.short(score)) \(comparison) \(Self.short(threshold))")])
            lifecycle(&state, owner: owner, lead: lead)
            try alert.insert([a + 1, id, m + 1, feature, method.rawValue, score, threshold, severity.rawValue, state.status.rawValue,
                               state.assignee, opened, state.snoozedUntil?.storeSeconds, state.resolvedAt?.storeSeconds])
            count("drift_alerts")
            for (seq, e) in state.events.enumerated() {
                try event.insert([a + 1, seq, e.kind.rawValue, e.at.storeSeconds, e.actor, e.note])
                count("alert_events")
            }
            tick()
        }
    }

    static func short(_ value: Double) -> String {
        String((value * 10_000).rounded() / 10_000)
    }

    /// A threshold, a drifted score in the method's direction, and a severity by how far past it is.
    mutating func drift(_ method: DriftMethod) -> (Double, Double, Severity) {
        let severity: Severity = random.chance(0.15) ? .critical : random.chance(0.5) ? .warning : .info
        let factor = switch severity {
        case .critical: random.double(in: 2.5...6)
        case .warning: random.double(in: 1.4...2.5)
        case .info: random.double(in: 1.02...1.4)
        }
        if method.isPValue {
            let threshold = random.chance(0.7) ? 0.05 : 0.01
            return (threshold, ((threshold / (factor * factor)) * 100_000).rounded() / 100_000, severity)
        }
        let threshold = method == .psi ? random.pick([0.1, 0.2, 0.25]) : method == .js ? 0.1 : 0.15
        return (threshold, ((threshold * factor) * 10_000).rounded() / 10_000, severity)
    }

    /// Walks an alert through its lifecycle with the real rules (`AlertLifecycle.apply`), stopping
    /// at `now`: old alerts are mostly resolved, recent ones still open, acknowledged or snoozed.
    mutating func lifecycle(_ alert: inout DriftAlert, owner: String, lead: String) {
        let now = self.now
        var t = alert.openedAt.storeSeconds
        let age = now - t
        // How busy this alert's on-call is: the typical gap between two steps.
        let pace = random.int(in: 600...(age > 14 * 86_400 ? 86_400 : 21_600))
        /// Applies `action` a little later than the last step; false once that would be after now.
        func step(_ action: AlertAction, by actor: String, _ random: inout SeededRandom) -> Bool {
            let next = t + Int64(random.int(in: 60...pace))
            guard next < now, let updated = try? AlertLifecycle.apply(action, to: alert, actor: actor, at: Date(storeSeconds: next))
            else { return false }
            t = next
            alert = updated
            return true
        }
        // Some alerts are never picked up (yet).
        if random.chance(age < 86_400 ? 0.5 : 0.06) { return }
        guard step(.acknowledge, by: owner, &random) else { return }
        if random.chance(0.7) { guard step(.assign(to: owner), by: lead, &random) else { return } }
        for _ in 0..<random.int(in: 0...2) {
            let note = random.pick(GenerationCatalog.noteTexts)
            guard step(.note(note), by: owner, &random) else { return }
        }
        if random.chance(0.12) {
            let until = t + Int64(random.int(in: 1...5)) * 86_400 + Int64(pace)
            guard step(.snooze(until: Date(storeSeconds: until)), by: owner, &random) else { return }
            if random.chance(0.5) { return }
        }
        // A fraction stays open for days on purpose: drift that nobody can fix quickly.
        if random.chance(0.1) { return }
        let resolution = random.pick(GenerationCatalog.resolutions)
        guard step(.resolve(note: resolution), by: owner, &random) else { return }
        if random.chance(0.05) {
            guard step(.reopen, by: "drift-monitor", &random), step(.acknowledge, by: owner, &random) else { return }
            let again = random.pick(GenerationCatalog.resolutions)
            _ = step(.resolve(note: again), by: owner, &random)
        }
    }

    // MARK: - Maturity

    mutating func generateMaturity() throws {
        let statement = try db.makeStatement(sql: """
            INSERT INTO maturity_assessments (team_id, component, assessed_at, level, assessor, evidence) VALUES (?, ?, ?, ?, ?, ?)
            """)
        let quarter: Int64 = 91 * 86_400
        // Eight quarterly assessments, the last one at most a quarter ago.
        let last = now - Int64(random.int(in: 1...80)) * 86_400
        for t in 0..<teamCount {
            var levels = MaturityComponent.allCases.map { _ in random.int(in: 0...2) }
            for q in 0..<8 {
                let at = last - Int64(7 - q) * quarter
                for (c, component) in MaturityComponent.allCases.enumerated() {
                    if q > 0 {
                        // Teams mostly improve, sometimes slip back.
                        if random.chance(0.3) { levels[c] = min(4, levels[c] + 1) } else if random.chance(0.05) { levels[c] = max(0, levels[c] - 1) }
                    }
                    try statement.insert([t + 1, component.rawValue, at, levels[c], "MLOps Guild review",
                                           GenerationCatalog.evidence(component, level: levels[c])])
                    count("maturity_assessments")
                }
            }
        }
    }
}
