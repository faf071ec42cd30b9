import ArgumentParser
import Foundation
import PortfolioStore
import TeamStore

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
        if let address = try storeOptions.teamAddress(location) { return try examineTeam(address) }
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

    /// A team store: this host's copy is examined like a store file, and held against the team
    /// store table by table; `--repair` rebuilds what it can in the copy, and makes a copy that
    /// differs from the team store anew.
    private func examineTeam(_ address: TeamStoreAddress) throws {
        var store = try StoreOptions.openTeam(address, readOnly: !repair, creating: false)
        defer { try? store.close() }
        func differences() throws -> [String] {
            guard let replica = store.upstream as? TeamReplica else { throw CommandFailure("\(address) opened without its team store") }
            return try replica.differences(store)
        }
        func findings() throws -> [String] {
            try StoreDoctor.examine(store).map { "this host's copy: \($0)" } + differences()
        }
        var found = try findings()
        if repair, !found.isEmpty {
            if try !differences().isEmpty {
                let path = store.path
                try store.close()
                TeamStore.discardCopy(at: path)
                store = try StoreOptions.openTeam(address, readOnly: false, creating: false)
                Console.out("repaired: made this host's copy anew from the team store")
            }
            if try StoreDoctor.examine(store).contains(where: \.repairable) {
                for line in try StoreDoctor.repair(store) { Console.out("repaired: \(line)") }
            }
            found = try findings()
        }
        if found.isEmpty {
            Console.out("\(address): healthy (the team store and this host's copy agree; the copy's integrity, references, schema, kept totals, search index and values)")
            return
        }
        for finding in found { Console.out("\(address): \(finding)") }
        throw ExitCode(1)
    }
}
