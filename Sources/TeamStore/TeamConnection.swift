import Foundation
import GRDB
import Logging
import NIOCore
import NIOSSL
import PostgresNIO

/// One connection to a team store's PostgreSQL server, used from ordinary threads: each call
/// waits for its answer. (The store's writes run inside a local SQLite transaction on GRDB's
/// writer queue, where there is no async context to await in.) Every failure is a
/// `TeamStoreError` that names the server and says what failed.
final class TeamConnection: @unchecked Sendable {
    let address: TeamStoreAddress
    private let connection: PostgresConnection
    private let logger: Logger

    private init(address: TeamStoreAddress, connection: PostgresConnection, logger: Logger) {
        self.address = address
        self.connection = connection
        self.logger = logger
    }

    /// How long a connection attempt may take before the server counts as unreachable.
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

    /// Runs one statement and returns its rows.
    @discardableResult
    func query(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> [PostgresRow] {
        do {
            return try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger).wait().rows
        } catch {
            throw TeamStoreError.from(error, address: address)
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
        final class Outcome: @unchecked Sendable { var error: (any Error)? }
        let outcome = Outcome(), done = DispatchSemaphore(value: 0)
        let connection = self.connection, logger = self.logger
        Task {
            do {
                try await connection.copyFrom(table: table, columns: columns, logger: logger) { writer in try await writer.write(data) }
            } catch {
                outcome.error = error
            }
            done.signal()
        }
        done.wait()
        if let error = outcome.error { throw TeamStoreError.from(error, address: address) }
    }

    /// Calls `handler` (on the connection's event loop) with the payload of every notification on
    /// `channel`; returns what stops it. The server sends them only while this connection lives.
    func listen(_ channel: String, _ handler: @escaping @Sendable (String) -> Void) throws -> PostgresListenContext {
        let context = connection.addListener(channel: channel) { _, notification in handler(notification.payload) }
        try query("LISTEN \(channel)")
        return context
    }

    var isClosed: Bool { connection.isClosed }

    func close() {
        try? connection.close().wait()
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
