/// Binary search on an ascending array of doubles: how many elements lie below (or at) a value.
enum SortedSearch {
    /// The number of elements < v: the first index whose element is ≥ v.
    static func lowerBound(_ a: [Double], _ v: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi { let mid = (lo + hi) / 2; if a[mid] < v { lo = mid + 1 } else { hi = mid } }
        return lo
    }

    /// The number of elements ≤ v: the first index whose element is > v.
    static func upperBound(_ a: [Double], _ v: Double) -> Int {
        var lo = 0, hi = a.count
        while lo < hi { let mid = (lo + hi) / 2; if a[mid] <= v { lo = mid + 1 } else { hi = mid } }
        return lo
    }
}
