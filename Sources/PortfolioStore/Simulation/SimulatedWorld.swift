import Foundation
import GRDB
import Portfolio

/// What the simulator knows about the store it brings to life: the models that can run and drift,
/// the features each model is monitored on (only those: a model never drifts on a feature it does
/// not have), its metric series, and the alert counts the portfolio started with — the steady
/// state the simulation returns to.
struct SimulatedWorld {
    struct Model {
        var name: String
        var owner: String
        var isProduction: Bool
        var value: Double
    }

    /// A feature a model is monitored on, with the method and threshold its monitor uses.
    struct Feature: Hashable {
        var model: String
        var feature: String
        var method: DriftMethod
        var threshold: Double
    }

    /// A pipeline that runs for a model.
    struct Pipeline {
        var name: String
        var model: String
        var kind: RunKind
    }

    /// A metric series and the level it wanders around.
    struct Series {
        var model: String
        var name: String
        var level: Double
        var value: Double
    }

    var models: [String: Model] = [:]
    var features: [Feature] = []
    var pipelines: [Pipeline] = []
    var series: [Series] = []
    /// Σ business value of production models.
    var valueInProduction = 0.0

    /// How many models and pipelines are read: the simulator's cost stays bounded on a store of
    /// any size (a demo needs liveliness, not coverage).
    static let modelLimit = 300
    static let seriesLimit = 400

    /// A threshold for a feature seen only as a `drift.<method>.<feature>` metric: the usual
    /// defaults of Evidently and its kin (PSI 0.1, a p-value of 0.05, a distance of 0.1).
    static func defaultThreshold(_ method: DriftMethod) -> Double {
        method.isPValue ? 0.05 : 0.1
    }

    static func load(_ db: Database) throws -> SimulatedWorld {
        var world = SimulatedWorld()
        // Production and staging models: the ones pipelines run for and monitors watch.
        let rows = try Row.fetchAll(db, sql: """
            SELECT id, name, owner, stage, coalesce(business_value, 0) AS value FROM models
            WHERE stage IN ('production', 'staging') ORDER BY stage = 'production' DESC, business_value DESC, id LIMIT ?
            """, arguments: [modelLimit])
        var ids: [(Int64, String)] = []
        for row in rows {
            let name: String = row["name"], stage: String = row["stage"]
            let value = finite(row["value"]) ?? 0
            world.models[name] = Model(name: name, owner: row["owner"], isProduction: stage == "production", value: max(0, value))
            ids.append((row["id"], name))
        }
        world.valueInProduction = try Double.fetchOne(db, sql: """
            SELECT total(coalesce(business_value, 0)) FROM models WHERE stage = 'production'
            """).flatMap(finite) ?? 0
        var seen = Set<String>()
        for (id, name) in ids {
            // The features its alerts already name, with their method and threshold…
            for row in try Row.fetchAll(db, sql: """
                SELECT feature, method, threshold FROM drift_alerts WHERE model_id = ? ORDER BY opened_at DESC
                """, arguments: [id]) {
                guard let method = DriftMethod(rawValue: row["method"]), let feature = row["feature"] as String?,
                      let threshold = finite(row["threshold"]), threshold > 0, threshold < 1e6,
                      seen.insert(name + "\u{0}" + feature).inserted else { continue }
                world.features.append(Feature(model: name, feature: feature, method: method, threshold: threshold))
            }
            // …and those its drift metrics (`drift.<method>.<feature>`) name; the other series wander.
            for seriesName in try String.fetchAll(db, sql: "SELECT DISTINCT name FROM metric_points WHERE model_id = ?", arguments: [id]) {
                let parts = seriesName.split(separator: ".", maxSplits: 2).map(String.init)
                if parts.count == 3, parts[0] == "drift" {
                    guard let method = DriftMethod(rawValue: parts[1]), seen.insert(name + "\u{0}" + parts[2]).inserted else { continue }
                    world.features.append(Feature(model: name, feature: parts[2], method: method, threshold: defaultThreshold(method)))
                } else if world.series.count < seriesLimit,
                          let latest = try Double.fetchOne(db, sql: """
                              SELECT value FROM metric_points WHERE model_id = ? AND name = ? ORDER BY at DESC LIMIT 1
                              """, arguments: [id, seriesName]).flatMap(finite) {
                    world.series.append(Series(model: name, name: seriesName, level: latest, value: latest))
                }
            }
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT p.name AS pipeline, m.name AS model, r.kind AS kind FROM pipeline_runs r
            JOIN pipelines p ON p.id = r.pipeline_id JOIN models m ON m.id = r.model_id
            WHERE m.stage IN ('production', 'staging') GROUP BY p.id ORDER BY p.name LIMIT ?
            """, arguments: [modelLimit]) {
            guard let kind = RunKind(rawValue: row["kind"]), world.models[row["model"]] != nil else { continue }
            world.pipelines.append(Pipeline(name: row["pipeline"], model: row["model"], kind: kind))
        }
        return world
    }

    /// A stored number the simulator can do arithmetic on (a foreign writer may have stored ±∞).
    static func finite(_ value: Double?) -> Double? {
        value.flatMap { $0.isFinite ? $0 : nil }
    }

    /// Keeps the levels of series already known, so a reload does not reset their wandering.
    mutating func keepLevels(of old: SimulatedWorld) {
        let known = Dictionary(old.series.map { ($0.model + "\u{0}" + $0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for index in series.indices {
            if let previous = known[series[index].model + "\u{0}" + series[index].name] {
                series[index].level = previous.level
            }
        }
    }
}

/// An alert that is not resolved, as the simulator weighs it.
struct SimulatedAlert {
    var id: String
    var model: String
    var feature: String
    var method: DriftMethod
    var threshold: Double
    var severity: Severity
    var status: AlertStatus
    /// Counts toward the active figures now (a snooze still running does not).
    var isActive: Bool

    static func unresolved(_ db: Database, now: Date, limit: Int) throws -> [SimulatedAlert] {
        try Row.fetchAll(db, sql: """
            SELECT a.external_id, m.name AS model, a.feature, a.method, a.threshold, a.severity, a.status,
              \(PortfolioReader.isActive(now)) AS active
            FROM drift_alerts a JOIN models m ON m.id = a.model_id
            WHERE a.status != 'resolved' ORDER BY a.opened_at DESC LIMIT ?
            """, arguments: [limit]).compactMap { row in
            guard let method = DriftMethod(rawValue: row["method"]), let severity = Severity(rawValue: row["severity"]),
                  let status = AlertStatus(rawValue: row["status"]),
                  let threshold = SimulatedWorld.finite(row["threshold"]) else { return nil }
            // NULL: snoozed without a deadline (another client's write), which is not active.
            return SimulatedAlert(id: row["external_id"], model: row["model"], feature: row["feature"], method: method,
                                  threshold: threshold, severity: severity, status: status, isActive: row["active"] ?? false)
        }
    }
}
