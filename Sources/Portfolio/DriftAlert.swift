import Foundation

/// A drift alert on one feature of a model: the evidence, its urgency, its lifecycle and timeline.
public struct DriftAlert: Sendable, Hashable {
    public var externalID: String
    public var model: String
    public var feature: String
    public var method: DriftMethod
    public var score: Double
    public var threshold: Double
    public var severity: Severity
    public var status: AlertStatus
    public var assignee: String?
    public var openedAt: Date
    public var snoozedUntil: Date?
    public var resolvedAt: Date?
    /// Oldest first.
    public var events: [AlertEvent]

    public init(
        externalID: String, model: String, feature: String, method: DriftMethod, score: Double,
        threshold: Double, severity: Severity, status: AlertStatus, assignee: String? = nil,
        openedAt: Date, snoozedUntil: Date? = nil, resolvedAt: Date? = nil, events: [AlertEvent] = []
    ) {
        self.externalID = externalID
        self.model = model
        self.feature = feature
        self.method = method
        self.score = score
        self.threshold = threshold
        self.severity = severity
        self.status = status
        self.assignee = assignee
        self.openedAt = openedAt
        self.snoozedUntil = snoozedUntil
        self.resolvedAt = resolvedAt
        self.events = events
    }

    /// Its latest check's measurement, read or replaced as one.
    public var evidence: DriftEvidence {
        get { DriftEvidence(method: method, score: score, threshold: threshold) }
        set { (method, score, threshold) = (newValue.method, newValue.score, newValue.threshold) }
    }
}

/// An alert as `list alerts --json` prints it, with its events oldest first.
extension DriftAlert: ScriptRecord {
    public var script: ScriptValue {
        .fields([
            "id": .text(externalID), "model": .text(model), "feature": .text(feature), "method": .word(method),
            "score": .number(score), "threshold": .number(threshold), "severity": .word(severity), "status": .word(status),
            "assignee": .text(assignee), "opened_at": .time(openedAt), "snoozed_until": .time(snoozedUntil), "events": .records(events),
        ])
    }
}
