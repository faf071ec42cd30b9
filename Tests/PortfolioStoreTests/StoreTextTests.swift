import Foundation
@testable import PortfolioStore
import Testing

/// `StoreText`, the key of the writers' caches: text told apart by its UTF-8 bytes, as SQLite does.
@Suite("Store text")
struct StoreTextTests {
    /// Small (inline) and large native strings, bridged ones (not contiguous), canonical twins.
    static let texts: [String] = {
        let words = ["", "a", "caf\u{E9}", "cafe\u{301}", "café-model-0001", "cafe\u{301}-model-0001",
                     "demand-forecast-07615-long-enough-to-leave-the-inline-form", "x\u{0}y", "\u{1F600}", "A\u{30A}", "\u{C5}"]
        return words + words.map { NSString(string: $0) as String } + words.map { $0 + $0 }
    }()

    @Test("Two texts are one key exactly when their UTF-8 bytes are the same, whatever their storage, and equal keys hash alike")
    func equalByBytes() {
        for left in Self.texts {
            for right in Self.texts {
                let same = Array(left.utf8) == Array(right.utf8)
                #expect((StoreText(left) == StoreText(right)) == same, "\(Array(left.utf8)) \(Array(right.utf8))")
                if same { #expect(StoreText(left).hashValue == StoreText(right).hashValue) }
            }
        }
        #expect(Set(Self.texts.map(StoreText.init)).count == Set(Self.texts.map { Array($0.utf8) }).count)
    }
}
