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
extension MaturityAssessment: ScriptRecord {
    public var script: ScriptValue {
        .fields([
            "team": .text(team), "component": .word(component), "level": .int(level), "assessed_at": .time(assessedAt),
            "assessor": .text(assessor), "evidence": .text(evidence),
        ])
    }
}
