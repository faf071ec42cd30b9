import Portfolio

/// A column a panel can be sorted by, as the store orders it: the SQL of its order and, where a
/// plain `ORDER BY` would sort every row of a big table, how the window is read instead. The view
/// models name these cases in their column declarations (`PanelColumn`); nothing here knows where
/// or whether a column is drawn, and nothing depends on the order of the cases.
public enum SortKey: Sendable, Hashable {
    case model(ModelSort)
    case run(RunSort)
    case alert(AlertSort)
    case team(TeamSort)

    /// The terms of the order, each for `… ASC|DESC`.
    var terms: [String] {
        if case let .model(sort) = self { sort.terms } else { [sql] }
    }

    /// The SQL of the order, for `ORDER BY … ASC|DESC`.
    var sql: String {
        switch self {
        case let .model(sort): sort.sql
        case let .run(sort): sort.sql
        case let .alert(sort): sort.sql
        case let .team(sort): sort.sql
        }
    }
}

/// The Models panel's sorts (rows `m` models, `t` teams; `annual_cost` and `active_critical`,
/// `active_warning`, `active_info` are the per-model figures the panel's query computes).
public enum ModelSort: Sendable, Hashable, CaseIterable {
    case name, stage, version, team, owner, value, cost, alerts

    var sql: String {
        switch self {
        case .name: "m.name"
        case .stage: SQLRank.stage("m.stage")
        case .version: "m.version"
        case .team: "t.name"
        case .owner: "m.owner"
        case .value: "coalesce(m.business_value, 0)"
        case .cost: "annual_cost"
        case .alerts: "active_critical"
        }
    }

    /// The terms of its `ORDER BY`, each taking the direction: the alerts sort by critical, then
    /// warning, then info counts (one critical outranks any number of warnings).
    var terms: [String] {
        self == .alerts ? ["active_critical", "active_warning", "active_info"] : [sql]
    }

    /// Sorting by a per-model figure needs it for every model, not only the window's.
    var needsEveryModelsFigures: Bool { self == .cost || self == .alerts }
}

/// The Pipeline Runs panel's sorts (rows `r` runs, `p` pipelines, `m` models), each with how a
/// window of a million runs is read in that order without sorting them all.
public enum RunSort: Sendable, Hashable, CaseIterable {
    case status, pipeline, model, kind, trigger, started, duration, error

    var sql: String {
        switch self {
        case .status: "r.status"
        case .pipeline: "p.name"
        case .model: "m.name"
        case .kind: "r.kind"
        case .trigger: "r.trigger"
        case .started: "coalesce(r.started_at, r.queued_at)"
        case .duration: "(r.finished_at - r.started_at)"
        case .error: "coalesce(r.error, '')"
        }
    }

    /// How the window is read in this order (migration v7 holds the indexes).
    enum Plan {
        /// `ORDER BY` as it is: SQLite reads it from an index, or sorts (status, through runs_by_status, ~0.1 s).
        case plain
        /// A column of few values: each value's newest runs from `index` on (column, time), merged.
        case eachValue(index: SchemaFeatures.Feature, values: [String])
        /// The runs without an error from the time index, those with one from runs_by_error, merged.
        case errorIndex
        /// Pipelines (or models) by name, each one's runs newest first: `joins` keeps that loop order.
        case outerLoop(joins: String)
    }

    var plan: Plan {
        switch self {
        case .kind: .eachValue(index: .runsByKind, values: RunKind.allCases.map(\.rawValue).sorted())
        case .trigger: .eachValue(index: .runsByTrigger, values: RunTrigger.allCases.map(\.rawValue).sorted())
        case .error: .errorIndex
        case .pipeline: .outerLoop(joins: "FROM pipelines p CROSS JOIN pipeline_runs r ON r.pipeline_id = p.id JOIN models m ON m.id = r.model_id")
        case .model: .outerLoop(joins: "FROM models m CROSS JOIN pipeline_runs r ON r.model_id = m.id JOIN pipelines p ON p.id = r.pipeline_id")
        case .status, .started, .duration: .plain
        }
    }
}

/// The Drift Alerts panel's sorts (rows `a` alerts, `m` models; `effective_status` is an alert's
/// status with run-out snoozes open).
public enum AlertSort: Sendable, Hashable, CaseIterable {
    case severity, status, model, feature, test, score, opened, assignee

    var sql: String {
        switch self {
        case .severity: SQLRank.severity("a.severity")
        case .status: SQLRank.alertStatus("effective_status")
        case .model: "m.name"
        case .feature: "a.feature"
        case .test: "a.method"
        case .score: "a.score"
        case .opened: "a.opened_at"
        case .assignee: "coalesce(a.assignee, '')"
        }
    }
}

/// The Maturity panel's sorts (rows `t` teams).
public enum TeamSort: Sendable, Hashable, CaseIterable {
    case name

    var sql: String { "t.name" }
}
