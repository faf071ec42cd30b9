import Foundation
import Render

/// Small pieces several commands share.
enum CommandSupport {
    static func loadTheme(_ name: String) throws -> Theme {
        do {
            return try Theme.load(name)
        } catch let error as ThemeError {
            throw CommandFailure("theme: \(error)")
        }
    }
}
