import ArgumentParser
import Foundation
import PortfolioStore

/// `oversight ingest [FILE|-]`: a stream of NDJSON events in one transaction.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest newline-delimited JSON events (run, metric, alert; team, pipeline, model) in one transaction.",
        discussion: """
            Each line is one object with a "type" and keys named like the `record` flags in snake_case.
            By default a bad line refuses the whole batch (nothing is written) and is reported with its
            line number and field; with --skip-invalid bad lines are skipped and counted. See docs/FEEDING.md.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The file to read, or - for standard input (the default).") var file = "-"
    @Flag(help: "Skip and count bad lines instead of refusing the batch.") var skipInvalid = false
    @Flag(help: "Print a JSON summary (created, updated, unchanged, skipped).") var json = false

    func run() throws {
        let store = try storeOptions.openForWriting(mustExist: true)
        defer { try? store.close() }
        let handle: FileHandle
        let label: String
        if file == "-" {
            handle = FileHandle.standardInput
            label = "stdin"
        } else {
            guard let opened = FileHandle(forReadingAtPath: file) else { throw CommandFailure("\(file): cannot read the file") }
            handle = opened
            label = file
        }
        let summary: IngestSummary
        do {
            summary = try EventIngester(store: store, skipInvalid: skipInvalid).ingest(handle, label: label)
        } catch let error as ImportError {
            throw CommandFailure("ingest refused, nothing was written: \(error)")
        }
        if json {
            let object: [String: Any] = ["lines": summary.lines, "created": summary.created, "updated": summary.updated,
                                         "unchanged": summary.unchanged, "skipped": summary.skipped,
                                         "created_pipelines": summary.createdPipelines]
            try Console.printJSON(object)
        } else {
            for pipeline in summary.createdPipelines { Console.out("created pipeline '\(pipeline)'") }
            Console.out("ingested \(summary.lines) lines: \(summary.created) created, \(summary.updated) updated, \(summary.unchanged) unchanged, \(summary.skipped) skipped")
        }
        for error in summary.skippedErrors { Console.error("skipped \(error)") }
    }
}
