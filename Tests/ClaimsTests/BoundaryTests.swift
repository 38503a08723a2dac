import Testing
@testable import Claims

struct BoundaryTests {
    static func boundary(_ included: Set<Phase>, unknown: Set<Phase> = [], start: StartKind = .coldBoot) -> Boundary {
        var phases: [Phase: PhaseEntry] = [:]
        for p in Phase.allCases {
            let status: PhaseStatus = included.contains(p) ? .included : (unknown.contains(p) ? .unknown : .excluded)
            phases[p] = PhaseEntry(status: status, basis: "", citation: nil)
        }
        return Boundary(startKind: start, phases: phases)
    }

    static let createRequest: Set<Phase> = [.clientRequest, .apiHandling, .scheduling, .poolAcquire, .sandboxCreate, .response]

    @Test func boundaryClasses() {
        #expect(Self.boundary(Self.createRequest).boundaryClass.description == "create-request")
        #expect(Self.boundary(Self.createRequest.union([.guestBoot, .guestInit])).boundaryClass.description == "guest-ready")
        #expect(Self.boundary([.rootfsProvision, .sandboxCreate, .guestInit, .firstExec, .teardown, .timerOverhead]).boundaryClass.description == "first-exec+teardown")
    }

    @Test func identicalMatricesAreComparable() {
        let c = Comparability(Self.boundary(Self.createRequest), Self.boundary(Self.createRequest))
        #expect(c.verdict == .comparable && c.explanation.isEmpty)
    }

    @Test func supersetIsNotComparableButDirectional() {
        let ours = Self.boundary([.rootfsProvision, .sandboxCreate, .guestInit, .teardown, .timerOverhead])
        let vendor = Self.boundary([.sandboxCreate], start: .snapshotRestore)
        let c = Comparability(ours, vendor)
        #expect(c.verdict == .notComparable)
        #expect(c.leftIsSuperset && !c.rightIsSuperset)
        #expect(c.extraOnLeft == [.rootfsProvision, .guestInit, .teardown, .timerOverhead])
        #expect(c.explanation.contains("teardown: included (left) vs excluded (right)"))
        #expect(c.explanation.contains("start kind: cold-boot (left) vs snapshot-restore (right)"))
    }

    @Test func unknownPhasesGiveCaveatsNotAVerdict() {
        let c = Comparability(Self.boundary(Self.createRequest), Self.boundary(Self.createRequest, unknown: [.readinessProbe]))
        #expect(c.verdict == .comparableWithCaveats)
        #expect(c.uncertain.map(\.phase) == [.readinessProbe])
    }

    @Test func shippedClaimsAndRigsDecode() throws {
        let root = #filePath.split(separator: "/").dropLast(3).joined(separator: "/")
        let claims = try ClaimsFile.load("/" + root + "/data/claims.json")
        let l6 = try #require(claims.vendor("cubesandbox")?.claim("L6"))
        #expect(l6.figure.statistic == .p95 && l6.figure.value == 90 && l6.figure.concurrency == 50)
        #expect(l6.boundary?.boundaryClass.end == .createRequest)
        #expect(l6.quantileDefinition == .nearestRank)
        let rigs = try RigCatalog.load("/" + root + "/data/rigs.json")
        let jail = try #require(rigs.profile(config: "jail-zfs-clone", metric: "cold-start-ms", concurrency: 50))
        #expect(jail.boundary?.status(.teardown) == .included)
        #expect(jail.boundary?.status(.timerOverhead) == .included)
        #expect(rigs.profile(config: "computesdk-e2b-burst", metric: "tti-ms", concurrency: 100)?.id == "computesdk-burst")
        #expect(Glob.matches("computesdk-*-burst", "computesdk-e2b-burst") && !Glob.matches("lambda-*", "nsdi2020-qemu"))
    }
}
