import Foundation
import Portfolio

/// One pipeline event as a CI job reports it (`oversight record run`, an ingest line of type
/// `run`). Its own type, not a `PipelineRun`: it is a change to a run, not a run — fields left nil
/// keep what the store already has, and a missing id asks for a new one.
public struct RunRecord: Sendable, Hashable {
    public var id: String?
    public var pipeline: String
    public var model: String
    public var kind: RunKind
    public var status: RunStatus
    public var name: String?
    public var started: Date?
    public var finished: Date?
    public var trigger: RunTrigger?
    public var commit: String?
    public var error: String?
    public var startedBy: String?

    public init(id: String? = nil, pipeline: String, model: String, kind: RunKind, status: RunStatus, name: String? = nil,
                started: Date? = nil, finished: Date? = nil, trigger: RunTrigger? = nil, commit: String? = nil,
                error: String? = nil, startedBy: String? = nil) {
        self.id = id
        self.pipeline = pipeline
        self.model = model
        self.kind = kind
        self.status = status
        self.name = name
        self.started = started
        self.finished = finished
        self.trigger = trigger
        self.commit = commit
        self.error = error
        self.startedBy = startedBy
    }
}

/// One metric value as a monitor reports it. Not a `MetricPoint`: its time may be left out (now).
public struct MetricRecord: Sendable, Hashable {
    public var model: String
    public var name: String
    public var value: Double
    public var at: Date?

    public init(model: String, name: String, value: Double, at: Date? = nil) {
        self.model = model
        self.name = name
        self.value = value
        self.at = at
    }
}

/// One drift check result as a monitor reports it. Not a `DriftAlert`: it has no lifecycle — the
/// writer decides whether it opens an alert, updates the open one, or changes nothing — and its
/// severity may be left to the documented rule (`DriftEvidence.derivedSeverity`).
public struct DriftRecord: Sendable, Hashable {
    public var id: String?
    public var model: String
    public var feature: String
    public var evidence: DriftEvidence
    public var severity: Severity?
    public var actor: String?

    public init(id: String? = nil, model: String, feature: String, evidence: DriftEvidence, severity: Severity? = nil,
                actor: String? = nil) {
        self.id = id
        self.model = model
        self.feature = feature
        self.evidence = evidence
        self.severity = severity
        self.actor = actor
    }
}

/// What one `record` call did.
public struct RecordOutcome: Sendable, Hashable {
    public var outcome: UpsertOutcome
    /// The key of the record written (a run's or alert's id).
    public var key: String
    /// A pipeline the writer had to create.
    public var createdPipeline: String?
}

/// A writer call that cannot be carried out, naming the field.
public struct RecordError: Error, CustomStringConvertible, Equatable {
    public var field: String
    public var message: String

    public var description: String { "field '\(field)': \(message)" }
}

/// What `record --json` prints: the counts of an import of one record, its key, and the pipeline
/// it created.
extension RecordOutcome: ScriptRecord {
    public var script: ScriptValue {
        .fields([
            "created": .int(outcome == .created ? 1 : 0), "updated": .int(outcome == .updated ? 1 : 0),
            "unchanged": .int(outcome == .unchanged ? 1 : 0), "skipped": .int(0), "id": .text(key),
            "created_pipeline": .text(createdPipeline),
        ])
    }
}
