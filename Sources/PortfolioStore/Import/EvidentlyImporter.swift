import Foundation
import Portfolio

/// Imports an Evidently 0.6/0.7 data-drift report — the `Snapshot.json()` form (`metrics` and
/// `tests` lists) or the fuller `dumps()` form (`metric_results` with their tests, and `metadata`)
/// — raising one drift alert per drifted column through the same writer as `record alert`, so an
/// active alert on the model and feature is updated rather than duplicated.
///
/// A column counts as drifted when its value-drift test failed (`FAIL`); without a test, by the
/// method's rule: p-values (K-S, chi-square, Z) below the threshold, distances (Wasserstein,
/// Jensen–Shannon, PSI) at or above it.
public struct EvidentlyImporter {
    public let store: PortfolioStore

    public init(store: PortfolioStore) {
        self.store = store
    }

    /// One value-drift check found in a report.
    struct Check {
        var id: String
        var column: String
        var method: DriftMethod
        var score: Double
        var threshold: Double
        var testStatus: String?

        var drifted: Bool {
            if let testStatus { return testStatus.uppercased() == "FAIL" }
            return method.isDrifted(score: score, threshold: threshold)
        }
    }

    /// Evidently's method names to ours.
    static func method(_ name: String) -> DriftMethod? {
        let lower = name.lowercased()
        if lower.hasPrefix("k-s") || lower.contains("kolmogorov") { return .ks }
        if lower.hasPrefix("chi-square") || lower.hasPrefix("chisquare") { return .chi2 }
        if lower.hasPrefix("z-test") || lower == "z" { return .z }
        if lower.hasPrefix("wasserstein") { return .wasserstein }
        if lower.hasPrefix("jensen-shannon") || lower == "jensenshannon" { return .js }
        if lower == "psi" || lower.hasPrefix("psi") { return .psi }
        return nil
    }

    public func importReport(at path: String, model: String?, now: Date = Date()) throws -> (ImportSummary, [String]) {
        guard let data = FileManager.default.contents(atPath: path) else { throw ImportError(file: path, message: "cannot read the file") }
        let root: [String: Any]
        do {
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw ImportError(file: path, message: "expected an Evidently report: a JSON object")
            }
            root = object
        } catch let error as ImportError {
            throw error
        } catch {
            if let (line, column, token) = Self.nonFiniteToken(in: data) {
                throw ImportError(file: path, line: line, message: """
                    not JSON: '\(token)' at column \(column) — Python's json module writes a missing or infinite value \
                    as \(token), which JSON does not allow; save the report with Evidently's own json()/save_json(), \
                    or json.dumps(..., allow_nan=False) to find the value
                    """)
            }
            throw ImportError(file: path, message: "malformed JSON: \((error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String ?? "\(error)")")
        }
        let checks = try Self.checks(root, file: path)
        let reportModel = (root["metadata"] as? [String: Any])?["model"] as? String
        guard let modelName = model ?? reportModel else {
            throw ImportError(file: path, field: "metadata.model", message: "no model named: give --model NAME, or put the model in the report's metadata")
        }
        // An alert opens when the report saw the drift: the snapshot's own timestamp (Evidently
        // writes it without a zone, in UTC), never later than now; a report without one, now.
        let seen = (root["timestamp"] as? String).flatMap { ISOTime.parse($0) ?? ISOTime.parse($0 + "Z") }.map { min($0, now) } ?? now
        var summary = ImportSummary(files: [path])
        var drifted: [String] = []
        try store.write { writer in
            guard try writer.reader.modelID(modelName) != nil else {
                throw ImportError(file: path, field: model == nil ? "metadata.model" : "--model",
                                  message: "no model named '\(modelName)' in the store")
            }
            for check in checks where check.drifted {
                let evidence = DriftEvidence(method: check.method, score: check.score, threshold: check.threshold)
                let outcome = try writer.record(DriftRecord(model: modelName, feature: check.column, evidence: evidence, actor: "evidently"),
                                                now: seen)
                summary.add(outcome.outcome, for: .alert)
                drifted.append(check.column)
            }
        }
        return (summary, drifted)
    }

    /// Where a bare `NaN`, `Infinity` or `-Infinity` (outside any string) first appears: what
    /// Python's json module writes by default for a missing value, and JSON does not allow.
    static func nonFiniteToken(in data: Data) -> (line: Int, column: Int, token: String)? {
        var inString = false, escaped = false
        var line = 1, column = 0
        let bytes = [UInt8](data)
        for (index, byte) in bytes.enumerated() {
            column += 1
            if byte == UInt8(ascii: "\n") { line += 1; column = 0; continue }
            if inString {
                if escaped { escaped = false } else if byte == UInt8(ascii: "\\") { escaped = true } else if byte == UInt8(ascii: "\"") { inString = false }
                continue
            }
            if byte == UInt8(ascii: "\"") { inString = true; continue }
            for token in ["NaN", "-Infinity", "Infinity"] where bytes[index...].starts(with: Array(token.utf8)) {
                return (line, column, token)
            }
        }
        return nil
    }

    /// Every value-drift metric of either report form, with its test's verdict.
    static func checks(_ root: [String: Any], file: String) throws -> [Check] {
        var found: [(id: String, params: [String: Any], value: Any?, tests: [[String: Any]])] = []
        if let metrics = root["metrics"] as? [[String: Any]] {
            let tests = root["tests"] as? [[String: Any]] ?? []
            for metric in metrics {
                let id = metric["id"] as? String ?? ""
                let related = tests.filter { (($0["metric_config"] as? [String: Any])?["metric_id"] as? String) == id }
                found.append((id, metric["config"] as? [String: Any] ?? [:], metric["value"], related))
            }
        } else if let results = root["metric_results"] as? [String: Any] {
            for (id, raw) in results.sorted(by: { $0.key < $1.key }) {
                guard let result = raw as? [String: Any] else { continue }
                let location = (result["metric_value_location"] as? [String: Any])?["metric"] as? [String: Any]
                found.append((id, location?["params"] as? [String: Any] ?? [:], result["value"], result["tests"] as? [[String: Any]] ?? []))
            }
        } else {
            throw ImportError(file: file, message: "not an Evidently report: expected \"metrics\" (Snapshot.json()) or \"metric_results\" (dumps())")
        }
        var checks: [Check] = []
        for item in found where (item.params["type"] as? String ?? "").hasSuffix("ValueDrift") {
            let column = item.params["column"] as? String ?? ""
            let record = "metric \(item.id) (column \(column))"
            guard let methodName = item.params["method"] as? String else {
                throw ImportError(file: file, record: record, field: "method", message: "missing the drift method")
            }
            guard let method = method(methodName) else {
                throw ImportError(file: file, record: record, field: "method",
                                  message: "expected K-S, chi-square, Z-test, Wasserstein, Jensen-Shannon or PSI; got '\(methodName)'")
            }
            guard let threshold = (item.params["threshold"] as? NSNumber)?.doubleValue else {
                throw ImportError(file: file, record: record, field: "threshold", message: "expected a number")
            }
            guard threshold.isFinite else {
                throw ImportError(file: file, record: record, field: "threshold", message: "expected a finite number; got \(threshold)")
            }
            guard let score = (item.value as? NSNumber)?.doubleValue, score.isFinite else {
                throw ImportError(file: file, record: record, field: "value", message: "expected a finite drift score")
            }
            guard !column.isEmpty, !column.contains("\u{0}") else {
                throw ImportError(file: file, record: record, field: "column", message: "expected the name of the column checked")
            }
            // What each statistic can be: a p-value is a probability, a distance is never negative.
            if method.isPValue, !(0...1).contains(score) || !(0...1).contains(threshold) {
                let (field, value) = (0...1).contains(score) ? ("threshold", threshold) : ("value", score)
                throw ImportError(file: file, record: record, field: field, message: "expected a p-value from 0 to 1; got \(value)")
            }
            if !method.isPValue, score < 0 || threshold < 0 {
                let (field, value) = score < 0 ? ("value", score) : ("threshold", threshold)
                throw ImportError(file: file, record: record, field: field, message: "expected a distance of 0 or more; got \(value)")
            }
            let status = item.tests.compactMap { $0["status"] as? String }.first
            checks.append(Check(id: item.id, column: column, method: method, score: score, threshold: threshold, testStatus: status))
        }
        guard !checks.isEmpty else {
            throw ImportError(file: file, message: "no data-drift metrics (ValueDrift) in this report; run it with DataDriftPreset or ValueDrift")
        }
        return checks
    }
}
