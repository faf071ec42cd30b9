import Dispatch
import Foundation
import GRDB
import Portfolio
import Synchronization
@testable import PortfolioStore
import Testing
import TestSupport

/// `PortfolioStore.readAtOnce` and the window figures read through it: the parts read at once
/// equal the figures read in one transaction, and a commit landing between the parts' reads is
/// never seen by some parts and not by others — also when the store is opened to read once
/// (`mapped`), where the writer connection makes the first read.
@Suite("Reads at once")
struct ReadAtOnceTests {
    @Test("The window figures read in parts at once equal those read in one transaction, on the sample and a generated store, at many as-of times and windows")
    func figuresAtOnceEqualOneTransaction() throws {
        let (folder, generated) = try GeneratedStore.make("read-at-once", models: 80, runs: 4_000, alerts: 800, metricPoints: 400, seed: 11)
        defer { try? generated.close() }
        // The same file opened as `status` opens it: the writer connection reads a group.
        let once = try PortfolioStore.open(path: folder.file("store.sqlite"), readOnly: true, mapped: true)
        defer { try? once.close() }
        #expect(once.readsOnce && !generated.readsOnce)
        for store in [SharedSample.store, generated, once] {
            for days in [1, 7, 30, 90, 400] {
                for back in [0.0, 3.5, 20, 61.25, 200] {
                    let window = FigureWindow(asOf: SharedSample.now.addingTimeInterval(-back * 86_400), days: days)
                    let atOnce = try store.figures(window, atOnceFrom: 0)
                    #expect(atOnce == (try store.read { try $0.figures(window) }), "\(days) days at \(ISOTime.format(window.asOf))")
                    // And beside them, what is read alongside.
                    let (figures, names) = try store.figuresAtOnce(window) { try $0.sortedTeamNames() }
                    #expect(try figures == atOnce && names == store.read { try $0.sortedTeamNames() } && !names.isEmpty)
                    #expect(!atOnce.maturity.isEmpty && atOnce.includesWindowFigures)
                    // The parts' evidence put together is the evidence read whole, team by team.
                    let (teams, evidence) = try store.read { (try $0.teamsByName(), try $0.teamEvidence(asOf: window.asOf)) }
                    let ids = Dictionary(uniqueKeysWithValues: teams.map { ($0.name, $0.id) })
                    for figure in atOnce.maturity {
                        let whole = evidence[ids[figure.team] ?? -1] ?? TeamEvidence()
                        #expect(figure.evidence == MaturityDerivation.evidence(figure.component, whole), "\(figure.team) \(figure.component)")
                    }
                }
            }
        }
    }

    @Test("A commit while the parts are read — by another connection or by this store's own writer — sends them to be read again in one transaction, so they cannot disagree about it; also when the writer connection reads a part",
          arguments: [false, true], [false, true])
    func aCommitBetweenThePartsIsSeenByAllOrNone(ownWriter: Bool, readsOnce: Bool) throws {
        let folder = TemporaryFolder("read-at-once-commit")
        let path = folder.file("store.sqlite")
        let store = try PortfolioStore.open(path: path, mapped: readsOnce)
        defer { try? store.close() }
        try ForeignClient.execute(path, "INSERT INTO teams (name) VALUES ('first')")
        let firstRead = DispatchSemaphore(value: 0)
        final class Flag: Sendable { let value = Mutex(false) }
        let committed = Flag(), firstOnWriter = Flag()
        let count = "SELECT count(*) FROM teams"
        let results = try store.readAtOnce([
            { @Sendable reader in
                // The first part (the writer connection's when it reads): reads, and lets the
                // second go on. Its transaction then ends, so that this store's own write can
                // have the writer connection.
                if !committed.value.withLock({ $0 }) { firstOnWriter.value.withLock { $0 = reader.db.description.hasSuffix(".writer") } }
                let seen = try Int.fetchOne(reader.db, sql: count) ?? -1
                firstRead.signal()
                return seen
            },
            { @Sendable reader in
                // The first time: the first part has read; a commit; then this part reads.
                if !committed.value.withLock({ $0 }) {
                    _ = firstRead.wait(timeout: .now() + 10)
                    if ownWriter {
                        try store.write { try $0.db.execute(sql: "INSERT INTO teams (name) VALUES ('second')") }
                    } else {
                        try ForeignClient.execute(path, "INSERT INTO teams (name) VALUES ('second')")
                    }
                    committed.value.withLock { $0 = true }
                }
                return try Int.fetchOne(reader.db, sql: count) ?? -1
            },
        ])
        #expect(committed.value.withLock { $0 })
        #expect(firstOnWriter.value.withLock { $0 } == readsOnce)
        #expect(results == [2, 2])
    }

    @Test("A part that fails is read again with the others in one transaction, which says what failed")
    func aFailedPartIsReadAgainInOneTransaction() throws {
        let folder = TemporaryFolder("read-at-once-failure")
        let store = try PortfolioStore.open(path: folder.file("store.sqlite"), mapped: true)
        defer { try? store.close() }
        final class Count: Sendable { let value = Mutex(0) }
        let first = Count(), second = Count()
        let parts: [@Sendable (PortfolioReader) throws -> Int] = [
            { @Sendable reader in
                // Fails the first time only, as a part that met a transient error.
                if first.value.withLock({ (n: inout Int) in n += 1; return n == 1 }) { throw CancellationError() }
                return try Int.fetchOne(reader.db, sql: "SELECT count(*) FROM teams") ?? -1
            },
            { @Sendable reader in
                second.value.withLock { $0 += 1 }
                return try Int.fetchOne(reader.db, sql: "SELECT count(*) FROM models") ?? -1
            },
        ]
        #expect(try store.readAtOnce(parts) == [0, 0])
        #expect(first.value.withLock { $0 } == 2 && second.value.withLock { $0 } == 2)
        // Nothing failed and nothing was committed: each part read once, at once.
        #expect(try store.readAtOnce(parts) == [0, 0])
        #expect(first.value.withLock { $0 } == 3 && second.value.withLock { $0 } == 3)
        #expect(throws: DatabaseError.self) {
            _ = try store.readAtOnce([
                { @Sendable reader in try Int.fetchOne(reader.db, sql: "SELECT count(*) FROM no_such_table") ?? -1 },
                { @Sendable _ in 1 },
            ])
        }
    }

    @Test("An interruption of the parts read at once ends the read, even when something was committed meanwhile; also when the writer connection reads a part",
          arguments: [false, true])
    func anInterruptionEndsTheRead(readsOnce: Bool) throws {
        let folder = TemporaryFolder("read-at-once-interrupt")
        let path = folder.file("store.sqlite")
        let store = try PortfolioStore.open(path: path, mapped: readsOnce)
        defer { try? store.close() }
        let running = DispatchSemaphore(value: 0)
        final class Flag: Sendable { let value = Mutex(false) }
        // 20M rows (seconds): a part signals once its statement is running, so the interruption
        // finds it running rather than about to start.
        @Sendable func slow(_ reader: PortfolioReader) throws -> Int {
            let said = Flag()
            reader.db.add(function: DatabaseFunction("running", argumentCount: 0, pure: false) { _ in
                if !said.value.withLock({ (said: inout Bool) in let was = said; said = true; return was }) { running.signal() }
                return 1
            })
            return try Int.fetchOne(reader.db, sql: """
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000000) SELECT count(*) FROM n WHERE running()
                """) ?? 0
        }
        DispatchQueue.global().async {
            _ = running.wait(timeout: .now() + 30)
            _ = running.wait(timeout: .now() + 30)
            try? ForeignClient.execute(path, "INSERT INTO teams (name) VALUES ('meanwhile')")
            store.interrupt()
        }
        #expect(throws: (any Error).self) { _ = try store.readAtOnce([slow, slow]) }
    }
}
