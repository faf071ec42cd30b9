import Foundation

/// One value of a model's metric time series.
public struct MetricPoint: Sendable, Hashable {
    public var model: String
    public var name: String
    public var at: Date
    public var value: Double

    public init(model: String, name: String, at: Date, value: Double) {
        self.model = model
        self.name = name
        self.at = at
        self.value = value
    }
}
