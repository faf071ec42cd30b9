import Portfolio
import PortfolioStore

/// The `:` command line: what each command does, and Tab completion over command names and their
/// arguments (team names, stages, severities; the keys of models, runs and alerts come from the
/// store, through the engine). Pure.
public enum ColonCommand {
    public enum Parsed: Equatable {
        case jump(PanelID)
        case team(String?)
        case stage(Stage?)
        case severity(Severity?)
        case quit
        case help
        case theme(String)
        case overview
        /// Open a detail view: `:model NAME`, `:run ID`, `:alert ID`.
        case open(DetailTarget)
        /// The recent footer messages, whole.
        case messages
        /// Write the focused panel's rows to a file (`:write FILE.csv`; `:write!` replaces one).
        case write(path: String, replace: Bool)
    }

    public static let commands = ["models", "runs", "alerts", "maturity", "overview", "model", "run", "alert", "team", "stage", "severity",
                                  "theme", "messages", "write", "help", "q", "quit"]

    /// The commands whose argument is a key in the store, and what it opens.
    static let storeKeyCommands: [String: (kind: PortfolioReader.KeyKind, open: @Sendable (String) -> DetailTarget)] = [
        "model": (.model, { .model($0) }), "run": (.run, { .run($0) }), "alert": (.alert, { .alert($0) }),
    ]
    static let takesArgument: Set<String> = ["team", "stage", "severity", "theme", "model", "run", "alert"]

    /// For `:model card`, `:run run-00`, `:alert al`: which keys Tab must look up in the store,
    /// and the part typed so far; nil for every other line.
    public static func storeCompletion(_ line: String) -> (kind: PortfolioReader.KeyKind, partial: String)? {
        guard let space = line.firstIndex(of: " "), let command = storeKeyCommands[line[..<space].lowercased()] else { return nil }
        return (command.kind, line[line.index(after: space)...].trimmingCharacters(in: .whitespaces))
    }

    /// The command, or a message saying what is wrong with the line.
    public static func parse(_ line: String, teams: [String], themes: [String] = [], currentTheme: String? = nil) -> Result<Parsed, ColonCommandError> {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let name = trimmed.prefix { $0 != " " }.lowercased()
        let argument = trimmed.dropFirst(name.count).trimmingCharacters(in: .whitespaces)
        switch name {
        case "models": return .success(.jump(.models))
        case "runs": return .success(.jump(.runs))
        case "alerts": return .success(.jump(.alerts))
        case "maturity": return .success(.jump(.maturity))
        case "q", "quit": return .success(.quit)
        case "help": return .success(.help)
        case "overview": return .success(.overview)
        case "messages": return .success(.messages)
        case "write", "write!", "w", "w!":
            guard !argument.isEmpty else { return .failure(ColonCommandError(message: "write to which file? :write FILE.csv or FILE.json")) }
            guard PanelExport.Format(path: argument) != nil else {
                return .failure(ColonCommandError(message: "'\(argument)': name a .csv or .json file"))
            }
            return .success(.write(path: argument, replace: name.hasSuffix("!")))
        case "model", "run", "alert":
            guard !argument.isEmpty else {
                return .failure(ColonCommandError(message: "which \(name)? type its \(name == "model" ? "name" : "id") (Tab completes)"))
            }
            return .success(.open(storeKeyCommands[name]!.open(argument)))
        case "team":
            if argument.isEmpty { return .success(.team(nil)) }
            return match(argument, kind: "team", among: teams).map { .team($0) }
        case "stage":
            if argument.isEmpty { return .success(.stage(nil)) }
            // Any unambiguous start, as the screen shows them: `prod`, `dev`.
            return match(argument, kind: "stage", among: Stage.allCases.map(\.rawValue)).map { .stage(Stage(rawValue: $0)) }
        case "severity":
            if argument.isEmpty { return .success(.severity(nil)) }
            return match(argument, kind: "severity", among: Severity.allCases.map(\.rawValue)).map { .severity(Severity(rawValue: $0)) }
        case "theme":
            guard !argument.isEmpty else {
                let current = currentTheme.map { "the theme is \($0); " } ?? ""
                return .failure(ColonCommandError(message: "\(current)which theme? \(themes.joined(separator: ", "))"))
            }
            return .success(.theme(argument))
        case "": return .failure(ColonCommandError(message: "type a command: \(commands.joined(separator: ", "))"))
        default: return .failure(ColonCommandError(message: "unknown command ':\(name)'; try \(commands.map { ":" + $0 }.joined(separator: " "))"))
        }
    }

    /// The line completed as far as it is unambiguous, and the candidates it could become.
    /// The name `text` means among `names` (any case, or an unambiguous start), or why none.
    static func match(_ text: String, kind: String, among names: [String]) -> Result<String, ColonCommandError> {
        let result = NameMatch.resolve(text, among: names)
        if case let .found(name) = result { return .success(name) }
        return .failure(ColonCommandError(message: NameMatch.problem(result, kind: kind, text: text, all: names) ?? "no \(kind) '\(text)'"))
    }

    public static func complete(_ line: String, teams: [String], themes: [String] = []) -> (line: String, candidates: [String]) {
        if let space = line.firstIndex(of: " ") {
            let name = line[..<space].lowercased()
            let partial = line[line.index(after: space)...].trimmingCharacters(in: .whitespaces)
            let options: [String]
            switch name {
            case "team": options = teams
            case "stage": options = Stage.allCases.map(\.rawValue)
            case "severity": options = Severity.allCases.map(\.rawValue)
            case "theme": options = themes
            default: return (line, [])
            }
            return completed(name, partial: partial, among: options.filter { $0.lowercased().hasPrefix(partial.lowercased()) })
        }
        let matches = commands.filter { $0.hasPrefix(line.lowercased()) }
        if matches.count == 1 {
            return (matches[0] + (takesArgument.contains(matches[0]) ? " " : ""), matches)
        }
        return (commonPrefix(matches) ?? line, matches)
    }

    /// `command` with its argument completed from `matches` (the candidates for `partial`): the
    /// one match, else as far as they agree.
    public static func completed(_ command: String, partial: String, among matches: [String]) -> (line: String, candidates: [String]) {
        (matches.count == 1 ? "\(command) \(matches[0])" : "\(command) \(commonPrefix(matches) ?? partial)", matches)
    }

    static func commonPrefix(_ words: [String]) -> String? {
        guard var prefix = words.first else { return nil }
        for word in words.dropFirst() {
            while !word.lowercased().hasPrefix(prefix.lowercased()) { prefix.removeLast() }
        }
        return prefix
    }
}

/// What is wrong with a command line, in words for the footer.
public struct ColonCommandError: Error, Equatable {
    public var message: String
}
