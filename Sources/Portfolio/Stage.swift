/// Where a model (or one of its versions) is in its lifecycle.
public enum Stage: String, Vocabulary {
    case development, staging, production, archived
}
