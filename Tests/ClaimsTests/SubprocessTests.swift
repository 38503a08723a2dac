import Testing
@testable import Claims

struct SubprocessTests {
    @Test func capturesOutputAndStatus() {
        let r = Subprocess.run(["sh", "-c", "printf 'a\\nb'; echo err >&2; exit 3"], captureOutput: true, silenceErrors: true)
        #expect(r.status == 3)
        #expect(String(decoding: r.output, as: UTF8.self) == "a\nb")
    }

    @Test func addsEnvironmentEntries() {
        let r = Subprocess.run(["sh", "-c", "printf %s \"$AUDIT_SUBPROCESS_TEST\""], environment: ["AUDIT_SUBPROCESS_TEST": "x y"],
                               captureOutput: true)
        #expect(String(decoding: r.output, as: UTF8.self) == "x y")
    }

    @Test func missingProgramIs127AndASignalIs128PlusIt() {
        #expect(Subprocess.run(["no-such-program-audit-test"], silenceErrors: true).status == 127)
        #expect(Subprocess.run(["sh", "-c", "kill -9 $$"]).status == 128 + 9)
    }
}
