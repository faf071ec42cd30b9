/// Values by a row's id (an INTEGER PRIMARY KEY, as SQLite hands them out: 1, 2, 3 …), in an
/// array indexed by the id when it is small and in a dictionary otherwise.
///
/// The window figures look up a model's team, and that team's tally, once for each edge-day run,
/// deployment and alert they read: tens of thousands on a million-run store, where hashing each
/// id cost more than reading its row (a sixth of the alerts' part, by perf). Any id works; only
/// ids from 0 up to (not including) `arrayedBelow` are kept in the array, so a store whose ids are
/// huge costs a dictionary, never a huge array.
public struct IDTable<Value: Sendable>: Sendable {
    /// Ids below this are kept in the array: at most 65,536 entries, whatever the store holds.
    static var arrayedBelow: Int64 { 65_536 }

    /// What `update` starts an id's value from.
    private let blank: Value
    private var arrayed: [Value] = []
    private var present: [Bool] = []
    private var hashed: [Int64: Value] = [:]

    public init(blank: Value) {
        self.blank = blank
    }

    public subscript(id: Int64) -> Value? {
        guard id >= 0, id < Int64(arrayed.count) else { return hashed[id] }
        return present[Int(id)] ? arrayed[Int(id)] : nil
    }

    /// Changes `id`'s value in place (an array of tallies is not copied), starting from `blank`.
    mutating func update(_ id: Int64, _ change: (inout Value) -> Void) {
        guard id >= 0, id < Self.arrayedBelow else {
            let blank = self.blank
            return change(&hashed[id, default: blank])
        }
        let index = Int(id)
        if index >= arrayed.count {
            // Grown by doubling, as an array appended to is, up to the limit.
            let count = min(max(index + 1, 2 * arrayed.count), Int(Self.arrayedBelow))
            arrayed.append(contentsOf: repeatElement(blank, count: count - arrayed.count))
            present.append(contentsOf: repeatElement(false, count: count - present.count))
        }
        present[index] = true
        change(&arrayed[index])
    }

    /// Sets `id`'s value.
    mutating func set(_ id: Int64, _ value: Value) {
        update(id) { $0 = value }
    }

    /// Each id that has a value, with its value: the arrayed ones in order, then the others.
    var entries: [(id: Int64, value: Value)] {
        present.indices.compactMap { present[$0] ? (Int64($0), arrayed[$0]) : nil } + hashed.map { ($0.key, $0.value) }
    }
}
