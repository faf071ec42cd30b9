import GRDB

extension StoreSchema {
    /// v20: the alerts' answers summed by team and week, so a window's whole weeks of alerts are
    /// a row per team and week instead of a row per alert: maturity's alert evidence read the
    /// 90-day window's 50k alert facts one by one on the benchmark's 100k alerts (15 ms of the
    /// window figures, against 2 on a store with 1% of the history: docs/BENCHMARKS.md).
    ///
    /// A week is seven UTC days from a day divisible by seven (as v19's run_weeks). An alert's
    /// evidence by as_of (docs/MATURITY.md) depends on as_of only until its facts are all known:
    /// once its first response, first note and (without an assignee now) first assignment are
    /// behind as_of, it counts as assigned when it has an assignee or an assignment, as noted
    /// when it has a note, and with the seconds from opening to first response (at least 0). An
    /// alert whose facts are all known before its week ends is *settled*: for any window holding
    /// that whole week (which ends before the window's last day begins) it counts exactly so.
    /// `alert_weeks` holds, per team and week, its settled alerts' assignments and notes counted
    /// and their seconds to first response listed (ascending, comma-separated: a median must stay
    /// exact, so each value is kept; a week's row holds a team's alerts of seven days). Every
    /// other alert — never answered (it waits until as_of), answered or noted after its week, with
    /// times beyond ±4·10¹² s (±126,000 years: there seconds stop being exact as a double's
    /// difference), or with an opening or answer that is not a whole number (a store written
    /// before v8 may hold 1.5) — is read one by one through `alert_facts_unsettled`, a partial
    /// index that holds only them, with the same facts as `alert_facts_opened`.
    ///
    /// Kept from alert_facts by triggers on it (as run_weeks is kept from run_days), and on
    /// models for a team's move: a change works out again the rows of the team and week it
    /// touches, from that team's models' alerts of that week (`alert_week_facts`, walked through
    /// models_team and alerts_by_model_opened: a seek per model of the team). `alert_week_rows`
    /// says once what alert_weeks should hold, for the refill and `doctor`. (Edited before it
    /// shipped — no release or green CI had it — to leave times that are not whole numbers out.)
    /// Frozen: the text that shipped. A change to the schema is a new migration. A week's number,
    /// the settled condition and the triggers' closing statement are each written once below; the
    /// text they make is the one that shipped, byte for byte (MigrationTextTests holds its hash).
    static let v20 = Migration("v20-alert-weeks", sql: """
        CREATE VIEW alert_week_facts AS
          SELECT m.team_id, a.opened_at AS alert_opened_at, f.alert_id,
            \(week("f.opened_at")) AS week,
            (f.assigned_now OR f.first_assigned_at IS NOT NULL) AS assigned, f.first_note_at IS NOT NULL AS noted,
            max(0, f.first_response_at - f.opened_at) AS seconds
          FROM models m JOIN drift_alerts a ON a.model_id = m.id JOIN alert_facts f ON f.alert_id = a.id
          WHERE m.team_id IS NOT NULL
            AND \(settled("f."));
        CREATE VIEW alert_week_rows AS
          SELECT week, team_id, sum(assigned) AS assigned, sum(noted) AS noted, group_concat(seconds) AS seconds
          FROM (SELECT week, team_id, assigned, noted, seconds FROM alert_week_facts ORDER BY week, team_id, seconds)
          GROUP BY week, team_id;

        CREATE TABLE alert_weeks (
            week INTEGER NOT NULL, team_id INTEGER NOT NULL, assigned INTEGER NOT NULL, noted INTEGER NOT NULL, seconds TEXT NOT NULL,
            PRIMARY KEY (week, team_id)) WITHOUT ROWID;
        INSERT INTO alert_weeks (week, team_id, assigned, noted, seconds) SELECT week, team_id, assigned, noted, seconds FROM alert_week_rows;

        CREATE INDEX alert_facts_unsettled ON alert_facts(
            opened_at, model_id, assigned_now, first_assigned_at, first_note_at, first_response_at)
          WHERE NOT (\(settled("")));

        \(rowTrigger("insert", "NEW"))
        \(rowTrigger("delete", "OLD"))
        CREATE TRIGGER alert_facts_update_weeks AFTER UPDATE ON alert_facts
          WHEN OLD.alert_id IS NOT NEW.alert_id OR OLD.model_id IS NOT NEW.model_id OR OLD.opened_at IS NOT NEW.opened_at
            OR OLD.assigned_now IS NOT NEW.assigned_now OR OLD.first_assigned_at IS NOT NEW.first_assigned_at
            OR OLD.first_note_at IS NOT NEW.first_note_at OR OLD.first_response_at IS NOT NEW.first_response_at BEGIN
            DELETE FROM alert_weeks WHERE (week, team_id) IN (
              SELECT \(week("OLD.opened_at")), team_id
              FROM models WHERE id = OLD.model_id
              UNION SELECT \(week("NEW.opened_at")), team_id
              FROM models WHERE id = NEW.model_id);
        \(rebuild("""
            SELECT team_id, \(week("OLD.opened_at")) AS week
                          FROM models WHERE id = OLD.model_id
                          UNION SELECT team_id, \(week("NEW.opened_at"))
                          FROM models WHERE id = NEW.model_id
            """))
        END;
        CREATE TRIGGER models_update_alert_weeks AFTER UPDATE OF team_id ON models WHEN OLD.team_id IS NOT NEW.team_id BEGIN
            DELETE FROM alert_weeks WHERE team_id IN (OLD.team_id, NEW.team_id) AND week IN (
              SELECT \(week("a.opened_at"))
              FROM drift_alerts a WHERE a.model_id = NEW.id
              UNION SELECT \(week("f.opened_at"))
              FROM drift_alerts a JOIN alert_facts f ON f.alert_id = a.id WHERE a.model_id = NEW.id);
        \(rebuild("""
            SELECT t.team_id, w.week FROM (SELECT OLD.team_id AS team_id UNION SELECT NEW.team_id) t,
                            (SELECT \(week("a.opened_at")) AS week
                             FROM drift_alerts a WHERE a.model_id = NEW.id
                             UNION SELECT \(week("f.opened_at"))
                             FROM drift_alerts a JOIN alert_facts f ON f.alert_id = a.id WHERE a.model_id = NEW.id) w
                          WHERE t.team_id IS NOT NULL
            """))
        END;
        """)

    /// The week (seven UTC days from a day divisible by seven) of a time in seconds, rounding down.
    private static func week(_ time: String) -> String {
        "(\(time) / 86400 - (\(time) % 86400 < 0)) / 7 - ((\(time) / 86400 - (\(time) % 86400 < 0)) % 7 < 0)"
    }

    /// An alert's facts (columns named with `table`) are whole numbers all known before its week
    /// ends. Its continued lines stand where the view's and the index's do. The reader of the
    /// unsettled alerts says the index's condition with it, so the two cannot part.
    static func settled(_ table: String) -> String {
        """
        typeof(\(table)opened_at) = 'integer' AND typeof(\(table)first_response_at) = 'integer'
            AND \(table)opened_at BETWEEN -4000000000000 AND 4000000000000
            AND \(table)first_response_at BETWEEN -4000000000000 AND 4000000000000
            AND max(\(table)first_response_at, coalesce(\(table)first_note_at, \(table)first_response_at),
                    CASE WHEN \(table)assigned_now THEN \(table)first_response_at ELSE coalesce(\(table)first_assigned_at, \(table)first_response_at) END)
                < (\(week("\(table)opened_at"))) * 604800 + 604800
        """
    }

    /// The trigger on an insert or a delete of an alert fact: the week of the row (`NEW`, `OLD`)
    /// worked out again.
    private static func rowTrigger(_ event: String, _ row: String) -> String {
        """
        CREATE TRIGGER alert_facts_\(event)_weeks AFTER \(event.uppercased()) ON alert_facts BEGIN
            DELETE FROM alert_weeks WHERE (week, team_id) IN (
              SELECT \(week("\(row).opened_at")), team_id
              FROM models WHERE id = \(row).model_id);
        \(rebuild("""
            SELECT team_id, \(week("\(row).opened_at")) AS week
                          FROM models WHERE id = \(row).model_id
            """))
        END;
        """
    }

    /// Each trigger's closing statement: the rows of the teams and weeks `keys` selects, worked out
    /// again. A batch (`KeptBatch`) settles its teams and weeks with it too.
    static func rebuild(_ keys: String) -> String {
        """
            INSERT INTO alert_weeks (week, team_id, assigned, noted, seconds)
              SELECT week, team_id, sum(assigned), sum(noted), group_concat(seconds) FROM (
                SELECT v.week, v.team_id, v.assigned, v.noted, v.seconds
                FROM (\(keys)) k
                  CROSS JOIN alert_week_facts v
                WHERE v.team_id = k.team_id AND v.alert_opened_at >= k.week * 604800 AND v.alert_opened_at < k.week * 604800 + 604800 AND v.week = k.week
                ORDER BY v.week, v.team_id, v.seconds)
              GROUP BY week, team_id;
        """
    }
}
