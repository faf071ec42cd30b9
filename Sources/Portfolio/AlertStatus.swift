/// Where a drift alert is in its lifecycle.
public enum AlertStatus: String, Vocabulary {
    case open, acknowledged, snoozed, resolved

    /// Active alerts need someone: open or acknowledged (a snoozed alert is parked until it wakes).
    public var isActive: Bool { self == .open || self == .acknowledged }
}
