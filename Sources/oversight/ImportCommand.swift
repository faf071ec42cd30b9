import ArgumentParser
import Foundation
import PortfolioStore

/// `oversight import PATH...`: files of the data format into the store, in one transaction.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import YAML, JSON and NDJSON files (or folders of them) into the store, all or nothing.",
        discussion: "The format is described in docs/DATA-FORMAT.md. Importing the same files again changes nothing."
    )

    @OptionGroup var storeOptions: StoreOptions

    @Argument(help: ArgumentHelp("Files or folders to import.", valueName: "path"))
    var paths: [String]

    func run() throws {
        let location = storeOptions.location
        let store = try storeOptions.openForWriting()
        defer { try? store.close() }
        let bar = ProgressBar(label: "importing")
        let summary: ImportSummary
        do {
            summary = try PortfolioImporter(store: store).importFiles(paths) { bar.update($0, of: $1) }
            bar.finish()
        } catch let error as ImportError {
            bar.finish()
            throw CommandFailure("import refused, nothing was written: \(error)")
        } catch {
            bar.finish()
            throw CommandFailure("import failed, nothing was written: \(error)")
        }
        print("Imported \(summary.records) records from \(summary.files.count) file(s) into \(location.path):")
        for kind in RecordKind.allCases {
            guard let counts = summary.counts[kind] else { continue }
            let name = kind.section.padding(toLength: 10, withPad: " ", startingAt: 0)
            print("  \(name) \(counts.created) created, \(counts.updated) updated, \(counts.unchanged) unchanged")
        }
    }
}

/// A failure with a message for the user; ArgumentParser prints it as `Error: MESSAGE` and exits 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ message: String) { description = message }
}
