/// The five components of the MLOps adoption framework a team's maturity is assessed on.
public enum MaturityComponent: String, Vocabulary {
    case infrastructureAutomation = "infrastructure_automation"
    case ciCD = "ci_cd"
    case modelMonitoring = "model_monitoring"
    case governance
    case collaboration

    /// A short label for narrow columns.
    public var shortLabel: String {
        switch self {
        case .infrastructureAutomation: "Infra"
        case .ciCD: "CI/CD"
        case .modelMonitoring: "Monitor"
        case .governance: "Govern"
        case .collaboration: "Collab"
        }
    }

    /// The full name.
    public var label: String {
        switch self {
        case .infrastructureAutomation: "Infrastructure automation"
        case .ciCD: "CI/CD"
        case .modelMonitoring: "Model monitoring"
        case .governance: "Governance"
        case .collaboration: "Collaboration"
        }
    }
}
