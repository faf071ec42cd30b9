/// How much harm a model's mistakes can do, which sets how strictly it is governed.
public enum RiskTier: String, Vocabulary {
    case low, medium, high
}
