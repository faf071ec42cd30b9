import ArgumentParser
import Foundation
import PortfolioStore
import TerminalUI

/// `oversight version [--verbose]`: this build's version and the store schema it writes; with
/// --verbose the SQLite and ncurses libraries it runs with and where its themes and sample are
/// found, for a bug report.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print Oversight's version and the store schema it writes (--verbose: the SQLite and ncurses it runs with)."
    )

    @Flag(name: .shortAndLong, help: "Also print the SQLite and ncurses library versions this build runs with.")
    var verbose = false

    func run() throws {
        Console.out("oversight \(OversightVersion.current)")
        Console.out("store schema \(PortfolioStore.schemaVersion)")
        guard verbose else { return }
        Console.out("sqlite \(try PortfolioStore.sqliteVersion())")
        Console.out(TerminalScreen.libraryVersion)
        // Where the themes and the sample are read from: an install's share/oversight, or a clone.
        let resources = BundledResources.folder("sample-data").map { ($0 as NSString).deletingLastPathComponent }
        Console.out("resources \(resources ?? "not found (set OVERSIGHT_RESOURCES)")")
    }
}
