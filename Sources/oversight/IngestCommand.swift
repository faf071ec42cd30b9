import ArgumentParser
import Foundation
import PortfolioStore

/// `oversight ingest [FILE|-]`: NDJSON events — a file in one transaction, a stream in batches.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Ingest newline-delimited JSON events (run, metric, alert; team, pipeline, model): a file in one transaction, a stream in batches.",
        discussion: """
            Each line is one object with a "type" and keys named like the `record` flags in snake_case; a line may be up to 1 MiB.

            A regular file (named, or redirected to standard input) is one transaction: a bad line refuses it whole and nothing is written.

            A stream (a pipe, FIFO or terminal) is committed in batches as it arrives (at most 10,000 lines, 8 MB or a quarter \
            second each, and whatever has arrived before ingest would wait), each holding the store's lock at most 0.2 s with a \
            pause between busy batches, so neither a slow producer nor a fast one blocks other writers; a bad line stops it, \
            and the lines before it stay committed. At a terminal, end the input with Ctrl-D on a line of its own.

            With --skip-invalid bad lines are skipped and counted. See docs/FEEDING.md.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Argument(help: "The file to read, or - for standard input (the default).") var file = "-"
    @Flag(help: "Skip and count bad lines instead of refusing the batch.") var skipInvalid = false
    @Flag(help: "Print a JSON summary (lines, created, updated, unchanged, skipped, batches, stream).") var json = false

    func run() throws {
        let handle: FileHandle
        let label: String
        if file == "-" {
            handle = FileHandle.standardInput
            label = "stdin"
        } else {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), isFolder.boolValue {
                throw CommandFailure("\(file) is a folder; ingest reads one file of events, or - for standard input")
            }
            guard let opened = FileHandle(forReadingAtPath: file) else { throw CommandFailure("\(file): cannot read the file") }
            handle = opened
            label = file
        }
        let store = try storeOptions.openForWriting(mustExist: true)
        defer { try? store.close() }
        if file == "-", isatty(STDIN_FILENO) == 1 {
            // Someone typing, or a command forgotten before the pipe: say what is awaited and how it ends.
            Console.error("""
                reading NDJSON events from the terminal, one JSON object per line ({"type": "run", …}; see `oversight ingest --help`); \
                each line is committed once entered; end with Ctrl-D on a line of its own
                """)
        }
        let summary: IngestSummary
        do {
            summary = try EventIngester(store: store, skipInvalid: skipInvalid).ingest(handle, label: label)
        } catch let stopped as IngestStopped {
            let done = stopped.committed
            let committed = done.lines == 0 ? "nothing was committed"
                : "the \(done.lines == 1 ? "line" : "\(done.lines) lines") before it \(done.lines == 1 ? "was" : "were") committed in \(done.batches) batch\(done.batches == 1 ? "" : "es") "
                    + "(\(done.created) created, \(done.updated) updated, \(done.unchanged) unchanged, \(done.skipped) skipped)"
            if let resume = stopped.resumeLine {
                // The store failed (a team store out of reach, a full disk), not a line: the batch in
                // flight was not committed, and the stream resumes at its first line.
                throw CommandFailure("""
                    ingest stopped: \(stopped.error); \(committed); nothing from line \(resume) of \(label) on was written: \
                    resume from line \(resume) (e.g. tail -n +\(resume))
                    """)
            }
            throw CommandFailure("ingest stopped at \(stopped.error); \(committed); nothing after it was written")
        } catch let error as ImportError {
            throw CommandFailure("ingest refused, nothing was written: \(error)")
        }
        if json {
            Console.printJSON(summary, pretty: false)
        } else {
            for pipeline in summary.createdPipelines { Console.out("created pipeline '\(pipeline)'") }
            let how = summary.isStream
                ? " in \(summary.batches) batch\(summary.batches == 1 ? "" : "es") (a stream is committed as it arrives)"
                : ""
            Console.out("ingested \(summary.lines) lines\(how): \(summary.created) created, \(summary.updated) updated, \(summary.unchanged) unchanged, \(summary.skipped) skipped")
            if summary.lines == 0 { Console.error("note: \(label) held no events") }
        }
        for error in summary.skippedErrors { Console.error("skipped \(error)") }
    }
}
