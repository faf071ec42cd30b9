import ArgumentParser
import Foundation
import Portfolio

/// The tree of commands as the user types it: which command a type is (`oversight record run`),
/// and whether a word where a command name goes names none (`oversight stauts`).
enum CommandTree {
    /// A word that names no command where one was expected, with what to say about it.
    struct Unknown {
        let path: [String]
        let word: String
        let suggestions: [String]
        let commands: [String]

        var message: String {
            let hint = suggestions.isEmpty
                ? "; the commands are \(commands.joined(separator: ", "))"
                : "; did you mean \(suggestions.map { "'\($0)'" }.joined(separator: " or "))?"
            let command = path.joined(separator: " ")
            return """
                Error: '\(word)' is not \(path.count == 1 ? "an oversight" : "an '\(command)'") command\(hint)
                  See '\(command) --help' for more information.
                """
        }
    }

    /// A command's subcommands by the names they are typed as (aliases included), and the names
    /// shown in its help.
    static func subcommands(of command: ParsableCommand.Type) -> (byName: [String: ParsableCommand.Type], shown: [String]) {
        var byName: [String: ParsableCommand.Type] = [:]
        var shown: [String] = []
        for sub in command.configuration.subcommands {
            let configuration = sub.configuration
            let name = sub._commandName
            byName[name] = sub
            for alias in configuration.aliases { byName[alias] = sub }
            if configuration.shouldDisplay { shown.append(name) }
        }
        return (byName, shown)
    }

    /// The first word in `arguments` that stands where a command name goes and names none, if
    /// any. Words after an option are the option's business; a command whose default takes
    /// positional arguments (none of ours do) accepts any word.
    static func unknownCommand(in arguments: [String], root: ParsableCommand.Type = Oversight.self) -> Unknown? {
        var command = root
        var path = [root._commandName]
        for word in arguments {
            let (byName, shown) = subcommands(of: command)
            guard !word.hasPrefix("-"), !byName.isEmpty, word != "help" else { return nil }
            if let sub = byName[word] {
                command = sub
                path.append(word)
                continue
            }
            if let fallback = command.configuration.defaultSubcommand, takesWords(fallback) { return nil }
            let suggestions: [String]
            switch NameMatch.resolve(word, among: shown) {
            case let .found(name): suggestions = [name]
            case let .ambiguous(names), let .none(names): suggestions = names
            }
            return Unknown(path: path, word: word, suggestions: suggestions, commands: shown)
        }
        return nil
    }

    /// Whether a command takes positional arguments (so any word may be one of its values), as
    /// argument-parser describes the command to tools (`--experimental-dump-help`).
    static func takesWords(_ command: ParsableCommand.Type) -> Bool {
        guard command.configuration.subcommands.isEmpty else { return true }
        let described = try? JSONSerialization.jsonObject(with: Data(command._dumpHelp().utf8)) as? [String: Any]
        let arguments = (described?["command"] as? [String: Any])?["arguments"] as? [[String: Any]] ?? []
        return arguments.contains { $0["kind"] as? String == "positional" }
    }

    /// The words that run `command`: `["oversight", "record", "run"]`.
    static func path(to command: ParsableCommand.Type, from root: ParsableCommand.Type = Oversight.self) -> [String] {
        func search(_ node: ParsableCommand.Type, _ path: [String]) -> [String]? {
            if node == command { return path }
            for sub in node.configuration.subcommands {
                if let found = search(sub, path + [sub._commandName]) { return found }
            }
            return nil
        }
        return search(root, [root._commandName]) ?? [root._commandName, command._commandName]
    }
}
