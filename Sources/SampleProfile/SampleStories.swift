/// The sample's hand-authored story alerts (the README's stories), with their lifecycle events.
enum SampleStories {
    static func alerts() -> [Alert] {
        var list: [Alert] = []
        do {  // retail
            let a = Alert(model: "retail-demand-forecast", feature: "units_sold", method: "psi", score: nil,
                          threshold: 0.25, severity: "critical", status: "acknowledged",
                          assignee: "Chloe Martin", openedAt: T("2025-11-30T06:20:00Z"))
            a.story = "retail"
            a.events = [
                Event(kind: "opened", at: T("2025-11-30T06:20:00Z"), actor: "drift-monitor",
                      note: "psi 0.272 >= 0.25 on the 2025-11-29 batch; first breach, severity warning."),
                Event(kind: "acknowledged", at: T("2025-11-30T14:05:12Z"), actor: "Chloe Martin",
                      note: "Acknowledged. Black Friday volumes are 3-5x baseline in electronics and toys."),
                Event(kind: "assigned", at: T("2025-11-30T14:06:40Z"), actor: "Marcus Delgado",
                      note: "Assigned to Chloe Martin."),
                Event(kind: "note", at: T("2025-12-01T10:31:09Z"), actor: "Chloe Martin",
                      note: "Reference window (Sep-Oct) has no holiday weeks, so some shift is expected, but MAPE is already up to 11.9% on the Cyber Monday forecasts."),
                Event(kind: "escalated", at: T("2025-12-02T09:15:44Z"), actor: "Marcus Delgado",
                      note: "Escalating to critical: PSI above 0.25 for 3 consecutive days (0.34 today) and stores are reporting empty shelves in toys."),
                Event(kind: "note", at: T("2025-12-03T11:02:18Z"), actor: "Chloe Martin",
                      note: "Drift-triggered retrain failed this morning: NaN in promo_depth from the holiday promo feed. Fix in review."),
                Event(kind: "note", at: T("2025-12-07T15:48:30Z"), actor: "Chloe Martin",
                      note: "Retrain with the holiday weeks succeeded (2.4.0, deployed tomorrow). MAPE improves, but PSI will stay high until the reference window includes December."),
                Event(kind: "note", at: T("2025-12-22T09:12:03Z"), actor: "Chloe Martin",
                      note: "Retrain scheduled with December data."),
                Event(kind: "note", at: T("2026-01-06T13:40:55Z"), actor: "Chloe Martin",
                      note: "Post-holiday demand is not back to baseline yet; keeping this acknowledged and revisiting after the reference refresh on 2026-01-19."),
            ]
            list.append(a)
        }
        do {  // fraud-open
            let a = Alert(model: "card-fraud-detector", feature: "transaction_amount", method: "psi", score: 0.312,
                          threshold: 0.25, severity: "critical", status: "open",
                          assignee: "Daniel Okafor", openedAt: T("2026-01-11T21:47:12Z"))
            a.story = "fraud-open"
            a.events = [
                Event(kind: "opened", at: T("2026-01-11T21:47:12Z"), actor: "drift-monitor",
                      note: "psi 0.312 >= 0.25 on the last 6-hour window; severity critical (tier-high model)."),
                Event(kind: "note", at: T("2026-01-12T03:47:30Z"), actor: "drift-monitor",
                      note: "Second consecutive breach: psi 0.327. Share of authorizations above USD 2,000 doubled."),
                Event(kind: "assigned", at: T("2026-01-12T07:52:08Z"), actor: "Priya Raman",
                      note: "Assigned to Daniel Okafor. Check whether the new travel-agency merchant onboarded on Friday explains it."),
            ]
            list.append(a)
        }
        do {  // fraud-eur
            let a = Alert(model: "card-fraud-detector", feature: "transaction_amount", method: "psi", score: 0.187,
                          threshold: 0.1, severity: "warning", status: "resolved",
                          assignee: "Daniel Okafor", openedAt: T("2025-11-03T05:12:44Z"))
            a.story = "fraud-eur"
            a.resolvedAt = T("2025-11-08T16:20:31Z")
            a.events = [
                Event(kind: "opened", at: T("2025-11-03T05:12:44Z"), actor: "drift-monitor",
                      note: "psi 0.187 >= 0.1 on the 2025-11-02 batch."),
                Event(kind: "acknowledged", at: T("2025-11-03T08:40:02Z"), actor: "Daniel Okafor",
                      note: nil),
                Event(kind: "note", at: T("2025-11-03T10:15:27Z"), actor: "Daniel Okafor",
                      note: "Upstream ETL changed currency to EUR for EU merchants; confirming with data eng."),
                Event(kind: "note", at: T("2025-11-04T13:02:51Z"), actor: "Daniel Okafor",
                      note: "Data eng confirmed: amounts for EU merchants were no longer converted to USD after the ledger migration (INC-4471). Fix deploying Thursday."),
                Event(kind: "resolved", at: T("2025-11-08T16:20:31Z"), actor: "Daniel Okafor",
                      note: "Conversion fixed and the week backfilled; psi back to 0.03."),
            ]
            list.append(a)
        }
        do {  // reopen-open
            let a = Alert(model: "predictive-maintenance-cnc", feature: "ambient_temp_c", method: "ks", score: 0.00082,
                          threshold: 0.05, severity: "warning", status: "open",
                          assignee: "Carlos Mendes", openedAt: T("2025-12-17T06:31:05Z"))
            a.story = "reopen-open"
            a.events = [
                Event(kind: "opened", at: T("2025-12-17T06:31:05Z"), actor: "drift-monitor",
                      note: "ks p-value 0.0011 < 0.05"),
                Event(kind: "acknowledged", at: T("2025-12-17T07:58:41Z"), actor: "Carlos Mendes",
                      note: nil),
                Event(kind: "note", at: T("2025-12-17T09:20:10Z"), actor: "Carlos Mendes",
                      note: "HVAC outage in hall B; ambient temperature 6-8 degrees above normal."),
                Event(kind: "resolved", at: T("2025-12-22T15:05:37Z"), actor: "Carlos Mendes",
                      note: "HVAC repaired; temperatures back to normal."),
                Event(kind: "reopened", at: T("2026-01-08T06:29:50Z"), actor: "drift-monitor",
                      note: "ks p-value 0.00082 < 0.05 again, 17 days after resolution."),
            ]
            list.append(a)
        }
        do {  // reopen-ack
            let a = Alert(model: "next-best-offer", feature: "basket_size", method: "wasserstein", score: 0.214,
                          threshold: 0.1, severity: "warning", status: "acknowledged",
                          assignee: "Lucas Ferreira", openedAt: T("2025-12-10T06:24:33Z"))
            a.story = "reopen-ack"
            a.events = [
                Event(kind: "opened", at: T("2025-12-10T06:24:33Z"), actor: "drift-monitor",
                      note: "wasserstein 0.188 >= 0.1"),
                Event(kind: "acknowledged", at: T("2025-12-10T10:11:09Z"), actor: "Lucas Ferreira",
                      note: "Holiday bundles inflate basket size; expected through early January."),
                Event(kind: "resolved", at: T("2025-12-15T12:30:00Z"), actor: "Lucas Ferreira",
                      note: "Reference window refreshed to include December; distance back under 0.1."),
                Event(kind: "reopened", at: T("2025-12-29T06:22:15Z"), actor: "drift-monitor",
                      note: "wasserstein 0.214 >= 0.1 after resolution."),
                Event(kind: "acknowledged", at: T("2025-12-29T09:47:02Z"), actor: "Lucas Ferreira",
                      note: "Still drifting after the reference refresh: post-Christmas returns and gift-card baskets. Will retrain once January settles."),
            ]
            list.append(a)
        }
        do {  // reopen-resolved
            let a = Alert(model: "sepsis-early-warning", feature: "lactate", method: "ks", score: 3.1e-06,
                          threshold: 0.05, severity: "critical", status: "resolved",
                          assignee: "Ravi Menon", openedAt: T("2025-10-22T05:48:10Z"))
            a.story = "reopen-resolved"
            a.resolvedAt = T("2025-11-02T11:20:44Z")
            a.events = [
                Event(kind: "opened", at: T("2025-10-22T05:48:10Z"), actor: "drift-monitor",
                      note: "ks p-value 3.1e-06 < 0.05"),
                Event(kind: "acknowledged", at: T("2025-10-22T07:02:33Z"), actor: "Ravi Menon",
                      note: nil),
                Event(kind: "escalated", at: T("2025-10-22T07:30:00Z"), actor: "Amara Nwosu",
                      note: "Escalating: sepsis-early-warning is tier high; informing the Clinical Safety Board."),
                Event(kind: "note", at: T("2025-10-22T12:45:19Z"), actor: "Ravi Menon",
                      note: "Point-of-care analyzers in ED were recalibrated; readings shifted by ~0.3 mmol/L."),
                Event(kind: "resolved", at: T("2025-10-25T16:02:08Z"), actor: "Ravi Menon",
                      note: "Lab confirmed the offset and corrected the feed."),
                Event(kind: "reopened", at: T("2025-10-27T05:51:40Z"), actor: "Ravi Menon",
                      note: "Reopening: the north campus analyzers were not included in the correction."),
                Event(kind: "note", at: T("2025-10-29T10:05:12Z"), actor: "Ravi Menon",
                      note: "North campus corrected; backfill running."),
                Event(kind: "resolved", at: T("2025-11-02T11:20:44Z"), actor: "Ravi Menon",
                      note: "Backfill complete; p-values back above 0.3."),
            ]
            list.append(a)
        }
        return list
    }
}
