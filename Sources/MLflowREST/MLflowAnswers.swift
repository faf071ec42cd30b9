import Foundation

/// The answers of MLflow's REST API 2.0 that Oversight reads, as the API documents them (the
/// fields it does not read are ignored). Whole numbers may come as JSON numbers or, from older
/// servers, as strings; metric values may be the strings "NaN", "Infinity" and "-Infinity".
enum MLflowAnswers {
    struct Tag: Decodable {
        var key: String
        var value: String?
    }

    struct Experiment: Decodable {
        var experiment_id: String
        var name: String
        var lifecycle_stage: String?
    }

    struct Experiments: Decodable {
        var experiments: [Experiment]?
        var next_page_token: String?
    }

    struct RunInfo: Decodable {
        var run_id: String?
        var run_uuid: String?
        var experiment_id: String
        var run_name: String?
        var user_id: String?
        var status: String?
        var start_time: Whole?
        var end_time: Whole?
        var lifecycle_stage: String?

        var id: String { run_id ?? run_uuid ?? "" }
    }

    struct RunData: Decodable {
        var metrics: [Metric]?
        var tags: [Tag]?
    }

    struct Run: Decodable {
        var info: RunInfo
        var data: RunData?
    }

    struct Runs: Decodable {
        var runs: [Run]?
        var next_page_token: String?
    }

    struct OneRun: Decodable {
        var run: Run
    }

    /// A logged value; nil for the bare NaN or infinity the bulk history writes.
    struct Metric: Decodable {
        var key: String
        var value: Real?
        var timestamp: Whole?
        var step: Whole?
        /// Set in the bulk history's answers.
        var run_id: String?
    }

    struct History: Decodable {
        var metrics: [Metric]?
        var next_page_token: String?
    }

    struct Alias: Decodable {
        var alias: String
        var version: String
    }

    struct RegisteredModel: Decodable {
        var name: String
        var tags: [Tag]?
        var aliases: [Alias]?
    }

    struct RegisteredModels: Decodable {
        var registered_models: [RegisteredModel]?
        var next_page_token: String?
    }

    struct ModelVersion: Decodable {
        var name: String
        var version: String
        var creation_timestamp: Whole?
        var current_stage: String?
        var run_id: String?
        var user_id: String?
        var tags: [Tag]?
    }

    struct ModelVersions: Decodable {
        var model_versions: [ModelVersion]?
        var next_page_token: String?
    }

    /// A 64-bit whole number, as a JSON number or a string.
    struct Whole: Decodable {
        var value: Int64

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int64.self) {
                value = number
            } else if let text = try? container.decode(String.self), let number = Int64(text) {
                value = number
            } else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a whole number")
            }
        }
    }

    /// A metric value: a JSON number, or MLflow's spelling of NaN and the infinities.
    struct Real: Decodable {
        var value: Double

        init(from decoder: Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) {
                value = number
            } else if let text = try? container.decode(String.self), let number = Double(text) ?? Self.spelled[text] {
                value = number
            } else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected a number")
            }
        }

        static let spelled: [String: Double] = ["NaN": .nan, "Infinity": .infinity, "-Infinity": -.infinity]
    }
}

extension [MLflowAnswers.Tag] {
    var dictionary: [String: String] {
        Dictionary(map { ($0.key, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
    }
}
