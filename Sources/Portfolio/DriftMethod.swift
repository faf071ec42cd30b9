/// The statistic a drift check used. P-value methods drift below their threshold; distance
/// methods drift at or above it.
public enum DriftMethod: String, Vocabulary {
    case psi, ks, chi2, z, js, wasserstein

    public var isPValue: Bool {
        switch self {
        case .ks, .chi2, .z: true
        case .psi, .js, .wasserstein: false
        }
    }

    /// Whether `score` is past `threshold` in this method's direction.
    public func isDrifted(score: Double, threshold: Double) -> Bool {
        isPValue ? score < threshold : score >= threshold
    }

    /// The name people use for it.
    public var label: String {
        switch self {
        case .psi: "PSI"
        case .ks: "KS p-value"
        case .chi2: "χ² p-value"
        case .z: "Z p-value"
        case .js: "Jensen–Shannon"
        case .wasserstein: "Wasserstein"
        }
    }
}
