import Foundation
import Portfolio

/// One record decoded into its domain value, with the key that identifies it and the names it
/// refers to, so the importer can check duplicates and references before writing anything.
enum DecodedRecord {
    case team(Team)
    case pipeline(Pipeline)
    case model(Model)
    case run(PipelineRun)
    case metric(MetricPoint)
    case alert(DriftAlert)
    case maturity(MaturityAssessment)

    var kind: RecordKind {
        switch self {
        case .team: .team
        case .pipeline: .pipeline
        case .model: .model
        case .run: .run
        case .metric: .metric
        case .alert: .alert
        case .maturity: .maturity
        }
    }

    /// The key docs/DATA-FORMAT.md matches records by.
    var key: String {
        switch self {
        case let .team(team): team.name
        case let .pipeline(pipeline): pipeline.name
        case let .model(model): model.name
        case let .run(run): run.externalID
        case let .metric(point): "\(point.model) \(point.name) \(ISOTime.format(point.at))"
        case let .alert(alert): alert.externalID
        case let .maturity(assessment):
            "\(assessment.team) \(assessment.component.rawValue) \(ISOTime.format(assessment.assessedAt))"
        }
    }

    /// A hash of `key`, equal for equal keys, made without writing a point's or an assessment's
    /// time out as text (a seventh of decoding a metric point went to it): the time is the key's
    /// last word (it holds no space), so the words before it and the second stand for the key.
    var keyHash: Int {
        var hasher = Hasher()
        switch self {
        case let .metric(point):
            hasher.combine("\(point.model) \(point.name)")
            hasher.combine(point.at.storeSeconds)
        case let .maturity(assessment):
            hasher.combine("\(assessment.team) \(assessment.component.rawValue)")
            hasher.combine(assessment.assessedAt.storeSeconds)
        default:
            hasher.combine(key)
        }
        return hasher.finalize()
    }

    /// (field, kind referred to, name) for every reference the record makes.
    var references: [(field: String, kind: RecordKind, name: String)] {
        switch self {
        case .team: []
        case let .pipeline(pipeline): [("team", .team, pipeline.team)]
        case let .model(model): [("team", .team, model.team)]
        case let .run(run): [("pipeline", .pipeline, run.pipeline), ("model", .model, run.model)]
        case let .metric(point): [("model", .model, point.model)]
        case let .alert(alert): [("model", .model, alert.model)]
        case let .maturity(assessment): [("team", .team, assessment.team)]
        }
    }
}

/// Turns a raw record into its domain value, enforcing every rule of docs/DATA-FORMAT.md that a
/// single record can be checked against (types, enums, ranges, time order, required-when rules).
enum RecordDecoder {
    static func decode(_ raw: RawRecord) throws -> (DecodedRecord, FieldReader) {
        let fields = try FieldReader(raw.fields, file: raw.file, record: raw.position)
        let record: DecodedRecord
        switch raw.kind {
        case .team: record = .team(try team(fields))
        case .pipeline: record = .pipeline(try pipeline(fields))
        case .model: record = .model(try model(fields))
        case .run: record = .run(try run(fields))
        case .metric: record = .metric(try metric(fields))
        case .alert: record = .alert(try alert(fields))
        case .maturity: record = .maturity(try maturity(fields))
        }
        try fields.finish()
        return (record, fields)
    }

    private static func team(_ f: FieldReader) throws -> Team {
        let name = try f.required("name", f.text)
        f.identify(name)
        return Team(name: name, industry: try f.text("industry"), lead: try f.text("lead"),
                    description: try f.text("description"))
    }

    private static func pipeline(_ f: FieldReader) throws -> Pipeline {
        let name = try f.required("name", f.text)
        f.identify(name)
        return Pipeline(name: name, team: try f.required("team", f.text), schedule: try f.text("schedule"),
                        description: try f.text("description"))
    }

    private static func model(_ f: FieldReader) throws -> Model {
        let name = try f.required("name", f.text)
        f.identify(name)
        var model = Model(
            name: name, team: try f.required("team", f.text), owner: try f.required("owner", f.text),
            useCase: try f.text("use_case"), stage: try f.required("stage") { try f.vocabulary($0, Stage.self) },
            version: try f.text("version"), riskTier: try f.vocabulary("risk_tier", RiskTier.self),
            businessValue: try f.amount("business_value"),
            servingCostPerMonth: try f.amount("serving_cost_per_month"),
            tags: try f.textMap("tags"), createdAt: try f.time("created_at"))
        var seen: Set<String> = []
        for item in try f.list("versions") {
            let version = ModelVersion(
                version: try item.required("version", item.text), createdAt: try item.required("created_at", item.time),
                stage: try item.vocabulary("stage", Stage.self),
                approvalStatus: try item.vocabulary("approval_status", ApprovalStatus.self) ?? .pending,
                approvedBy: try item.text("approved_by"), approvedAt: try item.time("approved_at"))
            try item.finish()
            guard seen.insert(version.version).inserted else {
                throw item.error("version", "duplicate version '\(version.version)' within this model")
            }
            model.versions.append(version)
        }
        if let current = model.version, !model.versions.isEmpty, !seen.contains(current) {
            throw f.error("version", "expected one of this model's versions (\(model.versions.map(\.version).joined(separator: ", "))); got '\(current)'")
        }
        return model
    }

    private static func run(_ f: FieldReader) throws -> PipelineRun {
        let id = try f.required("id", f.text)
        f.identify("run '\(id)'")
        let status = try f.required("status") { try f.vocabulary($0, RunStatus.self) }
        let startedAt = try f.time("started_at")
        let finishedAt = try f.time("finished_at")
        let queuedAt = try f.time("queued_at")
        if startedAt == nil, status != .queued {
            throw f.error("started_at", "required when the status is \(status.rawValue)")
        }
        if finishedAt == nil, status == .succeeded || status == .failed {
            throw f.error("finished_at", "required when the status is \(status.rawValue)")
        }
        if finishedAt != nil, status == .queued || status == .running {
            throw f.error("finished_at", "not allowed while the status is \(status.rawValue)")
        }
        if let startedAt, let finishedAt, finishedAt < startedAt {
            throw f.error("finished_at", "expected a time not before started_at (\(ISOTime.format(startedAt))): a duration is never negative; got \(ISOTime.format(finishedAt))")
        }
        if let queuedAt, let startedAt, startedAt < queuedAt {
            throw f.error("started_at", "expected a time not before queued_at (\(ISOTime.format(queuedAt))); got \(ISOTime.format(startedAt))")
        }
        guard let queued = queuedAt ?? startedAt else {
            throw f.error("queued_at", "required when a queued run has no started_at")
        }
        var run = PipelineRun(
            externalID: id, pipeline: try f.required("pipeline", f.text), model: try f.required("model", f.text),
            name: try f.text("name"), kind: try f.required("kind") { try f.vocabulary($0, RunKind.self) },
            status: status, trigger: try f.vocabulary("trigger", RunTrigger.self) ?? .manual,
            startedBy: try f.text("started_by"), modelVersion: try f.text("model_version"),
            isRollback: try f.bool("rollback") ?? false, queuedAt: queued, startedAt: startedAt,
            finishedAt: finishedAt, commit: try f.text("commit"),
            computeCost: try f.amount("compute_cost"), error: try f.text("error"))
        for item in try f.list("steps") {
            let step = RunStep(
                name: try item.required("name", item.text),
                status: try item.required("status") { try item.vocabulary($0, StepStatus.self) },
                startedAt: try item.time("started_at"), finishedAt: try item.time("finished_at"),
                error: try item.text("error"))
            try item.finish()
            if let start = step.startedAt, let end = step.finishedAt, end < start {
                throw item.error("finished_at", "expected a time not before started_at (\(ISOTime.format(start))): a duration is never negative; got \(ISOTime.format(end))")
            }
            run.steps.append(step)
        }
        return run
    }

    private static func metric(_ f: FieldReader) throws -> MetricPoint {
        let point = MetricPoint(model: try f.required("model", f.text), name: try f.required("name", f.text),
                                at: try f.required("at", f.time), value: try f.required("value") { try f.number($0) })
        f.identify("metric '\(point.name)' of '\(point.model)'")
        return point
    }

    private static func alert(_ f: FieldReader) throws -> DriftAlert {
        let id = try f.required("id", f.text)
        f.identify("alert '\(id)'")
        var alert = DriftAlert(
            externalID: id, model: try f.required("model", f.text), feature: try f.required("feature", f.text),
            method: try f.required("method") { try f.vocabulary($0, DriftMethod.self) },
            score: try f.required("score") { try f.number($0) },
            threshold: try f.required("threshold") { try f.number($0) },
            severity: try f.required("severity") { try f.vocabulary($0, Severity.self) },
            status: try f.required("status") { try f.vocabulary($0, AlertStatus.self) },
            assignee: try f.text("assignee"), openedAt: try f.required("opened_at", f.time),
            snoozedUntil: try f.time("snoozed_until"), resolvedAt: try f.time("resolved_at"))
        if alert.status == .snoozed, alert.snoozedUntil == nil {
            throw f.error("snoozed_until", "required when the status is snoozed")
        }
        if alert.status == .resolved, alert.resolvedAt == nil {
            throw f.error("resolved_at", "required when the status is resolved")
        }
        if let resolved = alert.resolvedAt, resolved < alert.openedAt {
            throw f.error("resolved_at", "expected a time not before opened_at (\(ISOTime.format(alert.openedAt))); got \(ISOTime.format(resolved))")
        }
        for item in try f.list("events") {
            alert.events.append(AlertEvent(
                kind: try item.required("kind") { try item.vocabulary($0, AlertEventKind.self) },
                at: try item.required("at", item.time), actor: try item.text("actor"), note: try item.text("note")))
            try item.finish()
        }
        return alert
    }

    private static func maturity(_ f: FieldReader) throws -> MaturityAssessment {
        let assessment = MaturityAssessment(
            team: try f.required("team", f.text),
            component: try f.required("component") { try f.vocabulary($0, MaturityComponent.self) },
            level: try f.required("level") { try f.integer($0, in: MaturityAssessment.levels) },
            assessedAt: try f.required("assessed_at", f.time), assessor: try f.text("assessor"),
            evidence: try f.text("evidence"))
        f.identify("\(assessment.component.rawValue) of '\(assessment.team)'")
        return assessment
    }
}
