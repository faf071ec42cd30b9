import Foundation

extension SampleGenerator {
    static let pValueMethods: Set<String> = ["ks", "chi2", "z"]

    static func ev(_ kind: String, _ t: Micros, _ actor: String, _ note: String? = nil) -> Event {
        Event(kind: kind, at: t, actor: actor, note: note)
    }

    /// (score, threshold) consistent with the method's convention and the severity.
    static func alertScore(_ method: String, _ severity: String, _ rng: inout PythonRandom) -> (Double, Double) {
        if method == "psi" {
            if severity == "critical" { return (PythonFormat.round(rng.uniform(0.26, 0.58), 3), 0.25) }
            if severity == "warning" { return (PythonFormat.round(rng.uniform(0.105, 0.24), 3), 0.1) }
            return (PythonFormat.round(rng.uniform(0.101, 0.125), 3), 0.1)
        }
        if pValueMethods.contains(method) {
            if severity == "critical" { return (PythonFormat.significant(pow(10, rng.uniform(-9, -4)), 2), 0.05) }
            if severity == "warning" { return (PythonFormat.significant(pow(10, rng.uniform(-3.9, -2.1)), 2), 0.05) }
            return (PythonFormat.significant(rng.uniform(0.008, 0.045), 2), 0.05)
        }
        let (lo, hi): (Double, Double)
        if method == "js" {
            (lo, hi) = ["info": (0.101, 0.13), "warning": (0.13, 0.22), "critical": (0.22, 0.38)][severity]!
        } else {
            (lo, hi) = ["info": (0.101, 0.14), "warning": (0.14, 0.3), "critical": (0.3, 0.7)][severity]!
        }
        return (PythonFormat.round(rng.uniform(lo, hi), 3), 0.1)
    }

    static func chooseMethod(_ feature: String, _ rng: inout PythonRandom) -> String {
        if SampleCatalog.categorical.contains(feature) { return rng.choices(["psi", "chi2", "js"], weights: [0.4, 0.35, 0.25]) }
        return rng.choices(["psi", "ks", "wasserstein", "js"], weights: [0.4, 0.3, 0.2, 0.1])
    }

    static func scoreText(_ method: String, _ score: Double, _ threshold: Double) -> String {
        if pValueMethods.contains(method) { return "\(method) p-value \(PythonFormat.general(score, 2)) < \(PythonFormat.repr(threshold))" }
        return "\(method) \(PythonFormat.fixed(score, 3)) >= \(PythonFormat.repr(threshold))"
    }

    /// n strictly increasing times in (lo, hi).
    static func spacedTimes(_ rng: inout PythonRandom, _ lo: Micros, _ hi: Micros, _ n: Int) -> [Micros] {
        let span = Int(totalSeconds(hi - lo))
        precondition(span > n * 60)
        let points = rng.sample(range: 60, span, n).sorted()
        var out: [Micros] = []
        for p in points {
            var t = lo + Micros(p) * second
            if let last = out.last, t <= last { t = last + second }
            out.append(t)
        }
        return out
    }

    /// Events consistent with the final status, following one narrative theme.
    func timeline(_ a: Alert, _ status: String, _ model: SampleModel) -> [Event] {
        let spec = model.spec
        let lead = teamByName[model.team]!.lead
        let assignee = a.assignee
        let f = a.feature
        let opened = a.openedAt
        var theme = alerts.choice(SampleCatalog.themes)
        if SampleCatalog.notesInvestigate[f] != nil && alerts.random() < 0.6 {
            theme = SampleCatalog.themes.first { $0.name == "upstream" }!
        }
        let ticket = alerts.randint(1200, 4999)
        func fill(_ text: String) -> String {
            text.replacingOccurrences(of: "{ticket}", with: String(ticket)).replacingOccurrences(of: "{feature}", with: f)
                .replacingOccurrences(of: "{month}", with: monthName(opened))
                .replacingOccurrences(of: "{metric}", with: spec.metric?.name ?? "the offline metrics")
        }
        var notes = theme.notes.map(fill)
        if theme.name == "upstream", let investigate = SampleCatalog.notesInvestigate[f] { notes[0] = investigate }
        var events = [Self.ev("opened", opened, "drift-monitor", Self.scoreText(a.method, a.score!, a.threshold))]
        if status == "open" {
            if let assignee {
                let t = Self.spacedTimes(&alerts, opened, min(Self.anchor - 10 * minute, opened + 20 * hour), 1)[0]
                events.append(Self.ev("assigned", t, lead, "Assigned to \(assignee)."))
            }
            return events
        }
        if status == "resolved" && assignee == nil {
            events.append(Self.ev("resolved", a.resolvedAt!, "drift-monitor",
                                  "Score back on the safe side of the threshold for 7 consecutive daily windows; auto-resolved."))
            return events
        }
        let end = status == "resolved" ? a.resolvedAt! : (status == "snoozed" ? a.snoozeAt! : Self.anchor - 15 * minute)
        let span = totalSeconds(end - opened)
        let ackUpper = max(1200.0, min(18.0 * 3600, span * 0.25))
        let tAck = opened + Micros(Int(alerts.uniform(600, ackUpper))) * second
        let tAsg = tAck + Micros(alerts.randint(60, Int(min(5400.0, span * 0.1)) + 61)) * second
        events.append(Self.ev("acknowledged", tAck, assignee!,
                              alerts.choice(SampleCatalog.notesAck).replacingOccurrences(of: "{feature}", with: f)))
        events.append(Self.ev("assigned", tAsg, lead, "Assigned to \(assignee!)."))
        var kinds = alerts.random() < 0.5 ? ["note", "note"] : ["note"]
        if a.severity == "critical" && alerts.random() < 0.5 { kinds.insert("escalated", at: 1) }
        let times = Self.spacedTimes(&alerts, tAsg, end, kinds.count)
        var noteIndex = 0
        for (k, t) in zip(kinds, times) {
            if k == "note" {
                events.append(Self.ev(k, t, assignee!, notes[min(noteIndex, notes.count - 1)]))
                noteIndex += 1
            } else {
                let template = alerts.choice(SampleCatalog.notesEscalate)
                let days = alerts.randint(3, 6)
                events.append(Self.ev(k, t, lead, template.replacingOccurrences(of: "{risk}", with: spec.risk)
                    .replacingOccurrences(of: "{days}", with: String(days))))
            }
        }
        if status == "snoozed" {
            events.append(Self.ev("snoozed", a.snoozeAt!, assignee!, theme.snooze.replacingOccurrences(of: "{until}", with: minuteText(a.snoozedUntil!))))
        } else if status == "resolved" {
            let baseline = a.method == "psi" ? "0.03" : (Self.pValueMethods.contains(a.method) ? "p > 0.3" : "0.04")
            events.append(Self.ev("resolved", a.resolvedAt!, assignee!, theme.resolve.replacingOccurrences(of: "{baseline}", with: baseline)
                .replacingOccurrences(of: "{feature}", with: f)))
        }
        return events
    }

    static func driftIntervals(_ a: Alert) -> [(Micros, Micros)] {
        var out: [(Micros, Micros)] = []
        var start: Micros?
        for e in a.events ?? [] {
            if e.kind == "opened" || e.kind == "reopened" {
                start = e.at
            } else if e.kind == "resolved", let s = start {
                out.append((s, e.at))
                start = nil
            }
        }
        if let s = start { out.append((s, anchor + 365 * day)) }
        return out
    }

    static func overlaps(_ a: Alert, _ alerts: [Alert]) -> Bool {
        let lo = a.openedAt - day
        let hi = a.resolvedAt ?? anchor + 365 * day
        for b in alerts where b.model == a.model && b.feature == a.feature && b.events != nil {
            for (s, e) in driftIntervals(b) where s < hi + day && lo < e { return true }
        }
        return false
    }

    func buildAlerts() -> [Alert] {
        var list = SampleStories.alerts()
        let reserved: Set<String> = ["retail-demand-forecast units_sold", "card-fraud-detector transaction_amount"]
        let pool = modelList.filter { $0.stage == "production" || $0.stage == "staging" }
        let weights = pool.map { $0.stage == "production" ? 2.5 : 1.0 }
        var plan = Array(repeating: "open", count: 13) + Array(repeating: "acknowledged", count: 11)
            + Array(repeating: "snoozed", count: 8) + Array(repeating: "resolved", count: 33)
        alerts.shuffle(&plan)
        var zLeft = 3
        var monitor: [String: String] = [:]
        for a in list { monitor["\(a.model) \(a.feature)"] = a.method }
        let severityCycle = ["warning", "critical", "warning", "info", "critical", "warning", "info", "warning"]
        for (index, status) in plan.enumerated() {
            var placed = false
            for _ in 0..<200 {
                let m = alerts.choices(pool, weights: weights)
                let feature = alerts.choice(Array(m.spec.features.prefix(3)))
                let key = "\(m.name) \(feature)"
                if reserved.contains(key) { continue }
                var method: String
                if let configured = monitor[key] {
                    method = configured
                } else {
                    method = Self.chooseMethod(feature, &alerts)
                    if zLeft > 0 && !SampleCatalog.categorical.contains(feature) && index % 7 == 3 { method = "z" }
                }
                let severity = severityCycle[index % severityCycle.count]
                let opened: Micros
                switch status {
                case "open": opened = Self.uniformTime(&alerts, Self.anchor - 7 * day, Self.anchor - 2 * hour)
                case "acknowledged": opened = Self.uniformTime(&alerts, Self.anchor - 35 * day, Self.anchor - 8 * hour)
                case "snoozed": opened = Self.uniformTime(&alerts, Self.anchor - 25 * day, Self.anchor - 2 * day)
                default: opened = Self.uniformTime(&alerts, Self.windowStart, Self.anchor - 4 * day)
                }
                let (score, threshold) = Self.alertScore(method, severity, &alerts)
                let a = Alert(model: m.name, feature: feature, method: method, score: score, threshold: threshold, severity: severity,
                              status: status, assignee: nil, openedAt: opened)
                switch status {
                case "resolved":
                    let duration = PyDuration.hours(exp(alerts.uniform(log(6), log(14 * 24))))
                    a.resolvedAt = min(opened + duration, Self.anchor - 2 * hour)
                    let auto = alerts.random() < 0.15 && a.resolvedAt! - opened > 7 * day
                    a.assignee = auto ? nil : person(m.team, &alerts, excludeLead: true)
                case "snoozed":
                    a.snoozeAt = Self.uniformTime(&alerts, max(opened + 6 * hour, Self.anchor - 3 * day), Self.anchor - 20 * minute)
                    a.snoozedUntil = Self.anchor + 15 * minute * Micros(alerts.randint(8, 4 * 72))
                    a.assignee = person(m.team, &alerts, excludeLead: true)
                case "acknowledged":
                    a.assignee = person(m.team, &alerts, excludeLead: true)
                default:
                    a.assignee = alerts.random() < 0.4 ? person(m.team, &alerts, excludeLead: true) : nil
                }
                if Self.overlaps(a, list) { continue }
                if method == "z" && monitor[key] == nil { zLeft -= 1 }
                monitor[key] = method
                a.events = timeline(a, status, m)
                list.append(a)
                placed = true
                break
            }
            precondition(placed, "could not place alert")
        }
        list = list.enumerated().sorted {
            ($0.element.openedAt, $0.element.model, $0.element.feature, $0.offset) < ($1.element.openedAt, $1.element.model, $1.element.feature, $1.offset)
        }.map(\.element)
        for (i, a) in list.enumerated() { a.id = "alert-" + String(format: "%04d", i + 1) }
        return list
    }
}
