import Foundation
import PortfolioStore

/// Where a team store lives: `postgres://user@host:port/database` (or `postgresql://`), with
/// `?sslmode=disable|require|verify-full` and `application_name`. The password is found the way
/// libpq finds it — in the URL (discouraged: any user on the host sees a command line), else
/// `PGPASSWORD`, else the first matching line of `PGPASSFILE` or `~/.pgpass` — and nothing this
/// type prints ever shows it.
public struct TeamStoreAddress: Sendable, Equatable, CustomStringConvertible {
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, require
        case verifyFull = "verify-full"
    }

    /// Where the password came from, for messages (never the password itself).
    public enum PasswordSource: String, Sendable {
        case url = "the URL"
        case environment = "PGPASSWORD"
        case passwordFile = "the password file"
        case none = "nowhere"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var sslMode: SSLMode
    public var applicationName: String
    /// A password written in the URL itself.
    var urlPassword: String?

    public static let defaultPort = 5432

    /// Whether `text` names a team store rather than a file.
    public static func isAddress(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// `postgres://user@host:port/database`: what a person may be shown (no password).
    public var description: String { "postgres://\(user)@\(host):\(port)/\(database)" }

    /// A warning when the URL holds a password, which other users see in the process list.
    public var passwordWarning: String? {
        urlPassword == nil ? nil : """
            the store URL holds a password, which other users of this host can read in the process list; \
            give it as PGPASSWORD or in ~/.pgpass (docs/TEAM-STORE.md)
            """
    }

    /// Reads `text`; `environment` gives the default user (`PGUSER`, else `USER`).
    public init(_ text: String, environment: [String: String]) throws {
        guard Self.isAddress(text), let components = URLComponents(string: text), components.scheme != nil else {
            throw TeamStoreAddressError(text: Self.redacted(text), problem: "expected postgres://user@host:port/database")
        }
        host = components.host.flatMap { $0.isEmpty ? nil : $0 } ?? "localhost"
        if let port = components.port {
            guard (1...65_535).contains(port) else {
                throw TeamStoreAddressError(text: Self.redacted(text), problem: "the port must be from 1 to 65535")
            }
            self.port = port
        } else {
            port = Self.defaultPort
        }
        user = components.user.flatMap { $0.removingPercentEncoding } ?? environment["PGUSER"] ?? environment["USER"] ?? "postgres"
        urlPassword = components.password.flatMap { $0.removingPercentEncoding }
        let path = (components.percentEncodedPath.removingPercentEncoding ?? "").drop { $0 == "/" }
        guard !path.contains("/") else {
            throw TeamStoreAddressError(text: Self.redacted(text), problem: "the database is one name after the host: postgres://user@host:port/database")
        }
        database = path.isEmpty ? user : String(path)
        // Encrypted unless the URL says otherwise: a team store is reached across hosts.
        sslMode = .require
        applicationName = "oversight"
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(SSLMode.init(rawValue:)) else {
                    throw TeamStoreAddressError(text: Self.redacted(text), problem: """
                        sslmode is one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", ")) (got '\(item.value ?? "")')
                        """)
                }
                sslMode = mode
            case "application_name":
                applicationName = item.value ?? applicationName
            default:
                throw TeamStoreAddressError(text: Self.redacted(text), problem: "unknown parameter '\(item.name)' (sslmode and application_name are known)")
            }
        }
    }

    /// The password and where it came from: the URL, else `PGPASSWORD`, else the password file.
    public func password(environment: [String: String]) -> (password: String?, source: PasswordSource) {
        if let urlPassword { return (urlPassword, .url) }
        if let password = environment["PGPASSWORD"], !password.isEmpty { return (password, .environment) }
        if let password = passwordFromFile(environment: environment) { return (password, .passwordFile) }
        return (nil, .none)
    }

    /// The password file: `PGPASSFILE`, else `~/.pgpass`; like libpq, one readable by others is ignored.
    func passwordFromFile(environment: [String: String]) -> String? {
        let path = environment["PGPASSFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? StoreLocation.homeDirectory(environment) + "/.pgpass"
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & 0o077 == 0,
              let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            let fields = Self.passwordFileFields(String(line))
            guard fields.count == 5 else { continue }
            let wanted = [host, String(port), database, user]
            if zip(fields.prefix(4), wanted).allSatisfy({ $0 == "*" || $0 == $1 }) { return fields[4] }
        }
        return nil
    }

    /// `host:port:database:user:password`, where `\:` and `\\` stand for `:` and `\`.
    static func passwordFileFields(_ line: String) -> [String] {
        var fields = [""], escaped = false
        for character in line {
            if escaped {
                fields[fields.count - 1].append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == ":", fields.count < 5 {
                fields.append("")
            } else {
                fields[fields.count - 1].append(character)
            }
        }
        return fields
    }

    /// `text` with any password between `:` and `@` of its authority replaced, for messages.
    public static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://") else { return text }
        let rest = text[scheme.upperBound...]
        let authority = rest[..<(rest.firstIndex { "/?#".contains($0) } ?? rest.endIndex)]
        guard let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") else { return text }
        return String(text[..<scheme.upperBound]) + rest[..<colon] + ":***" + rest[at...]
    }
}

/// A team store URL that cannot be read, named without its password.
public struct TeamStoreAddressError: Error, CustomStringConvertible, Equatable {
    public var text: String
    public var problem: String

    public var description: String { "\(text): \(problem)" }
}
