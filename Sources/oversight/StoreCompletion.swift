import ArgumentParser
import Foundation
import Portfolio
import PortfolioStore
import Render
import TeamStore

/// Shell completion that knows the store: model and team names, run and alert ids, read from the
/// store the command line names (`--store`, else as every command chooses it) through each key's
/// index, at most `limit` of them — so a million runs cost what a screenful of candidates costs.
/// A team store's URL gets no candidates: completion never waits on the network.
enum StoreCompletion {
    /// How many candidates a shell is offered at most.
    static let limit = 200

    /// Completion of one kind of key, for an option or argument that takes one.
    static func keys(_ kind: PortfolioReader.KeyKind) -> CompletionKind {
        .custom { words, _, prefix in candidates(kind, startingWith: prefix, words: words) }
    }

    /// `snapshot --detail KIND:KEY`: the kinds, then the keys of the kind typed.
    static let detailTargets: CompletionKind = .custom { words, _, prefix in
        let kinds: [(String, PortfolioReader.KeyKind)] = [("model", .model), ("run", .run), ("alert", .alert), ("team", .team)]
        guard let colon = prefix.firstIndex(of: ":") else {
            return kinds.map { "\($0.0):" }.filter { $0.hasPrefix(prefix) } + ["portfolio"].filter { $0.hasPrefix(prefix) }
        }
        let typed = String(prefix[..<colon])
        guard let kind = kinds.first(where: { $0.0 == typed })?.1 else { return [] }
        return candidates(kind, startingWith: String(prefix[prefix.index(after: colon)...]), words: words).map { "\(typed):\($0)" }
    }

    static func candidates(_ kind: PortfolioReader.KeyKind, startingWith prefix: String, words: [String]) -> [String] {
        let location = StoreLocation.resolve(flag: storeFlag(in: words), environment: ProcessInfo.processInfo.environment,
                                             configured: (try? Settings())?.fileValue("store"))
        guard !TeamStoreAddress.isAddress(location.path), location.exists,
              let store = try? PortfolioStore.open(path: location.path, readOnly: true, writing: false, creating: false) else { return [] }
        defer { try? store.close() }
        let keys = (try? store.read { try $0.keys(kind, startingWith: unquoted(prefix), limit: limit) }) ?? []
        // The shell lists candidates on the terminal, one per line: a key holding a control or
        // invisible character (store text is untrusted) is left out, never offered raw.
        return keys.filter { !$0.unicodeScalars.contains(where: \.isUnsafeForTerminal) }
    }

    /// The value of `--store VALUE` or `--store=VALUE` on the command line being completed.
    static func storeFlag(in words: [String]) -> String? {
        for (i, word) in words.enumerated() {
            if word == "--store", i + 1 < words.count { return unquoted(words[i + 1]) }
            if word.hasPrefix("--store=") { return unquoted(String(word.dropFirst("--store=".count))) }
        }
        return nil
    }

    /// Shells pass words as typed; a quote opened around a name with spaces is not part of it.
    static func unquoted(_ word: String) -> String {
        var text = word
        if let first = text.first, first == "'" || first == "\"" { text.removeFirst() }
        if let last = text.last, last == "'" || last == "\"" { text.removeLast() }
        return text.replacingOccurrences(of: "\\ ", with: " ")
    }
}
