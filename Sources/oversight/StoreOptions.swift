import ArgumentParser
import Foundation
import Portfolio
import PortfolioStore
import TeamStore

/// The `--store` option every command takes, and the rule for which store a command opens. A
/// command that writes offers no `--read-only` (it would only refuse); read-only mode from
/// `OVERSIGHT_READ_ONLY` or config.yaml still makes it refuse.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The store: a file, or a team store's postgres://user@host:port/database URL (default: $OVERSIGHT_STORE, else $XDG_DATA_HOME/oversight/portfolio.sqlite).", valueName: "path|url"))
    var store: String?

    /// `OVERSIGHT_READ_ONLY`, else `read_only` in config.yaml.
    var readOnly: Bool {
        guard let settings = try? Settings(), let value = try? settings.value("read_only") else { return false }
        return Settings.bool(value.text) ?? false
    }

    /// `--store`, else `OVERSIGHT_STORE`, else `store` in config.yaml, else the XDG default.
    var location: StoreLocation {
        let configured = (try? Settings())?.fileValue("store")
        return StoreLocation.resolve(flag: store, environment: ProcessInfo.processInfo.environment, configured: configured)
    }

    /// Refuses a store in a folder this user may not enter, saying why (rather than "no store").
    static func refuseUnreachable(_ location: StoreLocation) throws {
        if let blocked = location.unreachableFolder {
            throw CommandFailure("cannot open the store \(location.path): you may not enter its folder \(blocked) (permission denied); a store shared with a group is open to that group's members (docs/SHARED-STORE.md)")
        }
    }

    /// Says on standard error, before the terminal is taken over, why opening a store written by
    /// an older version is taking a while.
    static func announceMigration(_ pending: [String]) {
        Console.writeError("""
            oversight: updating the store to this version (\(pending.joined(separator: ", "))): once; \
            up to a minute on a store of a million runs…

            """)
    }

    /// `$XDG_CACHE_HOME/oversight` (`~/.cache/oversight`): where the imported sample is kept.
    static func cacheFolder(_ environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        StoreLocation.xdgFolder("XDG_CACHE_HOME", fallback: ".cache", environment)
    }

    /// The team store the location names, if it is a URL (a password in it is warned about once).
    func teamAddress(_ location: StoreLocation) throws -> TeamStoreAddress? {
        guard TeamStoreAddress.isAddress(location.path) else { return nil }
        do {
            let address = try TeamStoreAddress(location.path, environment: ProcessInfo.processInfo.environment)
            if let warning = address.passwordWarning { Console.error("warning: \(warning)") }
            return address
        } catch let error as TeamStoreAddressError {
            throw CommandFailure("--store \(error.description)")
        }
    }

    /// Opens a team store as this host's local copy of it, with a progress bar while the copy
    /// catches up (the whole store, the first time on a host).
    static func openTeam(_ address: TeamStoreAddress, readOnly: Bool, creating: Bool) throws -> PortfolioStore {
        let bar = ProgressBar(label: "reading \(address)")
        defer { bar.finish() }
        do {
            return try TeamStore.open(address, environment: ProcessInfo.processInfo.environment, readOnly: readOnly, creating: creating,
                                      cacheFolder: cacheFolder(), progress: { bar.update($0, of: $1) })
        } catch let error as TeamStoreError {
            throw CommandFailure(error.description)
        } catch let error as StoreError {
            throw CommandFailure("this host's copy of \(address): \(error.description)")
        }
    }

    /// Opens (creating when missing) the chosen store for writing; refuses in read-only mode.
    func openForWriting(mustExist: Bool = false) throws -> PortfolioStore {
        let location = location
        let shown = TeamStoreAddress.redacted(location.path)
        if readOnly { throw CommandFailure("read-only mode (OVERSIGHT_READ_ONLY, or read_only in config.yaml): refusing to write to \(shown)") }
        if let address = try teamAddress(location) { return try Self.openTeam(address, readOnly: false, creating: !mustExist) }
        try StoreOptions.refuseUnreachable(location)
        if mustExist, !location.exists {
            throw CommandFailure("no store at \(location.path) (from \(location.source.rawValue)); nothing to change")
        }
        do {
            let store = try PortfolioStore.open(path: location.path, creating: !mustExist, migrating: Self.announceMigration)
            if let notice = store.accessNotice { Console.error("note: \(notice)") }
            return store
        } catch let error as StoreError {
            throw CommandFailure(error.description)
        }
    }
}

/// The store options of a command that only reads: `--store`, and `--read-only`, which opens the
/// store read-only in SQLite itself (the dashboard's alert keys then change nothing).
struct ReadStoreOptions: ParsableArguments {
    @OptionGroup var choice: StoreOptions

    @Flag(name: .customLong("read-only"), help: "Open the store read-only at the SQLite level (also OVERSIGHT_READ_ONLY=1); writes are refused.")
    var readOnlyFlag = false

    /// `--read-only`, else `OVERSIGHT_READ_ONLY`, else `read_only` in config.yaml.
    var readOnly: Bool { readOnlyFlag || choice.readOnly }

    var location: StoreLocation { choice.location }

    /// Opens the chosen store for reading, or a temporary copy of the bundled sample when
    /// `sample` asks for it. With `sampleByDefault` (the dashboard) the sample also stands in when
    /// no store was chosen and none exists at the default path; a script never reads a stand-in:
    /// there, no store is an error naming the path looked for and how to set one. `once`: the
    /// command reads once and exits, so a store file is read through a memory map
    /// (`PortfolioStore.open`'s `mapped`).
    func openForReading(asOf: Date?, sample: Bool = false, sampleByDefault: Bool = false, once: Bool = false) throws -> OpenedStore {
        let location = location
        if sample {
            let copy = try SamplePortfolio.loadTemporary(asOf: asOf ?? Date(), cacheFolder: StoreOptions.cacheFolder(), readOnly: readOnly)
            return OpenedStore(store: copy.store, label: "sample portfolio (temporary copy, --sample)", sample: copy)
        }
        if let address = try choice.teamAddress(location) {
            let store = try StoreOptions.openTeam(address, readOnly: readOnly, creating: false)
            return OpenedStore(store: store, label: address.description, sample: nil)
        }
        if location.exists {
            let store: PortfolioStore
            do {
                store = try PortfolioStore.open(path: location.path, readOnly: readOnly, writing: false, creating: false, mapped: once,
                                                migrating: StoreOptions.announceMigration)
            } catch let error as StoreError {
                throw CommandFailure(error.description)
            }
            if let notice = store.accessNotice { Console.error("note: \(notice)") }
            return OpenedStore(store: store, label: location.path, sample: nil)
        }
        try StoreOptions.refuseUnreachable(location)
        guard sampleByDefault, location.source == .xdgDefault else {
            let source = location.source == .xdgDefault ? "the default path" : "from \(location.source.rawValue)"
            throw CommandFailure("""
                no store at \(location.path) (\(source)); name one with --store PATH, OVERSIGHT_STORE or `store:` in \
                \(Settings.configFile(ProcessInfo.processInfo.environment)), create one with `oversight init` or `oversight import`, \
                or read the bundled sample with --sample
                """)
        }
        let sample = try SamplePortfolio.loadTemporary(asOf: asOf ?? Date(), cacheFolder: StoreOptions.cacheFolder(), readOnly: readOnly)
        return OpenedStore(store: sample.store, label: "sample portfolio (temporary copy; no store at \(location.path))", sample: sample)
    }
}

/// A store a command is reading, with the words that say which one it is.
struct OpenedStore {
    let store: PortfolioStore
    let label: String
    let sample: SamplePortfolio?

    var isSample: Bool { sample != nil }

    func close() {
        if let sample { sample.remove() } else { try? store.close() }
    }
}

/// `--sample`: the read commands that scripts call read a store, never the bundled sample unless
/// asked.
struct SampleOption: ParsableArguments {
    @Flag(help: "Read the bundled sample portfolio (a temporary copy shifted to now) instead of a store.")
    var sample = false
}

/// `--as-of TIME` for commands that show time-relative figures.
struct TimeOptions: ParsableArguments {
    @Option(name: .customLong("as-of"), help: ArgumentHelp("Move the bundled sample so its newest event is at this ISO-8601 time; snapshot also treats it as now.", valueName: "time"))
    var asOf: String?

    func resolved() throws -> Date? {
        guard let asOf else { return nil }
        guard let date = ISOTime.parse(asOf) else { throw ValidationError("--as-of: \(ISOTime.problem(asOf) ?? asOf)") }
        return date
    }
}

extension StoreLocation {
    /// The store as messages name it: a team store's URL never with a password.
    var shown: String { TeamStoreAddress.redacted(path) }
}
