import Testing
@testable import CommandLineParsing

struct HelpFormatterTests {
    @Test func wrapsAtTheWidthAndNeverSplitsAWord() {
        let text = (0..<40).map { "word\($0)" }.joined(separator: " ")
        let lines = HelpFormatter.wrap(text, indent: 26)
        #expect(lines.allSatisfy { $0.count <= HelpFormatter.width - 26 })
        #expect(lines.joined(separator: " ") == text)
        let long = String(repeating: "x", count: 100)
        #expect(HelpFormatter.wrap("a \(long) b", indent: 0) == ["a", long, "b"])
    }

    @Test func shortLabelsShareTheLineAndLongOnesGetTheirOwn() {
        #expect(HelpFormatter.entry("--stat <stat>", "Statistic.") == ["  --stat <stat>           Statistic."])
        #expect(HelpFormatter.entry("--resamples <resamples>", "B.") == ["  --resamples <resamples> B."])
        #expect(HelpFormatter.entry("--definition <definition>", "Rule.")
                == ["  --definition <definition>", String(repeating: " ", count: 26) + "Rule."])
    }

    @Test func helpListsArgumentsOptionsDefaultsChoicesAndSubcommands() {
        let leaf = HelpFormatter.help([Fixture.root, Fixture.ci])
        #expect(leaf.hasPrefix("OVERVIEW: Interval.\n\nUSAGE: audit ci <file> [<options>]\n\nARGUMENTS:\n  <file>                  Input.\n\nOPTIONS:\n"))
        #expect(leaf.contains("  --stat <stat>           Statistic. (default: mean)\n"))
        #expect(leaf.contains("  --format <format>       Format. (values: table, json; default: table)\n"))
        #expect(leaf.contains("  -q, --quiet             Quiet.\n"))
        #expect(leaf.hasSuffix("  -h, --help              Show help information."))
        #expect(!leaf.contains("--version"))
        let plan = HelpFormatter.help([Fixture.root, Fixture.plan])
        #expect(plan.contains("USAGE: audit plan --config <config> <pilot> [<options>]"))
        #expect(plan.contains("(default: mean, median)"))
        let root = HelpFormatter.help([Fixture.root])
        #expect(root.contains("USAGE: audit <subcommand>"))
        #expect(root.contains("  --version               Show the version.\n"))
        #expect(root.contains("SUBCOMMANDS:\n  ci                      Interval.\n  plan                    Plan.\n"))
        #expect(root.hasSuffix("  See 'audit help <subcommand>' for detailed help."))
    }

    @Test func discussionLinesIndentedByASpaceAreKeptAsWritten() {
        let example = "  audit ci " + String(repeating: "a", count: 90)
        let command = CommandDefinition(name: "x", abstract: "X.", discussion: "Text.\n\nExample:\n\(example)")
        let help = HelpFormatter.help([command])
        #expect(help.contains("\n\(example)\n"))
    }

    @Test func anErrorShowsTheArgumentsHelpTheUsageAndWhereToReadMore() {
        let error = UsageError("The value 'x' is invalid for '--level <level>'", argument: Fixture.ci.argument(named: "level"))
        #expect(HelpFormatter.error(error, path: [Fixture.root, Fixture.ci]) == """
            Error: The value 'x' is invalid for '--level <level>'
            Help:  --level <level>  Level.
            Usage: audit ci <file> [<options>]
              See 'audit ci --help' for more information.
            """)
    }
}
