import Portfolio

/// Drift scores a monitor would report for a verdict: a score whose severity, by the documented
/// rule (`DriftEvidence.derivedSeverity`), is the one asked for.
enum DriftScores {
    static func score(_ method: DriftMethod, threshold: Double, severity: Severity, random: inout SeededRandom) -> Double {
        let score: Double = if method.isPValue {
            // Drifted below the threshold; critical below a tenth of it. A p-value is at most 1.
            switch severity {
            case .critical: threshold * random.double(in: 0.002...0.09)
            case .warning: threshold * random.double(in: 0.12...0.95)
            case .info: min(1, threshold * random.double(in: 1.1...6))
            }
        } else {
            // Drifted at or above the threshold; critical at twice it.
            switch severity {
            case .critical: threshold * random.double(in: 2.05...3.5)
            case .warning: threshold * random.double(in: 1.05...1.9)
            case .info: threshold * random.double(in: 0.3...0.9)
            }
        }
        // Rounded as a monitor prints it, unless that would cross a line.
        let shown = (score * 10_000).rounded() / 10_000
        return DriftEvidence(method: method, score: shown, threshold: threshold).derivedSeverity == severity ? shown : score
    }
}
