import Foundation
import GRDB
import Logging
import NIOCore
import NIOSSL
import PostgresNIO
import Synchronization

/// One connection to a team store's PostgreSQL server, used from ordinary threads: each call
/// waits for its answer. (The store's writes run inside a local SQLite transaction on GRDB's
/// writer queue, where there is no async context to await in.) Every failure is a
/// `TeamStoreError` that names the server and says what failed.
final class TeamConnection: @unchecked Sendable {
    let address: TeamStoreAddress
    private let connection: PostgresConnection
    private let logger: Logger
    /// Fails the statement waiting for its answer, if one is. postgres-nio (1.33) can leave a
    /// statement in flight unanswered for ever when the server ends the connection under it (a
    /// fast shutdown: measured, about one connection in four), and one sent on a closed
    /// connection too; so the connection's close answers it.
    private let inFlight = Mutex<(@Sendable (any Error) -> Void)?>(nil)

    private init(address: TeamStoreAddress, connection: PostgresConnection, logger: Logger) {
        self.address = address
        self.connection = connection
        self.logger = logger
        connection.closeFuture.whenComplete { [weak self] _ in self?.failInFlight() }
    }

    private func failInFlight() {
        inFlight.withLock { $0.take() }?(TeamStoreError(address, .lostConnection("the server closed the connection")))
    }

    /// How long connecting and logging in may take before the server counts as unreachable
    /// (postgres-nio holds the login to it too).
    static let connectTimeout: TimeAmount = .seconds(5)

    /// Connects and logs in; `readOnly` makes every transaction of the session read-only on the
    /// server, so a reader's role needs SELECT only and a writer's mistake cannot write.
    static func open(_ address: TeamStoreAddress, environment: [String: String], readOnly: Bool) throws -> TeamConnection {
        var logger = Logger(label: "oversight.team-store")
        logger.logLevel = .critical
        let tls: PostgresConnection.Configuration.TLS
        do {
            switch address.sslMode {
            case .disable:
                tls = .disable
            case .require:
                // libpq's `require`: encrypted, the server's certificate not checked.
                var configuration = TLSConfiguration.makeClientConfiguration()
                configuration.certificateVerification = .none
                tls = .require(try NIOSSLContext(configuration: configuration))
            case .verifyFull:
                tls = .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
            }
        } catch {
            throw TeamStoreError(address, .unreachable("cannot set up TLS: \(error)"))
        }
        var configuration = PostgresConnection.Configuration(
            host: address.host, port: address.port, username: address.user,
            password: address.password(environment: environment).password, database: address.database, tls: tls)
        configuration.options.connectTimeout = connectTimeout
        if address.sslMode == .verifyFull { configuration.options.tlsServerName = address.host }
        configuration.options.additionalStartupParameters = [("application_name", address.applicationName)]
        if readOnly { configuration.options.additionalStartupParameters.append(("default_transaction_read_only", "on")) }
        do {
            let connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 1, logger: logger).wait()
            return TeamConnection(address: address, connection: connection, logger: logger)
        } catch {
            throw TeamStoreError.from(error, address: address)
        }
    }

    /// Runs one statement and returns its rows. With `atMost`, a statement the server has not
    /// answered within that many seconds counts as a lost connection, which is closed: for the
    /// questions that must stay cheap (a follower's), never for a write that may wait its turn.
    @discardableResult
    func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings(), atMost seconds: TimeInterval? = nil) throws -> [PostgresRow] {
        let answer = Answer<PostgresQueryResult>()
        connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).whenComplete { answer.give($0) }
        guard let rows = try wait(for: answer, atMost: seconds)?.rows else {
            connection.close().whenComplete { _ in }
            throw TeamStoreError(address, .lostConnection("no answer within \(Int(seconds ?? 0)) s"))
        }
        return rows
    }

    /// `answer`'s value, or its error (a `TeamStoreError`), given by the server or by the
    /// connection's close; nil when `seconds` pass first (without them, as long as it takes).
    private func wait<T: Sendable>(for answer: Answer<T>, atMost seconds: TimeInterval?) throws -> T? {
        inFlight.withLock { $0 = { answer.give(.failure($0)) } }
        defer { inFlight.withLock { $0 = nil } }
        // Closed before the close could find the statement in flight.
        if connection.isClosed { failInFlight() }
        do {
            return try answer.wait(atMost: seconds)?.get()
        } catch {
            throw TeamStoreError.from(error, address: address)
        }
    }

    /// An outcome handed from another thread (the event loop's, a task's) to the one waiting for
    /// it: the first given, for a statement's answer and its connection's close may both come.
    private final class Answer<T: Sendable>: Sendable {
        private let outcome = Mutex<Result<T, any Error>?>(nil)
        private let given = DispatchSemaphore(value: 0)

        func give(_ result: Result<T, any Error>) {
            let first = outcome.withLock { outcome in
                guard outcome == nil else { return false }
                outcome = result
                return true
            }
            if first { given.signal() }
        }

        /// The outcome, once given; nil when `seconds` pass first (forever without them).
        func wait(atMost seconds: TimeInterval?) -> Result<T, any Error>? {
            if let seconds {
                guard given.wait(timeout: .now() + seconds) == .success else { return nil }
            } else {
                given.wait()
            }
            return outcome.withLock { $0 }
        }
    }

    /// Runs a migration's statements one by one: each ends with a semicolon at the end of a line
    /// (postgres-nio sends every query as a prepared statement, which holds one command).
    func execute(_ sql: String) throws {
        for statement in sql.components(separatedBy: ";\n") {
            let text = statement.trimmingCharacters(in: .whitespacesAndNewlines.union(CharacterSet(charactersIn: ";")))
            if !text.isEmpty { try query(text) }
        }
    }

    /// Streams `data`, rows in COPY's text format, into `table`'s `columns`: many rows at the cost
    /// of few. (postgres-nio offers COPY as async only; the caller waits for it here, off the
    /// concurrency pool's threads.)
    func copy(into table: String, columns: [String], data: ByteBuffer) throws {
        let answer = Answer<Bool>()
        let connection = self.connection, logger = self.logger
        Task {
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in try await writer.write(data) }
                answer.give(.success(true))
            } catch {
                answer.give(.failure(error))
            }
        }
        _ = try wait(for: answer, atMost: nil)
    }

    /// Calls `handler` (on the connection's event loop) with the payload of every notification on
    /// `channel`; returns what stops it. The server sends them only while this connection lives.
    func listen(_ channel: String, atMost seconds: TimeInterval,
                _ handler: @escaping @Sendable (String) -> Void) throws -> PostgresListenContext {
        let context = connection.addListener(channel: channel) { _, notification in handler(notification.payload) }
        try query("LISTEN \(channel)", atMost: seconds)
        return context
    }

    var isClosed: Bool { connection.isClosed }

    /// Closes the connection, waiting a few seconds at most for it to let go: a silent server is
    /// not waited on, beyond the 5 s TLS gives it to answer the close.
    func close() {
        let closed = Answer<Void>()
        connection.close().whenComplete { closed.give($0) }
        _ = closed.wait(atMost: 6)
    }
}

extension PostgresCell {
    /// The cell as a value of the local store, read as the local column's kind says.
    func localValue(_ kind: ReplicatedTable.Kind) throws -> DatabaseValue {
        switch kind {
        case .integer: try decode(Int64?.self).databaseValue
        case .real: try decode(Double?.self).databaseValue
        case .text: try decode(String?.self).databaseValue
        }
    }
}
