import ArgumentParser
import Foundation
import PortfolioStore

/// `oversight copy --from STORE --to STORE`: moves a whole store in — a file to a team store, back,
/// or between two of either — refusing a target that holds anything.
struct CopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "Copy a whole store into an empty one: a file into a team store, back, or between two of either.",
        discussion: """
            Every entity, every alert event and every assessment is copied, ids and all, in one transaction on the \
            target; the kept totals and the search index are worked out there afresh. STORE is a file or a \
            postgres://user@host:port/database URL (docs/TEAM-STORE.md). A target that holds any record is refused, \
            so a copy never mixes two portfolios; the source is only read.
            """
    )

    @Option(help: ArgumentHelp("The store to copy: a file or a team store's URL.", valueName: "store"))
    var from: String
    @Option(help: ArgumentHelp("The empty store to copy into: a file (created when missing) or a team store's URL.", valueName: "store"))
    var to: String
    @Flag(help: "Print what was copied as JSON.") var json = false

    func run() throws {
        let source = try ReadStoreOptions.parse(["--store", from]).openForReading(asOf: nil)
        defer { source.close() }
        let targetOptions = try StoreOptions.parse(["--store", to])
        let target = try targetOptions.openForWriting()
        defer { try? target.close() }
        let shown = targetOptions.location.shown
        let present = try StoreCopy.records(in: target)
        guard present == 0 else {
            throw CommandFailure("\(shown) already holds \(present) records; copy only into an empty store (nothing was written)")
        }
        let bar = ProgressBar(label: "copying")
        let summary: StoreCopy.Summary
        do {
            summary = try StoreCopy.copy(from: source.store, to: target) { bar.update($0, of: $1) }
        } catch {
            bar.finish()
            throw CommandFailure("copy failed, nothing was written to \(shown): \(error)")
        }
        bar.finish()
        if json {
            Console.printJSON(.object(summary.tables.map { ($0.name, .int($0.rows)) }))
            return
        }
        Console.out("copied \(summary.total) records from \(source.label) to \(shown):")
        for table in summary.tables { Console.out("  \(table.name.padding(toLength: 21, withPad: " ", startingAt: 0)) \(table.rows)") }
    }
}
