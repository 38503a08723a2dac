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
/// UTF-8 byte-order mark are accepted; anything else is an error naming the line.
public enum NumberList {
    public static func parse(_ bytes: [UInt8], source: String) throws(AuditError) -> [Double] {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        var values: [Double] = []
        var lineNumber = 0
        for rawLine in body.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            guard let line = String(validating: rawLine, as: UTF8.self) else {
                throw AuditError(.malformedInput, file: source, path: "line \(lineNumber)", "not valid UTF-8")
            }
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields = trimmed.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," })
            if fields.count != 1 {
                throw AuditError(.malformedInput, file: source, path: "line \(lineNumber)",
                                 "expected one number per line, found \(fields.count) fields")
            }
            let text = String(fields[0])
            guard isDecimalLiteral(text), let value = Double(text) else {
                throw AuditError(.malformedInput, file: source, path: "line \(lineNumber)",
                                 "not a number: \"\(text.prefix(40))\"")
            }
            guard value.isFinite else {
                throw AuditError(.malformedInput, file: source, path: "line \(lineNumber)",
                                 "not a finite number: \"\(text.prefix(40))\"")
            }
            values.append(value)
        }
        if values.isEmpty {
            throw AuditError(.malformedInput, file: source, path: nil, "no samples (empty file or only comments)")
        }
        return values
    }

    /// Decimal notation only (`12`, `-1.5`, `3e-2`): rejects hex floats, `nan`, `inf` and digit separators.
    static func isDecimalLiteral(_ s: String) -> Bool {
        let chars = Array(s.utf8)
        var sawDigit = false
        for (i, c) in chars.enumerated() {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): sawDigit = true
            case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): continue
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                let afterExponent = i > 0 && (chars[i - 1] == UInt8(ascii: "e") || chars[i - 1] == UInt8(ascii: "E"))
                if i != 0 && !afterExponent { return false }
            default: return false
            }
        }
        return sawDigit
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
