import Foundation

/// A named, repeatable pipeline (training, deployment, …) owned by a team; its runs are `PipelineRun`s.
public struct Pipeline: Sendable, Hashable {
    public var name: String
    public var team: String
    public var schedule: String?
    public var description: String?

    public init(name: String, team: String, schedule: String? = nil, description: String? = nil) {
        self.name = name
        self.team = team
        self.schedule = schedule
        self.description = description
    }
}
