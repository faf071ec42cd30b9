import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who is acting, for an alert's timeline: the name given (`--as`, `--by`), else `$USER`, else the
/// login name from the password database, else `unknown`.
enum ActorName {
    static func resolve(_ given: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let given = given?.trimmingCharacters(in: .whitespaces), !given.isEmpty { return given }
        if let user = environment["USER"], !user.isEmpty { return user }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name { return String(cString: name) }
        return "unknown"
    }
}
