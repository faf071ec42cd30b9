/// Arithmetic on numbers that come from data, which never traps. A store holds whatever its
/// writers put there — a metric of 3.1e19, a series from −1.7e308 to +1.7e308, ±infinity from a
/// foreign SQLite client, a time of Int64.max — while Swift's `Int(Double)` traps outside Int's
/// range and on NaN, and `Int` arithmetic traps on overflow.
public enum SafeNumbers {
    /// Where `value` lies between `low` and `high`, from 0 to 1 (clamped), without overflowing
    /// when `high − low` is beyond Double's range; 0 when the range is empty or a value is NaN.
    public static func fraction(_ value: Double, from low: Double, to high: Double) -> Double {
        guard high > low, !value.isNaN else { return 0 }
        if value <= low { return 0 }
        if value >= high { return 1 }
        var result = (value - low) / (high - low)
        if !result.isFinite {
            // The span overflowed (or one end is infinite): halving every term keeps it finite.
            result = (value / 2 - low / 2) / (high / 2 - low / 2)
        }
        return result.isNaN ? 0 : min(1, max(0, result))
    }

    /// An amount of money rounded to the cent, so that a sum does not depend on the order its
    /// terms were added in (a sum kept by day and one over the rows differ far below a cent). An
    /// amount beyond 10^13, whose cents a Double no longer holds, and one not finite stay as they are.
    public static func cents(_ value: Double) -> Double {
        guard value.isFinite, abs(value) < 1e13 else { return value }
        return (value * 100).rounded() / 100
    }

    /// The difference `later − earlier` of two stored whole numbers (times in seconds) as a Double,
    /// which cannot overflow as `Int64` subtraction can.
    public static func difference(_ later: Int64, _ earlier: Int64) -> Double {
        Double(later) - Double(earlier)
    }
}

extension Int {
    /// `value` rounded by `rule` and clamped to Int's range; NaN is 0. Use this, never
    /// `Int(Double)`, for any Double that came from data.
    public init(saturating value: Double, rounding rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero) {
        guard !value.isNaN else {
            self = 0
            return
        }
        let rounded = value.rounded(rule)
        // Double(Int.max) is 2^63, one above Int.max; Double(Int.min) is exactly −2^63.
        if rounded >= 9_223_372_036_854_775_808.0 {
            self = .max
        } else if rounded < -9_223_372_036_854_775_808.0 {
            self = .min
        } else {
            self = Int(rounded)
        }
    }
}

extension Int64 {
    /// As `Int(saturating:rounding:)`, for Int64.
    public init(saturating value: Double, rounding rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero) {
        self = Int64(Int(saturating: value, rounding: rule))
    }
}
