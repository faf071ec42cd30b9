import Foundation

/// One step of a pipeline run, in order.
public struct RunStep: Sendable, Hashable {
    public var name: String
    public var status: StepStatus
    public var startedAt: Date?
    public var finishedAt: Date?
    public var error: String?

    public init(name: String, status: StepStatus, startedAt: Date? = nil, finishedAt: Date? = nil, error: String? = nil) {
        self.name = name
        self.status = status
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.error = error
    }

    public var duration: TimeInterval? {
        guard let startedAt, let finishedAt else { return nil }
        return finishedAt.timeIntervalSince(startedAt)
    }
}
