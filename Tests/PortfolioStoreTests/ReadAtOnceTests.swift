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
/// never seen by some parts and not by others.
@Suite("Reads at once")
struct ReadAtOnceTests {
    @Test("The window figures read in parts at once equal those read in one transaction, on the sample and a generated store, at many as-of times and windows")
    func figuresAtOnceEqualOneTransaction() throws {
        let folder = TemporaryFolder("read-at-once")
        let generated = try PortfolioStore.open(path: folder.file("generated.sqlite"))
        defer { try? generated.close() }
        _ = try PortfolioGenerator(store: generated, plan: GenerationPlan(models: 80, runs: 4_000, alerts: 800, metricPoints: 400, seed: 11,
                                                                          asOf: SharedSample.now)).generate()
        for store in [SharedSample.store, generated] {
            for days in [1, 7, 30, 90, 400] {
                for back in [0.0, 3.5, 20, 61.25, 200] {
                    let window = FigureWindow(asOf: SharedSample.now.addingTimeInterval(-back * 86_400), days: days)
                    let atOnce = try store.figures(window, atOnceFrom: 0)
                    #expect(atOnce == (try store.read { try $0.figures(window) }), "\(days) days at \(ISOTime.format(window.asOf))")
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

    @Test("A commit while the parts are read sends them to be read again in one transaction, so they cannot disagree about it")
    func aCommitBetweenThePartsIsSeenByAllOrNone() throws {
        let folder = TemporaryFolder("read-at-once-commit")
        let path = folder.file("store.sqlite")
        let store = try PortfolioStore.open(path: path)
        defer { try? store.close() }
        try ForeignClient.execute(path, "INSERT INTO teams (name) VALUES ('first')")
        let firstRead = DispatchSemaphore(value: 0)
        final class Flag: Sendable { let value = Mutex(false) }
        let committed = Flag()
        let count = "SELECT count(*) FROM teams"
        let results = try store.readAtOnce([
            { @Sendable reader in
                // The first time: the second part has read; another connection commits; then this part reads.
                if !committed.value.withLock({ $0 }) {
                    _ = firstRead.wait(timeout: .now() + 10)
                    try ForeignClient.execute(path, "INSERT INTO teams (name) VALUES ('second')")
                    committed.value.withLock { $0 = true }
                }
                return try Int.fetchOne(reader.db, sql: count) ?? -1
            },
            { @Sendable reader in
                let seen = try Int.fetchOne(reader.db, sql: count) ?? -1
                firstRead.signal()
                return seen
            },
        ])
        #expect(committed.value.withLock { $0 })
        #expect(results == [2, 2])
    }
}
