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
        // A large regular file will be parsed in two halves: the helper thread is asked for now, so that it
        // has started by the time the file is read and its lines are counted.
        var status = stat()
        if path != "-" && stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG
            && Int(status.st_size) >= NumberList.halvesThreshold {
            Parallel.prepare(inputBytes: Int(status.st_size))
        }
        let input = try FileBytes.withContents(path, maximumBytes: maximumBytes) { (bytes) throws(AuditError) in
            try parse(bytes, source: source)
        }
        if input.sample.count > maximumSamples {
            throw AuditError(.malformedInput, file: source, path: input.run == nil ? nil : "samples",
                             "\(input.sample.count) samples exceed the limit of \(maximumSamples) (raise it with --max-samples)")
        }
        return input
    }

    public static func parse(_ bytes: [UInt8], source: String) throws(AuditError) -> SampleInput {
        try bytes.withUnsafeBufferPointer { (b) throws(AuditError) in try parse(b, source: source) }
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, source: String) throws(AuditError) -> SampleInput {
        let firstSignificant = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) })
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
