/// "Did you mean …?" for mistyped names, by Levenshtein distance.
public enum Suggestion {
    public static func didYouMean(_ input: String, among candidates: [String]) -> String {
        let lower = input.lowercased()
        let scored = candidates.map { ($0, distance(lower, $0.lowercased())) }.sorted { $0.1 < $1.1 }
        guard let best = scored.first, best.1 <= max(2, lower.count / 3) else { return "" }
        return "; did you mean '\(best.0)'?"
    }

    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
