import Foundation

/// Python's number formatting, as the sample's files and README were written: `repr(float)`,
/// `round(x, n)`, `"%.*g"`, `"%.Nf"`, `"{:,}"`; and the YAML float rule of the old script.
enum PythonFormat {
    /// `repr(x)` for a finite double: the shortest digits that read back as x (Swift's
    /// `description` finds the same digits), laid out as Python does: fixed notation with at
    /// least one digit after the point when the decimal exponent is in -4..<16, else
    /// `d[.ddd]e±XX`.
    static func repr(_ x: Double) -> String {
        precondition(x.isFinite)
        if x == 0 { return x.sign == .minus ? "-0.0" : "0.0" }
        let (negative, digits, exponent) = shortest(x)
        var text = negative ? "-" : ""
        if exponent < -4 || exponent >= 16 {
            text += String(digits.first!)
            if digits.count > 1 { text += "." + digits.dropFirst() }
            text += "e" + (exponent < 0 ? "-" : "+")
            let e = String(abs(exponent))
            text += e.count < 2 ? "0" + e : e
        } else if exponent < 0 {
            text += "0." + String(repeating: "0", count: -exponent - 1) + digits
        } else if digits.count > exponent + 1 {
            let point = digits.index(digits.startIndex, offsetBy: exponent + 1)
            text += digits[..<point] + "." + digits[point...]
        } else {
            text += digits + String(repeating: "0", count: exponent + 1 - digits.count) + ".0"
        }
        return text
    }

    /// The sign, the shortest round-trip significant digits (no leading or trailing zeros) and the
    /// decimal exponent of the first digit.
    static func shortest(_ x: Double) -> (Bool, String, Int) {
        var text = abs(x).description  // "0.000397", "2.27e-07", "1e+16", "38.0"
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponent = Int(text[text.index(after: e)...])!
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts[0]), fraction = parts.count > 1 ? String(parts[1]) : ""
        var digits = whole + fraction
        var firstDigitExponent = exponent + whole.count - 1
        while digits.hasPrefix("0") { digits.removeFirst(); firstDigitExponent -= 1 }
        while digits.hasSuffix("0") { digits.removeLast() }
        return (x.sign == .minus, digits, firstDigitExponent)
    }

    /// The YAML float of the old writer: `repr`, with ".0" added to a mantissa without a point and
    /// the exponent's sign always written (`3.1e-06`, `4.0e-06`, `38.0`).
    static func yamlFloat(_ x: Double) -> String {
        let r = repr(x)
        guard let e = r.firstIndex(of: "e") else { return r.contains(".") ? r : r + ".0" }
        var mantissa = String(r[..<e])
        if !mantissa.contains(".") { mantissa += ".0" }
        var exponent = String(r[r.index(after: e)...])
        let sign = exponent.hasPrefix("-") ? "-" : "+"
        exponent = String(exponent.drop { $0 == "+" || $0 == "-" })
        return mantissa + "e" + sign + exponent
    }

    /// C's printf (glibc and Apple's both round the exact binary value correctly, half to even, as
    /// Python's own formatting does).
    /// Formatted in the C locale whatever `setlocale` the process ran (the dashboard sets the
    /// user's locale for ncurses; a decimal comma must never reach the sample's files).
    static func printf(_ format: String, _ x: Double) -> String {
        var buffer = [CChar](repeating: 0, count: 512)
        let previous = uselocale(cLocale)
        defer { uselocale(previous) }
        _ = withVaList([x]) { vsnprintf(&buffer, buffer.count, format, $0) }
        return String(cString: buffer)
    }

    /// The "C" locale, made once.
    nonisolated(unsafe) static let cLocale: locale_t = newlocale(Int32(1) << LC_NUMERIC, "C", nil)!  // LC_NUMERIC_MASK on glibc and Darwin

    /// `round(x, n)` for n ≥ 1: the double nearest the correctly rounded decimal.
    static func round(_ x: Double, _ n: Int) -> Double { Double(printf("%.\(n)f", x))! }

    /// `round(x)`: an integer, half to even.
    static func roundToInt(_ x: Double) -> Int { Int(x.rounded(.toNearestOrEven)) }

    /// `float("%.*g" % (digits, x))`: x to `digits` significant digits (the old `sig`; 0 stays 0.0).
    static func significant(_ x: Double, _ digits: Int) -> Double {
        x == 0 ? 0 : Double(printf("%.\(digits)g", x))!
    }

    /// `f"{x:.Nf}"`.
    static func fixed(_ x: Double, _ n: Int) -> String { printf("%.\(n)f", x) }

    /// `f"{x:.Ng}"`.
    static func general(_ x: Double, _ n: Int) -> String { printf("%.\(n)g", x) }

    /// `f"{n:,}"`.
    static func grouped(_ n: Int) -> String { (n < 0 ? "-" : "") + groupDigits(String(n.magnitude)) }

    /// Commas every three digits from the right.
    static func groupDigits(_ digits: String) -> String {
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
            out.append(c)
        }
        return out
    }

    /// `f"{x:,.Nf}"`.
    static func groupedFixed(_ x: Double, _ n: Int) -> String {
        var text = fixed(x, n)
        let negative = text.hasPrefix("-")
        if negative { text.removeFirst() }
        let parts = text.split(separator: ".", maxSplits: 1)
        return (negative ? "-" : "") + groupDigits(String(parts[0])) + (parts.count > 1 ? "." + parts[1] : "")
    }
}

/// CPython's `timedelta` arithmetic where a float is involved, in whole microseconds.
enum PyDuration {
    /// `timedelta(hours: h)` / `timedelta(seconds: s)` for a float: whole units exactly, the
    /// fraction through one float multiply, the rest rounded half to even against the parity of the
    /// total (delta_new's `accum` and leftover rounding).
    static func microseconds(_ value: Double, unitMicroseconds factor: Int64) -> Int64 {
        var whole = 0.0
        let fraction = modf(value, &whole)
        var total = Int64(whole) * factor
        if fraction == 0 { return total }
        var whole2 = 0.0
        let leftover = modf(Double(factor) * fraction, &whole2)
        total += Int64(whole2)
        if leftover != 0 {
            var rounded = leftover.rounded()  // C round(): half away from zero
            if abs(rounded - leftover) == 0.5 {
                let odd = Double(total & 1 == 0 ? 0 : 1)
                rounded = 2.0 * ((leftover + odd) * 0.5).rounded() - odd
            }
            total += Int64(rounded)
        }
        return total
    }

    static func hours(_ h: Double) -> Int64 { microseconds(h, unitMicroseconds: 3_600_000_000) }
    static func seconds(_ s: Double) -> Int64 { microseconds(s, unitMicroseconds: 1_000_000) }

    /// `timedelta(microseconds: us) * f`: us × f exactly (f as a ratio m / 2^k), rounded half to even.
    static func scaled(_ us: Int64, by f: Double) -> Int64 {
        if f == 0 || us == 0 { return 0 }
        let negative = (us < 0) != (f < 0)
        let significand = UInt64(abs(f).significandBitPattern) | (abs(f).isNormal ? 1 << 52 : 0)
        let shift = 52 - Int(abs(f).exponent)  // |f| = significand / 2^shift
        let product = UInt64(abs(us)).multipliedFullWidth(by: significand)
        // (high, low) as a 128-bit number, divided by 2^shift with rounding half to even.
        func shifted(_ s: Int) -> (UInt64, UInt64) {
            if s == 0 { return (product.high, product.low) }
            if s >= 128 { return (0, 0) }
            if s >= 64 { return (0, product.high >> UInt64(s - 64)) }
            return (product.high >> UInt64(s), (product.low >> UInt64(s)) | (product.high << UInt64(64 - s)))
        }
        var result: Int64
        if shift <= 0 {
            result = Int64(product.low << UInt64(-shift))
        } else {
            let q = shifted(shift)
            precondition(q.0 == 0)
            var quotient = q.1
            // remainder compared with half of 2^shift
            let remainderHigh: UInt64, remainderLow: UInt64
            if shift >= 64 {
                remainderHigh = shift == 64 ? 0 : product.high & ((1 << UInt64(shift - 64)) - 1)
                remainderLow = product.low
            } else {
                remainderHigh = 0
                remainderLow = product.low & ((1 << UInt64(shift)) - 1)
            }
            let halfHigh: UInt64 = shift - 1 >= 64 ? 1 << UInt64(shift - 1 - 64) : 0
            let halfLow: UInt64 = shift - 1 >= 64 ? 0 : 1 << UInt64(shift - 1)
            let above = remainderHigh > halfHigh || (remainderHigh == halfHigh && remainderLow > halfLow)
            let exactlyHalf = remainderHigh == halfHigh && remainderLow == halfLow
            if above || (exactlyHalf && quotient & 1 == 1) { quotient += 1 }
            result = Int64(quotient)
        }
        return negative ? -result : result
    }
}
