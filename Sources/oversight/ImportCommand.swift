import ArgumentParser
import Foundation
import PortfolioStore

/// `oversight import PATH...`: files of the data format, or an MLflow store, into the store in one
/// transaction.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import files of the data format (or an MLflow store) into the store, all or nothing.",
        discussion: """
            --format oversight (default): YAML, JSON and NDJSON files or folders, as docs/DATA-FORMAT.md describes.
            --format mlflow: an MLflow tracking/registry SQLite file, opened read-only (docs/FEEDING.md).
            --format evidently: Evidently data-drift report JSON files; one alert per drifted column (--model, or the report's metadata).
            Importing the same input again changes nothing.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case oversight, mlflow, evidently
    }

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "oversight (the data format), mlflow or evidently.") var format: Format = .oversight
    @Option(help: "With --format mlflow: the team new pipelines and models belong to.") var team = "MLflow"
    @Option(help: "With --format evidently: the model the report is about (default: the report's metadata.model).") var model: String?
    @Option(help: ArgumentHelp("With --format mlflow: import again every SECONDS until interrupted.", valueName: "seconds"))
    var watch: Double?
    @Flag(help: "Print a JSON summary (created, updated, unchanged, skipped).") var json = false

    @Argument(help: ArgumentHelp("Files or folders to import (one SQLite file for mlflow).", valueName: "path"))
    var paths: [String]

    func validate() throws {
        if format == .mlflow, paths.count != 1 { throw ValidationError("--format mlflow takes exactly one MLflow SQLite file") }
        if let watch, !(watch >= 1) { throw ValidationError("--watch must be at least 1 second") }
        if watch != nil, format != .mlflow { throw ValidationError("--watch works with --format mlflow") }
    }

    func run() throws {
        let location = storeOptions.location
        let store = try storeOptions.openForWriting()
        defer { try? store.close() }
        while true {
            let summary = try importOnce(store)
            report(summary, into: location.shown)
            guard let watch else { return }
            Thread.sleep(forTimeInterval: watch)
        }
    }

    private func importOnce(_ store: PortfolioStore) throws -> ImportSummary {
        let bar = ProgressBar(label: "importing")
        defer { bar.finish() }
        do {
            switch format {
            case .oversight:
                return try PortfolioImporter(store: store).importFiles(paths) { bar.update($0, of: $1) }
            case .mlflow:
                return try MLflowImporter(store: store, team: team).importStore(at: paths[0]) { bar.update($0, of: $1) }
            case .evidently:
                var total = ImportSummary()
                for path in paths {
                    let (summary, drifted) = try EvidentlyImporter(store: store).importReport(at: path, model: model)
                    if !json { Console.out("\(path): drift in \(drifted.isEmpty ? "no column" : drifted.joined(separator: ", "))") }
                    total.merge(summary)
                }
                return total
            }
        } catch let error as ImportError {
            throw CommandFailure("import refused, nothing was written: \(error)")
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("import failed, nothing was written: \(error)")
        }
    }

    private func report(_ summary: ImportSummary, into path: String) {
        if json {
            try? Console.printJSON(summary, pretty: false)
            return
        }
        Console.out("Imported \(summary.records) records from \(summary.files.count) file(s) into \(path):")
        for kind in RecordKind.allCases {
            guard let counts = summary.counts[kind] else { continue }
            let name = kind.section.padding(toLength: 10, withPad: " ", startingAt: 0)
            Console.out("  \(name) \(counts.created) created, \(counts.updated) updated, \(counts.unchanged) unchanged")
        }
    }
}

/// A failure with a message for the user; ArgumentParser prints it as `Error: MESSAGE` and exits 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) { description = message }
}
