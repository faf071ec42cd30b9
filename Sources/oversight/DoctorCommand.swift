import ArgumentParser
import Foundation
import PortfolioStore

/// `oversight doctor [--repair]`: says whether the store is healthy, and rebuilds what can be.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check the store (integrity, kept totals, search index, schema, values, files); --repair rebuilds what can be.",
        discussion: """
            Exit status 0 when the store is healthy (or every problem was repaired), 1 when a problem remains. --repair rebuilds, \
            in one transaction, the totals and counters the dashboard keeps and the runs' search index from the base tables, and \
            creates triggers and indexes another program dropped; a damaged file, rows whose parent is gone and values of the \
            wrong type are named for a person to fix. Kept totals drift when another SQLite program replaces rows \
            (INSERT OR REPLACE) without recursive_triggers; Oversight's own connections turn it on.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Flag(help: "Rebuild what can be rebuilt from the base tables, in one transaction.") var repair = false

    func run() throws {
        let location = storeOptions.location
        guard location.exists else { throw CommandFailure("no store at \(location.path) (from \(location.source.rawValue))") }
        let store: PortfolioStore
        do {
            // A check creates and changes nothing: read-only (a snapshot where live reading would
            // leave files); a repair opens for writing, which also applies pending migrations.
            store = try PortfolioStore.open(path: location.path, readOnly: !repair, writing: repair, creating: false,
                                            migrating: StoreOptions.announceMigration)
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
        defer { try? store.close() }
        var findings = try StoreDoctor.examine(store)
        if repair, findings.contains(where: \.repairable) {
            for line in try StoreDoctor.repair(store) { Console.out("repaired: \(line)") }
            findings = try StoreDoctor.examine(store)
        }
        if findings.isEmpty {
            Console.out("\(location.path): healthy (integrity, references, schema, kept totals, search index, values, files)")
            return
        }
        for finding in findings { Console.out("\(location.path): \(finding)") }
        throw ExitCode(1)
    }
}
