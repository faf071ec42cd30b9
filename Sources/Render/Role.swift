import Dashboard

/// The roles a theme gives colours and attributes to. Named for meaning, not for widgets.
public enum Role: String, CaseIterable, Sendable, Hashable {
    case background, text, dim, accent, border
    case focusBorder = "focus_border"
    case title, selection, header
    /// The header's clock and data age: redrawn every second, so themes leave it in the terminal's
    /// own colours, which costs a tick two bytes instead of ~45 of colour changes.
    case clock
    case ok, warn, critical, info, sparkline
    case level0 = "level_0", level1 = "level_1", level2 = "level_2", level3 = "level_3", level4 = "level_4"
    case tabActive = "tab_active"
    case tabInactive = "tab_inactive"
    case footerKey = "footer_key"
    case message

    public init(_ tone: Tone) {
        switch tone {
        case .normal: self = .text
        case .dim: self = .dim
        case .accent: self = .accent
        case .ok: self = .ok
        case .warn: self = .warn
        case .critical: self = .critical
        case .info: self = .info
        }
    }

    public static func level(_ level: Int) -> Role {
        [.level0, .level1, .level2, .level3, .level4][min(4, max(0, level))]
    }
}
