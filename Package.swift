// swift-tools-version:6.0
import PackageDescription

/// Release builds give every function its own section, so that the link can lay out the code one command
/// runs together (tools/link/hot-sections.txt, written by tools/hot_sections.py; benchmarks/perf/README.md,
/// note 29).
let functionSections: SwiftSetting = .unsafeFlags(["-Xfrontend", "-function-sections"], .when(configuration: .release))

let package = Package(
    name: "audit",
    products: [
        .executable(name: "audit", targets: ["audit-cli"]),
        .library(name: "Stats", targets: ["Stats"]),
        .library(name: "Claims", targets: ["Claims"]),
        .library(name: "Compare", targets: ["Compare"]),
    ],
    dependencies: [
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
        // Inner loops in C: selection's passes (AVX-512/AVX2 compress, each with a scalar twin) and the
        // decimal-grid sort's (a rounding that is not a library call, a vectorized round-trip check).
        .target(name: "CKernels", exclude: ["README.md"], cSettings: [.unsafeFlags(["-O3", "-ffunction-sections"])]),
        .target(
            name: "Stats",
            dependencies: [
                "COpenBLAS",
                "CKernels",
                .product(name: "RealModule", package: "swift-numerics"),
            ],
            exclude: ["README.md"],
            // The numerics are optimised even in debug builds, so `swift test` runs its reference
            // comparisons (10⁴ resamples per case) in seconds; tests still see internals (@testable).
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug)), functionSections]
        ),
        .target(name: "Claims", dependencies: ["Stats"], swiftSettings: [functionSections]),
        .target(name: "Compare", dependencies: ["Stats", "Claims"], swiftSettings: [functionSections]),
        // The command line: argument definitions, parsing and help text (no reflection: microseconds at start-up).
        .target(name: "CommandLineParsing", exclude: ["README.md"], swiftSettings: [functionSections]),
        .executableTarget(
            name: "audit-cli",
            dependencies: [
                "Stats", "Claims", "Compare", "CommandLineParsing",
            ],
            // A release `audit` carries the Swift runtime inside it: dynamic loading of the runtime's
            // shared objects was a third of every command's start-up time (benchmarks/perf/README.md).
            // tools/link holds a linker script named libstdc++.so that links GCC's static libstdc++.a instead
            // (the Swift runtime's C++ support library; loading the shared one cost ~0.4 ms per command).
            // The sections hot-sections.txt names come first in the executable (GNU gold, the toolchain's default
            // linker here; lld would take the same list as symbols with --symbol-ordering-file).
            swiftSettings: [functionSections],
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-L", Context.packageDirectory + "/tools/link",
                                           "-Xlinker", "--section-ordering-file=" + Context.packageDirectory + "/tools/link/hot-sections.txt"],
                                          .when(configuration: .release))]
        ),
        // The coverage study (benchmarks/coverage): a long-running program, not a test.
        .executableTarget(name: "audit-coverage", dependencies: ["Stats"]),
        .testTarget(
            name: "StatsTests",
            dependencies: ["Stats", "CKernels", .product(name: "RealModule", package: "swift-numerics")],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "ClaimsTests", dependencies: ["Claims", "Stats"]),
        .testTarget(name: "CommandLineParsingTests", dependencies: ["CommandLineParsing"]),
        .testTarget(name: "CLITests", dependencies: ["audit-cli", "Claims"], exclude: ["Fixtures"]),
    ]
)
