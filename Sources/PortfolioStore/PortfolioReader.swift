import Foundation
import GRDB
import Portfolio

/// Reads whole entities (with their children) inside one read transaction, by their keys.
/// The screens' windows and summaries are in `Screen/ScreenQueries.swift`, the figures in `Figures/`.
public struct PortfolioReader {
    let db: Database
    /// Which faster ways through later migrations' objects this store offers (`SchemaFeatures`).
    let features: SchemaFeatures

    // MARK: - Keys to ids

    /// Where this store stands as a team store's read model: the team store it copies and the
    /// last change it holds; nil for a store of its own.
    public func upstreamPosition() throws -> (storeID: String, changeSeq: Int64)? {
        try Self.upstreamPosition(db)
    }

    /// The same, inside a write transaction (the upstream's own catching up).
    public static func upstreamPosition(_ db: Database) throws -> (storeID: String, changeSeq: Int64)? {
        guard try db.tableExists("upstream") else { return nil }
        return try Row.fetchOne(db, sql: "SELECT store_id, change_seq FROM upstream").map { ($0["store_id"], $0["change_seq"]) }
    }

    /// Where an incremental importer stands in `source` (as it wrote it); nil before its first pass.
    public func importCursor(_ source: String) throws -> String? {
        guard features.has(.importCursors) else { return nil }
        return try String.fetchOne(db, sql: "SELECT position FROM import_cursors WHERE source = ?", arguments: [source])
    }

    public func teamID(_ name: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM teams WHERE name = ?"), arguments: [name])
    }

    public func modelID(_ name: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM models WHERE name = ?"), arguments: [name])
    }

    func pipelineID(_ name: String) throws -> Int64? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM pipelines WHERE name = ?"), arguments: [name])
    }

    public func teamNames() throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT name FROM teams"))
    }

    public func modelNames() throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT name FROM models"))
    }

    public func pipelineNames() throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT name FROM pipelines"))
    }

    // MARK: - Entities

    public func team(named name: String) throws -> Team? {
        try Team.fetchOne(db.cachedStatement(sql: "SELECT * FROM teams WHERE name = ?"), arguments: [name])
    }

    public func pipeline(named name: String) throws -> Pipeline? {
        try Pipeline.fetchOne(db.cachedStatement(sql: """
            SELECT p.*, t.name AS team_name FROM pipelines p JOIN teams t ON t.id = p.team_id WHERE p.name = ?
            """), arguments: [name])
    }

    /// A model with its tags and versions (oldest first).
    public func model(named name: String) throws -> Model? {
        guard let row = try db.fetchRow("""
            SELECT m.*, t.name AS team_name FROM models m JOIN teams t ON t.id = m.team_id WHERE m.name = ?
            """, [name])
        else { return nil }
        var model = Model(row: row)
        let id: Int64 = row["id"]
        // Keys the store holds apart but Swift compares equal (composed and decomposed "é"): the first.
        let tags = try db.fetchRows("SELECT key, value FROM model_tags WHERE model_id = ? ORDER BY key", [id])
        model.tags = Dictionary(tags.map { ($0["key"], $0["value"]) }) { first, _ in first }
        model.versions = try ModelVersion.fetchAll(db.cachedStatement(sql: "SELECT * FROM model_versions WHERE model_id = ? ORDER BY position"),
                                                   arguments: [id])
        return model
    }

    /// A run with its steps, in order.
    public func run(externalID: String) throws -> PipelineRun? {
        try runWithRowID(externalID: externalID)?.run
    }

    /// A run with its steps, and its row's id (for a writer).
    func runWithRowID(externalID: String) throws -> (run: PipelineRun, rowID: Int64)? {
        guard let row = try db.fetchRow(PipelineRun.selection + ", r.id\n" + PipelineRun.joins + " WHERE r.external_id = ?", [externalID])
        else { return nil }
        var run = PipelineRun(row: row)
        let rowID: Int64 = row["id"]
        run.steps = try RunStep.fetchAll(db.cachedStatement(sql: "SELECT * FROM run_steps WHERE run_id = ? ORDER BY position"),
                                         arguments: [rowID])
        return (run, rowID)
    }

    /// An alert with its events, oldest first (its stored status: a snooze that ran out is still `snoozed` here).
    public func alert(externalID: String) throws -> DriftAlert? {
        try alertWithRowID(externalID: externalID)?.alert
    }

    /// An alert with its events, and its row's id (for a writer).
    func alertWithRowID(externalID: String) throws -> (alert: DriftAlert, rowID: Int64)? {
        guard var stored = try alertWithoutEvents(externalID: externalID) else { return nil }
        stored.alert.events = try events(ofAlertRow: stored.rowID)
        return stored
    }

    /// An alert's events, oldest first: every one, or the newest `newest`.
    func events(ofAlertRow rowID: Int64, newest: Int? = nil) throws -> [AlertEvent] {
        let all = "SELECT * FROM alert_events WHERE alert_id = ? ORDER BY seq"
        // The newest read backwards through the key, then put in order: no sort of every event.
        guard let newest else { return try AlertEvent.fetchAll(db.cachedStatement(sql: all), arguments: [rowID]) }
        return try AlertEvent.fetchAll(db.cachedStatement(sql: "SELECT * FROM (\(all) DESC LIMIT ?) ORDER BY seq"), arguments: [rowID, newest])
    }

    /// An alert without its events (none read), and its row's id: what a drift check compares
    /// and writes, whatever the length of the alert's history.
    func alertWithoutEvents(externalID: String) throws -> (alert: DriftAlert, rowID: Int64)? {
        guard let row = try db.fetchRow("""
            SELECT a.*, m.name AS model_name FROM drift_alerts a JOIN models m ON m.id = a.model_id
            WHERE a.external_id = ?
            """, [externalID])
        else { return nil }
        return (DriftAlert(row: row), row["id"])
    }

    public func metricValue(model: String, name: String, at: Date) throws -> Double? {
        try Double.fetchOne(db.cachedStatement(sql: """
            SELECT value FROM metric_points p JOIN models m ON m.id = p.model_id
            WHERE m.name = ? AND p.name = ? AND p.at = ?
            """), arguments: [model, name, at.storeSeconds])
    }

    /// A metric's points, oldest first, optionally only the newest `limit`.
    /// A model's series `name`, oldest first: its newest `limit` points, from `since` on.
    public func metricSeries(model: String, name: String, since: Date? = nil, limit: Int? = nil) throws -> [MetricPoint] {
        let rows = try db.fetchRows("""
            SELECT p.at, p.value FROM metric_points p JOIN models m ON m.id = p.model_id
            WHERE m.name = ? AND p.name = ? AND p.at >= ? ORDER BY p.at DESC LIMIT ?
            """, [model, name, since?.storeSeconds ?? Int64.min, limit ?? -1])
        return rows.reversed().map {
            MetricPoint(model: model, name: name, at: Date(storeSeconds: $0["at"]), value: $0["value"])
        }
    }

    public func assessment(team: String, component: MaturityComponent, at: Date) throws -> MaturityAssessment? {
        try MaturityAssessment.fetchOne(db.cachedStatement(sql: """
            SELECT a.*, t.name AS team_name FROM maturity_assessments a JOIN teams t ON t.id = a.team_id
            WHERE t.name = ? AND a.component = ? AND a.assessed_at = ?
            """), arguments: [team, component.rawValue, at.storeSeconds])
    }

    /// Rows per table, for summaries and tests.
    public func rowCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in PortfolioReader.tables {
            counts[table] = try Int.fetchOne(db.cachedStatement(sql: "SELECT count(*) FROM \(table)")) ?? 0
        }
        return counts
    }

    /// Rows of a table counted by the triggers of migration v2-scale-indexes (`pipeline_runs`,
    /// `drift_alerts`), or by counting when the store predates it (opened read-only, unmigrated).
    func countedRows(_ table: String) throws -> Int {
        if features.has(.rowCounts),
           let rows = try Int.fetchOne(db.cachedStatement(sql: "SELECT rows FROM row_counts WHERE name = ?"), arguments: [table]) {
            // A kept count another client set beyond any real one: held in range, so a window's
            // arithmetic on it (the last row, the page from the far end) cannot overflow.
            return min(max(0, rows), 1 << 53)
        }
        return try Int.fetchOne(db, sql: "SELECT count(*) FROM \(table)") ?? 0
    }

    static let tables = KeptTable.baseTables

    /// The time of the newest thing that happened in the store (not counting snooze deadlines,
    /// which lie in the future), or nil for an empty store. Each part is a `max` over one indexed
    /// column (migration v2-scale-indexes; the points' through their series since v18), which
    /// SQLite answers with one B-tree descent: this runs on every refresh and must not scan history.
    public func newestEventTime() throws -> Date? {
        // From v16 the series say it (through v18's index, else by reading the series, a few
        // per model): a store that a reader opened before v18 and another program migrated has
        // no index on the points' time left to read them by.
        let newestPoint = features.has(.metricSeries) ? "SELECT max(last_at) FROM metric_series" : "SELECT max(at) FROM metric_points"
        let seconds = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT max(t) FROM (
                SELECT max(coalesce(finished_at, started_at, queued_at)) AS t FROM pipeline_runs
                UNION ALL \(newestPoint)
                UNION ALL SELECT max(at) FROM alert_events
                UNION ALL SELECT max(opened_at) FROM drift_alerts
                UNION ALL SELECT max(resolved_at) FROM drift_alerts
                UNION ALL SELECT max(assessed_at) FROM maturity_assessments
                UNION ALL SELECT max(created_at) FROM model_versions
                UNION ALL SELECT max(approved_at) FROM model_versions
            )
            """))
        return seconds.map(Date.init(storeSeconds:))
    }
}
