import Stats

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Text with one decimal number per line. Blank lines and `#` comments are skipped; CRLF and a
/// UTF-8 byte-order mark are accepted; anything else is an error naming the line.
///
/// Speed: line ends come from bit masks of the line breaks in 64-byte blocks; a line holding one plain
/// decimal (`61.234`, `-1.5e3`) is converted by Clinger's fast path — when the digits form an integer
/// m ≤ 2⁵³ and the power of ten |e| ≤ 22, m·10^e is one correctly rounded IEEE operation on exact
/// operands, so the result equals `strtod`'s (W. D. Clinger, "How to read floating point numbers
/// accurately", PLDI 1990); the commonest shape is read eight bytes at a time (``wordLine``). Any other
/// line (more digits, commas, odd spacing, errors) goes through the general per-line reader with
/// `strtod`, which also writes the diagnostics. The values are written straight into one array sized by
/// a count of the line breaks (an upper bound on the values); inputs of 256 KiB and more are read as two
/// halves on two threads, the second half's values written after room for the first's (one move closes
/// the gap left by blank or comment lines). 10⁶ lines take a few milliseconds.
public enum NumberList {
    public static func parse(_ bytes: [UInt8], source: String) throws(AuditError) -> [Double] {
        try bytes.withUnsafeBufferPointer { (b) throws(AuditError) -> [Double] in try parse(b, source: source) }
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: String) throws(AuditError) -> [Double] {
        let begin = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        var values: [Double]
        if bytes.count >= halvesThreshold,
           let halves = try? parseInHalves(bytes, from: begin, source: source) {
            values = halves
        } else {
            // Small inputs, and any input one of the halves rejected: one pass, so an error names the right line.
            values = try parseRange(bytes, from: begin, to: bytes.count, source: source)
        }
        if values.isEmpty {
            throw AuditError(.malformedInput, file: source, path: nil, "no samples (empty file or only comments)")
        }
        return values
    }

    /// The values on the lines of bytes[from..<to]; line numbers in errors count from `from`.
    static func parseRange(_ bytes: [UInt8], from: Int, to count: Int, source: String) throws(AuditError) -> [Double] {
        try bytes.withUnsafeBufferPointer { (b) throws(AuditError) -> [Double] in
            try parseRange(b, from: from, to: count, source: source)
        }
    }

    static func parseRange(_ b: UnsafeBufferPointer<UInt8>, from: Int, to count: Int, source: String) throws(AuditError) -> [Double] {
        let lines = LineBreaks.lineCount(b, from: from, to: count)
        var failure: AuditError?
        let values = [Double](unsafeUninitializedCapacity: lines) { out, written in
            LargePages.advise(out)
            do throws(AuditError) { written = try parseLines(b, from: from, to: count, source: source, into: out.baseAddress!) }
            catch { failure = error; written = 0 }
        }
        if let failure { throw failure }
        return values
    }

    /// From this many bytes the input is read as two halves on two threads.
    public static let halvesThreshold = 1 << 18

    /// Large inputs: the halves (split at a line break) are read on two threads (``Parallel``: a helper that
    /// has not started leaves the second half to this thread), the first half's values written from the
    /// array's start and the second half's right after room for one value per line of the first half; blank
    /// and comment lines in the first half leave a gap that one move closes.
    private static func parseInHalves(_ b: UnsafeBufferPointer<UInt8>, from begin: Int, source: String) throws(AuditError) -> [Double] {
        var middle = begin + (b.count - begin) / 2
        while middle < b.count && b[middle] != 0x0A { middle += 1 }
        guard middle < b.count else { return try parseRange(b, from: begin, to: b.count, source: source) }
        let bounds = [(begin, middle + 1), (middle + 1, b.count)]
        let firstLines = LineBreaks.lineCount(b, from: begin, to: middle + 1)
        let lines = firstLines + LineBreaks.lineCount(b, from: middle + 1, to: b.count)
        nonisolated(unsafe) var outcomes: [Result<Int, AuditError>] = [.success(0), .success(0)]
        let values = [Double](unsafeUninitializedCapacity: lines) { out, written in
            LargePages.advise(out)
            nonisolated(unsafe) let base = out.baseAddress!
            nonisolated(unsafe) let b = b
            outcomes.withUnsafeMutableBufferPointer { results in
                nonisolated(unsafe) let results = results
                Parallel.run(2) { k in
                    do throws(AuditError) {
                        results[k] = .success(try parseLines(b, from: bounds[k].0, to: bounds[k].1, source: source,
                                                             into: base + (k == 0 ? 0 : firstLines)))
                    } catch { results[k] = .failure(error) }
                }
            }
            guard case .success(let first) = outcomes[0], case .success(let second) = outcomes[1] else {
                written = 0
                return
            }
            if first < firstLines {
                (base + first).update(from: base + firstLines, count: second)
            }
            written = first + second
        }
        _ = try outcomes[0].get()
        _ = try outcomes[1].get()
        return values
    }

    /// Writes the values on the lines of b[from..<to] to `out` (room for one value per line) and returns
    /// how many it wrote; line numbers in errors count from `from`. Whole 64-byte blocks are read as a bit
    /// mask of their line breaks, so each line's end comes from the mask rather than from reading the line
    /// before it, and the processor can read several lines at once; the tail goes line by line.
    static func parseLines(_ b: UnsafeBufferPointer<UInt8>, from: Int, to limit: Int, source: String,
                           into out: UnsafeMutablePointer<Double>) throws(AuditError) -> Int {
        guard from < limit, let base = b.baseAddress else { return 0 }
        // Plain locals, no nested function: the counters stay in registers.
        var written = 0
        var lineNumber = 0
        var start = from
        var block = from
        while block + 64 <= limit {
            var breaks = LineBreaks.mask64(UnsafeRawPointer(base), at: block)
            while breaks != 0 {
                let end = block + breaks.trailingZeroBitCount
                breaks &= breaks &- 1
                lineNumber += 1
                if let v = wordLine(b, from: start, end: end) {
                    out[written] = v
                    written += 1
                } else {
                    try otherLine(b, from: start, end: end, source: source, lineNumber: lineNumber, into: out, written: &written)
                }
                start = end + 1
            }
            block += 64
        }
        while start < limit {
            let end = LineBreaks.next(b, from: max(start, block), to: limit)
            lineNumber += 1
            try otherLine(b, from: start, end: end, source: source, lineNumber: lineNumber, into: out, written: &written)
            start = end + 1
        }
        return written
    }

    /// Any line (b[start..<end], no line break inside): the plain reader, else the general one.
    @inline(never)
    private static func otherLine(_ b: UnsafeBufferPointer<UInt8>, from start: Int, end: Int, source: String, lineNumber: Int,
                                  into out: UnsafeMutablePointer<Double>, written: inout Int) throws(AuditError) {
        if let v = fastLine(b, start, end) {
            if !v.isNaN {  // NaN marks a blank or comment line
                out[written] = v
                written += 1
            }
        } else {
            let text = ArraySlice(UnsafeBufferPointer(rebasing: b[start..<end]))
            if let v = try slowLine(text, source: source, lineNumber: lineNumber) {
                out[written] = v
                written += 1
            }
        }
    }

    /// The commonest line, `[sign]digits[.digits]` with at most seven digits before the point and eight after it, its
    /// end known: the point and any non-digit are found with byte-parallel compares on eight bytes at a time,
    /// and each run of digits becomes an integer by three multiply–shift steps (the SWAR method of
    /// simdjson/fast_float: D. Lemire, "Number parsing at a gigabyte per second", Software: Practice and
    /// Experience 51(8), 2021). The integer is exact (< 10¹⁵) and is scaled as in
    /// ``fastLine(_:_:_:)``, so the double is the same. nil sends the line to the general readers.
    @inline(__always)
    static func wordLine(_ b: UnsafeBufferPointer<UInt8>, from start: Int, end: Int) -> Double? {
        guard start < end, start + 17 <= b.count else { return nil }  // two 8-byte loads at most 17 bytes in
        let raw = UnsafeRawPointer(b.baseAddress!)
        let first = b[start]
        let i = first == UInt8(ascii: "-") || first == UInt8(ascii: "+") ? start + 1 : start
        let whole = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let wholeStops = SWARDigits.nonDigits(whole)
        guard wholeStops != 0 else { return nil }
        let wholeDigits = wholeStops.trailingZeroBitCount >> 3
        let point = i + wholeDigits
        var mantissa = SWARDigits.value(whole, digits: wholeDigits)
        var fractionDigits = 0
        if point != end {
            guard b[point] == UInt8(ascii: ".") else { return nil }
            let fraction = raw.loadUnaligned(fromByteOffset: point + 1, as: UInt64.self)
            fractionDigits = SWARDigits.nonDigits(fraction).trailingZeroBitCount >> 3
            guard point + 1 + fractionDigits == end else { return nil }
            mantissa = mantissa &* SWARDigits.powers(fractionDigits) &+ SWARDigits.value(fraction, digits: fractionDigits)
        }
        guard wholeDigits + fractionDigits > 0 else { return nil }
        let m = Double(mantissa)
        let v = fractionDigits == 0 ? m : m / SWARDigits.scale(fractionDigits)
        return first == UInt8(ascii: "-") ? -v : v
    }

    /// 10^0 … 10^22, all exact doubles.
    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    /// The value of the plain line b[start..<end] (no line break inside); NaN for a blank or comment line;
    /// nil when the line needs the general reader.
    @inline(__always)
    static func fastLine(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Double? {
        var i = start
        while i < end && (b[i] == 0x20 || b[i] == 0x09) { i += 1 }
        if i == end || (b[i] == 0x0D && i + 1 == end) { return .nan }
        if b[i] == UInt8(ascii: "#") {
            // The general reader also checks that a comment is UTF-8; leave non-ASCII comments to it.
            for j in i..<end where b[j] >= 0x80 { return nil }
            return .nan
        }
        var negative = false
        if b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") { negative = b[i] == UInt8(ascii: "-"); i += 1 }
        var mantissa: UInt64 = 0
        var digits = 0, significant = 0, exponent = 0
        while i < end, b[i] &- 0x30 < 10 {
            mantissa = mantissa &* 10 &+ UInt64(b[i] &- 0x30)
            if mantissa != 0 { significant += 1 }
            digits += 1; i += 1
        }
        if i < end && b[i] == UInt8(ascii: ".") {
            i += 1
            while i < end, b[i] &- 0x30 < 10 {
                mantissa = mantissa &* 10 &+ UInt64(b[i] &- 0x30)
                if mantissa != 0 { significant += 1 }
                digits += 1; exponent -= 1; i += 1
            }
        }
        guard digits > 0, significant <= 19 else { return nil }
        if i < end && (b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E")) {
            i += 1
            var exponentNegative = false
            if i < end && (b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+")) { exponentNegative = b[i] == UInt8(ascii: "-"); i += 1 }
            var e = 0, exponentDigits = 0
            while i < end, b[i] &- 0x30 < 10, exponentDigits < 6 { e = e * 10 + Int(b[i] &- 0x30); exponentDigits += 1; i += 1 }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentNegative ? -e : e
        }
        while i < end && (b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D) { i += 1 }
        guard i == end, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 else { return nil }
        let m = Double(mantissa)
        let v = powersOfTen.withUnsafeBufferPointer { p in exponent >= 0 ? m * p[exponent] : m / p[-exponent] }
        return negative ? -v : v
    }

    /// The general reader for one line: nil for a blank or comment line.
    static func slowLine(_ line: ArraySlice<UInt8>, source: String, lineNumber: Int) throws(AuditError) -> Double? {
        let fields = try LineFields.split(line, source: source, lineNumber: lineNumber, separators: [0x20, 0x09, 0x2C])
        if fields.isEmpty || line[fields[0].lowerBound] == UInt8(ascii: "#") { return nil }
        if fields.count != 1 {
            throw AuditError(.malformedInput, file: source, path: "line \(lineNumber)",
                             "expected one number per line, found \(fields.count) fields")
        }
        return try DecimalField.value(line[fields[0]], source: source, lineNumber: lineNumber)
    }

    /// Decimal notation only (`12`, `-1.5`, `3e-2`): rejects hex floats, `nan`, `inf` and digit separators.
    static func isDecimalLiteral<C: Collection>(_ chars: C) -> Bool where C.Element == UInt8 {
        var sawDigit = false
        var previous: UInt8 = 0
        var first = true
        for c in chars {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): break
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                if !first && previous != UInt8(ascii: "e") && previous != UInt8(ascii: "E") { return false }
            default: return false
            }
            previous = c
            first = false
        }
        return sawDigit
    }

    static func isDecimalLiteral(_ s: String) -> Bool { isDecimalLiteral(Array(s.utf8)) }
}

/// Byte-parallel digit work on eight bytes loaded little-endian (the first byte is the lowest).
enum SWARDigits {
    static let high: UInt64 = 0x8080_8080_8080_8080

    /// The top bit of every byte that is not an ASCII digit. Per byte, with no carry or borrow crossing
    /// bytes: (w | 0x80) − 0x30 keeps its top bit iff the byte is ≥ 0x30; (w & 0x7F) + 0x46 gets it iff
    /// the byte's low seven bits are ≥ 0x3A; bytes ≥ 0x80 count as non-digits.
    @inline(__always)
    static func nonDigits(_ w: UInt64) -> UInt64 {
        let atLeast30 = ((w | high) &- 0x3030_3030_3030_3030) & high
        let atLeast3A = ((w & ~high) &+ 0x4646_4646_4646_4646) & high
        return (~atLeast30 | atLeast3A | w) & high
    }

    /// The integer written by the first `digits` (0…8) bytes of w, all ASCII digits: the digits are
    /// shifted to the top (leading zeros below), then pairs, quads and octets are combined by multiplies.
    @inline(__always)
    static func value(_ w: UInt64, digits: Int) -> UInt64 {
        guard digits > 0 else { return 0 }
        var v = (w << UInt64(64 - 8 * digits)) & 0x0F0F_0F0F_0F0F_0F0F
        v = (v &* 10 &+ (v >> 8)) & 0x00FF_00FF_00FF_00FF
        v = (v &* 100 &+ (v >> 16)) & 0x0000_FFFF_0000_FFFF
        return (v &* 10000 &+ (v >> 32)) & 0xFFFF_FFFF
    }

    /// 10^k for k = 0…8 (a switch, not a global table, which would cost a once-check per use).
    @inline(__always)
    static func powers(_ k: Int) -> UInt64 {
        switch k {
        case 0: 1
        case 1: 10
        case 2: 100
        case 3: 1000
        case 4: 10_000
        case 5: 100_000
        case 6: 1_000_000
        case 7: 10_000_000
        default: 100_000_000
        }
    }

    /// 10^k as a double, k = 0…8 (exact).
    @inline(__always)
    static func scale(_ k: Int) -> Double { Double(powers(k)) }
}
