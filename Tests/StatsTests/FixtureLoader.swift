import Foundation

/// Loads reference fixtures committed under `Tests/StatsTests/Fixtures/` (their generators sit beside them).
enum Fixture {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func load<T: Decodable>(_ name: String, as type: T.Type) throws -> T {
        let data = try Data(contentsOf: directory.appendingPathComponent(name))
        return try JSONDecoder().decode(T.self, from: data)
    }
}

/// |a − b| ≤ tol · max(|a|, |b|), with an absolute floor for values at zero.
func relativelyClose(_ a: Double, _ b: Double, _ tol: Double, absolute: Double = 1e-300) -> Bool {
    if a == b { return true }
    return abs(a - b) <= max(tol * max(abs(a), abs(b)), absolute)
}
