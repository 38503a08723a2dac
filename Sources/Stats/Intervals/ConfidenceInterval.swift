/// How an interval was computed.
public enum IntervalMethod: String, Sendable, CaseIterable, Codable {
    /// Bootstrap percentile (Efron 1979).
    case percentile
    /// Basic (reverse-percentile) bootstrap, Davison & Hinkley (1997) eq. 5.6.
    case basic
    /// Bias-corrected and accelerated bootstrap (Efron 1987), jackknife acceleration, scipy's conventions.
    case bca
    /// Bootstrap-t with a per-resample standard error (Efron & Tibshirani 1993, §12.5).
    case studentized
    /// Normal approximation with bootstrap bias and standard error (R boot's `norm`).
    case normal
    /// Percentile interval of the exact (closed-form, no Monte-Carlo) bootstrap distribution of a quantile.
    case exact
    /// Distribution-free order-statistic interval from the binomial (as scipy `quantile_test`).
    case order
    /// Harrell–Davis estimate ± Student-t × Maritz–Jarrett-style standard error.
    case mj

    /// Whether the method draws bootstrap resamples. (A switch, not an array literal: the first array of
    /// this enum would build its generic metadata at run time on the path of every interval.)
    public var resamples: Bool {
        switch self {
        case .percentile, .basic, .bca, .studentized, .normal: true
        case .exact, .order, .mj: false
        }
    }

    /// Whether the method works with batch resampling (the studentized, exact and mj methods assume
    /// independent samples).
    public var allowsBatchResampling: Bool {
        switch self {
        case .studentized, .exact, .mj: false
        default: true
        }
    }
}

/// A confidence interval with everything a reader needs to trust or distrust it.
///
/// A missing bound (`nil`) means *unbounded*: the data cannot support a bound on that side at the
/// requested level (e.g. a distribution-free upper bound on p99 needs n ≥ 368 at 95% two-sided).
/// It is never silently replaced by the sample maximum. `notes` say why a bound is missing,
/// which method `auto` picked, and any caveat (ties, extreme order statistics, few resamples).
public struct ConfidenceInterval: Sendable, Equatable {
    public var method: IntervalMethod
    /// The requested confidence level.
    public var level: Double
    public var estimate: Double
    public var low: Double?
    public var high: Double?
    /// For exact methods, the coverage actually guaranteed (≥ level); nil for Monte-Carlo methods.
    public var achievedLevel: Double?
    /// Notes set as text (most methods put all their notes here).
    private var leadingNotes: [String]
    /// The facts the order-statistic interval's own notes are written from: their text is made when the
    /// notes are read, so that formatting numbers into English is not part of computing the interval.
    var orderFacts: OrderStatisticInterval.NoteFacts?

    public init(method: IntervalMethod, level: Double, estimate: Double, low: Double?, high: Double?,
                achievedLevel: Double? = nil, notes: [String] = []) {
        self.method = method
        self.level = level
        self.estimate = estimate
        self.low = low
        self.high = high
        self.achievedLevel = achievedLevel
        self.leadingNotes = notes
        self.orderFacts = nil
    }

    /// Why a bound is missing, which method `auto` picked, and any caveat, as sentences.
    public var notes: [String] {
        get { orderFacts.map { leadingNotes + $0.notes } ?? leadingNotes }
        set {
            leadingNotes = newValue
            orderFacts = nil
        }
    }

    /// Puts notes before the others (without writing out the deferred ones).
    public mutating func prependNotes(_ more: [String]) {
        leadingNotes = more + leadingNotes
    }

    public var isBounded: Bool { low != nil && high != nil }

    public static func == (a: ConfidenceInterval, b: ConfidenceInterval) -> Bool {
        a.method == b.method && a.level == b.level && a.estimate == b.estimate && a.low == b.low && a.high == b.high
            && a.achievedLevel == b.achievedLevel && a.notes == b.notes
    }
}

/// Why an interval method cannot give an answer on this data (instead of NaN).
public struct IntervalUnavailable: Error, Sendable, Equatable, CustomStringConvertible {
    public let method: IntervalMethod
    public let reason: String
    public init(_ method: IntervalMethod, _ reason: String) {
        self.method = method
        self.reason = reason
    }
    public var description: String { "\(method.rawValue): \(reason)" }
}
