/// Number formatting shared by the text renderers: enough significant digits to tell
/// neighbouring order statistics apart, no exponent for ordinary latencies.
public enum Format {
    public static func number(_ value: Double, significant: Int = 6) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "∞" : "-∞") }
        if value == value.rounded(), abs(value) < 1e12 { return String(Int64(value)) }
        // Beyond fixed-point range (and Int64), Swift's shortest round-trip form.
        if abs(value) >= 1e12 || (value != 0 && abs(value) < 1e-9) { return "\(value)" }
        let magnitude = value == 0 ? 0 : Int((abs(value)).log10Floor)
        let decimals = max(0, min(12, significant - 1 - magnitude))
        var text = formatFixed(value, decimals: decimals)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// A p-value: 4 significant digits, scientific below 1e-4, "< 1e-300" when it underflows.
    public static func pValue(_ p: Double) -> String {
        if p == 0 { return "< 1e-300" }
        if p >= 1e-4 { return number(p, significant: 4) }
        var exponent = 0
        var mantissa = p
        while mantissa < 1 { mantissa *= 10; exponent -= 1 }
        return number(mantissa, significant: 3) + "e\(exponent)"
    }

    /// Fixed-point text with `decimals` digits after the point, correctly rounded.
    static func formatFixed(_ value: Double, decimals: Int) -> String {
        let scale = pow10(decimals)
        let scaled = (abs(value) * scale).rounded()
        let sign = value < 0 && scaled != 0 ? "-" : ""
        let integerPart = (scaled / scale).rounded(.towardZero)
        let fraction = scaled - integerPart * scale
        if decimals == 0 { return sign + String(Int64(integerPart)) }
        var fractionText = String(Int64(fraction))
        fractionText = String(repeating: "0", count: max(0, decimals - fractionText.count)) + fractionText
        return sign + String(Int64(integerPart)) + "." + fractionText
    }

    private static func pow10(_ k: Int) -> Double {
        var r = 1.0
        for _ in 0..<k { r *= 10 }
        return r
    }
}

extension Double {
    var log10Floor: Double {
        var e = 0.0
        var v = self
        while v >= 10 { v /= 10; e += 1 }
        while v < 1 { v *= 10; e -= 1 }
        return e
    }
}
