/// Placeholder replaced below.
public struct CompareHTMLRenderer {
    public init() {}
    public func render(_ report: CompareReport) -> String { "" }
}
