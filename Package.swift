// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "audit",
    products: [
        .executable(name: "audit", targets: ["audit-cli"]),
        .library(name: "Stats", targets: ["Stats"]),
        .library(name: "Claims", targets: ["Claims"]),
        .library(name: "Compare", targets: ["Compare"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    ],
    targets: [
        // OpenBLAS (cblas_*) + LAPACKE (Debian: libopenblas-dev, liblapacke-dev).
        // Headers only: the shared objects are opened with dlopen on first use (Stats/Linear/BLASLibrary.swift).
        .systemLibrary(
            name: "COpenBLAS",
            path: "Sources/COpenBLAS",
            providers: [.apt(["libopenblas-dev", "liblapacke-dev"])]
        ),
        .target(
            name: "Stats",
            dependencies: [
                "COpenBLAS",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            exclude: ["README.md"],
            // The numerics are optimised even in debug builds, so `swift test` runs its reference
            // comparisons (10⁴ resamples per case) in seconds; tests still see internals (@testable).
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
        ),
        .target(name: "Claims", dependencies: ["Stats"]),
        .target(name: "Compare", dependencies: ["Stats", "Claims"]),
        .executableTarget(
            name: "audit-cli",
            dependencies: [
                "Stats", "Claims", "Compare",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // A release `audit` carries the Swift runtime inside it: dynamic loading of the runtime's
            // shared objects was a third of every command's start-up time (benchmarks/perf/README.md).
            // swift-argument-parser imports FoundationEssentials when it exists, so its static archive and
            // the three it depends on are named for the linker (they ship in the toolchain's swift_static;
            // Synchronization is linked implicitly only while some module of ours imports it).
            // tools/link holds a linker script named libstdc++.so that links GCC's static libstdc++.a instead
            // (the Swift runtime's C++ support library; loading the shared one cost ~0.4 ms per command).
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-L", Context.packageDirectory + "/tools/link", "-Xlinker", "-lFoundationEssentials", "-Xlinker", "-l_FoundationCollections", "-Xlinker", "-l_FoundationCShims", "-Xlinker", "-lswiftSynchronization"], .when(configuration: .release))]
        ),
        // The coverage study (benchmarks/coverage): a long-running program, not a test.
        .executableTarget(name: "audit-coverage", dependencies: ["Stats"]),
        .testTarget(
            name: "StatsTests",
            dependencies: ["Stats", .product(name: "RealModule", package: "swift-numerics")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "ClaimsTests", dependencies: ["Claims", "Stats"]),
        .testTarget(name: "CLITests", dependencies: ["audit-cli", "Claims"], exclude: ["Fixtures"]),
    ]
)
