import Foundation
import PortfolioStore

/// The stores the benchmark measures: generated with `PortfolioGenerator` (what `oversight
/// generate` runs), the large one kept in a cache folder keyed by its parameters so it is built once.
struct BenchStores {
    /// A size of portfolio to measure at.
    struct Scale: Codable {
        var name: String
        var models: Int
        var runs: Int
        var alerts: Int
        var metricPoints: Int

        static let small = Scale(name: "small", models: 1_000, runs: 10_000, alerts: 1_000, metricPoints: 50_000)
        static let large = Scale(name: "large", models: 10_000, runs: 1_000_000, alerts: 100_000, metricPoints: 5_000_000)

        func plan(asOf: Date) -> GenerationPlan {
            GenerationPlan(models: models, runs: runs, alerts: alerts, metricPoints: metricPoints, seed: 42, asOf: asOf)
        }

        var key: String { "m\(models)-r\(runs)-a\(alerts)-p\(metricPoints)-s42" }
    }

    /// How a store was generated: rows and seconds, kept beside a cached store.
    struct Generation: Codable {
        var rows: Int
        var seconds: Double
        var rowsPerSecond: Double { Double(rows) / seconds }
    }

    let cacheFolder: String
    let asOf: Date

    /// The store of `scale`, generating it when not cached; and how its generation went.
    func store(_ scale: Scale, fresh: Bool = false) throws -> (path: String, generation: Generation) {
        try FileManager.default.createDirectory(atPath: cacheFolder, withIntermediateDirectories: true)
        let path = "\(cacheFolder)/store-\(scale.key)-\(Int(asOf.timeIntervalSince1970)).sqlite"
        let meta = path + ".generation.json"
        if !fresh, FileManager.default.fileExists(atPath: path), let data = FileManager.default.contents(atPath: meta),
           let generation = try? JSONDecoder().decode(Generation.self, from: data) {
            // Opening for writing applies migrations added since the store was generated.
            try PortfolioStore.open(path: path).close()
            return (path, generation)
        }
        DataTables.remove(path)
        try? FileManager.default.removeItem(atPath: meta)
        log("generating the \(scale.name) store (\(scale.key)) into \(path)…")
        let store = try PortfolioStore.open(path: path)
        let start = Clock.now()
        let summary = try PortfolioGenerator(store: store, plan: scale.plan(asOf: asOf)).generate()
        let seconds = Clock.now() - start
        try store.close()
        let generation = Generation(rows: summary.total, seconds: seconds)
        try JSONEncoder().encode(generation).write(to: URL(fileURLWithPath: meta))
        log("  \(summary.total) rows in \(String(format: "%.1f", seconds)) s")
        return (path, generation)
    }
}

func log(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
