import ArgumentParser
import Foundation
import PortfolioStore
import TeamStore

/// `oversight init [--shared GROUP] [STORE]`: creates a store (or brings an existing one up to
/// date), and with `--shared` makes it one a Unix group reads and writes together.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a store, or share one with a Unix group (--shared GROUP).",
        discussion: """
            Without STORE: the store --store, $OVERSIGHT_STORE or the config names, else the default path. An existing \
            store is brought up to date and left as it is. With --shared GROUP, the store's folder gets the group, \
            group write and the setgid bit, and the store and its -wal and -shm files get the group and mode 0660, so \
            every member of the group can read and write it and no reader leaves files that lock the others out. \
            See docs/SHARED-STORE.md.
            """
    )

    @OptionGroup var storeOptions: StoreOptions
    @Option(help: ArgumentHelp("Share the store with this Unix group (a name or a number).", valueName: "group"))
    var shared: String?
    @Argument(help: ArgumentHelp("The store file to create (default: as every command chooses it).", valueName: "store"))
    var store: String?

    func run() throws {
        let path = store.map { StoreLocation.resolve(flag: $0, environment: ProcessInfo.processInfo.environment).path }
            ?? storeOptions.location.path
        if let address = try storeOptions.teamAddress(StoreLocation(path: path, source: .flag)) {
            guard shared == nil else { throw CommandFailure("--shared is for a store file; a team store's access is its roles' (docs/TEAM-STORE.md)") }
            let opened = try StoreOptions.openTeam(address, readOnly: false, creating: true)
            try opened.close()
            Console.out("\(address) is an Oversight team store, up to date; this host's copy is \(opened.path)")
            Console.out("grant its tables to the writer and reader roles as docs/TEAM-STORE.md shows")
            return
        }
        let group = try shared.map { name in
            do { return try StoreSharing.group(name) } catch let refusal as StoreSharing.Refusal { throw CommandFailure(refusal.description) }
        }
        let existed = FileManager.default.fileExists(atPath: path) && ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0) > 0
        if let group {
            // The folder first, so the files SQLite creates in it get the group from the start.
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o2770, .groupOwnerAccountID: Int(group.id)])
            }
        }
        let opened: PortfolioStore
        do {
            opened = try PortfolioStore.open(path: path, migrating: StoreOptions.announceMigration)
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
        try opened.close()
        Console.out(existed ? "\(path) is an Oversight store, up to date" : "created the store \(path)")
        if let group {
            do {
                for line in try StoreSharing.share(store: path, group: group) { Console.out("  " + line) }
            } catch let refusal as StoreSharing.Refusal {
                throw CommandFailure(refusal.description)
            }
            Console.out("every member of \(group.name) can now read and write it; see docs/SHARED-STORE.md")
        }
    }
}
