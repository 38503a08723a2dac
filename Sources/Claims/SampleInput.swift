import Dispatch
import Stats

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Loads the samples a command works on from a BenchmarkRun JSON file, a text file with one
/// number per line, or standard input (`-`). The kind is detected from the first
/// non-blank character (`{` means JSON).
public struct SampleInput: Sendable {
    /// Where the samples came from (the path, or `<stdin>`).
    public let source: String
    public let sample: Sample
    /// The run, when the input was a BenchmarkRun file.
    public let run: BenchmarkRun?
    /// Seconds spent validating the values into a ``Sample`` — part of the compute time that `--timing`
    /// reports, unlike reading and parsing the file. (The sample sorts itself on first use, inside the
    /// timed computation: an anchor's timed call sorts too.)
    public var buildSeconds: Double = 0

    /// The largest input accepted by default (bytes); larger files are refused with a clear error.
    public static let defaultMaximumBytes = 512 * 1024 * 1024

    public static func load(_ path: String, maximumBytes: Int = defaultMaximumBytes,
                            maximumSamples: Int = Int.max) throws(AuditError) -> SampleInput {
        let source = path == "-" ? "<stdin>" : path
        let bytes = try FileBytes.read(path, maximumBytes: maximumBytes)
        let input = try parse(bytes, source: source)
        if input.sample.count > maximumSamples {
            throw AuditError(.malformedInput, file: source, path: input.run == nil ? nil : "samples",
                             "\(input.sample.count) samples exceed the limit of \(maximumSamples) (raise it with --max-samples)")
        }
        return input
    }

    public static func parse(_ bytes: [UInt8], source: String) throws(AuditError) -> SampleInput {
        let firstSignificant = bytes.drop(while: { [0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }).first
        if firstSignificant == UInt8(ascii: "{") || firstSignificant == UInt8(ascii: "[") {
            let run = try BenchmarkRunDecoder.decode(bytes, file: source)
            let start = ContinuousClock.now
            let sample: Sample
            do { sample = try Sample(run.samples) } catch {
                throw AuditError(.malformedInput, file: source, path: "samples", error.description)
            }
            return SampleInput(source: source, sample: sample, run: run, buildSeconds: (ContinuousClock.now - start).inSeconds)
        }
        // NumberList yields at least one value and only finite ones (each line is checked as it is read).
        let values = try NumberList.parse(bytes, source: source)
        return SampleInput(source: source, sample: Sample(finite: values), run: nil, buildSeconds: 0)
    }
}

/// Text with one decimal number per line. Blank lines and `#` comments are skipped; CRLF and a
/// UTF-8 byte-order mark are accepted; anything else is an error naming the line.
///
/// Speed: a line holding one plain decimal (`61.234`, `-1.5e3`) is converted in place by Clinger's
/// fast path — when the digits form an integer m ≤ 2⁵³ and the power of ten |e| ≤ 22, m·10^e is one
/// correctly rounded IEEE operation on exact operands, so the result equals `strtod`'s (W. D. Clinger,
/// "How to read floating point numbers accurately", PLDI 1990). Any other line (more digits, commas,
/// odd spacing, errors) goes through the general per-line reader with `strtod`, which also writes the
/// diagnostics. 10⁶ lines take a few milliseconds.
public enum NumberList {
    public static func parse(_ bytes: [UInt8], source: String) throws(AuditError) -> [Double] {
        let begin = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var values: [Double]
        if bytes.count >= 1 << 20, let halves = try? parseInHalves(bytes, from: begin, source: source) {
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

    /// Large files: the two halves (split at a line break) are read on two threads and joined.
    private static func parseInHalves(_ bytes: [UInt8], from begin: Int, source: String) throws(AuditError) -> [Double] {
        var middle = begin + (bytes.count - begin) / 2
        while middle < bytes.count && bytes[middle] != 0x0A { middle += 1 }
        guard middle < bytes.count else { return try parseRange(bytes, from: begin, to: bytes.count, source: source) }
        let bounds = [(begin, middle), (middle + 1, bytes.count)]
        nonisolated(unsafe) var parts: [Result<[Double], AuditError>] = [.success([]), .success([])]
        parts.withUnsafeMutableBufferPointer { out in
            nonisolated(unsafe) let out = out
            DispatchQueue.concurrentPerform(iterations: 2) { k in
                do throws(AuditError) {
                    out[k] = .success(try parseRange(bytes, from: bounds[k].0, to: bounds[k].1, source: source,
                                                     reserving: k == 0 ? bytes.count - begin : nil))
                }
                catch { out[k] = .failure(error) }
            }
        }
        // The first half's array has room for the whole file (see parseRange), so the second half is
        // appended in place: no third array of n values.
        var values = try parts[0].get()
        values.append(contentsOf: try parts[1].get())
        return values
    }

    /// The values on the lines of bytes[from..<to]; line numbers in errors count from `from`. The array
    /// reserves room for the values of `reserving` bytes (default: the range's); only written pages are touched.
    static func parseRange(_ bytes: [UInt8], from: Int, to count: Int, source: String,
                           reserving: Int? = nil) throws(AuditError) -> [Double] {
        var values: [Double] = []
        values.reserveCapacity((reserving ?? (count - from)) / 6 + 1)
        var lineNumber = 0
        var start = from
        var failure: AuditError?
        bytes.withUnsafeBufferPointer { b in
            let base = b.baseAddress!
            while start < count {
                lineNumber += 1
                let end: Int
                if let hit = memchr(base + start, 0x0A, count - start) {
                    end = UnsafePointer<UInt8>(hit.assumingMemoryBound(to: UInt8.self)) - base
                } else {
                    end = count
                }
                if let v = fastLine(b, start, end) {
                    if !v.isNaN { values.append(v) }  // NaN marks a blank or comment line
                } else {
                    do throws(AuditError) {
                        if let v = try slowLine(bytes[start..<end], source: source, lineNumber: lineNumber) { values.append(v) }
                    } catch { failure = error; return }
                }
                start = end + 1
            }
        }
        if let failure { throw failure }
        return values
    }

    private static let powersOfTen: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { r, _ in r * 10 } }

    /// The value of a plain one-number line; NaN for a blank or comment line; nil when the line needs
    /// the general reader.
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
        let v = exponent >= 0 ? m * powersOfTen[exponent] : m / powersOfTen[-exponent]
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

/// Splitting one line of bytes into fields, with the line's diagnostics.
enum LineFields {
    /// Ranges of the non-empty fields; CR and whitespace at the ends are ignored. Non-ASCII lines must be UTF-8.
    static func split(_ line: ArraySlice<UInt8>, source: String, lineNumber: Int, separators: Set<UInt8>) throws(AuditError) -> [Range<Int>] {
        if line.contains(where: { $0 >= 0x80 }), String(validating: line, as: UTF8.self) == nil {
            throw AuditError(.malformedInput, file: source, path: "line \(lineNumber)", "not valid UTF-8")
        }
        var fields: [Range<Int>] = []
        var i = line.startIndex
        while i < line.endIndex {
            while i < line.endIndex && (separators.contains(line[i]) || line[i] == 0x0D || line[i] == 0x20 || line[i] == 0x09) { i += 1 }
            if i == line.endIndex { break }
            let fieldStart = i
            while i < line.endIndex && !(separators.contains(line[i]) || line[i] == 0x0D || line[i] == 0x20 || line[i] == 0x09) { i += 1 }
            fields.append(fieldStart..<i)
        }
        return fields
    }
}

/// One decimal number from its bytes (strtod on a NUL-terminated copy; no String).
enum DecimalField {
    static func value(_ field: ArraySlice<UInt8>, source: String, lineNumber: Int, what: String = "not a number") throws(AuditError) -> Double {
        func quoted() -> String { "\"" + String(decoding: field.prefix(40), as: UTF8.self) + "\"" }
        guard NumberList.isDecimalLiteral(field) else {
            throw AuditError(.malformedInput, file: source, path: "line \(lineNumber)", "\(what): \(quoted())")
        }
        var buffer = [CChar](repeating: 0, count: field.count + 1)
        for (k, b) in field.enumerated() { buffer[k] = CChar(bitPattern: b) }
        var end: UnsafeMutablePointer<CChar>?
        let v = buffer.withUnsafeMutableBufferPointer { p -> Double in
            let r = strtod(p.baseAddress!, &end)
            return end == p.baseAddress! + field.count ? r : .nan
        }
        guard !v.isNaN else {
            throw AuditError(.malformedInput, file: source, path: "line \(lineNumber)", "\(what): \(quoted())")
        }
        guard v.isFinite else {
            throw AuditError(.malformedInput, file: source, path: "line \(lineNumber)", "not a finite number: \(quoted())")
        }
        return v
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}
