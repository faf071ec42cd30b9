@testable import PortfolioStore
import Testing

/// `IDTable`: a value for any id, small ones arrayed and others hashed.
@Suite("Tables by id")
struct IDTableTests {
    @Test("Any id keeps its value — small, zero, negative, beyond the array and at the Int64 bounds — and an id never set has none")
    func anyIDKeepsItsValue() {
        var table = IDTable(blank: 0)
        let ids: [Int64] = [1, 0, 2, 70, 65_535, 65_536, 1 << 40, -1, .min, .max, 3]
        for (n, id) in ids.enumerated() { table.set(id, n + 1) }
        for (n, id) in ids.enumerated() { #expect(table[id] == n + 1, "\(id)") }
        for id: Int64 in [4, 69, 71, 65_534, 65_537, -2, .max - 1, .min + 1] { #expect(table[id] == nil, "\(id)") }
        #expect(table.entries.count == ids.count)
        for (id, value) in table.entries { #expect(ids.firstIndex(of: id).map { $0 + 1 } == value, "\(id)") }
    }

    @Test("update changes a value in place, from the blank for a new id")
    func updateStartsFromTheBlank() {
        var table = IDTable(blank: [String]())
        for id: Int64 in [5, 5, 9, -5, -5, 5] { table.update(id) { $0.append("\(id)") } }
        #expect(table[5] == ["5", "5", "5"])
        #expect(table[9] == ["9"])
        #expect(table[-5] == ["-5", "-5"])
        #expect(table[6] == nil)
    }
}
