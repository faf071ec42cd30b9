/// The four panels of the dashboard, in focus order (keys 1–4).
public enum PanelID: Int, CaseIterable, Sendable, Hashable {
    case models = 1, runs, alerts, maturity

    public var title: String {
        switch self {
        case .models: "Models"
        case .runs: "Pipeline Runs"
        case .alerts: "Drift Alerts"
        case .maturity: "Maturity"
        }
    }

    public var next: PanelID { PanelID(rawValue: rawValue % 4 + 1)! }
    public var previous: PanelID { PanelID(rawValue: (rawValue + 2) % 4 + 1)! }
}
