import Foundation

/// A team that owns models and pipelines; referred to by its unique name.
public struct Team: Sendable, Hashable {
    public var name: String
    public var industry: String?
    public var lead: String?
    public var description: String?

    public init(name: String, industry: String? = nil, lead: String? = nil, description: String? = nil) {
        self.name = name
        self.industry = industry
        self.lead = lead
        self.description = description
    }
}
