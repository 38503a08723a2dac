import Testing
@testable import Stats

struct XoshiroTests {
    struct Reference: Decodable {
        let state1234: [String]
        let state1234AfterJump: [String]
        let seed42: [String]
        let seed42AfterTwoJumps: [String]
    }

    let reference: Reference = try! Fixture.load("xoshiro.json", as: Reference.self)

    @Test func matchesReferenceImplementationFromExplicitState() {
        var g = Xoshiro256StarStar(state: (1, 2, 3, 4))
        #expect(reference.state1234.map { UInt64($0)! } == (0..<8).map { _ in g.next() })
    }

    @Test func jumpMatchesReferenceImplementation() {
        var g = Xoshiro256StarStar(state: (1, 2, 3, 4))
        g.jump()
        #expect(reference.state1234AfterJump.map { UInt64($0)! } == (0..<4).map { _ in g.next() })
    }

    @Test func splitMixSeedingMatchesReference() {
        var g = Xoshiro256StarStar(seed: 42)
        #expect(reference.seed42.map { UInt64($0)! } == (0..<8).map { _ in g.next() })
        let streams = Xoshiro256StarStar.streams(seed: 42, count: 3)
        var third = streams[2]
        #expect(reference.seed42AfterTwoJumps.map { UInt64($0)! } == (0..<4).map { _ in third.next() })
    }

    @Test func boundedIsInRangeAndRoughlyUniform() {
        var g = Xoshiro256StarStar(seed: 7)
        var counts = [Int](repeating: 0, count: 10)
        let draws = 100_000
        for _ in 0..<draws { counts[g.bounded(10)] += 1 }
        // Chi-square with 9 df: the 99.9% point is 27.9.
        let expected = Double(draws) / 10
        let chi2 = counts.reduce(0.0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
        #expect(chi2 < 27.9)
    }

    @Test func unitDoubleIsInHalfOpenInterval() {
        var g = Xoshiro256StarStar(seed: 3)
        for _ in 0..<10_000 {
            let u = g.nextUnitDouble()
            #expect(u >= 0 && u < 1)
        }
    }
}
