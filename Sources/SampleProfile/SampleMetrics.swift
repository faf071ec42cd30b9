import Foundation

extension SampleGenerator {
    static let metricHour = 6

    /// Multiplier on prediction volume around the holidays for consumer-facing models.
    static func holidayFactor(_ date: Int, _ domain: String) -> Double {
        if !["sales", "customer_engagement", "clickstream", "card_transactions", "pricing", "inventory", "payments"].contains(domain) {
            return 1.0
        }
        let d = date - blackFriday
        if d == 0 { return 2.3 }
        if d == 3 { return 1.9 }  // Cyber Monday
        if 1 <= d && d <= 2 { return 1.6 }
        if D("2025-12-01") <= date && date <= D("2025-12-23") { return 1.25 + 0.015 * Double(civil(date).2) }
        if date == christmas { return 0.45 }
        if D("2025-12-26") <= date && date <= D("2025-12-31") { return 1.35 }
        if civil(date).1 == 1 { return 0.92 }
        return 1.0
    }

    static func weekdayFactor(_ date: Int, _ spec: ModelSpec) -> Double {
        let wd = weekday(date)
        switch spec.domain {
        case "sales", "clickstream", "customer_engagement", "transactions": return [0.92, 0.9, 0.93, 0.97, 1.08, 1.22, 1.12][wd]
        case "sensors", "process", "vision": return [1.0, 1.0, 1.0, 1.0, 0.97, 0.55, 0.2][wd]
        case "scheduling", "imaging", "ehr_encounters": return [1.1, 1.08, 1.05, 1.04, 1.0, 0.55, 0.45][wd]
        default: return [1.0, 0.98, 0.99, 1.01, 1.06, 1.02, 0.94][wd]
        }
    }

    static func retailPSI(_ date: Int, _ rng: inout PythonRandom) -> Double {
        let d = date - blackFriday
        if d < 0 { return PythonFormat.round(rng.uniform(0.028, 0.082), 4) }
        if d == 0 { return PythonFormat.round(rng.uniform(0.07, 0.09), 4) }
        if d == 1 { return 0.184 }
        if d == 2 { return 0.272 }
        let base: Double
        if date <= christmas {
            base = 0.31 + (0.62 - 0.31) * Double(date - D("2025-12-01")) / 24.0
        } else {
            base = 0.62 - (0.62 - 0.40) * min(1.0, Double(date - christmas) / 14.0)
        }
        return PythonFormat.round(max(0.27, base + rng.gauss(0, 0.018)), 4)
    }

    static func retailMAPE(_ date: Int, _ rng: inout PythonRandom, _ state: inout Double) -> Double {
        let d = date - blackFriday
        var level: Double
        if d < 0 {
            level = 8.3
        } else if date <= christmas {
            level = 9.5 + 7.5 * min(1.0, Double(d + 1) / 27.0)
            if date >= D("2025-12-08") { level -= 1.2 }  // 2.4.0, retrained with the holiday weeks, takes the edge off
        } else {
            level = 15.5 - 2.5 * min(1.0, Double(date - christmas) / 14.0)
        }
        state = 0.6 * state + rng.gauss(0, 0.22)
        return PythonFormat.round(level + state, 2)
    }

    static func baselineDrift(_ method: String, _ rng: inout PythonRandom) -> Double {
        if method == "psi" { return PythonFormat.round(rng.uniform(0.015, 0.075), 4) }
        if pValueMethods.contains(method) { return PythonFormat.significant(rng.uniform(0.08, 0.95), 3) }
        return PythonFormat.round(rng.uniform(0.01, 0.06), 4)
    }

    static func driftedValue(_ a: Alert, _ rng: inout PythonRandom) -> Double {
        let s = a.score!, th = a.threshold
        if pValueMethods.contains(a.method) {
            let v = s * exp(rng.gauss(0, 0.7))
            return PythonFormat.significant(min(v, th * 0.9), 3)
        }
        let v = s * (1 + rng.gauss(0, 0.08))
        return PythonFormat.round(max(v, th * 1.02), 4)
    }

    func buildMetrics(_ alertList: [Alert]) -> ([Point], [Int: Double]) {
        var points: [Point] = []
        for m in modelList where m.stage == "production" {
            let spec = m.spec
            let metric = spec.metric!
            var state = 0.0
            var e = 0.0
            for date in Self.allDays {
                let t = at(date, Self.metricHour)
                var q: Double
                if m.name == "retail-demand-forecast" {
                    q = Self.retailMAPE(date, &metrics, &state)
                } else {
                    e = 0.7 * e + metrics.gauss(0, metric.sd)
                    q = metric.base + e
                    if m.name == "card-fraud-detector" && date == Self.lastDay { q = metric.base - 0.009 }
                    if metric.higherIsBetter { q = min(q, 0.999) }
                    q = PythonFormat.round(q, metric.decimals)
                }
                points.append(Point(model: m.name, name: metric.name, at: t, value: .float(q)))
            }
            for date in Self.allDays {
                var latency = spec.latency! * (1 + metrics.gauss(0, 0.05)) * (0.97 + 0.06 * Self.weekdayFactor(date, spec))
                latency *= 1 + 0.25 * (Self.holidayFactor(date, spec.domain) - 1)
                if metrics.random() < 0.03 { latency *= metrics.uniform(1.5, 2.4) }
                points.append(Point(model: m.name, name: "latency_p95_ms", at: at(date, Self.metricHour), value: .float(PythonFormat.round(latency, 1))))
            }
            for date in Self.allDays {
                let n = Double(spec.preds!) * Self.weekdayFactor(date, spec) * Self.holidayFactor(date, spec.domain) * (1 + metrics.gauss(0, 0.03))
                points.append(Point(model: m.name, name: "predictions_per_day", at: at(date, Self.metricHour), value: .int(PythonFormat.roundToInt(n))))
            }
        }
        // Drift series for every (model, method, feature) with an alert on a production model.
        var groupOrder: [String] = []
        var groups: [String: [Alert]] = [:]
        for a in alertList where modelByName[a.model]!.stage == "production" {
            let key = "\(a.model)\u{1}\(a.method)\u{1}\(a.feature)"
            if groups[key] == nil { groupOrder.append(key) }
            groups[key, default: []].append(a)
        }
        var retailSeries: [Int: Double] = [:]
        for key in groupOrder {
            let parts = key.split(separator: "\u{1}").map(String.init)
            let (modelName, method, feature) = (parts[0], parts[1], parts[2])
            let group = groups[key]!
            for date in Self.allDays {
                let t = at(date, Self.metricHour)
                var v: Double?
                if (modelName, method, feature) == ("retail-demand-forecast", "psi", "units_sold") {
                    v = Self.retailPSI(date, &metrics)
                    retailSeries[date] = v
                } else {
                    for a in group {
                        for (s, e) in Self.driftIntervals(a) where s - 12 * hour <= t && t < e {
                            v = Self.driftedValue(a, &metrics)
                        }
                    }
                    if v == nil { v = Self.baselineDrift(method, &metrics) }
                }
                points.append(Point(model: modelName, name: "drift.\(method).\(feature)", at: t, value: .float(v!)))
            }
        }
        return (points, retailSeries)
    }

    func buildMaturity() -> [MaturityRow] {
        var out: [MaturityRow] = []
        var productionByTeam: [String: [String]] = [:]
        for m in modelList where m.stage == "production" { productionByTeam[m.team, default: []].append(m.name) }
        for team in SampleCatalog.teams {
            let tn = team.name
            for component in SampleCatalog.components {
                let levels = SampleCatalog.levels[tn]![component]!
                for (qi, quarter) in SampleCatalog.quarters.enumerated() {
                    let level = levels[qi]
                    let assessor = component == "governance" ? "Grace Liu (Internal Audit)" : ["Helena Vogt", "Arjun Patel"][qi % 2]
                    let evidence: String
                    if qi == SampleCatalog.quarters.count - 1 {
                        evidence = "Level \(level): \(SampleCatalog.levelText[component]![level]) \(SampleCatalog.latestEvidence[tn]![component]!)"
                    } else {
                        let production = productionByTeam[tn]!
                        let sample = maturity.sample(production, min(2, production.count))
                        var change = ""
                        if qi > 0 && levels[qi - 1] != level { change = " Up from level \(levels[qi - 1]) last quarter." }
                        evidence = "Level \(level): \(SampleCatalog.levelText[component]![level]) Reviewed for \(tn) with "
                            + "\(sample.joined(separator: " and ")).\(change)"
                    }
                    out.append(MaturityRow(team: tn, component: component, level: level, assessedAt: quarter, assessor: assessor, evidence: evidence))
                }
            }
        }
        return out
    }
}
