import Portfolio
import Foundation

struct TeamSpec {
    let name: String, industry: String, lead: String, description: String
    let members: [String], approver: String, regulated: Bool
}

struct MetricSpec {
    let name: String, base: Double, sd: Double, higherIsBetter: Bool, decimals: Int
}

struct ModelSpec {
    let name: String, team: String, owner: String, stage: String, risk: String
    let value: Int, cost: Int, created: String, versions: String
    let useCase: String, framework: String, domain: String, serving: String, features: [String]
    var gpu: Double = 0
    var train: String? = nil
    var metric: MetricSpec? = nil
    var preds: Int? = nil
    var latency: Double? = nil
    var trainSeconds: (Int, Int)? = nil
    var archivedOn: String? = nil
    var extraTags: [(String, String)] = []
}

// MARK: - Time: microseconds since the epoch, UTC, as Python's aware datetimes hold them.

typealias Micros = Int64
let second: Micros = 1_000_000
let minute: Micros = 60 * second
let hour: Micros = 3_600 * second
let day: Micros = 86_400 * second

/// Days since 1970-01-01 of a civil date.
func days(_ y: Int, _ m: Int, _ d: Int) -> Int { ISOTime.daysSince1970(year: y, month: m, day: d) }

func civil(_ z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp + (mp < 10 ? 3 : -9)
    return (m <= 2 ? y + 1 : y, m, d)
}

/// `date.fromisoformat("YYYY-MM-DD")` as a day number.
func D(_ text: String) -> Int {
    let p = text.split(separator: "-").map { Int($0)! }
    return days(p[0], p[1], p[2])
}

/// `T("YYYY-MM-DDTHH:MM:SSZ")`.
func T(_ text: String) -> Micros {
    let date = D(String(text.prefix(10)))
    let clock = text.dropFirst(11).prefix(8).split(separator: ":").map { Int($0)! }
    return at(date, clock[0], clock[1], clock[2])
}

func at(_ date: Int, _ h: Int = 0, _ m: Int = 0, _ s: Int = 0) -> Micros {
    Micros(date) * day + Micros(h) * hour + Micros(m) * minute + Micros(s) * second
}

/// `datetime.date()`.
func dateOf(_ t: Micros) -> Int { Int(t >= 0 ? t / day : (t - day + 1) / day) }

/// Python's `weekday()`: Monday 0 … Sunday 6 (1970-01-01 was a Thursday).
func weekday(_ date: Int) -> Int { ((date % 7) + 7 + 3) % 7 }

func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

func isoDate(_ date: Int) -> String {
    let (y, m, d) = civil(date)
    return "\(y)-\(two(m))-\(two(d))"
}

/// `iso(t)`: whole seconds (the microseconds some times carry are dropped, as strftime does).
func iso(_ t: Micros) -> String {
    let date = dateOf(t)
    let s = Int((t - Micros(date) * day) / second)
    return "\(isoDate(date))T\(two(s / 3600)):\(two(s / 60 % 60)):\(two(s % 60))Z"
}

/// `strftime("%Y-%m-%d %H:%M UTC")`.
func minuteText(_ t: Micros) -> String { String(iso(t).prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC" }

let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                  "November", "December"]

/// `strftime("%B")`.
func monthName(_ t: Micros) -> String { monthNames[civil(dateOf(t)).1 - 1] }

/// `timedelta.total_seconds()`.
func totalSeconds(_ d: Micros) -> Double { Double(d) / 1_000_000.0 }
