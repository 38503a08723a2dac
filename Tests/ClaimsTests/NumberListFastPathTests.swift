import Testing
@testable import Claims
#if canImport(Glibc)
import Glibc
#endif

/// The fast line reader (Clinger's exact path) must give exactly strtod's double, and every line it
/// declines must still be read (or rejected) by the general reader; the two-thread split of large
/// inputs must give the same values and, on bad input, the same first error as one pass.
struct NumberListFastPathTests {
    func strtodValue(_ s: String) -> Double { s.withCString { strtod($0, nil) } }

    @Test func fastPathEqualsStrtodBitForBit() throws {
        var rng = SystemRandomNumberGenerator()
        var literals: [String] = ["0", "-0", "+0", "0.0", "-0.000", "5.", ".5", "-.5", "+1.5", "1e5", "1E+05", "2.5e-3",
                                  "9007199254740992", "9007199254740993", "123456789012345678", "0.1", "0.2", "0.3",
                                  "1e22", "1e-22", "1e23", "4.35", "1234.5678e-10", "000000061.234", "61.2340000",
                                  "8.98846567431158e307", "2.2250738585072014e-308", "  61.234  ", "\t7\r"]
        for _ in 0..<20_000 {
            let digits = Int.random(in: 1...19, using: &rng)
            var s = Bool.random(using: &rng) ? "-" : ""
            let point = Int.random(in: 0...digits, using: &rng)
            for k in 0..<digits {
                if k == point && k > 0 { s += "." }
                s += String(Int.random(in: 0...9, using: &rng))
            }
            if Int.random(in: 0..<4, using: &rng) == 0 { s += "e\(Int.random(in: -25...25, using: &rng))" }
            literals.append(s)
        }
        var fastCount = 0
        for text in literals {
            let bytes = Array(text.utf8)
            let fast = bytes.withUnsafeBufferPointer { NumberList.fastLine($0, 0, bytes.count) }
            let trimmed = String(text.filter { $0 != " " && $0 != "\t" && $0 != "\r" })
            if let fast {
                fastCount += 1
                #expect(fast.bitPattern == strtodValue(trimmed).bitPattern, "\(text)")
            }
            let parsed = try NumberList.parse(bytes + [0x0A], source: "x")
            #expect(parsed.count == 1 && parsed[0].bitPattern == strtodValue(trimmed).bitPattern, "\(text)")
        }
        #expect(fastCount > literals.count / 2)  // the fast path is the common case, not a rarity
    }

    @Test func fastPathDeclinesWhatItCannotReadExactly() {
        for text in ["1e", "1e+", ".", "-", "1.2.3", "1,", "1 2", "0x10", "nan", "inf", "1_000", "1e0000001",
                     "12345678901234567890", "1e23", "9007199254740993", "61.2\u{00A0}", "# caf\u{00E9}"] {
            let bytes = Array(text.utf8)
            #expect(bytes.withUnsafeBufferPointer { NumberList.fastLine($0, 0, bytes.count) } == nil, "\(text)")
        }
        for blank in ["", "  ", "\r", " \t\r", "# comment", "   # indented"] {
            let bytes = Array(blank.utf8)
            #expect(bytes.withUnsafeBufferPointer { NumberList.fastLine($0, 0, bytes.count) }?.isNaN == true, "\(blank)")
        }
    }

    @Test func commasAndOddSpacingStillGoThroughTheGeneralReader() throws {
        #expect(try NumberList.parse(Array("1,\n, 2\n3 ,\n".utf8), source: "x") == [1, 2, 3])
        #expect(try NumberList.parse(Array("9007199254740993\n1e23\n".utf8), source: "x") == [9007199254740992, 1e23])
    }

    @Test func largeInputsSplitInHalvesGiveTheSameValuesAndTheSameFirstError() throws {
        var lines: [String] = []
        var rng = SystemRandomNumberGenerator()
        for k in 0..<200_000 {
            lines.append(k % 1000 == 0 ? "# block \(k)" : String(Double(Int.random(in: 0..<10_000_000, using: &rng)) / 1000))
        }
        let text = lines.joined(separator: "\n") + "\n"
        #expect(text.utf8.count >= 1 << 20)
        let bytes = Array(text.utf8)
        let whole = try NumberList.parse(bytes, source: "big.txt")
        let oneThread = try NumberList.parseRange(bytes, from: 0, to: bytes.count, source: "big.txt")
        #expect(whole.map(\.bitPattern) == oneThread.map(\.bitPattern))
        #expect(whole.count == 200_000 - 200)

        // An error in the second half is reported with its line number in the whole file.
        var bad = lines
        bad[150_000] = "oops"
        bad[170_000] = "again"
        do {
            _ = try NumberList.parse(Array((bad.joined(separator: "\n") + "\n").utf8), source: "big.txt")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "big.txt: line 150001: not a number: \"oops\"")
        }
    }
}
