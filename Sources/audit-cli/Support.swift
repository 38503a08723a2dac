import ArgumentParser
import Claims

#if canImport(Glibc)
import Glibc
#endif

enum AuditVersion {
    static let string = "0.1.0"
}

/// Runs `body`; an ``AuditError`` becomes one stderr line `audit: …` and its documented exit code.
func reportingErrors(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let error as AuditError {
        printError("audit: \(error.description)")
        throw ExitCode(error.kind.exitCode)
    }
}

func printError(_ line: String) {
    var text = line
    if !text.hasSuffix("\n") { text += "\n" }
    let bytes = Array(text.utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

/// A subcommand that exists in the interface but whose engine has not landed yet: exit 64.
func notYetImplemented(_ name: String) throws -> Never {
    printError("audit: \(name): not yet implemented in this version (\(AuditVersion.string))")
    throw ExitCode(AuditError.Kind.usage.exitCode)
}
