import Foundation
import PortfolioStore

/// A generated portfolio (`oversight generate`'s generator, as of `SharedSample.now`) in a store of
/// its own, for tests that need more history than the sample holds.
public enum GeneratedStore {
    /// The store and the folder that holds it: keep the folder alive while the store is used.
    public static func make(_ label: String, models: Int, runs: Int, alerts: Int, metricPoints: Int = 0,
                            seed: UInt64) throws -> (folder: TemporaryFolder, store: PortfolioStore) {
        let folder = TemporaryFolder(label)
        let store = try PortfolioStore.open(path: folder.file("store.sqlite"))
        _ = try PortfolioGenerator(store: store, plan: GenerationPlan(models: models, runs: runs, alerts: alerts, metricPoints: metricPoints,
                                                                      seed: seed, asOf: SharedSample.now)).generate()
        return (folder, store)
    }
}
