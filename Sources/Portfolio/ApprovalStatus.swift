/// The governance decision on a model version.
public enum ApprovalStatus: String, Vocabulary {
    case pending, approved, rejected
}
