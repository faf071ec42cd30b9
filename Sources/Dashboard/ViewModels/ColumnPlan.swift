/// How a panel's columns share its width: a fixed plan per width, from the columns' declarations
/// alone — never from the rows in view, so columns keep still while the rows scroll, and the
/// reducer knows which columns are shown (`s` sorts only by those).
///
/// Each column starts at its ideal width (its `maxWidth`, and always room for its title, and for
/// the sorted column's arrow). When that is too wide, columns give way by importance: the columns
/// with a compact form take it (`◆ crit` for `◆ critical`: nothing is lost); the flexible ones
/// (names, features) shrink towards a comfortable width, the least important first; then the
/// minor columns (priority 3 and below: ids, test, trigger) are dropped, least important first,
/// and everything is tried again; then every column shrinks to its minimum, least important
/// first; only then is the least important column left dropped. Room to spare goes to the
/// flexible columns.
public enum ColumnPlan {
    /// The width of each column, or nil for a column not shown, in `available` cells (columns one
    /// cell apart). The column at `keep` (the sorted one) is shown whatever its importance, so the
    /// sort's arrow is always in view.
    public static func widths(_ columns: [TableColumn], available: Int, keep: Int? = nil) -> [Int?] {
        var columns = columns
        if let keep, columns.indices.contains(keep) { columns[keep].priority = Int.max }
        // Room for each title; the sorted one's also for its arrow.
        let least = columns.indices.map { max(columns[$0].minWidth, columns[$0].title.count + ($0 == keep ? 1 : 0)) }
        let ideal = columns.indices.map { max(columns[$0].maxWidth, least[$0]) }
        let comfortable = columns.indices.map { columns[$0].flexible ? (least[$0] + ideal[$0] + 1) / 2 : ideal[$0] }
        var width = ideal
        var included = Set(columns.indices)
        func total() -> Int { included.reduce(0) { $0 + width[$1] } + max(0, included.count - 1) }
        func ascending(_ filter: (Int) -> Bool) -> [Int] {
            included.filter(filter).sorted { (columns[$0].priority, -$0) < (columns[$1].priority, -$1) }
        }
        /// Shrinks the flexible columns towards `floor`, the least important first.
        func squeeze(to floor: [Int]) {
            for index in ascending({ columns[$0].flexible }) where total() > available {
                width[index] = max(floor[index], min(width[index], width[index] - (total() - available)))
            }
        }
        while true {
            width = ideal
            for index in ascending({ columns[$0].compactWidth != nil }) where total() > available {
                width[index] = max(least[index], min(width[index], columns[index].compactWidth!))
            }
            squeeze(to: comfortable)
            if total() <= available { break }
            if let minor = ascending({ columns[$0].priority <= 3 }).first, included.count > 1 {
                included.remove(minor)
                continue
            }
            for index in ascending({ _ in true }) where total() > available {
                width[index] = max(least[index], width[index] - (total() - available))
            }
            if total() <= available || included.count == 1 { break }
            included.remove(ascending { _ in true }[0])
        }
        if included.count == 1, let only = included.first { width[only] = min(width[only], max(0, available)) }
        let flexible = included.filter { columns[$0].flexible }.sorted()
        var spare = available - total()
        while spare > 0, !flexible.isEmpty {
            for index in flexible where spare > 0 {
                width[index] += 1
                spare -= 1
            }
        }
        return columns.indices.map { included.contains($0) ? width[$0] : nil }
    }

    /// The columns shown at `available` cells, by index.
    public static func shown(_ columns: [TableColumn], available: Int, keep: Int? = nil) -> Set<Int> {
        Set(widths(columns, available: available, keep: keep).enumerated().compactMap { $1 == nil ? nil : $0 })
    }
}
