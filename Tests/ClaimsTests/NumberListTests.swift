import Testing
@testable import Claims

struct NumberListTests {
    func parse(_ text: String) throws(AuditError) -> [Double] { try NumberList.parse(Array(text.utf8), source: "x.txt") }

    @Test func acceptsBlankLinesCommentsCRLFAndBOM() throws {
        #expect(try parse("# ms\n1\n\n2.5\r\n-3e-1\n") == [1, 2.5, -0.3])
        #expect(try NumberList.parse([0xEF, 0xBB, 0xBF] + Array("4\n".utf8), source: "x") == [4])
    }

    @Test(arguments: [
        ("1\nabc\n", "x.txt: line 2: not a number: \"abc\""),
        ("1\nnan\n", "x.txt: line 2: not a number: \"nan\""),
        ("1\ninf\n", "x.txt: line 2: not a number: \"inf\""),
        ("1\n1e999\n", "x.txt: line 2: not a finite number: \"1e999\""),
        ("161365 106\n", "x.txt: line 1: expected one number per line, found 2 fields"),
        ("", "x.txt: no samples (empty file or only comments)"),
        ("0x10\n", "x.txt: line 1: not a number: \"0x10\""),
    ])
    func rejectsWithLineNumber(text: String, expected: String) {
        do {
            _ = try parse(text)
            Issue.record("expected an error")
        } catch {
            #expect(error.description == expected)
            #expect(error.kind == .malformedInput)
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: AuditError.self) { try NumberList.parse([0x31, 0x0A, 0xFF, 0x0A], source: "x") }
    }
}

struct LongNumberTests {
    @Test func manyDigitsAreStillANumber() throws {
        let digits = String(repeating: "1", count: 80)
        #expect(try NumberList.parse(Array("1.\(digits)\n\(digits)\n".utf8), source: "x") == [Double("1.\(digits)")!, Double(digits)!])
    }
}
