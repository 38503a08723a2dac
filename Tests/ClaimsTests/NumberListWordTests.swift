import Testing
@testable import Claims
#if canImport(Glibc)
import Glibc
#endif

/// The eight-bytes-at-a-time reader (`wordLine`) and the line-break masks that feed it: every value it
/// gives must be strtod's double bit for bit, everything it declines must still be read by the other
/// readers, and the masks and counts must equal a byte-by-byte count. Inputs are synthetic (random
/// literals, random bytes).
struct NumberListWordTests {
    func strtodValue(_ s: String) -> Double { s.withCString { strtod($0, nil) } }

    /// A literal of the shape `[sign]digits[.digits]`, sometimes past the word reader's limits.
    func randomLiteral(_ rng: inout some RandomNumberGenerator) -> String {
        let sign = ["", "", "-", "+"].randomElement(using: &rng)!
        let whole = String((0..<Int.random(in: 0...9, using: &rng)).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
        guard Bool.random(using: &rng) else { return sign + (whole.isEmpty ? "0" : whole) }
        let fraction = String((0..<Int.random(in: 0...10, using: &rng)).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) })
        return sign + (whole.isEmpty && fraction.isEmpty ? "0" : whole) + "." + fraction
    }

    @Test func wordReaderEqualsStrtodBitForBitOrDeclines() throws {
        var rng = SystemRandomNumberGenerator()
        var taken = 0
        var literals: [String] = ["0", "-0", "0.0", "5.", ".5", "-.5", "+1.5", "9999999.99999999", "1234567.12345678",
                                  "12345678.5", "1.123456789", "0.1", "0.3", "-61.234", "000000061.234"]
        for _ in 0..<20_000 { literals.append(randomLiteral(&rng)) }
        for text in literals {
            // The line, its break, and random bytes after it (the reader loads 16 bytes past the start).
            let padding = (0..<24).map { _ in UInt8.random(in: 0...255, using: &rng) }
            let bytes = Array(text.utf8) + [0x0A] + padding
            let word = bytes.withUnsafeBufferPointer { NumberList.wordLine($0, from: 0, end: text.utf8.count) }
            let reference = strtodValue(text)
            if let word {
                taken += 1
                #expect(word.bitPattern == reference.bitPattern, "\(text)")
            } else if text.filter({ $0 == "." }).count <= 1 {
                let parts = text.trimmingCharacters(in: "+-").split(separator: ".", omittingEmptySubsequences: false)
                let fits = parts[0].count <= 7 && (parts.count == 1 || parts[1].count <= 8) && text.contains(where: \.isNumber)
                #expect(!fits, "declined a plain literal: \(text)")
            }
        }
        #expect(taken > literals.count / 2)
        // The same literals as one file: every line read (by whichever reader) gives strtod's double.
        let file = Array((literals.joined(separator: "\n") + "\n").utf8)
        let parsed = try NumberList.parse(file, source: "x.txt")
        #expect(parsed.map(\.bitPattern) == literals.map { strtodValue($0).bitPattern })
    }

    @Test func wordReaderDeclinesWhatIsNotPlain() {
        for text in ["1e5", " 1.5", "1.5 ", "1.5\r", "1..5", "-", "+.", ".", "", "#x", "1,5", "0x10", "12345678",
                     "1.123456789", "--1", "1-", "\u{0661}"] {
            let bytes = Array(text.utf8) + [0x0A] + Array(repeating: UInt8(ascii: "7"), count: 24)
            #expect(bytes.withUnsafeBufferPointer { NumberList.wordLine($0, from: 0, end: text.utf8.count) } == nil, "\(text)")
        }
        // Too close to the end of the buffer for two 8-byte loads: declined, not read out of bounds.
        let short = Array("1.5\n".utf8)
        #expect(short.withUnsafeBufferPointer { NumberList.wordLine($0, from: 0, end: 3) } == nil)
    }

    @Test func lineBreakMasksAndCountsEqualAByteByByteCount() {
        var rng = SystemRandomNumberGenerator()
        for trial in 0..<300 {
            let count = Int.random(in: 0...700, using: &rng)
            let density = [0.0, 0.02, 0.15, 0.5, 1.0][trial % 5]
            let bytes: [UInt8] = (0..<count).map { _ in
                Double.random(in: 0..<1, using: &rng) < density ? 0x0A : [0x00, 0x09, 0x0B, 0x8A, 0xFF, 0x30, 0x0A ^ 0x80].randomElement(using: &rng)!
            }
            bytes.withUnsafeBufferPointer { b in
                let from = Int.random(in: 0...count, using: &rng)
                let to = Int.random(in: from...count, using: &rng)
                let naive = bytes[from..<to].filter { $0 == 0x0A }.count
                #expect(LineBreaks.count(b, from: from, to: to) == naive)
                let lines = from == to ? 0 : naive + (bytes[to - 1] == 0x0A ? 0 : 1)
                #expect(LineBreaks.lineCount(b, from: from, to: to) == lines)
                #expect(LineBreaks.next(b, from: from, to: to) == (bytes[from..<to].firstIndex(of: 0x0A) ?? to))
                if count >= 64 {
                    let offset = Int.random(in: 0...(count - 64), using: &rng)
                    let mask = LineBreaks.mask64(UnsafeRawPointer(b.baseAddress!), at: offset)
                    let expected = (0..<64).reduce(UInt64(0)) { m, k in bytes[offset + k] == 0x0A ? m | (1 << UInt64(k)) : m }
                    #expect(mask == expected)
                }
            }
        }
    }

    @Test func halvesWithBlankLinesCRLFAndNoFinalBreakEqualOnePass() throws {
        var rng = SystemRandomNumberGenerator()
        var lines: [String] = []
        for k in 0..<160_000 {
            // Blank and comment lines crowd the first half (a gap to close); CRLF and odd lines throughout.
            if k < 80_000 && k % 7 == 0 { lines.append(k % 2 == 0 ? "" : "# c \(k)") ; continue }
            switch k % 11 {
            case 0: lines.append(String(Double(Int.random(in: 0..<10_000_000, using: &rng)) / 1000) + "\r")
            case 1: lines.append("  \(Int.random(in: -500...500, using: &rng)).25 ")
            case 2: lines.append("1.5e\(Int.random(in: -5...5, using: &rng))")
            default: lines.append(String(Double(Int.random(in: 0..<10_000_000, using: &rng)) / 1000))
            }
        }
        let bytes = Array(lines.joined(separator: "\n").utf8)  // no break after the last line
        #expect(bytes.count >= 1 << 20)
        let whole = try NumberList.parse(bytes, source: "big.txt")
        let oneThread = try NumberList.parseRange(bytes, from: 0, to: bytes.count, source: "big.txt")
        #expect(whole.map(\.bitPattern) == oneThread.map(\.bitPattern))
        let expected = lines.compactMap { line -> Double? in
            let t = line.trimmingCharacters(in: " \r")
            return t.isEmpty || t.hasPrefix("#") ? nil : strtodValue(t)
        }
        #expect(whole.map(\.bitPattern) == expected.map(\.bitPattern))
    }
}

private extension String {
    func trimmingCharacters(in set: String) -> String {
        var s = Substring(self)
        while let c = s.first, set.contains(c) { s = s.dropFirst() }
        while let c = s.last, set.contains(c) { s = s.dropLast() }
        return String(s)
    }
}
