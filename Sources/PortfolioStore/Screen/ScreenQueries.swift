import Foundation
import GRDB
import Portfolio

/// The queries behind the screens and the `list` command. Each one returns only what is shown:
/// windows of rows by LIMIT/OFFSET over an indexed order, and aggregates computed in SQL.
extension PortfolioReader {
    /// An alert's status at `now`: a snooze that has run out is open again (see `AlertLifecycle`).
    /// `now` is a number from our own clock, never user text, so it is written into the SQL.
    static func effectiveStatus(_ now: Date) -> String {
        "(CASE WHEN a.status = 'snoozed' AND a.snoozed_until <= \(now.storeSeconds) THEN 'open' ELSE a.status END)"
    }

    static func isActive(_ now: Date) -> String {
        "(a.status IN ('open', 'acknowledged') OR (a.status = 'snoozed' AND a.snoozed_until <= \(now.storeSeconds)))"
    }

    // MARK: - Models

    /// The words a model's row shows, and the full words behind its abbreviations (`prod` is
    /// production; the ALERTS column's `crit` is its worst active alert, critical), so `/` finds
    /// what the user reads.
    static func modelHaystack(_ now: Date) -> String {
        """
        m.name || ' ' || t.name || ' ' || m.owner || ' ' || m.stage || ' ' || coalesce(m.version, '') || ' ' || coalesce(\
        \(worstActiveSeverity(now)), '')
        """
    }

    /// The model row `m`'s most urgent active alert's severity, or NULL (the ALERTS column).
    static func worstActiveSeverity(_ now: Date) -> String {
        """
        (SELECT a.severity FROM drift_alerts a WHERE a.model_id = m.id AND \(isActive(now))
         ORDER BY \(SQLRank.severity("a.severity")) LIMIT 1)
        """
    }

    public func modelCount(now: Date = Date(), _ query: PanelQuery = PanelQuery()) throws -> Int {
        if query.filter.isEmpty, query.team == nil, query.stage == nil {
            return try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM models")) ?? 0
        }
        let clause = query.whereClause(haystack: Self.modelHaystack(now), teamColumn: "t.name", stageColumn: "m.stage")
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM models m JOIN teams t ON t.id = m.team_id \(clause.sql)",
                                arguments: clause.arguments) ?? 0
    }

    /// Production first, then staging, development, archived; most valuable first within a stage.
    public func modelSummaries(now: Date = Date(), windowDays: Int = FigureWindow.defaultDays, offset: Int = 0, limit: Int? = nil,
                               query: PanelQuery = PanelQuery()) throws -> [ModelSummary] {
        let window = FigureWindow(asOf: now, days: windowDays)
        let clause = query.whereClause(haystack: Self.modelHaystack(now), teamColumn: "t.name", stageColumn: "m.stage")
        let order = query.orderClause(defaultOrder: "\(ModelSort.stage.sql), \(ModelSort.value.sql) DESC, m.name")
        let figures = """
            SELECT m.*, t.name AS team_name,
              (SELECT count(*) FROM drift_alerts a WHERE a.model_id = m.id AND \(Self.isActive(now))) AS active_alerts,
              \(Self.worstActiveSeverity(now)) AS worst,
              (SELECT r.status FROM pipeline_runs r WHERE r.model_id = m.id
                 ORDER BY coalesce(r.started_at, r.queued_at) DESC LIMIT 1) AS last_status,
              12 * coalesce(m.serving_cost_per_month, 0) + 365.0 / \(window.days) * \(Self.modelWindowCost(window)) AS annual_cost
            """
        let sql: String
        if query.modelSort?.needsEveryModelsFigures == true {
            // Sorting by a per-model figure needs it for every model.
            sql = figures + " FROM models m JOIN teams t ON t.id = m.team_id \(clause.sql) \(order) LIMIT ? OFFSET ?"
        } else {
            // The window first (the default order is the index models_rank), then the per-model
            // figures for the rows shown only.
            sql = figures + "\n" + """
                FROM (SELECT m.id FROM models m JOIN teams t ON t.id = m.team_id \(clause.sql) \(order) LIMIT ? OFFSET ?) w
                JOIN models m ON m.id = w.id JOIN teams t ON t.id = m.team_id \(order)
                """
        }
        return try Row.fetchAll(db, sql: sql, arguments: clause.arguments + [limit ?? -1, offset]).map { row in
            ModelSummary(
                name: row["name"], team: row["team_name"], owner: row["owner"],
                stage: Stage(rawValue: row["stage"]) ?? .development, version: row["version"],
                riskTier: (row["risk_tier"] as String?).flatMap(RiskTier.init(rawValue:)),
                businessValue: row["business_value"], servingCostPerMonth: row["serving_cost_per_month"],
                activeAlerts: row["active_alerts"],
                worstActiveSeverity: (row["worst"] as String?).flatMap(Severity.init(rawValue:)),
                lastRunStatus: (row["last_status"] as String?).flatMap(RunStatus.init(rawValue:)),
                annualizedCost: row["annual_cost"])
        }
    }

    // MARK: - Runs

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
        -> (rows: [RunSummary], total: Int, totalIsLowerBound: Bool) {
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

    static let runSummaryColumns = """
        SELECT r.external_id, r.name, p.name AS pipeline_name, m.name AS model_name, r.kind, r.status,
               r.trigger, r.started_by, r.is_rollback, r.queued_at, r.started_at, r.finished_at,
               r.compute_cost, r.error
        """
    static let runJoins = "FROM pipeline_runs r JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id"
    static let runSummarySelect = runSummaryColumns + "\n" + runJoins

    /// Newest first, by start (or queue) time.
    public func runSummaries(offset: Int = 0, limit: Int? = nil, query: PanelQuery = PanelQuery()) throws -> [RunSummary] {
        try runSummaries(offset: offset, limit: limit, query: query, search: try runSearch(query))
    }

    private func runSummaries(offset: Int, limit: Int?, query: PanelQuery, search: RunSearch?) throws -> [RunSummary] {
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
        var joins = Self.runJoins
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
        return try Row.fetchAll(db, sql: Self.runSummaryColumns + "\n" + joins + """

            \(clause.sql) \(order) LIMIT ? OFFSET ?
            """, arguments: clause.arguments + [limit ?? -1, offset]).map(Self.runSummary)
    }

    /// Runs sorted by a column of few values without sorting every run: each value's first
    /// `offset + limit` runs newest first, read from the index on (column, time), then merged — the
    /// same rows in the same order as `ORDER BY column, time DESC, id DESC`.
    private func runVocabularyWindow(column: String, values: [String], clause: (sql: String, arguments: StatementArguments),
                                     offset: Int, limit: Int) throws -> [RunSummary] {
        let parts = values.enumerated().map { rank, value in
            """
            SELECT * FROM (SELECT r.id, \(rank) AS rank, coalesce(r.started_at, r.queued_at) AS t \(Self.runJoins)
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
                                offset: Int, limit: Int) throws -> [RunSummary] {
        let direction = descending ? "DESC" : "ASC"
        let take = offset + limit
        return try runs(ids: """
            SELECT * FROM (
              SELECT * FROM (SELECT r.id, '' AS e, coalesce(r.started_at, r.queued_at) AS t \(Self.runJoins)
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
    private func runs(ids: String, order: String, arguments: StatementArguments = []) throws -> [RunSummary] {
        try Row.fetchAll(db, sql: Self.runSummaryColumns + """

            FROM (\(ids)) w JOIN pipeline_runs r ON r.id = w.id JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id
            ORDER BY \(order)
            """, arguments: arguments).map(Self.runSummary)
    }

    /// A page of all runs in the default order, far from the top: the page's ids are found in the
    /// time index alone (not by joining every run skipped), and from the other end when the page
    /// is in the older half — G on a million runs read them all (2 s) before.
    private func runPage(offset: Int, limit: Int) throws -> [RunSummary] {
        let total = try countedRows("pipeline_runs")
        let ids = offset > total / 2
            ? "SELECT r.id FROM pipeline_runs r ORDER BY coalesce(r.started_at, r.queued_at), r.id LIMIT \(max(0, min(limit, total - offset))) OFFSET \(max(0, total - offset - limit))"
            : "SELECT r.id FROM pipeline_runs r ORDER BY coalesce(r.started_at, r.queued_at) DESC, r.id DESC LIMIT \(limit) OFFSET \(offset)"
        return try runs(ids: ids, order: "coalesce(r.started_at, r.queued_at) DESC, r.id DESC")
    }

    static func runSummary(_ row: Row) -> RunSummary {
        RunSummary(
            externalID: row["external_id"], name: row["name"], pipeline: row["pipeline_name"], model: row["model_name"],
            kind: RunKind(rawValue: row["kind"]) ?? .training, status: RunStatus(rawValue: row["status"]) ?? .queued,
            trigger: RunTrigger(rawValue: row["trigger"]) ?? .manual, startedBy: row["started_by"],
            isRollback: row["is_rollback"], queuedAt: Date(storeSeconds: row["queued_at"]),
            startedAt: (row["started_at"] as Int64?).map(Date.init(storeSeconds:)),
            finishedAt: (row["finished_at"] as Int64?).map(Date.init(storeSeconds:)),
            computeCost: row["compute_cost"], error: row["error"])
    }

    // MARK: - Alerts

    static func alertHaystack(_ now: Date) -> String {
        "a.severity || ' ' || \(effectiveStatus(now)) || ' ' || m.name || ' ' || a.feature || ' ' || a.method || ' ' " +
            "|| coalesce(a.assignee, '') || ' ' || a.external_id"
    }

    public func alertCount(now: Date = Date(), _ query: PanelQuery = PanelQuery()) throws -> Int {
        if query.filter.isEmpty, query.team == nil, query.stage == nil, query.severity == nil {
            return try countedRows("drift_alerts")
        }
        let clause = query.whereClause(haystack: Self.alertHaystack(now), teamIDColumn: "m.team_id", stageColumn: "m.stage", severityColumn: "a.severity")
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM drift_alerts a JOIN models m ON m.id = a.model_id \(clause.sql)",
                                arguments: clause.arguments) ?? 0
    }

    static func alertSummarySelect(_ now: Date) -> String {
        """
        SELECT a.*, \(effectiveStatus(now)) AS effective_status, m.name AS model_name
        FROM drift_alerts a JOIN models m ON m.id = a.model_id
        """
    }

    /// Active first (open, acknowledged, snoozed, then resolved), most severe first, newest first.
    public func alertSummaries(now: Date = Date(), offset: Int = 0, limit: Int? = nil,
                               query: PanelQuery = PanelQuery()) throws -> [AlertSummary] {
        let clause = query.whereClause(haystack: Self.alertHaystack(now), teamIDColumn: "m.team_id", stageColumn: "m.stage", severityColumn: "a.severity")
        if let limit, query.filter.isEmpty, query.team == nil, query.stage == nil, query.sort == nil {
            return try alertWindow(now: now, offset: offset, limit: limit, severity: query.severity)
        }
        let order = query.orderClause(defaultOrder: "\(AlertSort.status.sql), \(AlertSort.severity.sql), a.opened_at DESC, a.id DESC")
        return try Row.fetchAll(db, sql: Self.alertSummarySelect(now) + """

            \(clause.sql) \(order)
            LIMIT ? OFFSET ?
            """, arguments: clause.arguments + [limit ?? -1, offset]).map(Self.alertSummary)
    }

    /// The default alerts window without sorting every alert: each (effective status, severity)
    /// group's first `offset + limit` rows come from the index alerts_window in opening order, and
    /// only those are merged, and only the window's rows are read. Same rows, same order as the
    /// general query.
    func alertWindow(now: Date, offset: Int, limit: Int, severity: String?) throws -> [AlertSummary] {
        let seconds = now.storeSeconds
        let groups: [(rank: Int, condition: String)] = [
            (0, "a.status = 'open'"),
            (0, "a.status = 'snoozed' AND a.snoozed_until <= \(seconds)"),
            (1, "a.status = 'acknowledged'"),
            (2, "a.status = 'snoozed' AND (a.snoozed_until IS NULL OR a.snoozed_until > \(seconds))"),
            (3, "a.status = 'resolved'"),
        ]
        let severities = Severity.allCases.sorted(by: >).enumerated().filter { severity == nil || $0.element.rawValue == severity }
        let take = offset + limit
        // The snoozes still running are few and read by deadline (alerts_snoozed, migration v5);
        // in opening order they would be found among every snooze that ever ran out.
        let byDeadline = features.has(.keptTotals)
        let parts: [SQL] = groups.flatMap { group in
            severities.map { rank, severity -> SQL in
                group.rank == 2 && byDeadline ? """
                SELECT * FROM (SELECT id, 2 AS status_rank, \(rank) AS severity_rank, opened_at FROM (\(Self.stillSnoozed(seconds, severity: severity)))
                  ORDER BY opened_at DESC, id DESC LIMIT \(take))
                """ : """
                SELECT * FROM (SELECT a.id, \(group.rank) AS status_rank, \(rank) AS severity_rank, a.opened_at FROM drift_alerts a
                  WHERE \(sql: group.condition) AND a.severity = \(severity.rawValue) ORDER BY a.opened_at DESC, a.id DESC LIMIT \(take))
                """
            }
        }
        return try SQLRequest<Row>(literal: """
            SELECT a.*, \(sql: Self.effectiveStatus(now)) AS effective_status, m.name AS model_name
            FROM (SELECT * FROM (\(parts.joined(separator: " UNION ALL ")))
                  ORDER BY status_rank, severity_rank, opened_at DESC, id DESC LIMIT \(limit) OFFSET \(offset)) w
            JOIN drift_alerts a ON a.id = w.id JOIN models m ON m.id = a.model_id
            ORDER BY w.status_rank, w.severity_rank, w.opened_at DESC, w.id DESC
            """).fetchAll(db).map(Self.alertSummary)
    }

    static func alertSummary(_ row: Row) -> AlertSummary {
        AlertSummary(
            externalID: row["external_id"], model: row["model_name"], feature: row["feature"],
            method: DriftMethod(rawValue: row["method"]) ?? .psi, score: row["score"], threshold: row["threshold"],
            severity: Severity(rawValue: row["severity"]) ?? .info,
            status: AlertStatus(rawValue: row["effective_status"]) ?? .open,
            assignee: row["assignee"], openedAt: Date(storeSeconds: row["opened_at"]),
            snoozedUntil: (row["snoozed_until"] as Int64?).map(Date.init(storeSeconds:)))
    }

    /// The timelines of the given alerts, oldest event first, keyed by external id.
    public func alertEvents(externalIDs: [String]) throws -> [String: [AlertEvent]] {
        var result: [String: [AlertEvent]] = [:]
        for chunk in stride(from: 0, to: externalIDs.count, by: 500).map({ Array(externalIDs[$0..<min($0 + 500, externalIDs.count)]) }) {
            let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
            let rows = try Row.fetchAll(db, sql: """
                SELECT a.external_id, e.kind, e.at, e.actor, e.note FROM alert_events e JOIN drift_alerts a ON a.id = e.alert_id
                WHERE a.external_id IN (\(marks)) ORDER BY a.external_id, e.seq
                """, arguments: StatementArguments(chunk))
            for row in rows {
                result[row["external_id"], default: []].append(AlertEvent(
                    kind: AlertEventKind(rawValue: row["kind"]) ?? .note, at: Date(storeSeconds: row["at"]),
                    actor: row["actor"], note: row["note"]))
            }
        }
        return result
    }

    // MARK: - Maturity

    static let teamHaystack = "t.name || ' ' || coalesce(t.industry, '') || ' ' || coalesce(t.lead, '')"

    public func teamCount(_ query: PanelQuery = PanelQuery()) throws -> Int {
        let clause = query.whereClause(haystack: Self.teamHaystack, teamColumn: "t.name")
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM teams t \(clause.sql)", arguments: clause.arguments) ?? 0
    }

    /// Each team's latest assessment per component, and the one before it.
    public func sortedTeamNames() throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM teams ORDER BY name")
    }

    public func teamMaturity(offset: Int = 0, limit: Int? = nil, query: PanelQuery = PanelQuery()) throws -> [TeamMaturity] {
        let clause = query.whereClause(haystack: Self.teamHaystack, teamColumn: "t.name")
        let order = query.orderClause(defaultOrder: TeamSort.name.sql)
        let teams = try Row.fetchAll(db, sql: "SELECT t.id, t.name, t.industry FROM teams t \(clause.sql) \(order) LIMIT ? OFFSET ?",
                                     arguments: clause.arguments + [limit ?? -1, offset])
        // One prepared statement per (team, component), each one index seek for two rows: the cost
        // is the rows shown, however long the history (a windowed query over all shown teams' history
        // measured slower on the large store; docs/BENCHMARKS.md).
        let latest = try db.cachedStatement(sql: """
            SELECT level, assessed_at FROM maturity_assessments WHERE team_id = ? AND component = ?
            ORDER BY assessed_at DESC LIMIT 2
            """)
        return try teams.map { team in
            var entries: [MaturityComponent: TeamMaturity.Entry] = [:]
            for component in MaturityComponent.allCases {
                let rows = try Row.fetchAll(latest, arguments: [team["id"] as Int64, component.rawValue])
                guard let first = rows.first else { continue }
                entries[component] = .init(level: first["level"], previousLevel: rows.dropFirst().first?["level"],
                                           assessedAt: Date(storeSeconds: first["assessed_at"]))
            }
            return TeamMaturity(team: team["name"], industry: team["industry"], entries: entries)
        }
    }

    /// Every assessment, newest first, for `list maturity`.
    public func assessments(limit: Int? = nil) throws -> [MaturityAssessment] {
        try Row.fetchAll(db, sql: """
            SELECT a.*, t.name AS team_name FROM maturity_assessments a JOIN teams t ON t.id = a.team_id
            ORDER BY a.assessed_at DESC, t.name, a.component LIMIT ?
            """, arguments: [limit ?? -1]).map {
            MaturityAssessment(
                team: $0["team_name"], component: MaturityComponent(rawValue: $0["component"]) ?? .governance,
                level: $0["level"], assessedAt: Date(storeSeconds: $0["assessed_at"]), assessor: $0["assessor"],
                evidence: $0["evidence"])
        }
    }

    // MARK: - Model detail

    public func modelDetail(named name: String, now: Date = Date(), runs: Int = 12, points: Int = 60) throws -> ModelDetail? {
        guard let model = try model(named: name), let id = try modelID(name) else { return nil }
        let recentRuns = try Row.fetchAll(db, sql: Self.runSummarySelect + """

            WHERE r.model_id = ? ORDER BY coalesce(r.started_at, r.queued_at) DESC, r.id DESC LIMIT ?
            """, arguments: [id, runs]).map(Self.runSummary)
        let alerts = try Row.fetchAll(db, sql: Self.alertSummarySelect(now) + """

            WHERE a.model_id = ? AND a.status IN ('open', 'acknowledged', 'snoozed')
            ORDER BY \(SQLRank.severity("a.severity")), a.opened_at DESC
            """, arguments: [id]).map(Self.alertSummary)
        let recentAlerts = try Row.fetchAll(db, sql: Self.alertSummarySelect(now) + """

            WHERE a.model_id = ? AND a.status = 'resolved' ORDER BY a.resolved_at DESC LIMIT 5
            """, arguments: [id]).map(Self.alertSummary)
        let names = try String.fetchAll(db, sql: "SELECT DISTINCT name FROM metric_points WHERE model_id = ? ORDER BY name",
                                        arguments: [id])
        let metrics = try names.map { metric in
            MetricSeries(name: metric, points: try metricSeries(model: name, name: metric, limit: points))
        }
        let teamOffset = try Int.fetchOne(db, sql: "SELECT count(*) FROM teams WHERE name < ?", arguments: [model.team]) ?? 0
        let maturity = try teamMaturity(offset: teamOffset, limit: 1).first { $0.team == model.team }
        let window = FigureWindow(asOf: now)
        let cost = try Double.fetchOne(db, sql: "SELECT \(Self.modelWindowCost(window)) FROM models m WHERE m.id = ?",
                                       arguments: [id]) ?? 0
        return ModelDetail(model: model, recentRuns: recentRuns, activeAlerts: alerts, recentAlerts: recentAlerts,
                           metrics: metrics, teamMaturity: maturity, window: window, computeCostInWindow: cost)
    }

    public func runDetail(externalID: String, history: Int = 20) throws -> RunDetail? {
        guard let run = try run(externalID: externalID), let pipelineID = try pipelineID(run.pipeline) else { return nil }
        let runs = try Row.fetchAll(db, sql: Self.runSummarySelect + """

            WHERE r.pipeline_id = ? ORDER BY coalesce(r.started_at, r.queued_at) DESC, r.id DESC LIMIT ?
            """, arguments: [pipelineID, history]).map(Self.runSummary)
        return RunDetail(run: run, pipelineHistory: runs)
    }

    public func alertDetail(externalID: String, now: Date = Date(), points: Int = 60) throws -> AlertDetail? {
        guard var alert = try alert(externalID: externalID) else { return nil }
        alert.status = AlertLifecycle.effectiveStatus(alert.status, snoozedUntil: alert.snoozedUntil, now: now)
        let history = try metricSeries(model: alert.model, name: "drift.\(alert.method.rawValue).\(alert.feature)", limit: points)
        let stage = try String.fetchOne(db, sql: "SELECT stage FROM models WHERE name = ?", arguments: [alert.model])
        return AlertDetail(alert: alert, history: history, modelStage: stage.flatMap(Stage.init(rawValue:)))
    }

    /// A team's detail; `figures` is a report already computed for `now` (the dashboard's, kept
    /// fresh in the background), else the figures are computed here.
    public func teamDetail(named name: String, now: Date = Date(), figures computed: FiguresReport? = nil) throws -> TeamDetail? {
        guard let team = try team(named: name), let id = try teamID(name) else { return nil }
        let assessments = try Row.fetchAll(db, sql: """
            SELECT * FROM maturity_assessments WHERE team_id = ? ORDER BY component, assessed_at
            """, arguments: [id]).map {
            MaturityAssessment(team: name, component: MaturityComponent(rawValue: $0["component"]) ?? .governance,
                               level: $0["level"], assessedAt: Date(storeSeconds: $0["assessed_at"]),
                               assessor: $0["assessor"], evidence: $0["evidence"])
        }
        let models = try Int.fetchOne(db, sql: "SELECT count(*) FROM models WHERE team_id = ?", arguments: [id]) ?? 0
        let window = FigureWindow(asOf: now)
        let full = if let computed, computed.includesWindowFigures { computed } else { try figures(window) }
        let report = full.scoped(to: name)
        return TeamDetail(team: team, assessments: assessments, models: models, figures: report?.portfolio, window: full.window,
                          maturity: report?.maturity ?? [], derivedTrend: try derivedMaturityTrend(team: name, asOf: now))
    }
}
