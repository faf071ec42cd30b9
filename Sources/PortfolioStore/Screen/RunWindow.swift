import Foundation
import GRDB
import Portfolio

/// The Pipeline Runs panel's window and count (and `list runs`): filtered through the search
/// index, sorted through the sort indexes, never reading every run.
extension PortfolioReader {
    static let runHaystack = KeptTable.runSearchText

    /// At most this many runs are counted for a filter, the title then shows "1000+": counting
    /// every match of a common text on a million runs took seconds per keystroke.
    public static let runMatchCap = 1_000

    /// How a filter on runs is answered without reading every run (migration v6): the full-text
    /// index run_search (trigrams) finds the runs containing the text, up to the cap and one more.
    /// When they are few the panel reads just those and sorts them (`candidates`, a JSON array of
    /// run ids); when they are many it reads runs in its order and stops at a screenful, as they
    /// match often. The haystack's LIKE stays the rule either way, so the rows are the same as
    /// without the index. Nil when the index cannot answer: before v6, under three characters (a
    /// trigram), or with LIKE's `%`, `_` or `\`.
    struct RunSearch {
        let matches: Int
        let candidates: String?

        var condition: (sql: String, arguments: StatementArguments)? {
            candidates.map { ("r.id IN (SELECT value FROM json_each(?))", [$0]) }
        }
    }

    private func runSearch(_ query: PanelQuery) throws -> RunSearch? {
        guard !query.filter.isEmpty, query.filter.unicodeScalars.count >= 3, !query.filter.contains(where: { "%_\\".contains($0) }),
              features.has(.runSearch) else { return nil }
        let ids = try Int64.fetchAll(db, sql: "SELECT rowid FROM run_search WHERE text LIKE ? LIMIT ?",
                                     arguments: ["%\(query.filter)%", Self.runMatchCap + 1])
        guard ids.count <= Self.runMatchCap else { return RunSearch(matches: ids.count, candidates: nil) }
        return RunSearch(matches: ids.count, candidates: "[" + ids.map(String.init).joined(separator: ",") + "]")
    }

    /// Counting all runs skips the joins (the common case, and the big table). A filtered count
    /// stops at `runMatchCap + 1`.
    public func runCount(_ query: PanelQuery = PanelQuery()) throws -> Int {
        try runCount(query, search: try runSearch(query))
    }

    /// The Pipeline Runs panel's window and count, asking the search index once for both;
    /// `totalIsLowerBound` when a filtered count stopped at the cap.
    public func runWindow(offset: Int, limit: Int, query: PanelQuery) throws
        -> (rows: [PipelineRun], total: Int, totalIsLowerBound: Bool) {
        let search = try runSearch(query)
        let total = try runCount(query, search: search)
        return (try runSummaries(offset: offset, limit: limit, query: query, search: search), total,
                !query.filter.isEmpty && total > Self.runMatchCap)
    }

    private func runCount(_ query: PanelQuery, search: RunSearch?) throws -> Int {
        if query.filter.isEmpty, query.team == nil, query.stage == nil {
            return try countedRows("pipeline_runs")
        }
        if let search, search.candidates == nil, query.team == nil, query.stage == nil { return search.matches }
        let clause = query.whereClause(haystack: Self.runHaystack, teamIDColumn: "m.team_id",
                                       stageColumn: "m.stage", also: search?.condition)
        let cap = query.filter.isEmpty ? "" : " LIMIT \(Self.runMatchCap + 1)"
        return try Int.fetchOne(db, sql: """
            SELECT count(*) FROM (SELECT 1 FROM pipeline_runs r JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id
            \(clause.sql)\(cap))
            """, arguments: clause.arguments) ?? 0
    }

    /// Newest first, by start (or queue) time.
    public func runSummaries(offset: Int = 0, limit: Int? = nil, query: PanelQuery = PanelQuery()) throws -> [PipelineRun] {
        try runSummaries(offset: offset, limit: limit, query: query, search: try runSearch(query))
    }

    private func runSummaries(offset: Int, limit: Int?, query: PanelQuery, search: RunSearch?) throws -> [PipelineRun] {
        if let limit, offset > 0, query.filter.isEmpty, query.team == nil, query.stage == nil, query.sort == nil {
            return try runPage(offset: offset, limit: limit)
        }
        let clause = query.whereClause(haystack: Self.runHaystack, teamIDColumn: "m.team_id",
                                       stageColumn: "m.stage", also: search?.condition)
        let order = query.orderClause(defaultOrder: "\(RunSort.started.sql) DESC, r.id DESC")
        // A sort by kind or trigger merges each value's newest runs, read from its index (v7); by
        // pipeline or model name it reads pipelines or models by name and each one's runs newest
        // first (runs_by_pipeline, runs_by_model), CROSS JOIN keeping that loop order. Either way
        // not every run is sorted. Not for a few search candidates: those are sorted as they are.
        var joins = PipelineRun.joins
        if search?.candidates == nil, let sort = query.runSort {
            switch (sort.plan, limit) {
            case let (.eachValue(index, values), limit?):
                if features.has(index) {
                    return try runVocabularyWindow(column: sort.sql, values: query.descending ? values.reversed() : values,
                                                   clause: clause, offset: offset, limit: limit)
                }
            case let (.errorIndex, limit?):
                if features.has(.runsByError) {
                    return try runErrorWindow(descending: query.descending, clause: clause, offset: offset, limit: limit)
                }
            case let (.outerLoop(loop), _):
                joins = loop
            default:
                break
            }
        }
        return try Row.fetchAll(db, sql: PipelineRun.selection + "\n" + joins + """

            \(clause.sql) \(order) LIMIT ? OFFSET ?
            """, arguments: clause.arguments + [limit ?? -1, offset]).map(PipelineRun.init(row:))
    }

    /// Runs sorted by a column of few values without sorting every run: each value's first
    /// `offset + limit` runs newest first, read from the index on (column, time), then merged — the
    /// same rows in the same order as `ORDER BY column, time DESC, id DESC`.
    private func runVocabularyWindow(column: String, values: [String], clause: (sql: String, arguments: StatementArguments),
                                     offset: Int, limit: Int) throws -> [PipelineRun] {
        let parts = values.enumerated().map { rank, value in
            """
            SELECT * FROM (SELECT r.id, \(rank) AS rank, coalesce(r.started_at, r.queued_at) AS t \(PipelineRun.joins)
              WHERE \(column) = '\(value)'\(Self.and(clause)) ORDER BY t DESC, r.id DESC LIMIT \(offset + limit))
            """
        }
        return try runs(ids: """
            SELECT * FROM (\(parts.joined(separator: " UNION ALL "))) ORDER BY rank, t DESC, id DESC LIMIT \(limit) OFFSET \(offset)
            """, order: "w.rank, w.t DESC, w.id DESC", arguments: values.reduce(StatementArguments()) { all, _ in all + clause.arguments })
    }

    /// Runs sorted by error text without sorting every run: the runs without an error (nearly
    /// all, one tie) newest first from the time index, and the runs with one in error order from
    /// the partial index runs_by_error, each up to `offset + limit`, then merged — the same rows
    /// in the same order as `ORDER BY coalesce(error, '') [DESC], time DESC, id DESC`.
    private func runErrorWindow(descending: Bool, clause: (sql: String, arguments: StatementArguments),
                                offset: Int, limit: Int) throws -> [PipelineRun] {
        let direction = descending ? "DESC" : "ASC"
        let take = offset + limit
        return try runs(ids: """
            SELECT * FROM (
              SELECT * FROM (SELECT r.id, '' AS e, coalesce(r.started_at, r.queued_at) AS t \(PipelineRun.joins)
                WHERE coalesce(r.error, '') = ''\(Self.and(clause)) ORDER BY t DESC, r.id DESC LIMIT \(take))
              UNION ALL
              SELECT * FROM (SELECT r.id, r.error AS e, coalesce(r.started_at, r.queued_at) AS t
                FROM pipeline_runs r INDEXED BY runs_by_error JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id
                WHERE r.error IS NOT NULL AND r.error <> ''\(Self.and(clause)) ORDER BY r.error \(direction), t DESC, r.id DESC LIMIT \(take)))
            ORDER BY e \(direction), t DESC, id DESC LIMIT \(limit) OFFSET \(offset)
            """, order: "w.e \(direction), w.t DESC, w.id DESC", arguments: clause.arguments + clause.arguments)
    }

    /// `clause`'s conditions as further terms of another WHERE.
    private static func and(_ clause: (sql: String, arguments: StatementArguments)) -> String {
        clause.sql.isEmpty ? "" : " AND " + clause.sql.dropFirst("WHERE ".count)
    }

    /// The runs whose ids `ids` selects (a query with an `id` column, aliased w), joined to their
    /// pipeline and model, in `order`: the windows that find their rows first and read only those.
    private func runs(ids: String, order: String, arguments: StatementArguments = []) throws -> [PipelineRun] {
        try Row.fetchAll(db, sql: PipelineRun.selection + """

            FROM (\(ids)) w JOIN pipeline_runs r ON r.id = w.id JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id
            ORDER BY \(order)
            """, arguments: arguments).map(PipelineRun.init(row:))
    }

    /// A page of all runs in the default order, far from the top: the page's ids are found in the
    /// time index alone (not by joining every run skipped), and from the other end when the page
    /// is in the older half — G on a million runs read them all (2 s) before.
    private func runPage(offset: Int, limit: Int) throws -> [PipelineRun] {
        let total = try countedRows("pipeline_runs")
        let ids = offset > total / 2
            ? "SELECT r.id FROM pipeline_runs r ORDER BY coalesce(r.started_at, r.queued_at), r.id LIMIT \(max(0, min(limit, total - offset))) OFFSET \(max(0, total - offset - limit))"
            : "SELECT r.id FROM pipeline_runs r ORDER BY coalesce(r.started_at, r.queued_at) DESC, r.id DESC LIMIT \(limit) OFFSET \(offset)"
        return try runs(ids: ids, order: "coalesce(r.started_at, r.queued_at) DESC, r.id DESC")
    }
}
