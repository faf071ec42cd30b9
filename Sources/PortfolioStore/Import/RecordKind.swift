/// The kinds of record the data format holds, with their section name (YAML/JSON) and their
/// `"type"` (NDJSON). Declared in the order they are written, parents first.
public enum RecordKind: String, CaseIterable, Sendable, Codable {
    case team, pipeline, model, run, metric, alert, maturity

    public var section: String {
        switch self {
        case .team: "teams"
        case .pipeline: "pipelines"
        case .model: "models"
        case .run: "runs"
        case .metric: "metrics"
        case .alert: "alerts"
        case .maturity: "maturity"
        }
    }

    init?(section: String) {
        guard let kind = RecordKind.allCases.first(where: { $0.section == section }) else { return nil }
        self = kind
    }
}
