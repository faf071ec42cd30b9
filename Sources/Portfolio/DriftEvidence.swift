import Foundation

/// What one drift check measured: the statistic it used, its score and the threshold it was held
/// to. A monitor reports it (`DriftRecord`), an alert keeps its latest (`DriftAlert.evidence`),
/// and a severity left unsaid follows from it by one rule.
public struct DriftEvidence: Sendable, Hashable, CustomStringConvertible {
    public var method: DriftMethod
    public var score: Double
    public var threshold: Double

    public init(method: DriftMethod, score: Double, threshold: Double) {
        self.method = method
        self.score = score
        self.threshold = threshold
    }

    /// The documented rule (docs/FEEDING.md) when no severity is given:
    /// - not drifted (a distance below its threshold, a p-value at or above it) → info;
    /// - drifted by a wide margin — a distance at least twice its threshold, or a p-value below a
    ///   tenth of its threshold → critical;
    /// - otherwise drifted → warning.
    public var derivedSeverity: Severity {
        guard method.isDrifted(score: score, threshold: threshold) else { return .info }
        let wide = method.isPValue ? score < threshold / 10 : score >= threshold * 2
        return wide ? .critical : .warning
    }

    /// "psi 0.31 vs threshold 0.25", as an alert's timeline states a check.
    public var description: String {
        "\(method.rawValue) \(String(format: "%g", score)) vs threshold \(String(format: "%g", threshold))"
    }
}
