import Foundation

/// Text as the store tells it apart: by its UTF-8 bytes. Swift's `String` compares by canonical
/// equivalence, so "é" composed and decomposed are one `String` key but two names (or run ids,
/// or metric names) to SQLite; a cache of what the store holds is keyed by this instead.
struct StoreText: Hashable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    static func == (lhs: StoreText, rhs: StoreText) -> Bool {
        lhs.text.hasSameBytes(as: rhs.text)
    }

    func hash(into hasher: inout Hasher) {
        let hashed = text.utf8.withContiguousStorageIfAvailable { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
        if hashed == nil {
            for byte in text.utf8 { hasher.combine(byte) }
        }
        hasher.combine(0xFF as UInt8)
    }
}

extension String {
    /// Whether the two texts are the same UTF-8 bytes, as SQLite tells text apart (`==` on
    /// `String` is canonical equivalence). Native strings hold their bytes contiguously and are
    /// compared at once rather than byte by byte through the view's indexes (3% of an ingest's
    /// writer in a profile).
    func hasSameBytes(as other: String) -> Bool {
        let contiguous = utf8.withContiguousStorageIfAvailable { left in
            other.utf8.withContiguousStorageIfAvailable { right in
                guard left.count == right.count, let l = left.baseAddress, let r = right.baseAddress else { return left.count == right.count }
                return memcmp(l, r, left.count) == 0
            }
        }
        return (contiguous ?? nil) ?? utf8.elementsEqual(other.utf8)
    }
}
