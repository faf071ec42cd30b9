import Foundation

/// One version of a model, with the furthest stage it reached and its approval.
public struct ModelVersion: Sendable, Hashable {
    public var version: String
    public var createdAt: Date
    public var stage: Stage?
    public var approvalStatus: ApprovalStatus
    public var approvedBy: String?
    public var approvedAt: Date?

    public init(
        version: String, createdAt: Date, stage: Stage? = nil,
        approvalStatus: ApprovalStatus = .pending, approvedBy: String? = nil, approvedAt: Date? = nil
    ) {
        self.version = version
        self.createdAt = createdAt
        self.stage = stage
        self.approvalStatus = approvalStatus
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
    }
}
