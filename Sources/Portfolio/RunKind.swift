/// What a pipeline run does.
public enum RunKind: String, Vocabulary {
    case training, evaluation, deployment
    case dataValidation = "data_validation"
}
