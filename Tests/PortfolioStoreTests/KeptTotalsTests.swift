import Foundation
import GRDB
import Portfolio
@testable import PortfolioStore
import Testing
import TestSupport

/// The totals migration v5's triggers keep (model_totals, model_critical, risk_totals) and the
/// refresh figures read from them, against the same figures counted from the rows.
@Suite("Totals kept by triggers")
struct KeptTotalsTests {
    static let later = SharedSample.now.addingTimeInterval(3 * 86_400)

    /// Every write that can move a total: lifecycle actions (snoozes running past `now` and run
    /// out by `later`), re-import, and another writer's updates, inserts and deletes of models
    /// and alerts.
    static func storeAfterManyWrites(_ path: String) throws {
        let store = try PortfolioStore.open(path: path)
        _ = try PortfolioImporter(store: store).importFiles([RepoPaths.sampleData])
        let alerts = try store.read { try $0.alertSummaries(now: SharedSample.now, limit: 40) }
        let critical = alerts.filter { $0.severity == .critical && $0.status == .open }
        try #require(critical.count >= 2)
        try store.write { writer in
            _ = try writer.apply(.snooze(until: SharedSample.now.addingTimeInterval(86_400)), toAlert: critical[0].externalID,
                                 actor: "t", at: SharedSample.now)
            _ = try writer.apply(.snooze(until: SharedSample.now.addingTimeInterval(-3600)), toAlert: critical[1].externalID,
                                 actor: "t", at: SharedSample.now.addingTimeInterval(-7200))
            for alert in alerts.filter({ $0.status == .open }).dropFirst(2).prefix(3) {
                _ = try writer.apply(.acknowledge, toAlert: alert.externalID, actor: "t", at: SharedSample.now)
            }
            if let last = alerts.last(where: { $0.status == .open }) {
                _ = try writer.apply(.resolve(note: nil), toAlert: last.externalID, actor: "t", at: SharedSample.now)
            }
        }
        try store.close()
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try queue.write { db in
            try db.execute(sql: """
                UPDATE models SET stage = 'production' WHERE id IN (SELECT model_id FROM drift_alerts WHERE severity = 'critical')
                  AND stage <> 'production' AND id = (SELECT min(id) FROM models WHERE stage = 'staging');
                UPDATE models SET business_value = coalesce(business_value, 0) * 2 + 0.37 WHERE id % 3 = 0;
                UPDATE models SET serving_cost_per_month = NULL WHERE id % 5 = 0;
                UPDATE models SET team_id = (SELECT max(id) FROM teams) WHERE id = (SELECT min(model_id) FROM drift_alerts WHERE severity = 'critical');
                UPDATE models SET owner = 'someone else';
                INSERT INTO models (name, team_id, owner, stage, business_value, serving_cost_per_month)
                  VALUES ('kept-totals-new', (SELECT min(id) FROM teams), 'o', 'production', 1234.5, 10.25);
                INSERT INTO drift_alerts (external_id, model_id, feature, method, score, threshold, severity, status, opened_at)
                  VALUES ('kept-totals-alert', (SELECT id FROM models WHERE name = 'kept-totals-new'), 'f', 'psi', 0.5, 0.2, 'critical', 'open', 0);
                UPDATE drift_alerts SET severity = 'critical' WHERE id IN (SELECT id FROM drift_alerts WHERE severity = 'warning' LIMIT 2);
                UPDATE drift_alerts SET status = 'resolved' WHERE id IN (SELECT id FROM drift_alerts WHERE severity = 'critical' AND status = 'acknowledged' LIMIT 1);
                UPDATE drift_alerts SET model_id = (SELECT max(id) FROM models WHERE stage = 'production')
                  WHERE id = (SELECT min(id) FROM drift_alerts WHERE severity = 'critical' AND status = 'open');
                UPDATE drift_alerts SET score = score + 1;
                DELETE FROM alert_events WHERE alert_id IN (SELECT id FROM drift_alerts ORDER BY id DESC LIMIT 2);
                DELETE FROM drift_alerts WHERE id IN (SELECT id FROM drift_alerts ORDER BY id DESC LIMIT 2);
                INSERT INTO models (name, team_id, owner, stage, business_value) VALUES ('kept-totals-gone', 1, 'o', 'production', 99);
                DELETE FROM models WHERE name = 'kept-totals-gone';
                """)
        }
    }

    /// Every table triggers keep equals the same figures counted from the rows.
    static func expectKeptTablesMatchRows(_ db: Database) throws {
        func rows(_ sql: String) throws -> [String] {
            try Row.fetchAll(db, sql: sql).map { row in row.columnNames.map { "\(row[$0] as DatabaseValue)" }.joined(separator: "|") }
        }
        let totals = "SELECT team_id, stage, models, round(value, 2), round(serving, 2) FROM %@ WHERE models <> 0 ORDER BY 1, 2"
        let kept = try rows(totals.replacingOccurrences(of: "%@", with: "model_totals"))
        #expect(!kept.isEmpty)
        #expect(kept == (try rows(totals.replacingOccurrences(of: "%@", with: """
            (SELECT team_id, stage, count(*) AS models, sum(coalesce(business_value, 0)) AS value,
               sum(coalesce(serving_cost_per_month, 0)) AS serving FROM models GROUP BY team_id, stage)
            """))))
        let critical = try rows("SELECT model_id, team_id, alerts, round(value, 2) FROM model_critical ORDER BY 1")
        #expect(!critical.isEmpty)
        #expect(critical == (try rows("""
            SELECT m.id, m.team_id, count(*), round(CASE WHEN m.stage = 'production' THEN coalesce(m.business_value, 0) ELSE 0 END, 2)
            FROM drift_alerts a JOIN models m ON m.id = a.model_id
            WHERE a.severity = 'critical' AND a.status IN ('open', 'acknowledged', 'snoozed') GROUP BY m.id ORDER BY 1
            """)))
        #expect(try rows("SELECT team_id, round(value, 2) FROM risk_totals WHERE round(value, 2) <> 0 ORDER BY 1")
            == (try rows("SELECT team_id, round(sum(value), 2) FROM model_critical GROUP BY team_id HAVING round(sum(value), 2) <> 0 ORDER BY 1")))
        let counts = try rows("SELECT name, rows FROM row_counts ORDER BY name")
        #expect(counts == (try rows("SELECT 'drift_alerts', count(*) FROM drift_alerts UNION ALL SELECT 'pipeline_runs', count(*) FROM pipeline_runs")))
        #expect(try rows("SELECT status, severity, alerts FROM alert_counts WHERE alerts <> 0 ORDER BY 1, 2")
            == (try rows("SELECT status, severity, count(*) FROM drift_alerts GROUP BY 1, 2 ORDER BY 1, 2")))
    }

    @Test("A generated store's kept tables, filled once at the end of the bulk load, equal the counts of its rows, and every trigger is back")
    func generatedStoreKeptTables() throws {
        let folder = TemporaryFolder("kept-totals-generated")
        let fresh = try PortfolioStore.open(path: folder.file("empty.sqlite"))
        let triggers = try fresh.read { try String.fetchAll($0.db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name") }
        try fresh.close()
        let store = try PortfolioStore.open(path: folder.file("generated.sqlite"))
        defer { try? store.close() }
        _ = try PortfolioGenerator(store: store, plan: GenerationPlan(models: 60, runs: 3_000, alerts: 600, metricPoints: 100, seed: 5,
                                                                      asOf: SharedSample.now)).generate()
        try store.read { reader in
            try Self.expectKeptTablesMatchRows(reader.db)
            #expect(!triggers.isEmpty)
            #expect(try String.fetchAll(reader.db, sql: "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name") == triggers)
            #expect(try Int.fetchOne(reader.db, sql: "SELECT count(*) FROM model_critical") ?? 0 > 0)
        }
    }

    @Test("model_totals, model_critical and risk_totals equal the same totals counted from models and alerts after every kind of write")
    func keptTablesFollowEveryWrite() throws {
        let folder = TemporaryFolder("kept-totals")
        let path = folder.file("store.sqlite")
        try Self.storeAfterManyWrites(path)
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        try queue.read { db in try Self.expectKeptTablesMatchRows(db) }
    }

    @Test("the refresh figures read from kept totals equal the full report's counted ones, while snoozes run and after they run out, for the portfolio and each team")
    func refreshFiguresEqualCounted() throws {
        let folder = TemporaryFolder("kept-totals-figures")
        let path = folder.file("store.sqlite")
        try Self.storeAfterManyWrites(path)
        let store = try PortfolioStore.open(path: path, readOnly: true)
        defer { try? store.close() }
        for now in [SharedSample.now, Self.later] {
            let window = FigureWindow(asOf: now)
            let full = try store.read { try $0.figures(window) }
            #expect(full.portfolio.valueAtRisk > 0)
            for team in [nil] + full.teams.map(\.name) {
                let current = try store.read { try $0.currentFigures(window, team: team) }
                let expected = try #require(team.map { full.team($0) } ?? full.portfolio)
                let got = try #require(team.map { current.team($0) } ?? current.portfolio)
                var merged = expected
                merged.takeCurrentState(from: got)
                // Money kept by adding and taking away is read rounded to cents.
                #expect(abs(merged.valueAtRisk - expected.valueAtRisk) < 0.01, "\(team ?? "portfolio") at \(now)")
                #expect(abs(merged.valueInProduction - expected.valueInProduction) < 0.01, "\(team ?? "portfolio") at \(now)")
                #expect(abs(merged.servingCostPerYearOfProduction - expected.servingCostPerYearOfProduction) < 0.01)
                merged.valueAtRisk = expected.valueAtRisk
                merged.valueInProduction = expected.valueInProduction
                merged.servingCostPerYearOfProduction = expected.servingCostPerYearOfProduction
                #expect(merged == expected, "\(team ?? "portfolio") at \(now)")
            }
        }
    }
}
