import Foundation

extension SampleGenerator {
    static let stages = ["development", "staging", "production", "archived"]
    static let runStatuses = ["queued", "running", "succeeded", "failed", "cancelled"]
    static let kinds = ["training", "evaluation", "deployment", "data_validation"]
    static let triggers = ["schedule", "commit", "manual", "drift", "api"]
    static let methods = ["psi", "ks", "chi2", "z", "js", "wasserstein"]
    static let severities = ["info", "warning", "critical"]
    static let alertStatuses = ["open", "acknowledged", "snoozed", "resolved"]

    static func counted(_ values: [String], _ order: [String]) -> String {
        order.map { key in "\(key) \(values.filter { $0 == key }.count)" }.joined(separator: ", ")
    }

    func readme(alerts: [Alert], points: [Point], maturityCount: Int, retailSeries: [Int: Double], generatedBy: [String]) -> String {
        func tagged(_ tag: String) -> Run { runs.first { $0.tag == tag }! }
        let ra = alerts.first { $0.story == "retail" }!
        let fo = alerts.first { $0.story == "fraud-open" }!
        let feur = alerts.first { $0.story == "fraud-eur" }!
        let reopened = alerts.filter { $0.events!.contains { $0.kind == "reopened" } }
        let series = retailSeries.sorted { $0.key < $1.key }
        let pre = series.filter { $0.key < Self.blackFriday }.map(\.value)
        let post = series.filter { $0.key >= D("2025-12-01") }.map(\.value)
        var peak = series[0]
        for entry in series.dropFirst() where entry.value > peak.value { peak = entry }
        let rf = tagged("retail-drift-failed"), rsu = tagged("retail-drift-succeeded")
        let rdep = runs.first { $0.pipeline == "retail-demand-forecast-deploy" && $0.modelVersion == "2.4.0" && $0.status == "succeeded" }!
        let rd = runs.filter { $0.pipeline == "readmission-risk-30d-deploy" }
        let rdFailed = rd.filter { $0.status == "failed" }
        let rdDeadline = rdFailed.filter { $0.error!.contains("exceeded its progress deadline") }
        let rdRollbacks = rd.filter(\.rollback)
        var deployCounts: [String: (Int, Int)] = [:]
        for r in runs where r.kind == "deployment" {
            let c = deployCounts[r.pipeline] ?? (0, 0)
            deployCounts[r.pipeline] = (c.0 + 1, c.1 + (r.status == "failed" ? 1 : 0))
        }
        let worstOther = deployCounts.filter { $0.key != "readmission-risk-30d-deploy" }
            .map { (Double($0.value.1) / Double($0.value.0), $0.key) }.max { $0 < $1 }!
        let vd = runs.filter { $0.pipeline == "visual-defect-detector-train" && $0.computeCost != nil }
        let vdCost = vd.reduce(0.0) { $0 + $1.computeCost! }
        let cfr = tagged("card-fraud-rollback")
        let vdd = SampleCatalog.models.first { $0.name == "visual-defect-detector" }!
        func latest(_ team: String, _ component: String) -> Int { SampleCatalog.levels[team]![component]!.last! }
        let live = runs.filter { $0.status == "queued" || $0.status == "running" }
        func eventLines(_ a: Alert) -> String {
            a.events!.map { e in "  - \(iso(e.at)) `\(e.kind)` by \(e.actor)" + (e.note.map { " — \($0)" } ?? "") }.joined(separator: "\n")
        }
        var byPipeline: [String: (Int, Int)] = [:]
        for r in runs {
            let c = byPipeline[r.pipeline] ?? (0, 0)
            byPipeline[r.pipeline] = (c.0 + 1, c.1 + (r.status == "failed" ? 1 : 0))
        }
        let failsByPipe = byPipeline.filter { $0.value.0 >= 10 }
            .map { (rate: Double($0.value.1) / Double($0.value.0), p: $0.key, f: $0.value.1, t: $0.value.0) }
            .sorted { ($0.rate, $0.p, $0.f, $0.t) > ($1.rate, $1.p, $1.f, $1.t) }.prefix(6)
        let mape = points.filter { $0.model == "retail-demand-forecast" && $0.name == "mape" }.map { p -> (Int, Double) in
            guard case let .float(x) = p.value else { fatalError() }
            return (dateOf(p.at), x)
        }
        let before = mape.filter { $0.0 < Self.blackFriday }.map(\.1)
        let mapeBefore = before.reduce(0.0, +) / Double(before.count)
        let december = mape.filter { D("2025-12-01") <= $0.0 && $0.0 <= D("2025-12-31") }.map(\.1)
        let mapeDecember = december.reduce(0.0, +) / Double(december.count)
        var worst = mape[0]
        for entry in mape.dropFirst() where entry.1 > worst.1 { worst = entry }
        let n = runs.count
        let f4 = { PythonFormat.fixed($0, 4) }
        let version = { (name: String) in self.modelByName[name]!.version }

        var lines: [String] = []
        func w(_ s: String) { lines.append(s) }
        w("# Oversight sample portfolio")
        w("")
        generatedBy.forEach(w)
        w("The files follow `docs/DATA-FORMAT.md` (format 1); import them with `oversight import sample-data`.")
        w("This README is ignored by the importer.")
        w("")
        w("A fictional enterprise with four industry teams and a platform team: 90 days of history ending at the")
        w("**anchor 2026-01-12T09:00:00Z**. Nothing in the data is later than the anchor except the `snoozed_until`")
        w("of snoozed alerts (which lie in the future on purpose); the newest event is less than an hour before it.")
        w("Runs start on 2025-10-14; metrics are daily points at 06:00Z from 2025-10-14 to 2026-01-12 (91 days).")
        w("")
        w("| file | content |")
        w("| --- | --- |")
        w("| `teams.yaml` | sections `teams` and `pipelines` |")
        w("| `models.yaml` | section `models`, with `versions` and `tags` |")
        w("| `maturity.yaml` | section `maturity` |")
        w("| `alerts.yaml` | section `alerts`, with `events` |")
        w("| `runs.ndjson` | one `run` per line with its `steps`, sorted by `queued_at` (ids increase with it) |")
        w("| `metrics.ndjson` | one `metric` point per line, grouped by model and series |")
        w("")
        w("## Teams")
        w("")
        w("| team | industry | lead | production models |")
        w("| --- | --- | --- | --- |")
        for t in SampleCatalog.teams {
            let production = SampleCatalog.models.filter { $0.team == t.name && $0.stage == "production" }.map(\.name)
            w("| \(t.name) | \(t.industry) | \(t.lead) | \(production.joined(separator: ", ")) |")
        }
        w("")
        w("## Stories")
        w("")
        w("### 1. Retail demand forecast drifting after the holiday")
        w("")
        let retail = "Retail Demand & Personalization"
        w("- Model `retail-demand-forecast` (team \"\(retail)\", stage production, current version \(version("retail-demand-forecast"))).")
        w("- Daily metric `drift.psi.units_sold`: every point before Black Friday (2025-11-28) is below 0.10 "
          + "(max \(f4(pre.max()!))); it rises to \(PythonFormat.repr(retailSeries[D("2025-11-29")]!)) on 2025-11-29 and "
          + "\(PythonFormat.repr(retailSeries[D("2025-11-30")]!)) on "
          + "2025-11-30, and is above 0.25 on every day from 2025-12-01 through 2026-01-12 (min \(f4(post.min()!))), "
          + "peaking at \(f4(peak.value)) on \(isoDate(peak.key)). Last value (2026-01-12): \(f4(retailSeries[Self.lastDay]!)).")
        w("- Daily metric `mape` (percent): mean \(PythonFormat.fixed(mapeBefore, 2)) before 2025-11-28, mean \(PythonFormat.fixed(mapeDecember, 2)) in "
          + "December 2025, worst \(PythonFormat.fixed(worst.1, 2)) on \(isoDate(worst.0)). Every value from 2025-12-01 on is "
          + "higher than every value before Black Friday.")
        w("- Alert `\(ra.id)`: feature `units_sold`, method `psi`, threshold 0.25, opened \(iso(ra.openedAt)) as "
          + "warning, escalated on 2025-12-02; now severity `critical`, status `acknowledged`, assignee \(ra.assignee!), "
          + "score \(PythonFormat.repr(ra.score!)) (the latest daily value). Timeline:")
        w(eventLines(ra))
        w("- Drift-triggered retraining (pipeline `retail-demand-forecast-train`, trigger `drift`, started by "
          + "drift-monitor): `\(rf.id)` started \(iso(rf.startedAt!)) and **failed** in `build_features` with "
          + "\"\(rf.error!)\"; `\(rsu.id)` started \(iso(rsu.startedAt!)) **succeeded** and registered version "
          + "\(rsu.modelVersion!) (deployed by `\(rdep.id)` `release-2.4.0`, started \(iso(rdep.startedAt!))).")
        w("- Related: `retail-sales-data-validation` fails far more often between 2025-11-28 and 2025-12-31 "
          + "(Great Expectations failures on column \"units_sold\").")
        w("")
        w("### 2. A team whose monitoring maturity lags its CI/CD")
        w("")
        w("- \"\(retail)\" in the latest assessment (\(SampleCatalog.quarters.last!)): `ci_cd` level \(latest(retail, "ci_cd")), "
          + "`model_monitoring` level \(latest(retail, "model_monitoring")) (gap 2); the evidence says so explicitly.")
        w("- Latest levels of all teams (infrastructure_automation / ci_cd / model_monitoring / governance / collaboration):")
        for t in SampleCatalog.teams {
            w("  - \(t.name): " + SampleCatalog.components.map { String(latest(t.name, $0)) }.joined(separator: " / "))
        }
        w("- Every other team's ci_cd and model_monitoring differ by at most 1. Assessments are quarterly on "
          + SampleCatalog.quarters.joined(separator: ", ") + "; levels never fall from one quarter to the next.")
        w("")
        w("### 3. A model that costs more to run than it earns")
        w("")
        w("- `visual-defect-detector` (team \"Manufacturing Quality AI\", production): business_value \(vdd.value) per year, "
          + "serving_cost_per_month \(vdd.cost) (= \(vdd.cost * 12) per year for serving alone).")
        w("- Retraining on 8 x A100 (pipeline `visual-defect-detector-train`, weekly `0 23 * * 6` plus reruns): "
          + "\(vd.count) finished runs costing \(PythonFormat.groupedFixed(vdCost, 2)) USD in total over the window, up to "
          + "\(PythonFormat.fixed(vd.map { $0.computeCost! }.max()!, 2)) USD per run; \(vd.filter { $0.status == "failed" }.count) of them failed, "
          + "mostly with CUDA out-of-memory errors. A manual retrain (`retrain-line3-camera-swap`) is running at the anchor.")
        w("")
        w("### 4. A flaky deployment pipeline")
        w("")
        w("- `readmission-risk-30d-deploy` (team \"Clinical AI\"): \(rdFailed.count) of \(rd.count) runs failed "
          + "(\(PythonFormat.fixed(100 * Double(rdFailed.count) / Double(rd.count), 0))%); \(rdDeadline.count) of the failures are "
          + "`kubectl rollout status: deployment \"readmission-risk-30d\" exceeded its progress deadline`. "
          + "The next-worst deployment pipeline is `\(worstOther.1)` at \(PythonFormat.fixed(100 * worstOther.0, 0))%.")
        w("- Rollback deployments (`\"rollback\": true`) on this pipeline: "
          + rdRollbacks.map { "`\($0.id)` (\(iso($0.startedAt!)), back to \($0.modelVersion!))" }.joined(separator: ", ") + ".")
        w("- Version 4.2.0 was approved by the Clinical Safety Board on 2025-11-26 and is the current version.")
        w("- All rollbacks in the portfolio: \(runs.filter(\.rollback).count), including `\(cfr.id)` on `card-fraud-detector-deploy` "
          + "(\(iso(cfr.startedAt!)), back to \(cfr.modelVersion!) after 3.2.0 raised the decline rate; 3.2.0 was "
          + "redeployed on 2025-12-09).")
        w("")
        w("### 5. The fraud model under an active critical alert")
        w("")
        w("- Alert `\(fo.id)` on `card-fraud-detector`, feature `transaction_amount`, method `psi`, score \(PythonFormat.repr(fo.score!)), "
          + "threshold \(PythonFormat.repr(fo.threshold)), severity `critical`, status `open`, opened \(iso(fo.openedAt)) "
          + "(less than a day before the anchor), assignee \(fo.assignee!). Timeline:")
        w(eventLines(fo))
        let fraudBase = SampleCatalog.models.first { $0.name == "card-fraud-detector" }!.metric!.base
        w("- A drift-triggered `card-fraud-detector-train` run is running at the anchor; the daily `auc` dips to "
          + "\(PythonFormat.fixed(fraudBase - 0.009, 3)) on 2026-01-12.")
        w("- The same feature had an earlier alert, `\(feur.id)` (warning, resolved \(iso(feur.resolvedAt!))): "
          + "\"Upstream ETL changed currency to EUR for EU merchants; confirming with data eng.\"")
        w("")
        w("### Other things worth knowing")
        w("")
        w("- Reopened alerts: " + reopened.map { "`\($0.id)` (\($0.model) / \($0.feature), now \($0.status))" }.joined(separator: ", ") + ".")
        w("- Rejected versions: " + modelList.flatMap { m in
            m.versions.filter { $0.approvalStatus == "rejected" }.map { "\(m.name) \($0.version) (\($0.approvedBy!))" }
        }.joined(separator: ", ") + ".")
        w("- Pipelines with the highest failure rate (at least 10 runs): " + failsByPipe.map { "`\($0.p)` \($0.f)/\($0.t)" }.joined(separator: ", ") + ".")
        w("- Runs in flight at the anchor: " + live.map { "`\($0.id)` \($0.pipeline) (\($0.status))" }.joined(separator: ", ") + ".")
        w("- `fraud-rules-gbm-legacy` was archived on 2025-10-28 (tag `archived_on`); its weekly training runs stop before that.")
        w("")
        w("## Conventions the importer and the dashboard can rely on")
        w("")
        w("- Every string in the YAML files is double-quoted (JSON style); times are strings `YYYY-MM-DDTHH:MM:SSZ`,")
        w("  maturity `assessed_at` is a date `YYYY-MM-DD`. Optional fields are left out rather than written as null.")
        w("- Floats in YAML always have a decimal point and a signed exponent when they have one (`3.1e-06`).")
        w("- Every run's `model_version` is one of the model's `versions`. Training runs carry `model_version` only when")
        w("  they registered that version (its `created_at` equals the run's `finished_at`); other training runs have none.")
        w("  Every deployment has `model_version` and `commit`; the last succeeded deployment of each production or")
        w("  staging model deploys the model's current `version`; production deployments only deploy approved versions.")
        w("- `rollback` is written only when true. `compute_cost` is absent for queued and running runs and for")
        w("  cancelled runs without `finished_at`. A cancelled run's interrupted step has status `cancelled`; later")
        w("  steps are `skipped`. Rollback deployments have 3 steps (deploy_canary, smoke_test, promote).")
        w("- `mape` is in percent; `rmse`/`mae` are in the model's target units; other quality metrics are in [0, 1].")
        w("- Drift series `drift.METHOD.FEATURE` exist for every (model, method, feature) that has an alert on a")
        w("  production model. p-value methods (ks, chi2, z) drift below 0.05; psi uses 0.1 (warning) / 0.25 (critical);")
        w("  js and wasserstein use 0.1. An alert's `score` is its latest score (for resolved alerts, the score at opening).")
        w("- Data-validation pipelines belong to a team and validate one model's batch per run (`model` rotates).")
        w("")
        w("## Counts")
        w("")
        w("- Teams: \(SampleCatalog.teams.count)")
        let stageCounts = Dictionary(grouping: modelList, by: \.stage).mapValues(\.count)
        w("- Models: \(modelList.count) (production \(stageCounts["production"] ?? 0), staging \(stageCounts["staging"] ?? 0), development "
          + "\(stageCounts["development"] ?? 0), archived \(stageCounts["archived"] ?? 0)); versions: \(modelList.reduce(0) { $0 + $1.versions.count })")
        w("- Pipelines: \(pipelines.count)")
        w("- Runs: \(n)")
        w("  - by kind: " + Self.counted(runs.map(\.kind), Self.kinds))
        let failed = runs.filter { $0.status == "failed" }.count, cancelled = runs.filter { $0.status == "cancelled" }.count
        w("  - by status: " + Self.counted(runs.map(\.status), Self.runStatuses)
          + " (failed \(PythonFormat.fixed(100 * Double(failed) / Double(n), 1))%, cancelled \(PythonFormat.fixed(100 * Double(cancelled) / Double(n), 1))%)")
        w("  - by trigger: " + Self.counted(runs.map(\.trigger), Self.triggers))
        w("  - steps: \(runs.reduce(0) { $0 + $1.steps.count }); rollbacks: \(runs.filter(\.rollback).count)")
        w("- Alerts: \(alerts.count); events: \(alerts.reduce(0) { $0 + $1.events!.count })")
        w("  - by status: " + Self.counted(alerts.map(\.status), Self.alertStatuses))
        w("  - by severity: " + Self.counted(alerts.map(\.severity), Self.severities))
        w("  - by method: " + Self.counted(alerts.map(\.method), Self.methods))
        let seriesKeys = Set(points.map { "\($0.model) \($0.name)" })
        let driftKeys = seriesKeys.filter { $0.contains(" drift.") }
        w("- Metric points: \(points.count) in \(seriesKeys.count) series (\(driftKeys.count) of them drift series)")
        w("- Maturity assessments: \(maturityCount) (\(SampleCatalog.teams.count) teams x \(SampleCatalog.components.count) components x \(SampleCatalog.quarters.count) quarters)")
        w("")
        return lines.joined(separator: "\n")
    }
}
