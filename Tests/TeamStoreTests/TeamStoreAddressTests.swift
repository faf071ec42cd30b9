import Foundation
@testable import TeamStore
import Testing
import TestSupport

/// A team store's URL and its password, found the way libpq finds them and never shown.
@Suite("Team store address")
struct TeamStoreAddressTests {
    static let environment = ["USER": "ana", "HOME": "/nonexistent"]

    @Test("Both schemes, the parts, the defaults and the two parameters are read")
    func parts() throws {
        let full = try TeamStoreAddress("postgresql://ci%2Dwriter@db.example.org:6543/portfolio?sslmode=verify-full&application_name=ci",
                                        environment: Self.environment)
        #expect(full.user == "ci-writer" && full.host == "db.example.org" && full.port == 6543 && full.database == "portfolio")
        #expect(full.sslMode == .verifyFull && full.applicationName == "ci")
        let bare = try TeamStoreAddress("postgres://db", environment: Self.environment)
        #expect(bare.user == "ana" && bare.port == 5432 && bare.database == "ana" && bare.sslMode == .require && bare.applicationName == "oversight")
        #expect(TeamStoreAddress.isAddress("POSTGRES://x") && TeamStoreAddress.isAddress("postgresql://x"))
        #expect(!TeamStoreAddress.isAddress("/var/lib/oversight/portfolio.sqlite") && !TeamStoreAddress.isAddress("mysql://x"))
    }

    @Test("A wrong URL is refused naming what is wrong, and its password is never in the message", arguments: [
        ("postgres://u:s3cret@h:70000/db", "the port must be from 1 to 65535"),
        ("postgres://u:s3cret@h/db?sslmode=prefer", "sslmode is one of disable, require, verify-full"),
        ("postgres://u:s3cret@h/db?password=x", "unknown parameter 'password'"),
        ("postgres://u:s3cret@h/db/more", "the database is one name"),
    ])
    func refusals(text: String, problem: String) {
        #expect(throws: TeamStoreAddressError.self) { try TeamStoreAddress(text, environment: Self.environment) }
        do {
            _ = try TeamStoreAddress(text, environment: Self.environment)
        } catch {
            #expect("\(error)".contains(problem), "\(error)")
            #expect(!"\(error)".contains("s3cret"), "\(error)")
        }
    }

    @Test("The password comes from the URL (with a warning), else PGPASSWORD, else the password file; the description never holds it")
    func passwordPrecedence() throws {
        let folder = TemporaryFolder("pgpass")
        let file = folder.write("pgpass", """
            # host:port:database:user:password
            other:5432:*:ana:wrong
            db.example.org:5432:portfolio:ana:from\\:file
            *:*:*:*:fallback
            """)
        chmod(file, 0o600)
        var environment = Self.environment
        environment["PGPASSFILE"] = file
        let inURL = try TeamStoreAddress("postgres://ana:in%40url@db.example.org/portfolio", environment: environment)
        #expect(inURL.password(environment: environment).password == "in@url" && inURL.password(environment: environment).source == .url)
        #expect(inURL.passwordWarning?.contains("process list") == true)
        #expect(!inURL.description.contains("in@url") && !TeamStoreAddress.redacted("postgres://ana:in%40url@db/p").contains("in%40url"))

        let plain = try TeamStoreAddress("postgres://ana@db.example.org/portfolio", environment: environment)
        #expect(plain.passwordWarning == nil)
        #expect(plain.password(environment: environment).password == "from:file")
        #expect(plain.password(environment: environment).source == .passwordFile)
        var withVariable = environment
        withVariable["PGPASSWORD"] = "from-variable"
        #expect(plain.password(environment: withVariable).password == "from-variable")
        let elsewhere = try TeamStoreAddress("postgres://bo@elsewhere:7000/x", environment: environment)
        #expect(elsewhere.password(environment: environment).password == "fallback")

        // Like libpq, a password file others may read is ignored.
        chmod(file, 0o644)
        #expect(plain.password(environment: environment).source == .none)
    }
}
