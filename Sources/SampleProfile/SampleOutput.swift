import Foundation

/// The sample's records in the import format, with the old script's key order.
extension SampleGenerator {
    typealias W = ImportFormatWriter

    func teamRecord(_ t: TeamSpec) -> W.Record {
        [("name", .text(t.name)), ("industry", .text(t.industry)), ("lead", .text(t.lead)), ("description", .text(t.description))]
    }

    func pipelineRecord(_ p: SamplePipeline) -> W.Record {
        [("name", .text(p.name)), ("team", .text(p.team)), ("schedule", .text(p.schedule)), ("description", .text(p.description))]
    }

    func modelRecord(_ m: SampleModel) -> W.Record {
        let spec = m.spec
        let team = teamByName[m.team]!
        var tags: [(String, String)] = [("framework", spec.framework), ("regulated", team.regulated ? "yes" : "no"),
                                        ("data_domain", spec.domain), ("serving", spec.serving), ("gpu", spec.gpu > 0 ? "yes" : "no")]
        if let archived = spec.archivedOn { tags.append(("archived_on", archived)) }
        tags += spec.extraTags
        let versions: [W.Record] = m.versions.map { v in
            var r: W.Record = [("version", .text(v.version)), ("created_at", .text(iso(v.createdAt))), ("stage", .text(v.stage)),
                               ("approval_status", .text(v.approvalStatus))]
            if let by = v.approvedBy { r.append(("approved_by", .text(by))) }
            if let t = v.approvedAt { r.append(("approved_at", .text(iso(t)))) }
            return r
        }
        return [("name", .text(m.name)), ("team", .text(m.team)), ("owner", .text(spec.owner)), ("use_case", .text(spec.useCase)),
                ("stage", .text(m.stage)), ("version", .text(m.version)), ("risk_tier", .text(spec.risk)),
                ("business_value", .int(spec.value)), ("serving_cost_per_month", .int(spec.cost)), ("tags", .tags(tags)),
                ("created_at", .text(iso(m.createdAt))), ("versions", .list(versions))]
    }

    func alertRecord(_ a: Alert) -> W.Record {
        var r: W.Record = [("id", .text(a.id)), ("model", .text(a.model)), ("feature", .text(a.feature)), ("method", .text(a.method)),
                           ("score", .float(a.score!)), ("threshold", .float(a.threshold)), ("severity", .text(a.severity)),
                           ("status", .text(a.status))]
        if let who = a.assignee { r.append(("assignee", .text(who))) }
        r.append(("opened_at", .text(iso(a.openedAt))))
        if a.status == "snoozed", let t = a.snoozedUntil { r.append(("snoozed_until", .text(iso(t)))) }
        if a.status == "resolved", let t = a.resolvedAt { r.append(("resolved_at", .text(iso(t)))) }
        r.append(("events", .list(a.events!.map { e in
            var x: W.Record = [("kind", .text(e.kind)), ("at", .text(iso(e.at))), ("actor", .text(e.actor))]
            if let note = e.note { x.append(("note", .text(note))) }
            return x
        })))
        return r
    }

    func runRecord(_ r: Run) -> W.Record {
        var d: W.Record = [("type", .text("run")), ("id", .text(r.id)), ("pipeline", .text(r.pipeline)), ("model", .text(r.model))]
        if let name = r.name { d.append(("name", .text(name))) }
        d += [("kind", .text(r.kind)), ("status", .text(r.status)), ("trigger", .text(r.trigger)), ("started_by", .text(r.startedBy))]
        if let v = r.modelVersion { d.append(("model_version", .text(v))) }
        if r.rollback { d.append(("rollback", .bool(true))) }
        d.append(("queued_at", .text(iso(r.queuedAt))))
        if let t = r.startedAt { d.append(("started_at", .text(iso(t)))) }
        if let t = r.finishedAt { d.append(("finished_at", .text(iso(t)))) }
        if let c = r.commit { d.append(("commit", .text(c))) }
        if let c = r.computeCost { d.append(("compute_cost", .float(c))) }
        if let e = r.error { d.append(("error", .text(e))) }
        d.append(("steps", .list(r.steps.map { s in
            var x: W.Record = [("name", .text(s.name)), ("status", .text(s.status))]
            if let t = s.startedAt { x.append(("started_at", .text(iso(t)))) }
            if let t = s.finishedAt { x.append(("finished_at", .text(iso(t)))) }
            if let e = s.error { x.append(("error", .text(e))) }
            return x
        })))
        return d
    }

    func maturityRecord(_ m: MaturityRow) -> W.Record {
        [("team", .text(m.team)), ("component", .text(m.component)), ("level", .int(m.level)), ("assessed_at", .text(m.assessedAt)),
         ("assessor", .text(m.assessor)), ("evidence", .text(m.evidence))]
    }

    func metricRecord(_ p: Point) -> W.Record {
        let value: W.Value
        switch p.value {
        case let .int(n): value = .int(n)
        case let .float(x): value = .float(x)
        }
        return [("type", .text("metric")), ("model", .text(p.model)), ("name", .text(p.name)), ("at", .text(iso(p.at))), ("value", value)]
    }
}
