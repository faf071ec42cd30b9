import Foundation

/// An ML model in the portfolio: who owns it, where it runs, what it is worth and costs.
public struct Model: Sendable, Hashable {
    public var name: String
    public var team: String
    public var owner: String
    public var useCase: String?
    public var stage: Stage
    public var version: String?
    public var riskTier: RiskTier?
    /// Estimated annual business value, USD.
    public var businessValue: Double?
    public var servingCostPerMonth: Double?
    public var tags: [String: String]
    public var createdAt: Date?
    /// Oldest first.
    public var versions: [ModelVersion]

    public init(
        name: String, team: String, owner: String, useCase: String? = nil, stage: Stage,
        version: String? = nil, riskTier: RiskTier? = nil, businessValue: Double? = nil,
        servingCostPerMonth: Double? = nil, tags: [String: String] = [:], createdAt: Date? = nil,
        versions: [ModelVersion] = []
    ) {
        self.name = name
        self.team = team
        self.owner = owner
        self.useCase = useCase
        self.stage = stage
        self.version = version
        self.riskTier = riskTier
        self.businessValue = businessValue
        self.servingCostPerMonth = servingCostPerMonth
        self.tags = tags
        self.createdAt = createdAt
        self.versions = versions
    }

    /// Serving cost over a year, USD.
    public var annualServingCost: Double { (servingCostPerMonth ?? 0) * 12 }
}
