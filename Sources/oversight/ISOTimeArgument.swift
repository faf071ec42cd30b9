import Foundation
import Portfolio

/// Parses time arguments given on the command line with the data format's rules.
enum ISOTimeArgument {
    static func parse(_ text: String) -> Date? { ISOTime.parse(text) }
}
