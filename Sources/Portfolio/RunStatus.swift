/// The state of a pipeline run.
public enum RunStatus: String, Vocabulary {
    case queued, running, succeeded, failed, cancelled

    /// Whether the run has ended, so it has (or may have) a finish time.
    public var isFinished: Bool {
        switch self {
        case .queued, .running: false
        case .succeeded, .failed, .cancelled: true
        }
    }
}
