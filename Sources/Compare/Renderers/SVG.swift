#if canImport(Glibc)
import Glibc
#endif

/// Minimal SVG building blocks for the self-contained HTML report (no scripts, no network).
struct SVG {
    let width: Double
    let height: Double
    var body: [String] = []

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    static func escape(_ s: String) -> String {
        s.replacing("&", with: "&amp;").replacing("<", with: "&lt;")
            .replacing(">", with: "&gt;").replacing("\"", with: "&quot;")
    }

    static func n(_ v: Double) -> String {
        // printf's correctly rounded "%.2f" (what the reports have always used), without Foundation.
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { buffer in
            _ = withVaList([v]) { vsnprintf(buffer.baseAddress, 64, "%.2f", $0) }
            return String(cString: buffer.baseAddress!)
        }
    }

    mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        body.append("<line x1=\"\(Self.n(x1))\" y1=\"\(Self.n(y1))\" x2=\"\(Self.n(x2))\" y2=\"\(Self.n(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\"\(dash.map { " stroke-dasharray=\"\($0)\"" } ?? "")/>")
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double = 1.5) {
        let p = points.map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        body.append("<polyline fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(Self.n(width))\" points=\"\(p)\"/>")
    }

    mutating func circle(_ x: Double, _ y: Double, r: Double, fill: String, title: String? = nil) {
        body.append("<circle cx=\"\(Self.n(x))\" cy=\"\(Self.n(y))\" r=\"\(Self.n(r))\" fill=\"\(fill)\">\(title.map { "<title>\(Self.escape($0))</title>" } ?? "")</circle>")
    }

    mutating func diamond(_ x: Double, _ y: Double, size: Double, fill: String, title: String? = nil) {
        let pts = [(x, y - size), (x + size, y), (x, y + size), (x - size, y)].map { "\(Self.n($0.0)),\(Self.n($0.1))" }.joined(separator: " ")
        body.append("<polygon points=\"\(pts)\" fill=\"\(fill)\">\(title.map { "<title>\(Self.escape($0))</title>" } ?? "")</polygon>")
    }

    mutating func text(_ x: Double, _ y: Double, _ s: String, size: Double = 11, anchor: String = "start", fill: String = "#222") {
        body.append("<text x=\"\(Self.n(x))\" y=\"\(Self.n(y))\" font-size=\"\(Self.n(size))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\">\(Self.escape(s))</text>")
    }

    func render(label: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(Self.escape(label))\" width=\"\(Self.n(width))\" height=\"\(Self.n(height))\" viewBox=\"0 0 \(Self.n(width)) \(Self.n(height))\">" + body.joined() + "</svg>"
    }
}

/// A linear or log axis mapping data to pixels, with "nice" tick values.
struct Axis {
    let lo: Double
    let hi: Double
    let pixelLo: Double
    let pixelHi: Double
    let log: Bool

    func map(_ v: Double) -> Double {
        let (a, b, x) = log ? (Glibc.log(lo), Glibc.log(hi), Glibc.log(max(v, lo * 1e-6))) : (lo, hi, v)
        guard b > a else { return (pixelLo + pixelHi) / 2 }
        return pixelLo + (x - a) / (b - a) * (pixelHi - pixelLo)
    }

    var ticks: [Double] {
        if log {
            var out: [Double] = []
            var t = pow(10, floor(log10(lo)))
            while t <= hi * 1.0001 {
                for m in [1.0, 2, 5] where t * m >= lo && t * m <= hi { out.append(t * m) }
                t *= 10
            }
            return out
        }
        let span = hi - lo
        guard span > 0 else { return [lo] }
        let raw = span / 5
        let mag = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * mag }.first { $0 >= raw } ?? raw
        var t = ceil(lo / step) * step
        var out: [Double] = []
        while t <= hi + step * 1e-9 { out.append(t); t += step }
        return out
    }
}
