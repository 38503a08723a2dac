/// The boundary model (DESIGN.md §2): which phases of a sandbox start a number's clock covers.
/// Two numbers are comparable only when their clocks cover the same phases.
public enum Phase: String, CaseIterable, Sendable, Codable {
    case clientRequest = "client-request"
    case apiHandling = "api-handling"
    case scheduling
    case poolAcquire = "pool-acquire"
    case rootfsProvision = "rootfs-provision"
    case sandboxCreate = "sandbox-create"
    case networkSetup = "network-setup"
    case guestBoot = "guest-boot"
    case guestInit = "guest-init"
    case readinessProbe = "readiness-probe"
    case firstExec = "first-exec"
    case response
    case teardown
    case timerOverhead = "timer-overhead"
}

extension Phase {
    /// Position in the start sequence (DESIGN.md §2).
    public var order: Int { Phase.allCases.firstIndex(of: self)! }
}

public enum PhaseStatus: String, Sendable, Codable {
    case included, excluded, unknown
    case notApplicable = "n/a"
}

public enum StartKind: String, Sendable, Codable, CaseIterable {
    case coldBoot = "cold-boot"
    case snapshotRestore = "snapshot-restore"
    case prewarmedPool = "prewarmed-pool"
    case processStart = "process-start"
    case unknown
}

/// Where a clock stops, derived from the phase matrix.
public struct BoundaryClass: Sendable, Equatable, Hashable, CustomStringConvertible {
    public enum End: String, Sendable, CaseIterable {
        /// Ends at the API response; guest readiness not awaited.
        case createRequest = "create-request"
        /// Ends when guest userspace or a readiness probe answers.
        case guestReady = "guest-ready"
        /// Ends when a first command inside the sandbox returns.
        case firstExec = "first-exec"
        /// The end point cannot be told: guest readiness or a first command may or may not be awaited.
        case unknown
    }
    public let end: End
    public let includesTeardown: Bool
    public var description: String { end.rawValue + (includesTeardown ? "+teardown" : "") }
}

/// One phase's status with the reason and an index into the owner's citations.
public struct PhaseEntry: Sendable, Equatable {
    public let status: PhaseStatus
    public let basis: String
    public let citation: Int?
}

/// A number's phase matrix and start kind.
public struct Boundary: Sendable, Equatable {
    public let startKind: StartKind
    public let phases: [Phase: PhaseEntry]

    public init(startKind: StartKind, phases: [Phase: PhaseEntry]) {
        self.startKind = startKind
        self.phases = phases
    }

    public func status(_ phase: Phase) -> PhaseStatus { phases[phase]?.status ?? .unknown }

    public var boundaryClass: BoundaryClass {
        let end: BoundaryClass.End
        if status(.firstExec) == .included {
            end = .firstExec
        } else if status(.guestInit) == .included || status(.readinessProbe) == .included {
            end = .guestReady
        } else if [Phase.guestInit, .firstExec].allSatisfy({ status($0) == .excluded || status($0) == .notApplicable }) {
            // A readiness probe that may or may not run does not make the end point unknown: the
            // guest is not awaited beyond it (the uncertainty shows in the comparability).
            end = .createRequest
        } else {
            end = .unknown
        }
        return BoundaryClass(end: end, includesTeardown: status(.teardown) == .included)
    }

    /// Phases whose status is `included`.
    public var includedPhases: Set<Phase> { Set(Phase.allCases.filter { status($0) == .included }) }

    static func decode(_ r: JSONFieldReader) -> Boundary? {
        let startKind = r.enumeration("startKind", as: StartKind.self) ?? .unknown
        var phases: [Phase: PhaseEntry] = [:]
        if let p = r.member("phases") {
            for (key, entry) in p.members() {
                guard let phase = Phase(rawValue: key) else {
                    r.problems.add(entry.path, "unknown phase \"\(key)\"")
                    continue
                }
                guard let status = entry.enumeration("status", as: PhaseStatus.self) else { continue }
                phases[phase] = PhaseEntry(status: status, basis: entry.string("basis", required: false) ?? "",
                                           citation: entry.integer("citation", required: false))
            }
            for phase in Phase.allCases where phases[phase] == nil {
                r.problems.add(p.childPath(phase.rawValue), "missing (every phase needs a status)")
            }
        }
        return Boundary(startKind: startKind, phases: phases)
    }
}

/// Whether two numbers measure the same thing, phase by phase.
public struct Comparability: Sendable, Equatable {
    public enum Verdict: String, Sendable {
        case comparable
        case comparableWithCaveats = "comparable-with-caveats"
        case notComparable = "not-comparable"
    }

    public struct PhaseDifference: Sendable, Equatable {
        public let phase: Phase
        public let left: PhaseStatus
        public let right: PhaseStatus
    }

    public let verdict: Verdict
    /// Phases included on one side and excluded on the other.
    public let differing: [PhaseDifference]
    /// Phases unknown on at least one side (and not n/a on both).
    public let uncertain: [PhaseDifference]
    public let startKinds: (left: StartKind, right: StartKind)
    /// The left clock covers every phase the right one does, and more (or vice versa).
    public let leftIsSuperset: Bool
    public let rightIsSuperset: Bool

    public static func == (a: Comparability, b: Comparability) -> Bool {
        a.verdict == b.verdict && a.differing == b.differing && a.uncertain == b.uncertain
            && a.startKinds == b.startKinds && a.leftIsSuperset == b.leftIsSuperset && a.rightIsSuperset == b.rightIsSuperset
    }

    /// Phases only one side's clock covers for certain (included there, excluded on the other side).
    public var extraOnLeft: [Phase] { differing.filter { $0.left == .included }.map(\.phase) }
    public var extraOnRight: [Phase] { differing.filter { $0.right == .included }.map(\.phase) }
    /// Phases one side includes and the other does not include for certain (excluded, n/a or unknown):
    /// time that may be in one number and not the other.
    public var possiblyExtraOnLeft: [Phase] { (differing + uncertain).filter { $0.left == .included }.map(\.phase).sorted { $0.order < $1.order } }
    public var possiblyExtraOnRight: [Phase] { (differing + uncertain).filter { $0.right == .included }.map(\.phase).sorted { $0.order < $1.order } }

    public init(_ left: Boundary, _ right: Boundary) {
        var differing: [PhaseDifference] = [], uncertain: [PhaseDifference] = []
        for phase in Phase.allCases {
            let l = left.status(phase), r = right.status(phase)
            let effectiveL = l == .notApplicable ? .excluded : l
            let effectiveR = r == .notApplicable ? .excluded : r
            if effectiveL == effectiveR { continue }
            let d = PhaseDifference(phase: phase, left: l, right: r)
            if effectiveL == .unknown || effectiveR == .unknown { uncertain.append(d) } else { differing.append(d) }
        }
        self.differing = differing
        self.uncertain = uncertain
        startKinds = (left.startKind, right.startKind)
        let lOnly = differing.contains { $0.left == .included }
        let rOnly = differing.contains { $0.right == .included }
        leftIsSuperset = lOnly && !rOnly
        rightIsSuperset = rOnly && !lOnly
        if !differing.isEmpty || (left.startKind != right.startKind && left.startKind != .unknown && right.startKind != .unknown) {
            verdict = differing.isEmpty ? .comparableWithCaveats : .notComparable
        } else {
            verdict = uncertain.isEmpty && left.startKind == right.startKind ? .comparable : .comparableWithCaveats
        }
    }

    /// One line per phase that differs or is uncertain, e.g. "teardown: included (left) vs excluded (right)".
    public var explanation: [String] {
        var lines = differing.map { "\($0.phase.rawValue): \($0.left.rawValue) (left) vs \($0.right.rawValue) (right)" }
        lines += uncertain.map { "\($0.phase.rawValue): \($0.left.rawValue) (left) vs \($0.right.rawValue) (right) — unknown, cannot be ruled out" }
        if startKinds.left != startKinds.right {
            lines.append("start kind: \(startKinds.left.rawValue) (left) vs \(startKinds.right.rawValue) (right)")
        }
        return lines
    }
}
