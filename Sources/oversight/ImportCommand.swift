import ArgumentParser
import Foundation
import MLflowREST
import Portfolio
import PortfolioStore
import TerminalUI

/// `oversight import PATH...`: files of the data format, an MLflow store or tracking server, or
/// Evidently reports into the store in one transaction (a large first read of a tracking server
/// commits in batches and says so).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import files of the data format, an MLflow store or tracking server, or Evidently reports into the store.",
        discussion: """
            --format oversight (default): YAML, JSON and NDJSON files or folders, as docs/DATA-FORMAT.md describes.

            --format mlflow: an MLflow tracking server by its URL (http:// or https://; with no URL given, $MLFLOW_TRACKING_URI), \
            read through its REST API with the credentials MLflow's own client takes from MLFLOW_TRACKING_TOKEN, or \
            MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (MLFLOW_TRACKING_INSECURE_TLS and \
            MLFLOW_TRACKING_SERVER_CERT_PATH for TLS); a second import reads only what changed. Or an MLflow SQLite file, \
            opened read-only. Both map the same way (docs/FEEDING.md).

            --format evidently: Evidently data-drift report JSON files; one alert per drifted column (--model, or the report's metadata).

            Importing the same input again changes nothing. With --watch, an MLflow source is read again every SECONDS and a \
            line is printed for each pass that changed the store; a pass that fails is logged and tried again at the next.
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case oversight, mlflow, evidently
    }

    @OptionGroup var storeOptions: StoreOptions

    @Option(help: "oversight (the data format), mlflow or evidently.") var format: Format = .oversight
    @Option(help: "With --format mlflow: the team new pipelines and models belong to.", completion: StoreCompletion.keys(.team)) var team = "MLflow"
    @Option(name: .customLong("experiment"),
            help: ArgumentHelp("With --format mlflow and a server URL: read only this experiment (repeatable).", valueName: "name"))
    var experiments: [String] = []
    @Option(help: "With --format evidently: the model the report is about (default: the report's metadata.model).", completion: StoreCompletion.keys(.model)) var model: String?
    @Option(help: ArgumentHelp("With --format mlflow: import again every SECONDS until interrupted.", valueName: "seconds"))
    var watch: Double?
    @Flag(help: "Print a JSON summary (created, updated, unchanged, removed, skipped).") var json = false

    @Argument(help: ArgumentHelp("Files or folders to import; for mlflow one SQLite file or a tracking server's URL.", valueName: "path"))
    var paths: [String] = []

    /// Where `--format mlflow` reads: the path or URL given, else $MLFLOW_TRACKING_URI (whose
    /// `sqlite:///PATH` form names a file).
    enum MLflowSource: Equatable {
        case file(String)
        case server(String)
    }

    func mlflowSource(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> MLflowSource {
        guard let given = paths.first ?? environment["MLFLOW_TRACKING_URI"].flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw ValidationError("--format mlflow needs a tracking server's URL or an MLflow SQLite file (or MLFLOW_TRACKING_URI set)")
        }
        let lowered = given.lowercased()
        if lowered.hasPrefix("http://") || lowered.hasPrefix("https://") { return .server(given) }
        if lowered.hasPrefix("sqlite:///") { return .file(String(given.dropFirst("sqlite://".count))) }
        if given.contains("://") || lowered == "databricks" || lowered.hasPrefix("databricks://") {
            throw ValidationError("'\(MLflowServerImporter.shown(given))' is not an http(s) tracking server URL or an MLflow SQLite file")
        }
        return .file(given)
    }

    func validate() throws {
        switch format {
        case .mlflow:
            if paths.count > 1 { throw ValidationError("--format mlflow takes one MLflow SQLite file or one tracking server URL") }
            let source = try mlflowSource()
            if !experiments.isEmpty, case .file = source { throw ValidationError("--experiment works with a tracking server's URL") }
        default:
            if paths.isEmpty { throw ValidationError("Missing expected argument '<path> ...'") }
            if !experiments.isEmpty { throw ValidationError("--experiment works with --format mlflow") }
        }
        if let watch, !(watch >= 1) { throw ValidationError("--watch must be at least 1 second") }
        if watch != nil, format != .mlflow { throw ValidationError("--watch works with --format mlflow") }
    }

    func run() throws {
        // A follower runs until it is told to stop, whoever started it.
        if watch != nil { unblockStopSignals() }
        let location = storeOptions.location
        let store = try storeOptions.openForWriting()
        defer { try? store.close() }
        var server: MLflowServerImporter?
        if format == .mlflow, case let .server(url) = try mlflowSource() {
            server = try MLflowServerImporter(store: store, url: url, credentials: MLflowCredentials(environment: ProcessInfo.processInfo.environment),
                                              team: team, experiments: experiments, retries: Self.retries, pageSize: Self.pageSize)
        }
        var passes = 0
        while true {
            passes += 1
            do {
                let (summary, batches) = try importOnce(store, server: server)
                // Under --watch, only a pass that changed something is worth a line.
                if watch == nil || passes == 1 || summary.changed > 0 {
                    report(summary, into: location.shown, batches: batches, oneLine: watch != nil)
                    // Piped to a log or another program, a pass's line must leave when it is printed.
                    fflush(nil)
                }
            } catch let failure as CommandFailure where watch != nil {
                // A server down or a bad answer must not end a follower: say it, and try again.
                Console.error("\(ISOTime.format(Date())) pass failed: \(failure); trying again in \(Self.seconds(watch ?? 0))")
                AppLog.logger("import").error("pass failed", metadata: ["error": "\(failure)"])
            }
            guard let watch else { return }
            Thread.sleep(forTimeInterval: watch)
        }
    }

    /// Retries of a request answered 429 or 5xx (`OVERSIGHT_MLFLOW_RETRIES`, for tests that
    /// would otherwise wait out the backoff).
    static var retries: Int {
        ProcessInfo.processInfo.environment["OVERSIGHT_MLFLOW_RETRIES"].flatMap(Int.init).map { max(0, min($0, 10)) } ?? 4
    }

    /// Runs per page of a search (`OVERSIGHT_MLFLOW_PAGE_SIZE`, for tests of paging on a small server).
    static var pageSize: Int {
        ProcessInfo.processInfo.environment["OVERSIGHT_MLFLOW_PAGE_SIZE"].flatMap(Int.init).map { max(1, min($0, 50_000)) } ?? 1000
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(exactly: value) ?? 0) s" : "\(value) s"
    }

    private func importOnce(_ store: PortfolioStore, server: MLflowServerImporter?) throws -> (ImportSummary, batches: Int) {
        let bar = ProgressBar(label: "importing")
        defer { bar.finish() }
        do {
            switch format {
            case .oversight:
                return (try PortfolioImporter(store: store).importFiles(paths) { bar.update($0, of: $1) }, 1)
            case .mlflow:
                if let server {
                    let pass = try server.pass { runs, fraction in bar.update(fraction: fraction, detail: "\(runs) runs") }
                    return (pass.summary, pass.batches)
                }
                guard case let .file(path) = try mlflowSource() else { return (ImportSummary(), 0) }
                return (try MLflowImporter(store: store, team: team).importStore(at: path) { bar.update($0, of: $1) }, 1)
            case .evidently:
                var total = ImportSummary()
                for path in paths {
                    let (summary, drifted) = try EvidentlyImporter(store: store).importReport(at: path, model: model)
                    if !json { Console.out("\(path): drift in \(drifted.isEmpty ? "no column" : drifted.joined(separator: ", "))") }
                    total.merge(summary)
                }
                return (total, 1)
            }
        } catch let error as ImportError {
            throw CommandFailure("import refused, nothing was written: \(error)")
        } catch let error as MLflowServerError {
            let kept = error.written == 0 ? "nothing of this pass was written"
                : "\(error.written) runs of this pass were written in earlier batches; the next import reads the pass again"
            throw CommandFailure("import failed, \(kept): \(error)")
        } catch let error as CommandFailure {
            throw error
        } catch {
            throw CommandFailure("import failed, nothing was written: \(error)")
        }
    }

    private func report(_ summary: ImportSummary, into path: String, batches: Int, oneLine: Bool) {
        if json {
            Console.printJSON(summary, pretty: false)
            return
        }
        let sources = summary.files.count == 1 ? summary.files[0] : "\(summary.files.count) file(s)"
        if oneLine {
            let changed = RecordKind.allCases.compactMap { kind -> String? in
                guard let counts = summary.counts[kind], counts.created + counts.updated + counts.removed > 0 else { return nil }
                return "\(kind.section) +\(counts.created) ~\(counts.updated)\(counts.removed > 0 ? " -\(counts.removed)" : "")"
            }
            Console.out("\(ISOTime.format(Date())) \(sources): \(changed.isEmpty ? "no change" : changed.joined(separator: ", "))")
            return
        }
        let committed = " in \(batches) transactions (a large read commits every \(MLflowServerImporter.batchRuns) runs)"
        Console.out("Imported \(summary.records) records from \(sources) into \(path)\(batches > 1 ? committed : ""):")
        for kind in RecordKind.allCases {
            guard let counts = summary.counts[kind] else { continue }
            let removed = counts.removed > 0 ? ", \(counts.removed) removed" : ""
            Console.out("  \(kind.section.padding(toLength: 10, withPad: " ", startingAt: 0)) \(counts.created) created, \(counts.updated) updated, \(counts.unchanged) unchanged\(removed)")
        }
    }
}

/// A failure with a message for the user; ArgumentParser prints it as `Error: MESSAGE` and exits 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    /// One line, as `Console.line` makes it: the message often quotes data (a name, a file's value).
    init(_ message: String) { description = Console.line(message) }
}
