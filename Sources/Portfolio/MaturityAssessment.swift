import Foundation

/// A team's self-assessed MLOps maturity level (0–4) on one component, at one date, with evidence.
public struct MaturityAssessment: Sendable, Hashable {
    public static let levels = 0...4

    public var team: String
    public var component: MaturityComponent
    public var level: Int
    public var assessedAt: Date
    public var assessor: String?
    public var evidence: String?

    public init(
        team: String, component: MaturityComponent, level: Int, assessedAt: Date,
        assessor: String? = nil, evidence: String? = nil
    ) {
        self.team = team
        self.component = component
        self.level = level
        self.assessedAt = assessedAt
        self.assessor = assessor
        self.evidence = evidence
    }
}

/// An assessment as `list maturity --json` prints it.
extension MaturityAssessment: Encodable {
    public func encode(to encoder: Encoder) throws {
        var json = encoder.container(keyedBy: ScriptKey.self)
        try json.put("team", team)
        try json.put("component", component)
        try json.put("level", level)
        try json.put("assessed_at", assessedAt)
        try json.put("assessor", assessor)
        try json.put("evidence", evidence)
    }
}
