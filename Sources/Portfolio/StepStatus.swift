/// The state of one step of a pipeline run; a step after a failure is skipped.
public enum StepStatus: String, Vocabulary {
    case queued, running, succeeded, failed, cancelled, skipped
}
