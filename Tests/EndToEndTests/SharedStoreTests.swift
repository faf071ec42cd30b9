import Foundation
import Testing
import TestSupport

/// One store, several people on one host, with two real uids (`setpriv` to throw-away ids; the
/// suite needs root, which CI is): a store someone cannot write opens read-only by itself, a
/// reader never leaves files that lock its owner out, a read-only folder still reads, and
/// `init --shared GROUP` makes a store every member of the group reads and writes.
@Suite("A store shared by several users", .serialized, .enabled(if: geteuid() == 0, "switching users needs root"))
struct SharedStoreTests {
    static let alice: UInt32 = 42_101, bob: UInt32 = 42_102, carol: UInt32 = 42_103
    static let team: UInt32 = 42_200

    /// An environment every test user can use: its folders are open to all.
    static func environment(_ label: String) -> TestEnvironment {
        let environment = TestEnvironment(label)
        for folder in ["", "home", "data", "config", "state", "cache", "runtime"] {
            chmod(environment.file(folder), 0o777)
        }
        return environment
    }

    /// Runs `oversight ARGS` as `uid` (in its own group, and in `groups`).
    static func run(as uid: UInt32, groups: [UInt32] = [], _ arguments: [String], _ environment: TestEnvironment,
                    stdin: String? = nil) throws -> ProcessResult {
        let identity = ["--reuid", String(uid), "--regid", String(uid)]
            + (groups.isEmpty ? ["--clear-groups"] : ["--groups", groups.map(String.init).joined(separator: ",")])
        return try ProcessRunner.run("/usr/bin/setpriv", identity + [RepoPaths.binary] + arguments,
                                     environment: environment.variables, stdin: stdin)
    }

    /// A folder owned by `uid` with `mode`, holding the sample imported by `uid` (so its -wal and
    /// -shm are `uid`'s too).
    static func store(owner uid: UInt32, folderMode: mode_t, _ environment: TestEnvironment) throws -> String {
        let folder = environment.file("stores")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        chown(folder, uid, uid)
        let store = folder + "/portfolio.sqlite"
        let imported = try run(as: uid, ["import", "--store", store, RepoPaths.sampleData], environment)
        try #require(imported.status == 0, "\(imported.stderr)")
        chmod(folder, folderMode)
        return store
    }

    /// The -wal and -shm beside `store`, with their owners.
    static func companions(_ store: String) -> [String: UInt32] {
        var owners: [String: UInt32] = [:]
        for suffix in ["-wal", "-shm"] {
            var info = stat()
            if stat(store + suffix, &info) == 0 { owners[suffix] = info.st_uid }
        }
        return owners
    }

    static let readCommands: [[String]] = [
        ["list", "models"], ["list", "alerts", "--json"], ["status"], ["status", "--json"], ["check"],
        ["snapshot", "--width", "120", "--height", "36"], ["snapshot", "--detail", "model:card-fraud-detector"],
    ]

    @Test("Another user reads a store they cannot write, read-only by itself, and its owner's writers are never locked out")
    func readerNeverBlocksOwner() throws {
        let environment = Self.environment("shared-reader")
        // A folder both may write, as /tmp or a shared scratch folder: the case that used to lock the owner out.
        let store = try Self.store(owner: Self.alice, folderMode: 0o777, environment)
        for arguments in Self.readCommands + [["list", "runs", "--read-only"]] {
            let result = try Self.run(as: Self.bob, arguments + ["--store", store], environment)
            #expect(result.status == 0 || arguments == ["check"] && result.status < 3, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("opened read-only") || arguments.contains("--read-only"), "\(arguments): \(result.stderr)")
            if arguments.contains("--json") {
                #expect((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil, "notice in --json output")
            }
        }
        #expect(Self.companions(store).values.allSatisfy { $0 == Self.alice }, "\(Self.companions(store))")
        let write = try Self.run(as: Self.alice, ["alert", "ack", "alert-0065", "--store", store, "--by", "alice"], environment)
        #expect(write.status == 0, "the owner was locked out: \(write.stderr)")

        // Bob cannot write, and is told why and what to do.
        let refused = try Self.run(as: Self.bob, ["alert", "note", "alert-0065", "--note", "x", "--store", store], environment)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("cannot write the store \(store): the file is not writable by you (owner 42101"), "\(refused.stderr)")
        #expect(refused.stderr.contains("oversight init --shared GROUP"))

        // With no -wal and -shm beside it (a store from an older version), Bob gets a snapshot that creates nothing.
        for file in [store + "-wal", store + "-shm"] { unlink(file) }
        let snapshot = try Self.run(as: Self.bob, ["list", "models", "--store", store], environment)
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        #expect(snapshot.stderr.contains("opened as a snapshot, no live updates"), "\(snapshot.stderr)")
        #expect(Self.companions(store).isEmpty)
        #expect(try Self.run(as: Self.alice, ["alert", "note", "alert-0065", "--note", "after", "--store", store], environment).status == 0)
    }

    @Test("Empty -wal and -shm left by another user's reader (an older version, or sqlite3) are removed by the owner's next write")
    func staleLeftoversAreRemoved() throws {
        let environment = Self.environment("shared-leftovers")
        let store = try Self.store(owner: Self.alice, folderMode: 0o777, environment)
        for file in [store + "-wal", store + "-shm"] { unlink(file) }
        // What a plain read-only SQLite reader does: creates both, as its own, and leaves them.
        let reader = try ProcessRunner.run("/usr/bin/setpriv", ["--reuid", String(Self.bob), "--regid", String(Self.bob), "--clear-groups",
                                                                 "sqlite3", "-readonly", store, "SELECT count(*) FROM teams"],
                                           environment: environment.variables)
        try #require(reader.status == 0, "\(reader.stderr)")
        #expect(Self.companions(store) == ["-wal": Self.bob, "-shm": Self.bob])
        let write = try Self.run(as: Self.alice, ["alert", "ack", "alert-0065", "--store", store, "--by", "alice"], environment)
        #expect(write.status == 0, "\(write.stderr)")
        #expect(write.stderr.contains("removed the empty -wal and -shm that owner 42102"), "\(write.stderr)")
        #expect(Self.companions(store).values.allSatisfy { $0 == Self.alice })
    }

    @Test("A store in a folder nobody may write still reads; writing names the folder and init --shared")
    func readOnlyFolder() throws {
        let environment = Self.environment("shared-folder")
        let store = try Self.store(owner: Self.alice, folderMode: 0o555, environment)
        for user in [Self.alice, Self.bob] {
            for arguments in Self.readCommands {
                let result = try Self.run(as: user, arguments + ["--store", store], environment)
                #expect(result.status == 0 || arguments == ["check"], "\(user) \(arguments): \(result.stderr)")
            }
        }
        for file in [store + "-wal", store + "-shm"] { unlink(file) }
        let snapshot = try Self.run(as: Self.alice, ["status", "--json", "--store", store], environment)
        #expect(snapshot.status == 0, "\(snapshot.stderr)")
        #expect(snapshot.stderr.contains("no live updates") && snapshot.stderr.contains("its folder \(environment.file("stores")) is not writable"),
                "\(snapshot.stderr)")
        let write = try Self.run(as: Self.alice, ["alert", "ack", "alert-0065", "--store", store], environment)
        #expect(write.status != 0)
        #expect(write.stderr.contains("its folder \(environment.file("stores")) is not writable by you"), "\(write.stderr)")
        #expect(write.stderr.contains("oversight init --shared GROUP"))
    }

    @Test("A store file its owner made read-only (chmod 444) opens read-only by itself; the notice never reaches --json output")
    func readOnlyFile() throws {
        let environment = Self.environment("shared-444")
        let store = try Self.store(owner: Self.alice, folderMode: 0o755, environment)
        chmod(store, 0o444)
        for arguments in Self.readCommands {
            let result = try Self.run(as: Self.alice, arguments + ["--store", store], environment)
            #expect(result.status == 0 || arguments == ["check"], "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("\(store): it is not writable by you (owner 42101, group 42101, mode 0444); opened read-only"),
                    "\(arguments): \(result.stderr)")
            if arguments.contains("--json") {
                #expect((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil, "\(arguments): not JSON")
            }
        }
        let write = try Self.run(as: Self.alice, ["record", "metric", "--store", store, "--model", "card-fraud-detector",
                                                  "--name", "x", "--value", "1"], environment)
        #expect(write.status != 0)
        #expect(write.stderr.contains("the file is not writable by you"), "\(write.stderr)")
    }

    @Test("init --shared GROUP: every member reads and writes, each after the other; others are told they are not in")
    func sharedWithGroup() throws {
        let environment = Self.environment("shared-group")
        let folder = environment.file("team")
        let store = folder + "/portfolio.sqlite"
        let made = try Self.run(as: Self.alice, groups: [Self.team], ["init", "--shared", String(Self.team), store], environment)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("created the store \(store)"))
        #expect(try Self.run(as: Self.alice, groups: [Self.team], ["import", "--store", store, RepoPaths.sampleData], environment).status == 0)
        var info = stat()
        stat(folder, &info)
        #expect(info.st_gid == Self.team && info.st_mode & 0o2070 == 0o2070)

        for (user, note) in [(Self.bob, "bob first"), (Self.alice, "alice next"), (Self.bob, "bob again")] {
            let result = try Self.run(as: user, groups: [Self.team], ["alert", "note", "alert-0065", "--note", note, "--store", store], environment)
            #expect(result.status == 0, "\(user): \(result.stderr)")
            let read = try Self.run(as: user == Self.bob ? Self.alice : Self.bob, groups: [Self.team], ["list", "alerts", "--json", "--store", store], environment)
            #expect(read.status == 0 && read.stdout.contains(note), "\(read.stderr)")
        }
        for companion in [store + "-wal", store + "-shm"] {
            stat(companion, &info)
            #expect(info.st_gid == Self.team && info.st_mode & 0o660 == 0o660, "\(companion)")
        }
        let outsider = try Self.run(as: Self.carol, ["list", "models", "--store", store], environment)
        #expect(outsider.status != 0)
        #expect(outsider.stderr.contains("you may not enter its folder \(folder)"), "\(outsider.stderr)")
        let crowded = environment.file("crowded")
        try FileManager.default.createDirectory(atPath: crowded, withIntermediateDirectories: true)
        environment.root.write("crowded/notes.txt", "private")
        let refused = try Self.run(as: 0, groups: [Self.team], ["init", "--shared", String(Self.team), crowded + "/portfolio.sqlite"], environment)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("\(crowded) holds other files (notes.txt)"), "\(refused.stderr)")
        stat(crowded, &info)
        #expect(info.st_mode & 0o2070 != 0o2070, "a folder holding other files was opened to the group")
        let notMember = try Self.run(as: Self.carol, ["init", "--shared", String(Self.team), environment.file("other/p.sqlite")], environment)
        #expect(notMember.status != 0)
        #expect(notMember.stderr.contains("you are not a member of group"), "\(notMember.stderr)")
    }

    @Test("Another user's dashboard opens the store read-only and shows the owner's writes live")
    func readerDashboardIsLive() throws {
        let environment = Self.environment("shared-dashboard")
        let store = try Self.store(owner: Self.alice, folderMode: 0o755, environment)
        var variables = environment.variables
        variables["USER"] = "bob"
        let tmux = try TmuxSession(command: ["/usr/bin/setpriv", "--reuid", String(Self.bob), "--regid", String(Self.bob), "--clear-groups",
                                             RepoPaths.binary, "--store", store, "--refresh", "0.5"],
                                   environment: variables, width: 160, height: 48)
        defer { tmux.close() }
        let opened = try tmux.waitFor { $0.contains("(read-only)") && $0.contains("3 Drift Alerts") }
        #expect(opened.matched, "\(opened.screen)")
        try tmux.send("3", "a")
        #expect(try tmux.waitFor("read-only: this store is open read-only").matched)
        let runs = try #require(Int(try ForeignClient.strings(store, "SELECT count(*) FROM pipeline_runs").first ?? ""))
        try tmux.send("2")
        #expect(try tmux.waitFor(" 1/\(runs) ").matched)
        let write = try Self.run(as: Self.alice, ["record", "run", "--store", store, "--pipeline", "fraud-retrain-live", "--model",
                                                  "card-fraud-detector", "--kind", "training", "--status", "running"], environment)
        #expect(write.status == 0, "\(write.stderr)")
        let live = try tmux.waitFor("/\(runs + 1) ")
        #expect(live.matched, "the owner's run never appeared:\n\(live.screen)")
        #expect(Self.companions(store).values.allSatisfy { $0 == Self.alice })
    }

    @Test("A dashboard that had to open a snapshot (no -wal and -shm yet) goes live once the owner writes")
    func snapshotDashboardGoesLive() throws {
        let environment = Self.environment("shared-snapshot")
        let store = try Self.store(owner: Self.alice, folderMode: 0o755, environment)
        let runs = try #require(Int(try ForeignClient.strings(store, "SELECT count(*) FROM pipeline_runs").first ?? ""))
        for file in [store + "-wal", store + "-shm"] { unlink(file) }
        let tmux = try TmuxSession(command: ["/usr/bin/setpriv", "--reuid", String(Self.bob), "--regid", String(Self.bob), "--clear-groups",
                                             RepoPaths.binary, "--store", store, "--refresh", "0.5"],
                                   environment: environment.variables, width: 160, height: 48)
        defer { tmux.close() }
        try tmux.send("2")
        let opened = try tmux.waitFor { $0.contains("(snapshot: no live updates)") && $0.contains(" 1/\(runs) ") }
        #expect(opened.matched, "\(opened.screen)")
        #expect(Self.companions(store).isEmpty)
        let write = try Self.run(as: Self.alice, ["record", "run", "--store", store, "--pipeline", "fraud-retrain-live", "--model",
                                                  "card-fraud-detector", "--kind", "training", "--status", "running"], environment)
        #expect(write.status == 0, "\(write.stderr)")
        let live = try tmux.waitFor { $0.contains("(read-only)") && $0.contains("/\(runs + 1) ") }
        #expect(live.matched, "\(live.screen)")
        let again = try Self.run(as: Self.alice, ["record", "run", "--store", store, "--pipeline", "fraud-retrain-live", "--model",
                                                  "card-fraud-detector", "--kind", "training", "--status", "queued"], environment)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try tmux.waitFor("/\(runs + 2) ").matched)
        #expect(Self.companions(store).values.allSatisfy { $0 == Self.alice })
    }
}
