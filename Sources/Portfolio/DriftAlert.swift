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
}

/// An alert as `list alerts --json` prints it, with its events oldest first.
extension DriftAlert: Encodable {
    public func encode(to encoder: Encoder) throws {
        var json = encoder.container(keyedBy: ScriptKey.self)
        try json.put("id", externalID)
        try json.put("model", model)
        try json.put("feature", feature)
        try json.put("method", method)
        try json.put("score", score)
        try json.put("threshold", threshold)
        try json.put("severity", severity)
        try json.put("status", status)
        try json.put("assignee", assignee)
        try json.put("opened_at", openedAt)
        try json.put("snoozed_until", snoozedUntil)
        try json.put("events", events)
    }
}
