import Foundation
import Portfolio

/// Times are stored as whole UTC seconds since 1970 (INTEGER), which sort, compare and shift in SQL.
extension Date {
    var storeSeconds: Int64 { Int64(saturating: timeIntervalSince1970, rounding: .down) }

    init(storeSeconds: Int64) {
        self.init(timeIntervalSince1970: TimeInterval(storeSeconds))
    }
}
