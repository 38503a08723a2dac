import Testing
@testable import CommandLineParsing

/// A small command tree standing in for `audit`: one subcommand with every kind of argument, one with a
/// repeatable option and a required one.
enum Fixture {
    static let ci = CommandDefinition(
        name: "ci", abstract: "Interval.",
        arguments: [
            .positional("file", help: "Input."),
            .option("stat", default: "mean", help: "Statistic."),
            .option("level", default: "0.95", help: "Level."),
            .option("seed", default: "1", help: "Seed."),
            .optionalOption("batch-size", help: "Batch size."),
            .option("format", default: "table", help: "Format.", choices: ["table", "json"]),
            .flag("timing", help: "Timing."),
            .flag("quiet", short: "q", help: "Quiet."),
            .flag("verbose", short: "v", help: "Verbose."),
        ])
    static let plan = CommandDefinition(
        name: "plan", abstract: "Plan.",
        arguments: [
            .positional("pilot", help: "Pilot."),
            .repeatableOption("stat", defaults: ["mean", "median"], help: "Statistics."),
            .requiredOption("config", help: "Config."),
        ])
    static let root = CommandDefinition(name: "audit", abstract: "Root.", subcommands: [ci, plan], version: "9.9.9")

    static func run(_ words: [String]) throws -> (path: [String], arguments: ParsedArguments) {
        switch CommandLineParser.parse(words, root: root) {
        case .success(.run(let path, let arguments)): return (path.map(\.name), arguments)
        case .success(let other): throw Unexpected(description: "not a run: \(other)")
        case .failure(let failure): throw failure.error
        }
    }

    static func failure(_ words: [String]) -> UsageError? {
        if case .failure(let failure) = CommandLineParser.parse(words, root: root) { return failure.error }
        return nil
    }

    struct Unexpected: Error, CustomStringConvertible { let description: String }
}

struct CommandLineParserTests {
    @Test func optionsInEitherSpellingFlagsAndThePositionalInAnyOrder() throws {
        let (path, a) = try Fixture.run(["ci", "--stat", "p99", "run.json", "--level=0.9", "--timing", "-qv", "--seed", "7"])
        #expect(path == ["audit", "ci"])
        #expect(try a.string("file") == "run.json")
        #expect(try a.string("stat") == "p99")
        #expect(try a.double("level") == 0.9)
        #expect(try a.uint64("seed") == 7)
        #expect(a.flag("timing") && a.flag("quiet") && a.flag("verbose"))
    }

    @Test func absentOptionsTakeTheirDefaultsAndOptionalOnesAreNil() throws {
        let (_, a) = try Fixture.run(["ci", "x"])
        #expect(try a.string("stat") == "mean")
        #expect(try a.double("level") == 0.95)
        #expect(try a.optionalInt("batch-size") == nil)
        #expect(!a.flag("timing"))
        enum Format: String { case table, json }
        #expect(try a.choice("format", as: Format.self) == .table)
    }

    @Test func theLastValueOfARepeatedOptionWinsUnlessItIsRepeatable() throws {
        let (_, a) = try Fixture.run(["ci", "x", "--stat", "p95", "--stat", "p99"])
        #expect(try a.string("stat") == "p99")
        let (_, p) = try Fixture.run(["plan", "pilot", "--config", "c", "--stat", "p95", "--stat=p99"])
        #expect(p.strings("stat") == ["p95", "p99"])
        let (_, q) = try Fixture.run(["plan", "pilot", "--config", "c"])
        #expect(q.strings("stat") == ["mean", "median"])
    }

    @Test func dashIsAValueAndDoubleDashEndsTheOptions() throws {
        #expect(try Fixture.run(["ci", "-"]).arguments.string("file") == "-")
        #expect(try Fixture.run(["ci", "--", "--odd-name"]).arguments.string("file") == "--odd-name")
        #expect(try Fixture.run(["ci", "x", "--level", "-0.5"]).arguments.double("level") == -0.5)
    }

    @Test(arguments: [
        (["ci", "x", "--bogus"], "Unknown option '--bogus'"),
        (["ci", "x", "--bogus=1"], "Unknown option '--bogus'"),
        (["ci", "x", "-z"], "Unknown option '-z'"),
        (["ci", "x", "y"], "Unexpected argument 'y'"),
        (["nosuch"], "Unexpected argument 'nosuch'"),
        (["--nosuch"], "Unknown option '--nosuch'"),
        (["ci", "x", "--stat"], "Missing value for '--stat <stat>'"),
        (["ci", "x", "--stat", "--timing"], "Missing value for '--stat <stat>'"),
        (["ci", "x", "--timing=yes"], "The flag '--timing' does not take a value"),
        (["help", "nosuch"], "Unknown subcommand 'nosuch'"),
    ])
    func malformedCommandLinesAreUsageErrors(words: [String], message: String) {
        #expect(Fixture.failure(words)?.message == message)
    }

    /// The word that named nothing comes with the error, for the caller's suggestion; a surplus value does not.
    @Test func unknownNamesAreReportedAsTypedAndSpellingsAreOffered() {
        #expect(Fixture.failure(["ci", "x", "--stats=p9"])?.unknown == "--stats")
        #expect(Fixture.failure(["ci", "x", "-qz"])?.unknown == "-z")
        #expect(Fixture.failure(["cj"])?.unknown == "cj")
        #expect(Fixture.failure(["help", "cj"])?.unknown == "cj")
        #expect(Fixture.failure(["ci", "x", "y"])?.unknown == nil)
        #expect(Fixture.root.spellings(like: "cj") == ["ci", "plan"])
        #expect(Fixture.ci.spellings(like: "--stats") == ["--stat", "--level", "--seed", "--batch-size", "--format", "--timing", "--quiet", "--verbose", "--help"])
    }

    @Test func typedValuesThatDoNotConvertNameTheArgument() throws {
        let (_, a) = try Fixture.run(["ci", "x", "--seed", "-3", "--level", "abc", "--format", "xml", "--batch-size", "1.5"])
        #expect(throws: UsageError("The value '-3' is invalid for '--seed <seed>'", argument: Fixture.ci.argument(named: "seed"))) {
            try a.uint64("seed")
        }
        #expect(throws: UsageError("The value 'abc' is invalid for '--level <level>'", argument: Fixture.ci.argument(named: "level"))) {
            try a.double("level")
        }
        #expect(throws: UsageError("The value 'xml' is invalid for '--format <format>'. Please provide one of 'table' and 'json'.",
                                   argument: Fixture.ci.argument(named: "format"))) {
            try a.string("format")
        }
        #expect(throws: UsageError("The value '1.5' is invalid for '--batch-size <batch-size>'", argument: Fixture.ci.argument(named: "batch-size"))) {
            try a.optionalInt("batch-size")
        }
    }

    @Test func missingPositionalsAndRequiredOptionsAreReportedWhenRead() throws {
        let (_, a) = try Fixture.run(["ci"])
        #expect(throws: UsageError("Missing expected argument '<file>'", argument: Fixture.ci.argument(named: "file"))) { try a.string("file") }
        let (_, p) = try Fixture.run(["plan", "pilot"])
        #expect(throws: UsageError("Missing expected argument '--config <config>'", argument: Fixture.plan.argument(named: "config"))) {
            try p.string("config")
        }
    }

    @Test func helpAndVersionAreRecognisedAnywhere() {
        func outcome(_ words: [String]) -> String {
            switch CommandLineParser.parse(words, root: Fixture.root) {
            case .success(.help(let path)): return "help " + path.map(\.name).joined(separator: " ")
            case .success(.version(let v)): return "version " + v
            case .success(.run): return "run"
            case .failure(let f): return "error " + f.error.message
            }
        }
        #expect(outcome([]) == "help audit")
        #expect(outcome(["--help"]) == "help audit")
        #expect(outcome(["-h"]) == "help audit")
        #expect(outcome(["help"]) == "help audit")
        #expect(outcome(["help", "ci"]) == "help audit ci")
        #expect(outcome(["ci", "--help"]) == "help audit ci")
        #expect(outcome(["ci", "x", "-qh"]) == "help audit ci")
        #expect(outcome(["--version"]) == "version 9.9.9")
        #expect(outcome(["ci", "--version"]) == "version 9.9.9")
        #expect(outcome(["ci", "x"]) == "run")
    }
}
