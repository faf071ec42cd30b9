import Foundation
import GRDB
import Portfolio
@testable import PortfolioStore
import Testing
import TeamStore
import TestSupport

/// The store's behaviour on both backends from one suite: a store file, and a team store on a
/// real PostgreSQL server (read through a host's copy). Import, re-import, the figures, every
/// lifecycle action on a stored alert, a stream of writer events and the kept totals must come
/// out the same; on the team store a second host must read exactly what the first wrote.
@Suite("The store on both backends")
struct BothBackendsTests {
    enum Backend: String, CaseIterable, CustomTestStringConvertible {
        case file, team
        var testDescription: String { rawValue }
    }

    /// An open store of one backend, and what must live as long as it does.
    final class Opened {
        let store: PortfolioStore
        let folder: TemporaryFolder
        /// A second host's view of the same store (the file itself, for a file).
        let reopen: () throws -> PortfolioStore

        init(_ backend: Backend, _ label: String) throws {
            let folder = TemporaryFolder("both-\(label)")
            self.folder = folder
            switch backend {
            case .file:
                let path = folder.file("portfolio.sqlite")
                store = try PortfolioStore.open(path: path)
                reopen = { try PortfolioStore.open(path: path, readOnly: true) }
            case .team:
                let server = try PostgresServer.shared.get()
                let url = try server.newDatabase(label)
                let environment = server.clientEnvironment
                let address = try TeamStoreAddress(url, environment: environment)
                store = try TeamStore.open(address, environment: environment, readOnly: false, creating: true, cacheFolder: folder.file("host-a"))
                reopen = { try TeamStore.open(address, environment: environment, readOnly: true, creating: false, cacheFolder: folder.file("host-b")) }
            }
        }

        deinit { try? store.close() }
    }

    static let window = FigureWindow(asOf: ISOTime.parse("2026-01-12T09:00:00Z")!, days: 30)

    static func importSample(_ store: PortfolioStore) throws -> ImportSummary {
        try PortfolioImporter(store: store).importFiles([RepoPaths.sampleData])
    }

    @Test("The sample imports once, a second import changes nothing, and the figures and kept totals are the file store's", arguments: Backend.allCases)
    func importAndFigures(_ backend: Backend) throws {
        let opened = try Opened(backend, "import")
        let first = try Self.importSample(opened.store)
        #expect(first.changed == first.records && first.records > 10_000)
        let again = try Self.importSample(opened.store)
        #expect(again.changed == 0, "\(again.counts)")

        let reference = try Opened(.file, "reference")
        _ = try Self.importSample(reference.store)
        let expected = try reference.store.read { try $0.figures(Self.window) }
        #expect(try opened.store.read { try $0.figures(Self.window) } == expected)
        let other = try opened.reopen()
        defer { try? other.close() }
        #expect(try other.read { try $0.figures(Self.window) } == expected, "another host reads other figures")
        #expect(try StoreDoctor.examine(other).isEmpty)
    }

    @Test("Every lifecycle action on a stored alert is saved or refused as on the file store, one event per success", arguments: Backend.allCases)
    func lifecycle(_ backend: Backend) throws {
        let actions: [AlertAction] = [.acknowledge, .acknowledge, .assign(to: "Chloe Martin"), .note("looked at the feed"),
                                      .snooze(until: ISOTime.parse("2030-01-01T00:00:00Z")!), .resolve(note: "retrained"),
                                      .acknowledge, .snooze(until: ISOTime.parse("2030-01-01T00:00:00Z")!), .reopen, .resolve(note: nil)]
        func outcomes(_ store: PortfolioStore) -> [String] {
            actions.enumerated().map { index, action in
                let at = ISOTime.parse("2026-01-12T10:00:00Z")!.addingTimeInterval(Double(index) * 60)
                do {
                    let alert = try store.write { try $0.apply(action, toAlert: "alert-0071", actor: "tester", at: at) }
                    return "\(alert.status.rawValue) \(alert.assignee ?? "-")"
                } catch {
                    return "refused: \(error)"
                }
            }
        }
        let opened = try Opened(backend, "lifecycle"), reference = try Opened(.file, "lifecycle-reference")
        _ = try Self.importSample(opened.store)
        _ = try Self.importSample(reference.store)
        let got = outcomes(opened.store)
        #expect(got == outcomes(reference.store))
        #expect(got.filter { $0.hasPrefix("refused") }.count >= 2, "\(got)")
        let other = try opened.reopen()
        defer { try? other.close() }
        let events = try other.read { try Int.fetchOne($0.db, sql: """
            SELECT count(*) FROM alert_events e JOIN drift_alerts a ON a.id = e.alert_id WHERE a.external_id = 'alert-0071' AND e.actor = 'tester'
            """) }
        #expect(events == got.filter { !$0.hasPrefix("refused") }.count)
    }

    @Test("A stream of writer events (runs, metrics, drift checks) keeps the kept totals right, on this host and another", arguments: Backend.allCases)
    func writerEvents(_ backend: Backend) throws {
        let opened = try Opened(backend, "events")
        _ = try Self.importSample(opened.store)
        var lines: [String] = []
        for i in 0..<60 {
            let at = "2026-01-1\(i % 3)T0\(i % 10):00:00Z"
            lines.append(#"{"type":"run","id":"ci-\#(i)","pipeline":"fraud-train","model":"card-fraud-detector","kind":"\#(i % 2 == 0 ? "training" : "deployment")","status":"\#(i % 5 == 0 ? "failed" : "succeeded")","started":"\#(at)","finished":"\#(at)"}"#)
            lines.append(#"{"type":"metric","model":"churn-propensity","name":"auc","value":0.\#(70 + i % 20),"at":"\#(at)"}"#)
            lines.append(#"{"type":"alert","model":"card-fraud-detector","feature":"f\#(i % 4)","method":"psi","score":0.\#(20 + i % 30),"threshold":0.25}"#)
        }
        let file = opened.folder.write("events.ndjson", lines.joined(separator: "\n") + "\n")
        let handle = try #require(FileHandle(forReadingAtPath: file))
        let summary = try EventIngester(store: opened.store, skipInvalid: false).ingest(handle, label: "events.ndjson")
        #expect(summary.lines == 180 && summary.skipped == 0)
        #expect(try StoreDoctor.examine(opened.store).isEmpty)
        let other = try opened.reopen()
        defer { try? other.close() }
        #expect(try StoreDoctor.examine(other).isEmpty)
        #expect(try other.read { try $0.rowCounts() } == opened.store.read { try $0.rowCounts() })
        #expect(try other.read { try $0.figures(Self.window) } == opened.store.read { try $0.figures(Self.window) })
    }
}
