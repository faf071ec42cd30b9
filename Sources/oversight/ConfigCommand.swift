import ArgumentParser
import Foundation
import PortfolioStore
import TeamStore

/// `oversight config`: the effective configuration and where each value came from.
struct ConfigCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the effective configuration and where each value came from.",
        discussion: "Flags win over OVERSIGHT_<KEY> environment variables, which win over $XDG_CONFIG_HOME/oversight/config.yaml."
    )

    func run() throws {
        let settings = try Settings()
        Console.out("config file: \(settings.file)\(FileManager.default.fileExists(atPath: settings.file) ? "" : " (not present)")")
        for (key, _, _) in Settings.keys {
            var value = try settings.value(key)
            if key == "store" {
                let location = StoreLocation.resolve(flag: nil, environment: settings.environment, configured: settings.fileValue("store"))
                value = Settings.Value(text: TeamStoreAddress.redacted(location.path), source: location.source == .xdgDefault ? "default" : value.source)
            }
            let shown = value.text + String(repeating: " ", count: max(1, 40 - value.text.count))
            Console.out("\(key.padding(toLength: 10, withPad: " ", startingAt: 0)) \(shown) \(value.source)")
        }
    }
}
