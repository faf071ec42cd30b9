import ArgumentParser
import Foundation
import Portfolio
import PortfolioStore

/// `oversight alert ack|assign|note|snooze|resolve|reopen ID`: the alert lifecycle for scripts and
/// chat-ops. Each is one short transaction that appends one event; a refused action writes nothing.
struct AlertCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alert",
        abstract: "Acknowledge, assign, annotate, snooze, resolve or reopen a drift alert.",
        subcommands: [Ack.self, Assign.self, Note.self, Snooze.self, Resolve.self, Reopen.self]
    )

    /// The options every lifecycle command takes.
    struct Common: ParsableArguments {
        @OptionGroup var storeOptions: StoreOptions

        @Argument(help: "The alert's id (as in `oversight list alerts`).", completion: StoreCompletion.keys(.alert)) var id: String

        @Option(help: ArgumentHelp("Who is acting (default: $USER, else the login name).", valueName: "name"))
        var by: String?

        /// Applies `action`, prints what happened, and turns refusals into a non-zero exit.
        func apply(_ action: AlertAction) throws {
            let store = try storeOptions.openForWriting(mustExist: true)
            defer { try? store.close() }
            let actor = ActorName.resolve(by)
            do {
                let alert = try store.write { try $0.apply(action, toAlert: id, actor: actor, at: Date()) }
                AppLog.logger("alert").info("alert action", metadata: ["id": "\(id)", "action": "\(action.pastTense)", "by": "\(actor)"])
                Console.out("\(id) \(action.pastTense) by \(actor); now \(alert.status.rawValue)"
                      + (alert.assignee.map { ", assigned to \($0)" } ?? ""))
            } catch let error as AlertActionError {
                throw CommandFailure("\(error); nothing was written")
            }
        }
    }

    struct Ack: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "ack", abstract: "Acknowledge an open or snoozed alert.")
        @OptionGroup var common: Common
        @Option(help: "A note to add after acknowledging.") var note: String?

        func run() throws {
            try common.apply(.acknowledge)
            // A blank note is no note (as for resolve): refusing it only after the acknowledgement
            // was written would exit non-zero claiming nothing was written.
            if let note, !note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { try common.apply(.note(note)) }
        }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "assign", abstract: "Assign an alert to someone.")
        @OptionGroup var common: Common
        @Option(help: "The person to assign it to.") var to: String

        func run() throws { try common.apply(.assign(to: to)) }
    }

    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "note", abstract: "Add a note to an alert's timeline.")
        @OptionGroup var common: Common
        @Option(help: "The note.") var note: String

        func run() throws { try common.apply(.note(note)) }
    }

    struct Snooze: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "snooze", abstract: "Park an alert until a time passes; it then counts as open again.")
        @OptionGroup var common: Common
        @Option(name: .customLong("for"), help: ArgumentHelp("How long: 1h, 4h, 1d, 90m, 1h30m.", valueName: "duration"))
        var duration: String = "4h"

        func validate() throws {
            if let problem = DurationText.problem(duration) { throw ValidationError("--for: \(problem)") }
        }

        func run() throws {
            guard let seconds = DurationText.parse(duration) else { throw ValidationError("--for: \(DurationText.problem(duration) ?? duration)") }
            try common.apply(.snooze(until: Date().addingTimeInterval(seconds)))
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "resolve", abstract: "Resolve an alert, with an optional note.")
        @OptionGroup var common: Common
        @Option(help: "What was done.") var note: String?

        func run() throws { try common.apply(.resolve(note: note)) }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reopen", abstract: "Reopen a resolved or snoozed alert.")
        @OptionGroup var common: Common

        func run() throws { try common.apply(.reopen) }
    }
}
