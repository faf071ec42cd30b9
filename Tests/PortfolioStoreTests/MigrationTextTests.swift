@testable import PortfolioStore
import Testing
import TestSupport

/// Migrations are frozen: a store made by any build and one made today must hold the same objects
/// for the same migration names. A migration's file may say its text more briefly (one statement
/// written once and used by each trigger that runs it), but what it runs must stay byte for byte
/// what shipped: this test holds the hash of each one's SQL as it landed.
@Suite("Migration texts")
struct MigrationTextTests {
    /// FNV-1a (64 bit) of each SQL migration's text, recorded when it landed. A new migration adds
    /// its line; a changed hash means a shipped migration would run another text: make a new one.
    static let shipped: [String: String] = [
        "v1-portfolio": "98ad3b84e76beeb0",
        "v2-scale-indexes": "7e83816d7614980c",
        "v3-figures-indexes": "f21f59a920b29b05",
        "v5-kept-totals": "bc42aa5bfaffea9f",
        "v6-run-search": "e901f9194f5c35d4",
        "v7-run-sorts": "8c4c83d1a291df13",
        "v8-value-types": "8fb34ea9d69ee96",
        "v10-upstream": "bc1b31a7954725c1",
        "v11-import-cursors": "cd5b515a0d80e7c9",
        "v12-run-days": "ab7bcfa681b50e5f",
        "v13-deployment-facts": "1a3818357829fb23",
        "v14-alert-facts": "4333d1a82a66337d",
        "v15-actor-days": "f39bef5f19af08ba",
        "v16-kept-look-ups": "e025b53f5fe82d61",
        "v17-restoration-facts": "2dd1a008b5cc4361",
        "v18-points-by-time": "260a83f8fe6e4312",
        "v19-run-weeks": "a9d3297247aa4e32",
        "v20-alert-weeks": "c56c028eda9416dd",
    ]

    static func hash(_ text: String) -> String {
        var hasher = FNV1a()
        hasher.add(text)
        return String(hasher.value, radix: 16)
    }

    @Test("Every migration written as SQL runs, byte for byte, the text it shipped with")
    func migrationsRunTheirShippedText() {
        let written = StoreSchema.migrations.compactMap { migration in migration.sql.map { (migration.id, Self.hash($0)) } }
        for (id, hash) in written {
            #expect(Self.shipped[id] == hash, "\(id): runs a text hashing to \(hash), not the shipped \(Self.shipped[id] ?? "(none recorded)")")
        }
        #expect(Set(Self.shipped.keys) == Set(written.map(\.0)))
    }
    @Test("v4 and v9, which run code around their SQL, run the SQL they shipped with")
    func codeMigrationsRunTheirShippedSQL() {
        #expect(Self.hash(StoreSchema.v4SQL) == "588d8e88b7fc7cec")
        let v9 = StoreSchema.convergedObjects.map { "\($0.type) \($0.name)\n\($0.sql)" } + [StoreSchema.runSearchFill]
        #expect(Self.hash(v9.joined(separator: "\n")) == "ec252e0a2e5faa77")
    }
}
