import Testing
@testable import Claims

struct JSONParserTests {
    @Test func parsesNestedValuesAndKeepsKeyOrder() throws {
        let v = try JSONParser.parse(#"{"b": [1, 2.5e1, -0.5], "a": {"x": null, "y": true}, "s": "é\n\u00e9\ud83d\ude00"}"#)
        guard case .object(let members) = v else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["b", "a", "s"])
        #expect(v["b"] == .array([.number(1), .number(25), .number(-0.5)]))
        #expect(v["s"] == .string("é\né😀"))
        #expect(v["a"]?["y"] == .bool(true))
    }

    @Test(arguments: [
        (#"{"a": 1, "a": 2}"#, "duplicate key \"a\""),
        (#"[1, NaN]"#, "NaN is not a JSON number"),
        (#"[Infinity]"#, "Infinity is not a JSON number"),
        (#"[-Infinity]"#, "-Infinity is not a JSON number"),
        (#"[1e999]"#, "number 1e999 is too large for a double"),
        (#"{"samples": [1, 2"#, "unexpected end of input inside an array (truncated file?)"),
        (#"[01]"#, "leading zeros are not allowed in JSON numbers"),
        (#"{"a": 1} x"#, "unexpected text after the end of the JSON value"),
        ("", "unexpected end of input (truncated file?)"),
    ])
    func rejectsWithAClearMessage(text: String, message: String) {
        #expect(throws: (any Error).self) { try JSONParser.parse(text) }
        do { _ = try JSONParser.parse(text) } catch { #expect(error.message == message) }
    }

    @Test func reportsLineAndColumn() {
        do {
            _ = try JSONParser.parse("{\n  \"a\": 1,\n  \"b\": tru\n}")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 3 && error.column == 8)
        }
    }

    @Test func rejectsDeepNestingWithoutCrashing() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        #expect(throws: (any Error).self) { try JSONParser.parse(deep) }
    }

    @Test func rejectsInvalidUTF8InStrings() {
        #expect(throws: (any Error).self) { try JSONParser.parse([0x22, 0xFF, 0xFE, 0x22]) }
    }

    @Test func ignoresByteOrderMark() throws {
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)) == .array([.number(1)]))
    }

    @Test func writerRoundTripsLiteralsAndEscapes() throws {
        let text = #"{"n": 161.365, "s": "a\"b\\c\u0001", "e": [], "o": {}}"#
        let v = try JSONParser.parse(text)
        let out = JSONWriter.string(v, indent: nil)
        #expect(out == #"{"n":161.365,"s":"a\"b\\c\u0001","e":[],"o":{}}"#)
        #expect(try JSONParser.parse(out) == v)
    }
}
