import Foundation
import PostgresNIO

/// Why a team store could not be reached, opened or written, naming the server, the user and the
/// database and saying what failed — never the password.
public struct TeamStoreError: Error, CustomStringConvertible, Equatable {
    public enum Problem: Equatable, Sendable {
        case unreachable(String)
        case authentication(String)
        case missingDatabase
        case permissionDenied(String)
        case newerSchema([String])
        case notATeamStore
        case readOnly
        case busy(TimeInterval)
        case lostConnection(String)
        case replaced
        case refused(String)
    }

    public var address: TeamStoreAddress
    public var problem: Problem

    public init(_ address: TeamStoreAddress, _ problem: Problem) {
        self.address = address
        self.problem = problem
    }

    /// Whether the server could not be reached or the connection broke: worth trying again.
    public var isConnectionLost: Bool {
        switch problem {
        case .unreachable, .lostConnection: true
        default: false
        }
    }

    private var whereAndWho: String {
        "host \(address.host), port \(address.port), user \(address.user), database \(address.database)"
    }

    public var description: String {
        let store = "the team store \(address)"
        switch problem {
        case let .unreachable(reason):
            return "cannot reach \(store) (\(whereAndWho)): \(reason)"
        case let .authentication(reason):
            return "\(store) refused the login (\(whereAndWho)): \(reason); give the password as PGPASSWORD or in ~/.pgpass (docs/TEAM-STORE.md)"
        case .missingDatabase:
            return "\(store): the server has no database \(address.database) (\(whereAndWho)); create it with `createdb \(address.database)` or ask the server's administrator"
        case let .permissionDenied(reason):
            return "\(store): permission denied (\(whereAndWho)): \(reason); a reader role may only read, writers need INSERT and UPDATE (docs/TEAM-STORE.md)"
        case let .newerSchema(unknown):
            return "\(store) was written by a newer Oversight (schema \(unknown.sorted().joined(separator: ", "))); upgrade Oversight to open it. Nothing was changed."
        case .notATeamStore:
            return "\(store) (\(whereAndWho)) holds no Oversight team store; create one with `oversight init \(address)` (a read never creates one)"
        case .readOnly:
            return "read-only mode (--read-only or OVERSIGHT_READ_ONLY): refusing to write to \(store)"
        case let .busy(waited):
            return "\(store) is busy: another writer held its write lock for over \(Int(max(1, waited.rounded()))) s; try again"
        case let .lostConnection(reason):
            return "lost the connection to \(store) (\(whereAndWho)): \(reason); nothing of this write was stored"
        case .replaced:
            return "\(store) was made anew since this host last read it; run the command again to read the new one"
        case let .refused(reason):
            return "\(store) (\(whereAndWho)) refused: \(reason)"
        }
    }

    /// The team store error for what postgres-nio or the server said.
    static func from(_ error: any Error, address: TeamStoreAddress) -> TeamStoreError {
        if let known = error as? TeamStoreError { return known }
        if let transaction = error as? PostgresTransactionError {
            return from(transaction.closureError ?? transaction.beginError ?? transaction.commitError ?? error, address: address)
        }
        guard let psql = error as? PSQLError else {
            return TeamStoreError(address, .unreachable(Self.words(error)))
        }
        if let info = psql.serverInfo {
            let state = info[.sqlState] ?? ""
            let message = info[.message] ?? "\(psql.code)"
            switch state {
            case "28P01", "28000": return TeamStoreError(address, .authentication(message))
            case "3D000": return TeamStoreError(address, .missingDatabase)
            case "42501": return TeamStoreError(address, .permissionDenied(message))
            case "25006": return TeamStoreError(address, .readOnly)
            case "55P03": return TeamStoreError(address, .busy(0))
            case "57P01", "57P02", "57P03", "08000", "08003", "08006":
                return TeamStoreError(address, .lostConnection(message))
            default: return TeamStoreError(address, .refused(state.isEmpty ? message : "\(message) (SQLSTATE \(state))"))
            }
        }
        switch psql.code {
        case .authMechanismRequiresPassword:
            return TeamStoreError(address, .authentication("the server asks for a password and none was found (PGPASSWORD, PGPASSFILE or ~/.pgpass)"))
        case .unsupportedAuthMechanism, .saslError:
            return TeamStoreError(address, .authentication("\(psql.code)"))
        case .sslUnsupported:
            return TeamStoreError(address, .unreachable("the server does not offer TLS; add ?sslmode=disable to the URL only on a trusted network"))
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return TeamStoreError(address, .lostConnection(psql.underlying.map(Self.words) ?? "the server closed the connection"))
        default:
            return TeamStoreError(address, .unreachable(psql.underlying.map(Self.words) ?? "\(psql.code)"))
        }
    }

    /// A lower error in few words: NIO's connection errors say what the socket said. (Every
    /// output cleans text of control characters itself: `Console`, the render.)
    private static func words(_ error: any Error) -> String {
        String(describing: error)
    }
}
