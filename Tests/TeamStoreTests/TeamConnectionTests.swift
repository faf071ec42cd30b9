import Foundation
@testable import TeamStore
import Testing
import TestSupport

/// One connection to a real PostgreSQL server whose end comes while statements are in flight.
@Suite("Team store connection", .serialized)
struct TeamConnectionTests {
    /// What each connection's thread saw: statements answered, then the error of the last one
    /// and of one sent after it.
    private final class Seen: @unchecked Sendable {
        private let lock = NSLock()
        private var errors: [String] = []
        func add(_ error: any Error) {
            lock.lock()
            defer { lock.unlock() }
            errors.append((error as? TeamStoreError).map { "\($0.problem)" } ?? "\(error)")
        }
        var all: [String] {
            lock.lock()
            defer { lock.unlock() }
            return errors
        }
    }

    @Test("Every statement in flight when the server shuts down fast ends as a lost connection, and so does one sent after it")
    func statementsEndWithTheServer() throws {
        let server = try PostgresServer(label: "pg-shutdown")
        defer { server.stop() }
        let url = try server.newDatabase("shutdown")
        let host = try TeamReplicaTests.Host(url, server)
        // postgres-nio left about one in four of these unanswered for ever before the close answered them.
        for round in 0..<5 {
            let connections = try (0..<4).map { _ in try TeamConnection.open(host.address, environment: host.environment, readOnly: true) }
            let seen = Seen(), ended = DispatchSemaphore(value: 0)
            for connection in connections {
                Thread {
                    while true {
                        do { try connection.query("SELECT 1") } catch { seen.add(error); break }
                    }
                    do { try connection.query("SELECT 1") } catch { seen.add(error) }
                    connection.close()
                    ended.signal()
                }.start()
            }
            Thread.sleep(forTimeInterval: 0.2)
            try server.stopServer()
            // A generous bound on a loaded machine: what hangs, hangs for ever.
            let endedCount = connections.filter { _ in ended.wait(timeout: .now() + 30) == .success }.count
            #expect(endedCount == connections.count, "round \(round): \(connections.count - endedCount) statements were never answered")
            #expect(seen.all.count == 2 * endedCount && seen.all.allSatisfy { $0.hasPrefix("lostConnection") || $0.hasPrefix("unreachable") },
                    "round \(round): \(seen.all)")
            try server.startServer()
        }
    }
}
