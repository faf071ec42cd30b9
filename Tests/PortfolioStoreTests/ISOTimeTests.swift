import Foundation
import Portfolio
import Testing

/// The times of the data format (docs/DATA-FORMAT.md), read by `ISOTime`.
@Suite("ISO-8601 times")
struct ISOTimeTests {
    @Test("Every form the format names is read to the same second; a zone's offset is taken off; fractions are dropped")
    func formsAreRead() {
        let want = Date(timeIntervalSince1970: 1_768_053_780) // 2026-01-10T14:03:00Z
        for text in ["2026-01-10T14:03:00Z", "2026-01-10t14:03:00z", "2026-01-10T14:03:00.250Z", "2026-01-10T16:03:00+02:00",
                     "2026-01-10T16:03:00.999+0200", "2026-01-10T16:03:00+02", "2026-01-10T12:03:00-02:00", " 2026-01-10T14:03:00Z "] {
            #expect(ISOTime.parse(text) == want, "\(text)")
        }
        #expect(ISOTime.parse("2026-01-10") == Date(timeIntervalSince1970: 1_768_003_200))
        #expect(ISOTime.format(want) == "2026-01-10T14:03:00Z")
    }

    @Test("What is not a real calendar time in 1970–2999 with a zone is refused, saying why")
    func othersAreRefused() {
        for text in ["2026-01-10T14:03:00", "2026-01-10 14:03:00Z", "2026-01-10T14:03Z", "2026-1-10", "2026-01-10T14:03:00.Z",
                     "2026-01-10T14:03:00+2", "2026-01-10T14:03:00+24:00", "2026-01-10T14:03:00Zx", "2026/01/10", "", "T"] {
            #expect(ISOTime.parse(text) == nil, "\(text)")
            #expect(ISOTime.problem(text)?.contains("expected an ISO-8601 time") == true, "\(text)")
        }
        for text in ["2026-02-30", "2026-02-29T00:00:00Z", "2026-13-01", "2026-01-10T24:00:00Z", "2026-01-10T14:60:00Z"] {
            #expect(ISOTime.problem(text)?.contains("is not a real calendar time") == true, "\(text)")
        }
        #expect(ISOTime.parse("2028-02-29T00:00:00Z") != nil)
        #expect(ISOTime.problem("1969-12-31T23:59:59Z")?.contains("from 1970-01-01 to 2999-12-31") == true)
        #expect(ISOTime.problem("3000-01-01")?.contains("from 1970-01-01 to 2999-12-31") == true)
    }
}
