import Foundation

/// The bundled sample portfolio (`sample-data/`), written by `oversight generate --profile sample`:
/// five teams' models, pipelines, runs, drift alerts, metrics and maturity over the eight weeks
/// before 2026-01-12T09:00:00Z, with the stories its README tells. Deterministic: a fixed seed and
/// fixed times, so two runs write the same bytes, and the committed `sample-data/` is exactly its
/// output (a test compares them).
///
/// It was first a Python script, and the sample's tests pin figures drawn from that script's
/// random stream (ids, counts, costs, start times); this port makes the same draws in the same
/// order (`PythonRandom`, `PythonFormat`), so every story and figure stayed as it was.
public enum SampleProfile {
    /// What was written: file names and what they hold.
    public struct Summary: Sendable {
        public var files: [String]
        public var runs: Int
        public var metricPoints: Int
        public var alerts: Int
    }

    static let header = ["Oversight sample portfolio, written by `oversight generate --profile sample` (do not edit by hand).",
                         "Format: docs/DATA-FORMAT.md, version 1. Anchor time 2026-01-12T09:00:00Z."]
    static let generatedBy = ["Written by `oversight generate --profile sample --out sample-data` (fixed seed 20260112; running it",
                              "twice gives byte-identical files). Do not edit these files by hand: change the profile and rerun it."]

    /// The sample's files, by name, in the order they are written, and what they hold.
    static func generate() -> (files: [(name: String, text: String)], summary: Summary) {
        let g = SampleGenerator()
        g.buildModels()
        g.buildPipelines()
        let alerts = g.buildAlerts()
        g.genScheduledRuns(alerts)
        g.storyRuns()
        g.runs = g.runs.filter { run in run.finishedAt.map { $0 <= SampleGenerator.genericCutoff } ?? true }
        g.linkVersions()
        g.genDeployments()
        g.liveRuns()
        // Queue order, ties broken as the script's stable sort broke them.
        g.runs = g.runs.enumerated().sorted {
            ($0.element.queuedAt, $0.element.pipeline, $0.element.model, $0.offset)
                < ($1.element.queuedAt, $1.element.pipeline, $1.element.model, $1.offset)
        }.map(\.element)
        for (index, run) in g.runs.enumerated() { run.id = "run-" + String(format: "%06d", index + 1) }
        let (points, retailSeries) = g.buildMetrics(alerts)
        for alert in alerts where alert.story == "retail" { alert.score = retailSeries[SampleGenerator.lastDay] }
        let maturity = g.buildMaturity()
        typealias W = ImportFormatWriter
        let files: [(name: String, text: String)] = [
            ("teams.yaml", W.yaml(header: header, sections: [("teams", SampleCatalog.teams.map(g.teamRecord)),
                                                             ("pipelines", g.pipelines.map(g.pipelineRecord))])),
            ("models.yaml", W.yaml(header: header, sections: [("models", g.modelList.map(g.modelRecord))])),
            ("maturity.yaml", W.yaml(header: header, sections: [("maturity", maturity.map(g.maturityRecord))])),
            ("alerts.yaml", W.yaml(header: header, sections: [("alerts", alerts.map(g.alertRecord))])),
            ("runs.ndjson", W.ndjson(g.runs.map(g.runRecord))),
            ("metrics.ndjson", W.ndjson(points.map(g.metricRecord))),
            ("README.md", g.readme(alerts: alerts, points: points, maturityCount: maturity.count, retailSeries: retailSeries,
                                   generatedBy: generatedBy)),
        ]
        return (files, Summary(files: files.map(\.name), runs: g.runs.count, metricPoints: points.count, alerts: alerts.count))
    }

    /// Writes the sample's files into `folder` (created if missing), replacing files of the same names.
    public static func write(to folder: String) throws -> Summary {
        let (files, summary) = generate()
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
        }
        return summary
    }
}
