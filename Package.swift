// swift-tools-version:6.0
import PackageDescription

// Modules depend one way: Portfolio (domain) → PortfolioStore → Dashboard (view-models)
// → Render (cell grid) → TerminalUI (the only ncurses caller) → oversight (the CLI).
let package = Package(
    name: "Oversight",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "oversight", targets: ["oversight"]),
        // The modules under the CLI, for the benchmark package in Benchmarks/ (kept out of this
        // package so the test build never compiles it).
        .library(name: "OversightCore", targets: ["Portfolio", "PortfolioStore", "Dashboard", "Render", "TerminalUI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // The team store: PostgreSQL as the system of record (docs/TEAM-STORE.md).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        // An MLflow tracking server, read over its REST API (docs/FEEDING.md).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // Tests only: property checks that feed extreme values through every formatter and widget.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        .target(name: "Portfolio"),
        .target(
            name: "PortfolioStore",
            dependencies: [
                "Portfolio",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        // The team store: a PostgreSQL database as the system of record, each host's SQLite store
        // its read model, kept in step by change sequence (docs/TEAM-STORE.md).
        .target(
            name: "TeamStore",
            dependencies: [
                "Portfolio", "PortfolioStore",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // An MLflow tracking server read over its REST API 2.0 into the one MLflow mapping the
        // file importer also feeds (docs/FEEDING.md).
        .target(
            name: "MLflowREST",
            dependencies: [
                "Portfolio", "PortfolioStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The bundled sample's own generator (`generate --profile sample`): it writes the import
        // format, so it needs only the domain's vocabulary; its helpers stay out of the store's namespace.
        .target(name: "SampleProfile", dependencies: ["Portfolio"]),
        .target(name: "Dashboard", dependencies: ["Portfolio", "PortfolioStore"]),
        .target(
            name: "Render",
            dependencies: ["Portfolio", "PortfolioStore", "Dashboard", .product(name: "Yams", package: "Yams")]
        ),
        .systemLibrary(
            name: "CNcurses",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(name: "TerminalUI", dependencies: ["CNcurses", "Portfolio", "Render", "Dashboard"]),
        .executableTarget(
            name: "oversight",
            dependencies: [
                "Portfolio", "PortfolioStore", "Dashboard", "Render", "TerminalUI", "SampleProfile", "TeamStore", "MLflowREST",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "TestSupport",
            dependencies: ["Portfolio", "PortfolioStore", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Tests/TestSupport"
        ),
        .testTarget(
            name: "PortfolioStoreTests",
            dependencies: ["PortfolioStore", "Portfolio", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "DashboardTests", dependencies: ["Dashboard", "PortfolioStore", "Portfolio", "TestSupport",
                                                           .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(
            name: "RenderTests",
            dependencies: ["Render", "Dashboard", "PortfolioStore", "Portfolio", "TestSupport",
                           .product(name: "PropertyBased", package: "swift-property-based")],
            exclude: ["Goldens"]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["TestSupport", "PortfolioStore", "Portfolio", "Dashboard"]),
        .testTarget(name: "TeamStoreTests", dependencies: ["TeamStore", "TestSupport", "PortfolioStore", "Portfolio",
                                                           .product(name: "GRDB", package: "GRDB.swift")]),
    ],
    swiftLanguageModes: [.v6]
)
