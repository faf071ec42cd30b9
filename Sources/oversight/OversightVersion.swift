/// The version of Oversight: the one place a release bumps it. `--version`, `oversight version`
/// and the manual's footer (`make man`) read it from here.
enum OversightVersion {
    static let current = "0.2.0"
}
