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
            let sample: Sample
            do { sample = try Sample(run.samples) } catch {
                throw AuditError(.malformedInput, file: source, path: "samples", error.description)
            }
            return SampleInput(source: source, sample: sample, run: run)
        }
        let values = try NumberList.parse(bytes, source: source)
        let sample: Sample
        do { sample = try Sample(values) } catch {
            throw AuditError(.malformedInput, file: source, path: nil, error.description)
        }
        return SampleInput(source: source, sample: sample, run: nil)
    }
}

/// Text with one decimal number per line. Blank lines and `#` comments are skipped; CRLF and a
/// UTF-8 byte-order mark are accepted; anything else is an error naming the line. Works on bytes
/// (10⁷ lines in about a second): strings are only built for diagnostics.
public enum NumberList {
    public static func parse(_ bytes: [UInt8], source: String) throws(AuditError) -> [Double] {
        var values: [Double] = []
        var lineNumber = 0
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        let count = bytes.count
        while start <= count {
            var end = start
            while end < count && bytes[end] != 0x0A { end += 1 }
            lineNumber += 1
            if start == count && end == count { break }
            let line = bytes[start..<end]
            start = end + 1
            let fields = try LineFields.split(line, source: source, lineNumber: lineNumber, separators: [0x20, 0x09, 0x2C])
            if fields.isEmpty || bytes[fields[0].lowerBound] == UInt8(ascii: "#") { continue }
            if fields.count != 1 {
                throw AuditError(.malformedInput, file: source, path: "line \(lineNumber)",
                                 "expected one number per line, found \(fields.count) fields")
            }
            values.append(try DecimalField.value(bytes[fields[0]], source: source, lineNumber: lineNumber))
        }
        if values.isEmpty {
            throw AuditError(.malformedInput, file: source, path: nil, "no samples (empty file or only comments)")
        }
        return values
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
