import Foundation

// The sample profile's synthesis. It makes its random draws in the order the Python script it
// replaced made them (see `SampleProfile`), so the same stories and figures come out; changing the
// order of draws changes every figure after it, which the test against sample-data/ shows.

final class Version {
    let version: String, stage: String, approvalStatus: String
    let inWindow: Bool, current: Bool
    var createdAt: Micros = 0
    var approvedBy: String?
    var approvedAt: Micros?
    init(version: String, stage: String, approvalStatus: String, inWindow: Bool, current: Bool) {
        self.version = version; self.stage = stage; self.approvalStatus = approvalStatus
        self.inWindow = inWindow; self.current = current
    }
}

final class SampleModel {
    let spec: ModelSpec
    let createdAt: Micros
    let versions: [Version]
    let version: String
    var name: String { spec.name }
    var team: String { spec.team }
    var stage: String { spec.stage }
    init(spec: ModelSpec, createdAt: Micros, versions: [Version], version: String) {
        self.spec = spec; self.createdAt = createdAt; self.versions = versions; self.version = version
    }
}

enum Cadence {
    case daily(h: Int, m: Int), weekdays(h: Int, m: Int), weekly(dow: Int, h: Int, m: Int)
    case commit(rate: Double), manual(rate: Double)

    static func parse(_ text: String) -> (Cadence, String) {
        let parts = text.split(separator: " ").map(String.init)
        func hm(_ s: String) -> (Int, Int) { let p = s.split(separator: ":").map { Int($0)! }; return (p[0], p[1]) }
        switch parts[0] {
        case "daily": let (h, m) = hm(parts[1]); return (.daily(h: h, m: m), "\(m) \(h) * * *")
        case "weekdays": let (h, m) = hm(parts[1]); return (.weekdays(h: h, m: m), "\(m) \(h) * * 1-5")
        case "weekly":
            let d = Int(parts[1])!; let (h, m) = hm(parts[2])
            return (.weekly(dow: d, h: h, m: m), "\(m) \(h) * * \((d + 1) % 7)")
        case "commit": return (.commit(rate: Double(parts[1])!), "on commit")
        default: return (.manual(rate: Double(parts[1])!), "manual")
        }
    }
}

struct SamplePipeline {
    let name: String, team: String, kind: String, schedule: String
    let cadence: Cadence?
    let models: [String]
    var trigger: String? = nil
    let description: String
}

final class Step {
    let name: String, status: String
    let startedAt: Micros?, finishedAt: Micros?, error: String?
    init(_ name: String, _ status: String, _ startedAt: Micros? = nil, _ finishedAt: Micros? = nil, _ error: String? = nil) {
        self.name = name; self.status = status; self.startedAt = startedAt; self.finishedAt = finishedAt; self.error = error
    }
}

final class Run {
    var id = ""
    let pipeline: String, model: String, name: String?, kind: String, status: String
    let trigger: String, startedBy: String
    var modelVersion: String?
    let rollback: Bool
    let queuedAt: Micros
    let startedAt: Micros?
    var finishedAt: Micros?
    let commit: String?
    var computeCost: Double?
    var error: String?
    var steps: [Step] = []
    let tag: String?
    init(pipeline: String, model: String, name: String?, kind: String, status: String, trigger: String, startedBy: String,
         modelVersion: String?, rollback: Bool, queuedAt: Micros, startedAt: Micros?, commit: String?, tag: String?) {
        self.pipeline = pipeline; self.model = model; self.name = name; self.kind = kind; self.status = status
        self.trigger = trigger; self.startedBy = startedBy; self.modelVersion = modelVersion; self.rollback = rollback
        self.queuedAt = queuedAt; self.startedAt = startedAt; self.commit = commit; self.tag = tag
    }
}

struct Event {
    let kind: String, at: Micros, actor: String, note: String?
}

final class Alert {
    var id = ""
    var story: String?
    let model: String, feature: String, method: String
    var score: Double?
    var threshold: Double
    let severity: String, status: String
    var assignee: String?
    let openedAt: Micros
    var resolvedAt: Micros?
    var snoozeAt: Micros?
    var snoozedUntil: Micros?
    var events: [Event]? = nil
    init(model: String, feature: String, method: String, score: Double?, threshold: Double, severity: String, status: String,
         assignee: String?, openedAt: Micros) {
        self.model = model; self.feature = feature; self.method = method; self.score = score; self.threshold = threshold
        self.severity = severity; self.status = status; self.assignee = assignee; self.openedAt = openedAt
    }
}

struct Point { let model: String, name: String, at: Micros; let value: Number }

/// A value as the old writer saw it: a Python int or float.
enum Number { case int(Int), float(Double) }

struct MaturityRow { let team: String, component: String, level: Int, assessedAt: String, assessor: String, evidence: String }

/// One way a step fails: the step, its weight among the options, and the message (drawn from the
/// random stream of the run being made).
struct FailureOption: Sendable {
    let step: String
    let weight: Double
    let error: @Sendable (inout PythonRandom, ErrorContext) -> String
    init(_ step: String, _ weight: Double, _ error: @escaping @Sendable (inout PythonRandom, ErrorContext) -> String) {
        self.step = step; self.weight = weight; self.error = error
    }
}

struct ErrorContext {
    let model: SampleModel
    let pipeline: String
    /// The run's start (a deployment seed's time for forced failures).
    let when: Micros
    let version: String?
}

final class SampleGenerator {
    // Randomness: one master stream, split into one stream per section, in this order.
    var models = PythonRandom(seed: 0), alerts = PythonRandom(seed: 0), runsRNG = PythonRandom(seed: 0)
    var deploy = PythonRandom(seed: 0), metrics = PythonRandom(seed: 0), maturity = PythonRandom(seed: 0)
    var live = PythonRandom(seed: 0)

    static let seed: UInt64 = 20_260_112
    static let anchor = T("2026-01-12T09:00:00Z")
    static let windowStart = anchor - 90 * day
    static let firstDay = D("2025-10-14")
    static let lastDay = D("2026-01-12")
    static let allDays = Array(firstDay...lastDay)
    static let blackFriday = D("2025-11-28")
    static let christmas = D("2025-12-25")
    static let genericCutoff = anchor - 90 * minute
    static let seedCutoff = anchor - 5 * hour

    let teamByName = Dictionary(uniqueKeysWithValues: SampleCatalog.teams.map { ($0.name, $0) })
    var modelList: [SampleModel] = []
    var modelByName: [String: SampleModel] = [:]
    var runs: [Run] = []

    init() {
        var master = PythonRandom(seed: Self.seed)
        models = PythonRandom(seed: master.getrandbits(64))
        alerts = PythonRandom(seed: master.getrandbits(64))
        runsRNG = PythonRandom(seed: master.getrandbits(64))
        deploy = PythonRandom(seed: master.getrandbits(64))
        metrics = PythonRandom(seed: master.getrandbits(64))
        maturity = PythonRandom(seed: master.getrandbits(64))
        live = PythonRandom(seed: master.getrandbits(64))
    }

    static func bizTime(_ date: Int, _ rng: inout PythonRandom, _ lo: Int = 8, _ hi: Int = 21) -> Micros {
        let h = rng.randint(lo, hi)
        let m = rng.randrange(60)
        let s = rng.randrange(60)
        return at(date, h, m, s)
    }

    static func uniformTime(_ rng: inout PythonRandom, _ lo: Micros, _ hi: Micros) -> Micros {
        let span = Int(totalSeconds(hi - lo))
        precondition(span > 0)
        return lo + Micros(rng.randrange(span)) * second
    }

    // MARK: - Models

    static let versionCodes: [Character: (String, String)] = [
        "P": ("production", "approved"), "S": ("staging", "approved"), "s": ("staging", "pending"),
        "X": ("staging", "rejected"), "D": ("development", "pending"),
    ]

    func buildModels() {
        for spec in SampleCatalog.models {
            let team = teamByName[spec.team]!
            let minutes = models.randint(9 * 60, 17 * 60)
            let created = at(D(spec.created), minutes / 60, minutes % 60, models.randrange(60))
            var versions: [Version] = []
            for token in spec.versions.split(separator: " ") {
                let parts = token.split(separator: ":")
                let code = parts[1]
                let (stage, approval) = Self.versionCodes[code.first!]!
                versions.append(Version(version: String(parts[0]), stage: stage, approvalStatus: approval,
                                        inWindow: code.contains("w"), current: code.contains("*")))
            }
            let pre = versions.filter { !$0.inWindow }
            let end = spec.archivedOn.map { at(D($0)) - 30 * day } ?? Self.windowStart - 12 * day
            let span = totalSeconds(end - created)
            for (i, v) in pre.enumerated() {
                let frac = (Double(i) + 0.25 + 0.5 * models.random()) / Double(max(1, pre.count))
                let date = dateOf(created + PyDuration.seconds(span * frac))
                v.createdAt = Self.bizTime(date, &models, 9, 18)
                if i == 0 && v.createdAt < created { v.createdAt = created + 3 * hour }
            }
            for v in pre { setApproval(spec, team, v, &models, latest: Self.windowStart - day) }
            let current = versions.first { $0.current }!
            let model = SampleModel(spec: spec, createdAt: created, versions: versions, version: current.version)
            modelList.append(model)
            modelByName[model.name] = model
        }
    }

    func setApproval(_ spec: ModelSpec, _ team: TeamSpec, _ v: Version, _ rng: inout PythonRandom, latest: Micros) {
        if v.approvalStatus == "pending" { return }
        if let fixed = SampleCatalog.approvalOverrides["\(spec.name) \(v.version)"] {
            v.approvedAt = T(fixed)
        } else {
            let d: Int
            if team.regulated { d = v.stage == "production" ? rng.randint(5, 9) : rng.randint(3, 8) } else { d = rng.randint(1, 3) }
            let date = dateOf(v.createdAt + Micros(d) * day)
            let h = rng.randint(14, 17)
            let m = rng.choice([0, 15, 30, 45])
            var t = at(date, h, m)
            if t > latest {
                let back = rng.randint(2, 30)
                t = max(v.createdAt + 4 * hour, latest - Micros(back) * hour)
            }
            v.approvedAt = t
        }
        if v.stage == "production" || v.approvalStatus == "rejected" {
            v.approvedBy = team.approver
        } else {
            v.approvedBy = team.regulated ? team.approver : team.lead
        }
        precondition(v.approvedAt! > v.createdAt)
    }

    // MARK: - Pipelines

    var pipelines: [SamplePipeline] = []

    func buildPipelines() {
        for m in modelList {
            guard let train = m.spec.train else { continue }
            let (cadence, cron) = Cadence.parse(train)
            pipelines.append(SamplePipeline(name: "\(m.name)-train", team: m.team, kind: "training", schedule: cron, cadence: cadence,
                                            models: [m.name],
                                            description: "Retrains \(m.name) (\(m.spec.framework)) and registers the candidate in MLflow."))
            if m.stage == "production" || m.stage == "staging" {
                let name = "\(m.name)-deploy"
                let env = m.stage == "production" ? "production (canary, then full rollout)" : "the staging cluster"
                pipelines.append(SamplePipeline(name: name, team: m.team, kind: "deployment",
                                                schedule: SampleCatalog.deploySchedule[name] ?? "on commit", cadence: nil, models: [m.name],
                                                description: "Builds the serving image and rolls \(m.name) out to \(env)."))
            }
        }
        for (name, model, cadenceText, description) in SampleCatalog.evaluationPipelines {
            let (cadence, cron) = Cadence.parse(cadenceText)
            pipelines.append(SamplePipeline(name: name, team: modelByName[model]!.team, kind: "evaluation", schedule: cron,
                                            cadence: cadence, models: [model], description: description))
        }
        for (name, team, cadenceText, trigger, models, description) in SampleCatalog.validationPipelines {
            let (cadence, cron) = Cadence.parse(cadenceText)
            pipelines.append(SamplePipeline(name: name, team: team, kind: "data_validation",
                                            schedule: SampleCatalog.validationScheduleText[name] ?? cron, cadence: cadence,
                                            models: models, trigger: trigger, description: description))
        }
    }
}
