import Foundation

/// What Oversight reads of an MLflow deployment, in MLflow's own terms, whichever way it was read:
/// its SQLite file (`MLflowImporter`) or its tracking server's REST API (the MLflowREST module).
/// `MLflowMapping` is the one place that turns it into a portfolio, so both sources give the same store.
public struct MLflowData: Sendable {
    /// An active experiment.
    public struct Experiment: Sendable, Equatable {
        public var id: String
        public var name: String

        public init(id: String, name: String) {
            self.id = id
            self.name = name
        }
    }

    /// A run as MLflow keeps it; times in epoch milliseconds.
    public struct Run: Sendable, Equatable {
        public var id: String
        public var experimentID: String
        public var name: String?
        public var user: String?
        /// FINISHED, FAILED, KILLED, RUNNING or SCHEDULED.
        public var status: String
        public var startTime: Int64?
        public var endTime: Int64?
        public var tags: [String: String]

        public init(id: String, experimentID: String, name: String?, user: String?, status: String, startTime: Int64?, endTime: Int64?,
                    tags: [String: String]) {
            self.id = id
            self.experimentID = experimentID
            self.name = name
            self.user = user
            self.status = status
            self.startTime = startTime
            self.endTime = endTime
            self.tags = tags
        }
    }

    /// A registered model's version; `stage` is MLflow's (None, Staging, Production, Archived).
    public struct Version: Sendable, Equatable {
        public var model: String
        public var version: Int64
        public var creationTime: Int64?
        public var stage: String?
        public var runID: String?
        public var user: String?
        public var tags: [String: String]

        public init(model: String, version: Int64, creationTime: Int64?, stage: String?, runID: String?, user: String?,
                    tags: [String: String]) {
            self.model = model
            self.version = version
            self.creationTime = creationTime
            self.stage = stage
            self.runID = runID
            self.user = user
            self.tags = tags
        }
    }

    /// One logged value of a run's metric; NaN and infinities are left for the mapping to drop.
    public struct Metric: Sendable, Equatable {
        public var runID: String
        public var key: String
        public var value: Double
        public var timestamp: Int64
        public var step: Int64

        public init(runID: String, key: String, value: Double, timestamp: Int64, step: Int64) {
            self.runID = runID
            self.key = key
            self.value = value
            self.timestamp = timestamp
            self.step = step
        }
    }

    public var experiments: [Experiment] = []
    /// The active runs read: every one, or on an incremental pass those changed since the last.
    public var runs: [Run] = []
    /// Runs MLflow holds as deleted: left out, and removed from the store if an earlier import brought them.
    public var deletedRuns: [String] = []
    /// Every version of every registered model (the registry is always read whole: setting an
    /// alias or a version's tag does not move MLflow's `last_updated_timestamp`).
    public var versions: [Version] = []
    /// The runs that made `versions` but are not among `runs` (on an incremental pass), known only
    /// for their experiment and user: which model a run belongs to and who owns a model depend on them.
    public var versionRuns: [String: Run] = [:]
    /// Model → version number → its aliases, lower-cased.
    public var aliases: [String: [String: Set<String>]] = [:]
    public var modelTags: [String: [String: String]] = [:]
    /// The metric history of the runs in `runs`.
    public var metrics: [Metric] = []

    public init() {}
}
