/// What started a pipeline run.
public enum RunTrigger: String, Vocabulary {
    case schedule, commit, manual, drift, api

    /// Whether a machine, not a person, started the run.
    public var isAutomatic: Bool { self != .manual }
}
