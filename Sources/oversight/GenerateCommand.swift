import ArgumentParser
import Foundation
import Portfolio
import PortfolioStore
import SampleProfile

/// `oversight generate`: a synthetic portfolio of a chosen size in a new (or empty) store, for
/// benchmarks, load tests and demos at scale (`--profile bulk`); or the bundled sample's files,
/// in the import format, into a folder (`--profile sample --out DIR`: how `sample-data/` is made).
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic portfolio of the given size into a new or empty store.",
        discussion: """
            The bulk profile (the default) follows the sample's realism rules (teams, product lines of pipelines, runs that fail for recognisable reasons, rollbacks, costs, drift alerts with lifecycles, daily metrics, quarterly maturity assessments). The same --seed and --as-of give byte-identical data. Times end just before --as-of (default: now). A store that already holds data is refused, so generated rows never mix with real ones.

            --profile sample --out DIR writes the bundled sample portfolio (its stories are in its README.md) as files in the import format; the same files every time. The repository's sample-data/ is its output.
            """
    )

    enum Profile: String, ExpressibleByArgument, CaseIterable {
        case bulk, sample
    }

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: "bulk: a portfolio of the given size into a store; sample: the bundled sample's files into --out.")
    var profile: Profile = .bulk
    @Option(help: ArgumentHelp("With --profile sample: the folder the files are written into.", valueName: "folder")) var out: String?
    @Option(parsing: .unconditional, help: "Number of models (at least 1; bulk).") var models: Int?
    @Option(parsing: .unconditional, help: "Number of pipeline runs (bulk).") var runs: Int?
    @Option(parsing: .unconditional, help: "Number of drift alerts (bulk).") var alerts: Int?
    @Option(name: .customLong("metric-points"), parsing: .unconditional, help: "Number of metric points, spread over each model's series (bulk; default: 0).")
    var metricPoints: Int?
    @Option(help: "Seed of the random stream; the same seed and --as-of repeat the data (bulk; default: 42).") var seed: UInt64?
    @Option(name: .customLong("as-of"), help: ArgumentHelp("The moment the history ends, ISO-8601 (default: now).", valueName: "time"))
    var asOf: String?

    func validate() throws {
        switch profile {
        case .sample:
            guard out != nil else { throw ValidationError("--profile sample writes files: give --out FOLDER") }
            if models != nil || runs != nil || alerts != nil || metricPoints != nil || seed != nil || asOf != nil
                || storeOptions.store != nil {
                throw ValidationError("""
                    --profile sample is the fixed bundled sample and writes files, not a store: leave out --models, --runs, --alerts, \
                    --metric-points, --seed, --as-of and --store
                    """)
            }
        case .bulk:
            for (name, value) in [("--models", models), ("--runs", runs), ("--alerts", alerts)] where value == nil {
                throw ValidationError("Missing expected argument '\(name) <\(name.dropFirst(2))>'")
            }
            if out != nil { throw ValidationError("--out is for --profile sample; the bulk profile writes into --store") }
            if let problem = plan(asOf: Date()).problem { throw ValidationError(problem) }
        }
        if let asOf, let problem = ISOTime.problem(asOf) { throw ValidationError("--as-of: \(problem)") }
    }

    private func plan(asOf date: Date) -> GenerationPlan {
        GenerationPlan(models: models ?? 0, runs: runs ?? 0, alerts: alerts ?? 0, metricPoints: metricPoints ?? 0, seed: seed ?? 42, asOf: date)
    }

    func run() throws {
        if profile == .sample, let out {
            let summary: SampleProfile.Summary
            do {
                summary = try SampleProfile.write(to: out)
            } catch {
                throw CommandFailure("cannot write the sample into \(out): \((error as NSError).localizedDescription)")
            }
            Console.out("Wrote the sample portfolio into \(out): \(summary.files.joined(separator: ", ")) "
                        + "(\(summary.runs) runs, \(summary.metricPoints) metric points, \(summary.alerts) alerts)")
            return
        }
        let plan = plan(asOf: asOf.flatMap(ISOTime.parse) ?? Date())
        let location = storeOptions.location
        let store = try storeOptions.openForWriting()
        defer { try? store.close() }
        let bar = ProgressBar(label: "generating")
        let started = Date()
        let summary: GenerationSummary
        do {
            summary = try PortfolioGenerator(store: store, plan: plan).generate { bar.update($0, of: $1) }
        } catch let error as GenerationError {
            bar.finish()
            throw CommandFailure(error.description)
        }
        bar.finish()
        let seconds = Date().timeIntervalSince(started)
        Console.out("Generated \(summary.total) rows in \(String(format: "%.1f", seconds)) s (\(Int(Double(summary.total) / max(seconds, 0.001))) rows/s) into \(location.shown):")
        for (table, rows) in summary.rows.sorted(by: { $0.key < $1.key }) {
            Console.out("  \(table.padding(toLength: 21, withPad: " ", startingAt: 0)) \(rows)")
        }
    }
}
