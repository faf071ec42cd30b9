import Foundation
import PortfolioStore

/// One copy of the bundled sample per test process, shifted to a fixed "now", for tests that only
/// read it (loading it takes seconds in a debug build). Removed when the process exits.
public enum SharedSample {
    /// The fixed clock goldens and view-model tests use: the sample's own anchor.
    public static let now = Date(timeIntervalSince1970: 1_768_208_400)  // 2026-01-12T09:00:00Z

    public static let portfolio: SamplePortfolio = {
        let sample = try! SamplePortfolio.loadTemporary(asOf: now)
        atexit { SharedSample.portfolio.remove() }
        return sample
    }()

    public static var store: PortfolioStore { portfolio.store }
}
