import ArgumentParser
import Foundation
import Portfolio
import PortfolioStore

/// `oversight record run|metric|alert`: one event from a pipeline or monitor, one transaction.
struct RecordCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record one pipeline run, metric value or drift check (idempotent by --id).",
        subcommands: [Run.self, Metric.self, Alert.self]
    )

    /// Options every writer takes.
    struct Common: ParsableArguments {
        @OptionGroup var storeOptions: StoreOptions
        @Flag(help: "Print a JSON summary (created, updated, unchanged, skipped).") var json = false

        func write(_ body: (PortfolioWriter, Date) throws -> RecordOutcome) throws {
            let store = try storeOptions.openForWriting(mustExist: true)
            defer { try? store.close() }
            let outcome: RecordOutcome
            do {
                outcome = try store.write { try body($0, Date()) }
            } catch let error as RecordError {
                throw CommandFailure("\(error); nothing was written")
            } catch let error as StoreError {
                throw CommandFailure("\(error); nothing was written")
            }
            if json {
                Console.printJSON(outcome, pretty: false)
            } else {
                if let pipeline = outcome.createdPipeline { Console.out("created pipeline '\(pipeline)'") }
                Console.out("\(outcome.key): \(outcome.outcome.rawValue)")
            }
        }
    }

    static func time(_ text: String?, _ flag: String) throws -> Date? {
        guard let text else { return nil }
        guard let date = ISOTime.parse(text) else { throw ValidationError("\(flag): \(ISOTime.problem(text) ?? text)") }
        return date
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a pipeline run; call again with the same --id to update it as it progresses.")
        @OptionGroup var common: Common
        @Option(help: "The pipeline it ran (created when new, for an existing model).") var pipeline: String
        @Option(help: "The model it is for (a name in the store).", completion: StoreCompletion.keys(.model)) var model: String
        @Option(help: "training, evaluation, deployment or data_validation") var kind: String
        @Option(help: "queued, running, succeeded, failed or cancelled") var status: String
        @Option(help: "The run's external id (a CI job id); without one every call is a new run.", completion: StoreCompletion.keys(.run)) var id: String?
        @Option(help: "A display name.") var name: String?
        @Option(help: "When it started (ISO-8601; default: now once running).") var started: String?
        @Option(help: "When it finished (ISO-8601; default: now once finished).") var finished: String?
        @Option(help: "schedule, commit, manual, drift or api") var trigger: String?
        @Option(help: "The source commit it built (a git SHA).") var commit: String?
        @Option(help: "Why it failed, in a line (shown in the run's detail).") var error: String?
        @Option(help: "Who or what started it.") var by: String?

        func run() throws {
            guard let kind = RunKind(rawValue: kind) else { throw ValidationError("--kind: expected one of \(RunKind.allowedList); got '\(self.kind)'") }
            guard let status = RunStatus(rawValue: status) else { throw ValidationError("--status: expected one of \(RunStatus.allowedList); got '\(self.status)'") }
            let trigger = try trigger.map { text -> RunTrigger in
                guard let value = RunTrigger(rawValue: text) else { throw ValidationError("--trigger: expected one of \(RunTrigger.allowedList); got '\(text)'") }
                return value
            }
            let event = RunRecord(id: id, pipeline: pipeline, model: model, kind: kind, status: status, name: name,
                                  started: try RecordCommand.time(started, "--started"), finished: try RecordCommand.time(finished, "--finished"),
                                  trigger: trigger, commit: commit, error: error, startedBy: by)
            try common.write { try $0.record(event, now: $1) }
        }
    }

    struct Metric: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record one value of a model's metric.")
        @OptionGroup var common: Common
        @Option(help: "The model the value is for (a name in the store).", completion: StoreCompletion.keys(.model)) var model: String
        @Option(help: "The metric's name: auc, mape, latency_p95_ms, drift.psi.FEATURE …") var name: String
        // .unconditional: `--value -5` is a value, not an unknown flag.
        @Option(parsing: .unconditional, help: "The value (a finite number; negative values are fine).") var value: Double
        @Option(help: "When (ISO-8601; default: now).") var at: String?

        func run() throws {
            let event = MetricRecord(model: model, name: name, value: value, at: try RecordCommand.time(at, "--at"))
            try common.write { try $0.record(event, now: $1) }
        }
    }

    struct Alert: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a drift check: opens an alert, or updates the model+feature's active one.",
            discussion: "Without --severity: not drifted → info; a distance ≥ 2× its threshold or a p-value below a tenth of it → critical; otherwise warning.")
        @OptionGroup var common: Common
        @Option(help: "The model that was checked (a name in the store).", completion: StoreCompletion.keys(.model)) var model: String
        @Option(help: "The input feature whose distribution was compared.") var feature: String
        @Option(help: "psi, ks, chi2, z, js or wasserstein") var method: String
        @Option(parsing: .unconditional, help: "The test's result: a distance (psi, js, wasserstein) or a p-value (ks, chi2, z).") var score: Double
        @Option(parsing: .unconditional, help: "The score at which the feature counts as drifted: a distance at or above it, a p-value below it.") var threshold: Double
        @Option(help: "info, warning or critical (default: derived from score and threshold)") var severity: String?
        @Option(help: "The alert's external id.", completion: StoreCompletion.keys(.alert)) var id: String?
        @Option(help: "Who or what raised it (default: drift-monitor).") var by: String?

        func run() throws {
            guard let method = DriftMethod(rawValue: method) else { throw ValidationError("--method: expected one of \(DriftMethod.allowedList); got '\(self.method)'") }
            let severity = try severity.map { text -> Severity in
                guard let value = Severity(rawValue: text) else { throw ValidationError("--severity: expected one of \(Severity.allowedList); got '\(text)'") }
                return value
            }
            let evidence = DriftEvidence(method: method, score: score, threshold: threshold)
            let event = DriftRecord(id: id, model: model, feature: feature, evidence: evidence, severity: severity, actor: by)
            try common.write { try $0.record(event, now: $1) }
        }
    }
}
