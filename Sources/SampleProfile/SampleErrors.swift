import Foundation

// The error messages runs fail with (the old script's err_* functions), each drawing from the
// run's random stream in the order the Python f-strings evaluated their parts.

enum SampleErrors {
    typealias R = PythonRandom
    typealias C = ErrorContext

    static func pg(_ rng: inout R, _ c: C) -> String {
        let (host, ip) = rng.choice([("pg-features.internal", "10.20.4.17"), ("ehr-replica-02.db.internal", "10.31.8.44"),
                                     ("dwh-pg.prod.internal", "10.20.9.201"), ("mes-historian-pg.plant2.internal", "10.52.1.12")])
        return "psycopg2.OperationalError: could not connect to server: Connection timed out. "
            + "Is the server running on host \"\(host)\" (\(ip)) and accepting TCP/IP connections on port 5432?"
    }

    static func s3(_ rng: inout R, _ c: C, op: String = "GetObject") -> String {
        let date = isoDate(dateOf(c.when))
        let bucket = "acme-ml-" + c.model.spec.domain.replacingOccurrences(of: "_", with: "-")
        let part = rng.randrange(64)
        return "botocore.exceptions.ClientError: An error occurred (AccessDenied) when calling the \(op) "
            + "operation: Access Denied (s3://\(bucket)/\(c.model.name)/dt=\(date)/part-\(String(format: "%05d", part)).snappy.parquet)"
    }

    static func s3Put(_ rng: inout R, _ c: C) -> String {
        s3(&rng, c, op: "PutObject").replacingOccurrences(of: ".snappy.parquet", with: "-report.html")
    }

    static func featureStoreTimeout(_ rng: inout R, _ c: C) -> String {
        let view = rng.choice(["aggregates_7d", "entity_profile", "daily_rollup", "online_features"])
        let n = rng.randint(200, 4000) * 1000
        let timeout = rng.choice([300, 600, 900])
        let prefix = c.model.name.split(separator: "-", omittingEmptySubsequences: false)[0]
        return "TimeoutError: feature store request timed out after \(timeout)s "
            + "(get_historical_features, feature_view='\(prefix)_\(view)', entity_rows=\(PythonFormat.grouped(n)))"
    }

    static func nan(_ rng: inout R, _ c: C) -> String { "ValueError: Input X contains NaN." }

    static func schema(_ rng: inout R, _ c: C) -> String {
        let f = rng.choice(c.model.spec.features)
        return "pandera.errors.SchemaError: column '\(f)' has dtype 'object', expected 'float64'"
    }

    static func cudaOOM(_ rng: inout R) -> String {
        let total = rng.choice([39.59, 79.15, 22.19])
        let alloc = PythonFormat.round(total * rng.uniform(0.86, 0.93), 2)
        let free = PythonFormat.round(rng.uniform(0.2, 1.4), 2)
        let reserved = PythonFormat.round(min(total - free, alloc + rng.uniform(0.3, 1.5)), 2)
        let a = rng.choice([1.0, 2.0, 2.5, 3.0, 4.0, 6.0])
        let tried = PythonFormat.round(a * rng.choice([0.5, 1.0, 1.25]), 2)
        let gpu = rng.randrange(8)
        let f = { PythonFormat.fixed($0, 2) }
        return "torch.cuda.OutOfMemoryError: CUDA out of memory. Tried to allocate \(f(tried)) GiB "
            + "(GPU \(gpu); \(f(total)) GiB total capacity; \(f(alloc)) GiB already allocated; "
            + "\(f(free)) GiB free; \(f(reserved)) GiB reserved in total by PyTorch)"
    }

    static func train(_ rng: inout R, _ c: C) -> String {
        if c.model.spec.gpu > 0 { return cudaOOM(&rng) }
        if c.model.spec.framework == "xgboost" && rng.random() < 0.5 {
            let h = rng.randrange(24), m = rng.randrange(60), s = rng.randrange(60)
            return "xgboost.core.XGBoostError: [\(two(h)):\(two(m)):\(two(s))] ../src/data/data.cc:509: Check failed: valid: "
                + "Label contains NaN, infinity or a value too large."
        }
        let bits = rng.getrandbits(20)
        let limit = rng.choice([32, 64, 128])
        return "Pod \(c.pipeline)-\(String(format: "%05x", bits)) OOMKilled: container 'trainer' exceeded "
            + "its memory limit of \(limit)Gi (exit code 137)"
    }

    static let gateLabel = ["auc": "AUC", "recall": "recall", "f1": "F1", "ndcg_at_10": "NDCG@10",
                            "recall_at_10": "recall@10", "mape": "MAPE", "rmse": "RMSE", "mae": "MAE"]

    static func gate(_ rng: inout R, _ c: C) -> String {
        let metric = c.model.spec.metric ?? MetricSpec(name: "auc", base: 0.8, sd: 0.01, higherIsBetter: true, decimals: 4)
        let label = gateLabel[metric.name] ?? metric.name
        let base = metric.base
        if metric.name == "mape" {
            let champ = base + rng.uniform(-0.3, 0.6)
            let gate = Double(PythonFormat.roundToInt(champ * 1.05 + 0.5))
            let cand = gate + rng.uniform(0.2, 2.5)
            return "MAPE \(PythonFormat.fixed(cand, 1))% above promotion gate \(PythonFormat.fixed(gate, 1))% (champion \(PythonFormat.fixed(champ, 1))%)"
        }
        if metric.higherIsBetter {
            let champ = base + rng.uniform(-0.002, 0.004)
            let gate = ((champ - 0.01) * 100).rounded(.down) / 100
            let cand = gate - rng.uniform(0.003, 0.03)
            return "\(label) \(PythonFormat.fixed(cand, 3)) below promotion gate \(PythonFormat.fixed(gate, 3)) (champion \(PythonFormat.fixed(champ, 3)))"
        }
        let champ = base * rng.uniform(0.97, 1.03)
        let gate = champ * 1.05
        let cand = gate * rng.uniform(1.01, 1.12)
        return "\(label) \(PythonFormat.fixed(cand, 3)) above promotion gate \(PythonFormat.fixed(gate, 3)) (champion \(PythonFormat.fixed(champ, 3)))"
    }

    static func mlflow(_ rng: inout R, _ c: C) -> String {
        "mlflow.exceptions.MlflowException: API request to endpoint /api/2.0/mlflow/model-versions/create "
            + "failed with error code 503 != 200. Response body: 'upstream connect error or disconnect/reset before headers'"
    }

    static func build(_ rng: inout R, _ c: C) -> String {
        rng.choice([
            "ERROR: failed to solve: process \"/bin/sh -c pip install --no-cache-dir -r requirements.txt\" "
                + "did not complete successfully: exit code: 1",
            "ERROR: failed to solve: python:3.11-slim: failed to resolve source metadata for "
                + "docker.io/library/python:3.11-slim: 429 Too Many Requests",
        ])
    }

    static func push(_ rng: inout R, _ c: C) -> String {
        "denied: User: arn:aws:sts::123456789012:assumed-role/ci-runner/gha is not authorized to perform: "
            + "ecr:InitiateLayerUpload on resource: arn:aws:ecr:us-east-1:123456789012:repository/ml/\(c.model.name)"
    }

    static func kubectl(_ rng: inout R, _ c: C) -> String {
        "kubectl rollout status: deployment \"\(c.model.name)\" exceeded its progress deadline"
    }

    static func pull(_ rng: inout R, _ c: C) -> String {
        let image = "123456789012.dkr.ecr.us-east-1.amazonaws.com/ml/\(c.model.name):\(c.version ?? "latest")"
        return "Failed to pull image \"\(image)\": ErrImagePull: rpc error: code = NotFound desc = failed to pull "
            + "and unpack image \"\(image)\": failed to resolve reference \"\(image)\": \(image): not found "
            + "(manifest unknown)"
    }

    static func smoke(_ rng: inout R, _ c: C) -> String {
        let name = c.model.name
        if rng.random() < 0.5 {
            return "smoke test failed: POST /v2/models/\(name)/infer returned 503 for \(rng.randint(4, 20))/20 requests"
        }
        let budget = max(50, Int((c.model.spec.latency ?? 100) * 2))
        return "smoke test failed: p95 latency \(Int(Double(budget) * rng.uniform(1.3, 3.0))) ms exceeds the \(budget) ms budget"
    }

    static func promote(_ rng: inout R, _ c: C) -> String {
        let bits = rng.getrandbits(16)
        let rate = rng.uniform(1.2, 4.8)
        return "AnalysisRun '\(c.model.name)-canary-\(String(format: "%04x", bits))' failed: metric 'http-5xx-rate' "
            + "= \(PythonFormat.fixed(rate, 1))% > 1.0% for 3 consecutive intervals"
    }

    static func loadModel(_ rng: inout R, _ c: C) -> String {
        "mlflow.exceptions.RestException: RESOURCE_DOES_NOT_EXIST: Registered Model with "
            + "name=\(c.model.name) and alias 'challenger' not found"
    }

    static func expectationsSchema(_ rng: inout R, _ c: C) -> String {
        let f = rng.choice(c.model.spec.features)
        return "great_expectations: expect_table_columns_to_match_set failed: missing column '\(f)', "
            + "unexpected column '\(f)_v2'"
    }

    static func expectationsValues(_ rng: inout R, _ c: C, feature: String? = nil) -> String {
        let f = feature ?? rng.choice(c.model.spec.features)
        let n = rng.randint(40, 4000) * 1000 + rng.randrange(1000)
        if SampleCatalog.categorical.contains(f) {
            let pct = rng.uniform(2.0, 18.0)
            return "Great Expectations: expect_column_values_to_be_in_set failed for column \"\(f)\": "
                + "\(PythonFormat.fixed(pct, 1))% of \(PythonFormat.grouped(n)) rows unexpected (mostly=0.99)"
        }
        if rng.random() < 0.5 {
            let pct = rng.uniform(1.5, 15.0)
            return "Great Expectations: expect_column_values_to_not_be_null failed for column \"\(f)\": "
                + "\(PythonFormat.fixed(pct, 1))% of \(PythonFormat.grouped(n)) rows null (mostly=0.99)"
        }
        let pct = rng.uniform(0.8, 9.0)
        return "Great Expectations: expect_column_values_to_be_between failed for column \"\(f)\": "
            + "\(PythonFormat.fixed(pct, 2))% of \(PythonFormat.grouped(n)) rows outside the expected range (mostly=0.995)"
    }

    static func profile(_ rng: inout R, _ c: C) -> String {
        let gib = rng.uniform(6, 24)
        return "numpy.core._exceptions._ArrayMemoryError: Unable to allocate \(PythonFormat.fixed(gib, 1)) GiB for an array with "
            + "shape (\(Int(gib * 1_073_741_824.0 / 8)),) and data type float64"
    }

    /// Per run kind: (step, weight, message).
    static let failures: [String: [FailureOption]] = [
        "training": [.init("fetch_data", 3, pg), .init("fetch_data", 2, { s3(&$0, $1) }), .init("fetch_data", 2, featureStoreTimeout),
                     .init("validate_schema", 1, schema), .init("build_features", 3, nan), .init("train", 4, train),
                     .init("evaluate", 4, gate), .init("register_model", 1, mlflow)],
        "deployment": [.init("build_image", 2, build), .init("push_image", 1, push), .init("deploy_canary", 3, kubectl),
                       .init("deploy_canary", 2, pull), .init("smoke_test", 2, smoke), .init("promote", 2, promote)],
        "evaluation": [.init("load_model", 1, loadModel), .init("load_model", 1, { s3(&$0, $1) }), .init("score_holdout", 2, nan),
                       .init("score_holdout", 2, pg), .init("score_holdout", 1, featureStoreTimeout),
                       .init("compare_champion", 6, gate), .init("publish_report", 1, s3Put)],
        "data_validation": [.init("load_batch", 3, pg), .init("load_batch", 2, { s3(&$0, $1) }), .init("load_batch", 1, featureStoreTimeout),
                            .init("check_schema", 2, expectationsSchema), .init("check_expectations", 8, { expectationsValues(&$0, $1) }),
                            .init("profile", 1, profile)],
    ]

    /// Pipelines that fail their own way.
    static let pipelineFailures: [String: [FailureOption]] = [
        "readmission-risk-30d-deploy": [.init("deploy_canary", 12, kubectl), .init("smoke_test", 1, smoke), .init("build_image", 1, build)],
        "visual-defect-detector-train": [.init("train", 10, { rng, _ in cudaOOM(&rng) }), .init("fetch_data", 1, { s3(&$0, $1) }),
                                         .init("evaluate", 1, gate)],
        "next-best-offer-deploy": [.init("deploy_canary", 5, pull), .init("smoke_test", 1, smoke), .init("promote", 1, promote)],
        "clinical-data-validation": [
            .init("check_expectations", 6, { rng, c in
                let f = rng.choice(["hba1c", "lactate", "discharge_disposition", "hba1c"])
                return expectationsValues(&rng, c, feature: f)
            }),
            .init("load_batch", 2, pg)],
        "mes-sensor-data-validation": [
            .init("check_expectations", 5, { rng, c in
                let f = rng.choice(["spindle_vibration_rms", "ambient_temp_c", "coolant_pressure_bar", "line_speed_mpm"])
                return expectationsValues(&rng, c, feature: f)
            }),
            .init("load_batch", 2, pg)],
    ]
}
