/// What happened to a drift alert at one point of its timeline.
public enum AlertEventKind: String, Vocabulary {
    case opened, acknowledged, assigned, note, snoozed, resolved, reopened, escalated
}
