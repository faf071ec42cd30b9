import ArgumentParser
import Render

/// `--color auto|256|8|none`.
enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, full = "256", eight = "8", none

    /// The forced mode, or nil to detect.
    var mode: ColorMode? {
        switch self {
        case .auto: nil
        case .full: .full
        case .eight: .eight
        case .none: ColorMode.none
        }
    }
}

/// `--unicode auto|on|off`.
enum UnicodeChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, on, off

    var value: Bool? {
        switch self {
        case .auto: nil
        case .on: true
        case .off: false
        }
    }
}
