import Testing
@testable import Stats

/// The order interval's notes are kept as facts and written when read: the text, its order among other
/// notes, setting and equality behave as if the sentences had been stored.
struct ConfidenceIntervalNotesTests {
    static let sample = try! Sample((1...400).map { Double(($0 * 37) % 101) + Double($0) / 1000 })

    @Test func deferredNotesReadAsText() {
        let ci = OrderStatisticInterval.interval(Self.sample, p: 0.95, level: 0.95)
        #expect(ci.orderFacts != nil)
        #expect(ci.notes.count == 1)
        #expect(ci.notes[0].hasPrefix("order statistics x("))
        // A bound the sample cannot support is stated too (p99 needs n ≥ 368 two-sided).
        let small = try! Sample(Array(Self.sample.values.prefix(30)))
        let open = OrderStatisticInterval.interval(small, p: 0.99, level: 0.95)
        #expect(open.notes.first == "no upper bound: p99 needs n ≥ 368 for a two-sided 95% interval; n = 30")
    }

    @Test func prependingKeepsTheFactsAndTheOrder() {
        var ci = OrderStatisticInterval.interval(Self.sample, p: 0.5, level: 0.9)
        let own = ci.notes
        ci.prependNotes(["first"])
        ci.prependNotes(["zeroth"])
        #expect(ci.orderFacts != nil, "prepending does not write the deferred notes out")
        #expect(ci.notes == ["zeroth", "first"] + own)
    }

    @Test func settingNotesReplacesEverythingAndEqualityComparesText() {
        var ci = OrderStatisticInterval.interval(Self.sample, p: 0.5, level: 0.9)
        let written = ConfidenceInterval(method: ci.method, level: ci.level, estimate: ci.estimate, low: ci.low,
                                         high: ci.high, achievedLevel: ci.achievedLevel, notes: ci.notes)
        #expect(written == ci, "the same sentences, stored or deferred")
        var other = written
        other.notes.append("extra")
        #expect(other != ci)
        ci.notes = ["only this"]
        #expect(ci.orderFacts == nil)
        #expect(ci.notes == ["only this"])
    }
}
