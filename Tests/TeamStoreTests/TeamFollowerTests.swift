import Foundation
import GRDB
@testable import PortfolioStore
import Testing
@testable import TeamStore
import TestSupport

/// A dashboard's follower against a real PostgreSQL server that goes silent: its processes
/// paused, so connections stay open and nothing answers — no error comes, for a long time.
@Suite("Team store follower", .serialized)
struct TeamFollowerTests {
    /// Whether `condition` held within `seconds`, asked every tenth of a second.
    static func eventually(within seconds: TimeInterval, _ condition: () throws -> Bool) rethrows -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return try condition()
    }

    /// `body`'s result if it finishes within `seconds` (on a thread of its own), else nil: what
    /// would wait on a silent server fails the test instead of holding the suite.
    static func finishes<T: Sendable>(within seconds: TimeInterval, _ body: @escaping @Sendable () -> T) -> T? {
        let outcome = Outcome<T>(), done = DispatchSemaphore(value: 0)
        Thread {
            outcome.value = body()
            done.signal()
        }.start()
        return done.wait(timeout: .now() + seconds) == .success ? outcome.value : nil
    }

    private final class Outcome<T>: @unchecked Sendable { var value: T? }

    @Test("A server that stops answering without closing its connections shows as unreachable since its last answer; the outage ends when it answers again, and stopping never waits on it")
    func silentServer() throws {
        let server = try PostgresServer(label: "pg-silent")
        defer { server.stop() }
        let url = try server.newDatabase("silent")
        let watching = try TeamReplicaTests.Host(url, server), writing = try TeamReplicaTests.Host(url, server)
        let store = try watching.open(), writer = try writing.open()
        defer { try? store.close(); try? writer.close() }
        let replica = try #require(store.upstream as? TeamReplica)
        let follower = TeamFollower(store: store, replica: replica, environment: watching.environment,
                                    pollInterval: 0.5, retryAtMost: 1, answerWithin: 5)
        follower.start()
        defer { follower.stop() }

        func modelCount() throws -> Int { try store.read { try Int.fetchOne($0.db, sql: "SELECT count(*) FROM models") } ?? 0 }
        try writer.write { try $0.db.execute(sql: TeamReplicaTests.team) }
        #expect(try Self.eventually(within: 30) { try modelCount() == 1 }, "another host's write did not arrive")

        try server.pause()
        let paused = Date()
        #expect(Self.eventually(within: 30) { replica.unreachableSince != nil }, "a silent server was never shown as unreachable")
        // Since its last answer, which came before the pause: not since the question that went
        // unanswered gave up, 5 s after it was asked (a second's leeway for the answer's noting).
        #expect((replica.unreachableSince ?? .distantFuture) <= paused.addingTimeInterval(1))

        try server.resume()
        #expect(Self.eventually(within: 30) { replica.unreachableSince == nil }, "the outage did not end when the server answered again")
        try writer.write { try $0.db.execute(sql: "INSERT INTO teams (id, name) VALUES (2, 'risk')") }
        #expect(try Self.eventually(within: 30) { try store.read { try Int.fetchOne($0.db, sql: "SELECT count(*) FROM teams") } == 2 },
                "no catch-up after the silence")

        // Silent again: a question given a time to be answered in counts as a lost connection once
        // it has passed, and closes the connection; the follower, stopped, lets go instead of waiting.
        let direct = try TeamConnection.open(watching.address, environment: watching.environment, readOnly: true)
        defer { direct.close() }
        try server.pause()
        let problem = Self.finishes(within: 30) { () -> TeamStoreError.Problem? in
            do {
                try direct.query("SELECT 1", atMost: 1)
                return nil
            } catch {
                return (error as? TeamStoreError)?.problem
            }
        }
        #expect(problem.map { if case .lostConnection? = $0 { true } else { false } } == true, "\(String(describing: problem))")
        #expect(Self.eventually(within: 30) { direct.isClosed }, "the connection that was not answered stayed open")
        #expect(Self.finishes(within: 30) { follower.stop() } != nil, "stopping the follower waited on a silent server")
        try server.resume()
    }
}
