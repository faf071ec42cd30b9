import Foundation

/// One execution of a pipeline for a model, identified by an external id (a CI job, an MLflow run).
public struct PipelineRun: Sendable, Hashable {
    public var externalID: String
    public var pipeline: String
    public var model: String
    public var name: String?
    public var kind: RunKind
    public var status: RunStatus
    public var trigger: RunTrigger
    public var startedBy: String?
    /// The version a training run produced or a deployment deployed.
    public var modelVersion: String?
    public var isRollback: Bool
    public var queuedAt: Date
    public var startedAt: Date?
    public var finishedAt: Date?
    public var commit: String?
    public var computeCost: Double?
    public var error: String?
    public var steps: [RunStep]

    public init(
        externalID: String, pipeline: String, model: String, name: String? = nil, kind: RunKind,
        status: RunStatus, trigger: RunTrigger = .manual, startedBy: String? = nil,
        modelVersion: String? = nil, isRollback: Bool = false, queuedAt: Date, startedAt: Date? = nil,
        finishedAt: Date? = nil, commit: String? = nil, computeCost: Double? = nil, error: String? = nil,
        steps: [RunStep] = []
    ) {
        self.externalID = externalID
        self.pipeline = pipeline
        self.model = model
        self.name = name
        self.kind = kind
        self.status = status
        self.trigger = trigger
        self.startedBy = startedBy
        self.modelVersion = modelVersion
        self.isRollback = isRollback
        self.queuedAt = queuedAt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.commit = commit
        self.computeCost = computeCost
        self.error = error
        self.steps = steps
    }

    /// Never nil: a run that has not started yet shows its queue time.
    public var startedOrQueuedAt: Date { startedAt ?? queuedAt }

    /// Seconds from start to finish, once both are known.
    public var duration: TimeInterval? {
        guard let startedAt, let finishedAt else { return nil }
        return finishedAt.timeIntervalSince(startedAt)
    }

    /// The step that failed, if any.
    public var failedStep: RunStep? { steps.first { $0.status == .failed } }
}

/// A run as `list runs --json` prints it: `started_at` is the queue time until the run starts,
/// `duration_s` whole seconds once it finishes; its steps are not listed.
extension PipelineRun: ScriptRecord {
    public var script: ScriptValue {
        .fields([
            "id": .text(externalID), "name": .text(name), "pipeline": .text(pipeline), "model": .text(model),
            "kind": .word(kind), "status": .word(status), "trigger": .word(trigger), "started_by": .text(startedBy),
            "rollback": .bool(isRollback), "queued_at": .time(queuedAt), "started_at": .time(startedOrQueuedAt),
            "finished_at": .time(finishedAt), "duration_s": .int(duration.map { Int(saturating: $0, rounding: .towardZero) }),
            "compute_cost": .number(computeCost), "error": .text(error),
        ])
    }
}
