// swift-tools-version:6.0
import PackageDescription

// The benchmark of Oversight, a package of its own so the main package's test build never compiles
// it. Run it with scripts/bench.sh (release mode); it depends on the main package by path.
let package = Package(
    name: "OversightBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Oversight", path: ".."),
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
    ],
    targets: [
        .executableTarget(
            name: "OversightBenchmarks",
            dependencies: [
                .product(name: "OversightCore", package: "Oversight"),
                // The bare SQLite C API, for the floor the dashboard's queries are compared with.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // Reading a store's names for the fleet's lines.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
