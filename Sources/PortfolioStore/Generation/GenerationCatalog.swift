import Portfolio

/// The words a generated portfolio is made of: teams, people, use cases with their metrics and
/// features, pipeline steps and the errors each kind of run fails with. Kept apart from the
/// generator so the generator reads as rules, not as lists.
enum GenerationCatalog {
    struct TeamDomain {
        let name: String
        let industry: String
        let slug: String
        let lead: String
        /// Indexes into `useCases`: what this kind of team builds.
        let builds: [Int]
    }

    static let teams: [TeamDomain] = [
        TeamDomain(name: "Risk & Fraud Analytics", industry: "finance", slug: "fraud", lead: "Priya Raman", builds: [0, 6, 1]),
        TeamDomain(name: "Clinical AI", industry: "healthcare", slug: "clinical", lead: "Amara Nwosu", builds: [3, 8]),
        TeamDomain(name: "Retail Demand & Personalization", industry: "retail", slug: "retail", lead: "Marcus Delgado", builds: [2, 5, 1]),
        TeamDomain(name: "Manufacturing Quality AI", industry: "manufacturing", slug: "mfg", lead: "Ingrid Johansson", builds: [4, 2]),
        TeamDomain(name: "ML Platform", industry: "platform", slug: "platform", lead: "Sam Okonkwo", builds: [8, 5]),
        TeamDomain(name: "Credit Decisioning", industry: "finance", slug: "credit", lead: "Daniel Osei", builds: [6, 0, 1]),
        TeamDomain(name: "Supply Chain Optimization", industry: "logistics", slug: "supply", lead: "Mei Lin", builds: [7, 2]),
        TeamDomain(name: "Customer Analytics", industry: "telecom", slug: "customer", lead: "Rafael Souza", builds: [1, 8]),
        TeamDomain(name: "Search & Recommendations", industry: "e-commerce", slug: "search", lead: "Hannah Becker", builds: [5, 8]),
        TeamDomain(name: "Insurance Pricing", industry: "insurance", slug: "pricing", lead: "Olga Petrova", builds: [6, 1]),
        TeamDomain(name: "Energy Forecasting", industry: "energy", slug: "energy", lead: "Kwame Mensah", builds: [9, 2]),
        TeamDomain(name: "Marketing Science", industry: "media", slug: "marketing", lead: "Lucía Fernández", builds: [1, 5]),
    ]

    static let people = [
        "Chloe Martin", "Tomasz Wójcik", "Aisha Khan", "Lars Eriksson", "Nina Patel", "Jonas Weber",
        "Sofia Rossi", "Kenji Tanaka", "Fatima Al-Sayed", "Diego Ramírez", "Emma Novak", "Yusuf Demir",
        "Grace Liu", "Mateo Silva", "Zoe Adeyemi", "Ravi Iyer", "Elena Popescu", "Oscar Lindqvist",
        "Hana Kobayashi", "Samuel Mwangi", "Ines Duarte", "Viktor Horvath", "Leila Haddad", "Noah Fischer",
    ]

    struct UseCase {
        let noun: String
        let text: String
        /// The quality metric the team watches, and whether lower is better.
        let metric: String
        let metricRange: ClosedRange<Double>
        let features: [String]
        let framework: String
        let risk: RiskTier
        let value: ClosedRange<Double>
    }

    static let useCases: [UseCase] = [
        UseCase(noun: "fraud-detector", text: "Scores card authorizations in real time and routes risky ones to step-up checks.",
                metric: "auc", metricRange: 0.90...0.97, features: ["amount", "merchant_category", "hour_of_day", "country"],
                framework: "xgboost", risk: .high, value: 800_000...6_000_000),
        UseCase(noun: "churn-propensity", text: "Ranks customers by their likelihood to leave in the next 90 days.",
                metric: "auc", metricRange: 0.78...0.88, features: ["tenure_months", "product_count", "support_calls", "region"],
                framework: "lightgbm", risk: .medium, value: 200_000...2_000_000),
        UseCase(noun: "demand-forecast", text: "Forecasts daily units per store and item for replenishment.",
                metric: "mape", metricRange: 6...14, features: ["units_sold", "promo_depth", "price", "season_code"],
                framework: "prophet", risk: .medium, value: 500_000...4_000_000),
        UseCase(noun: "readmission-risk", text: "Flags patients at risk of readmission within 30 days of discharge.",
                metric: "auc", metricRange: 0.72...0.84, features: ["age_band", "length_of_stay", "diagnosis_group", "lab_count"],
                framework: "sklearn", risk: .high, value: 300_000...2_500_000),
        UseCase(noun: "defect-detector", text: "Finds surface defects on line-camera images before packaging.",
                metric: "f1", metricRange: 0.85...0.95, features: ["brightness", "contrast", "line_speed", "prediction"],
                framework: "pytorch", risk: .medium, value: 400_000...3_000_000),
        UseCase(noun: "recommender", text: "Ranks products for each session on the home page and in the basket.",
                metric: "ndcg_at_10", metricRange: 0.30...0.45, features: ["session_length", "basket_size", "category", "device"],
                framework: "tensorflow", risk: .low, value: 1_000_000...8_000_000),
        UseCase(noun: "credit-scorer", text: "Estimates the probability of default for new credit applications.",
                metric: "gini", metricRange: 0.55...0.72, features: ["income", "debt_ratio", "employment_years", "bureau_score"],
                framework: "xgboost", risk: .high, value: 900_000...5_000_000),
        UseCase(noun: "eta-predictor", text: "Predicts delivery times shown to customers at checkout.",
                metric: "mae_minutes", metricRange: 4...12, features: ["distance_km", "traffic_index", "weather", "warehouse"],
                framework: "lightgbm", risk: .low, value: 150_000...1_200_000),
        UseCase(noun: "text-classifier", text: "Routes incoming support tickets to the right queue.",
                metric: "accuracy", metricRange: 0.86...0.94, features: ["text_length", "language", "channel", "prediction"],
                framework: "transformers", risk: .low, value: 100_000...900_000),
        UseCase(noun: "load-forecast", text: "Forecasts hourly grid load for day-ahead trading.",
                metric: "mape", metricRange: 2...6, features: ["temperature", "hour_of_day", "holiday_flag", "wind_speed"],
                framework: "prophet", risk: .medium, value: 600_000...4_500_000),
    ]

    static let servingModes = ["realtime", "batch", "streaming"]
    static let dataDomains = ["transactions", "customers", "inventory", "clinical", "sensors", "text", "images", "market"]

    /// Pipeline steps in order, for each run kind.
    static func steps(_ kind: RunKind) -> [String] {
        switch kind {
        case .training: ["build_features", "train", "evaluate", "register"]
        case .evaluation: ["load_model", "score_holdout", "compare_baseline"]
        case .deployment: ["build_image", "canary", "promote"]
        case .dataValidation: ["load_batch", "check_schema", "check_expectations"]
        }
    }

    /// How each kind of run fails: the step that fails and its message. Several per kind, so a
    /// failing pipeline fails for a reason a person recognises.
    static func failures(_ kind: RunKind) -> [(step: Int, error: String)] {
        switch kind {
        case .training: [
            (1, "CUDA out of memory. Tried to allocate 2.50 GiB"),
            (0, "TimeoutError: feature store read exceeded 900 s"),
            (1, "ValueError: Input X contains NaN."),
            (1, "Spot instance preempted; checkpoint restore failed"),
            (2, "AUC 0.812 below promotion gate 0.850"),
        ]
        case .evaluation: [
            (0, "ModelNotFound: registry has no artifact for the requested version"),
            (1, "holdout partition for yesterday is missing"),
            (2, "regression vs baseline: metric worse by 3.1% (limit 1%)"),
        ]
        case .deployment: [
            (1, "Deployment rollout stalled: 0/3 replicas ready after progress deadline"),
            (1, "Canary error rate 4.2% above 1% budget; rolled back"),
            (0, "ImagePullBackOff: registry returned 403"),
        ]
        case .dataValidation: [
            (2, "great_expectations: expect_column_values_to_not_be_null failed (3.2% nulls)"),
            (1, "schema drift: column changed type from int64 to string"),
            (0, "upstream table not refreshed in 26 h"),
        ]
        }
    }

    static let noteTexts = [
        "Looking into it; the shift is concentrated in one source system.",
        "Opened a ticket with data engineering to trace the upstream change.",
        "Confirmed on the raw source table: the shift is real, not a pipeline bug.",
        "Compared with the same week last year to rule out seasonality.",
        "Retrain scheduled with the latest data.",
        "Threshold looks too tight for this feature; discussing with the model owner.",
    ]

    static let resolutions = [
        "Retrained on recent data; drift gone against the new reference window.",
        "Upstream fix deployed and backfilled; score back under the threshold.",
        "Expected seasonal shift; reference window updated.",
        "False alarm: a logging change, not a change in the data.",
    ]

    static func evidence(_ component: MaturityComponent, level: Int) -> String {
        let words = ["nothing in place yet", "manual and documented", "partly automated",
                     "automated with reviews", "fully automated and continuously improved"]
        return "\(component.label): \(words[max(0, min(4, level))])."
    }
}
