import GRDB

extension StoreSchema {
    /// v19: v12's run_days summed again by week, so a window's whole weeks are one row per team,
    /// production and late finish instead of seven: a 90-day window walked ~6,700 rows of
    /// run_days on the benchmark's million runs (17 ms of the window figures' SQL), and walks
    /// twelve weeks of run_weeks and at most 13 days (docs/BENCHMARKS.md).
    ///
    /// A week is seven UTC days from a day divisible by seven (`day / 7`, floored, also before
    /// 1970). What "finished by as_of" needs of a run's finish day is kept as `late`: the finish
    /// day itself when it falls after the week, else the week's last day, so the finishes within
    /// the week fall into one row. A window reads from here only weeks that end before its last
    /// day, where `late < last day` says exactly what `finish_day < last day` says of their days.
    ///
    /// Kept from run_days itself by triggers on it (as actor_last is kept from actor_days), so
    /// every way run_days is written — a run's triggers, a batch's settling, a refill — keeps
    /// the weeks with it. A day's row that changes has its week's row summed again from the
    /// week's days (a handful of rows through run_days_by_team), not added to and taken from: a
    /// sum that once held an infinite cost could only take it away as NaN. A week whose days hold
    /// both infinities sums to NaN, which SQLite stores as NULL: its cost is then 0, as the
    /// row-by-row reading's `coalesce(sum(…), 0)` has it, not a refused write. `run_week_rows` says
    /// once what run_weeks should hold, for the refill and `doctor`. The primary key is week
    /// first: a window reads its weeks as one range, as it reads run_days' days.
    /// Frozen: the text that shipped. A change to the schema is a new migration. The statements
    /// that work a row's week out again are written once (`rebuildWeek`); the text they make is
    /// the one that shipped, byte for byte (MigrationTextTests holds its hash).
    static let v19 = Migration("v19-run-weeks", sql: """
        CREATE VIEW run_day_weeks AS
          SELECT team_id, production, day, day / 7 - (day % 7 < 0) AS week,
            max(finish_day, (day / 7 - (day % 7 < 0)) * 7 + 6) AS late, runs, automatic, cost, finished, succeeded
          FROM run_days;
        CREATE VIEW run_week_rows AS
          SELECT team_id, production, week, late, sum(runs) AS runs, sum(automatic) AS automatic, coalesce(sum(cost), 0.0) AS cost,
            sum(finished) AS finished, sum(succeeded) AS succeeded
          FROM run_day_weeks GROUP BY team_id, production, week, late;

        CREATE TABLE run_weeks (
            team_id INTEGER NOT NULL, production INTEGER NOT NULL, week INTEGER NOT NULL, late INTEGER NOT NULL,
            runs INTEGER NOT NULL, automatic INTEGER NOT NULL, cost REAL NOT NULL,
            finished INTEGER NOT NULL, succeeded INTEGER NOT NULL,
            PRIMARY KEY (week, team_id, production, late)) WITHOUT ROWID;
        INSERT INTO run_weeks (team_id, production, week, late, runs, automatic, cost, finished, succeeded)
          SELECT team_id, production, week, late, runs, automatic, cost, finished, succeeded FROM run_week_rows;

        CREATE TRIGGER run_days_insert_weeks AFTER INSERT ON run_days BEGIN
        \(rebuildWeek("NEW"))
        END;
        CREATE TRIGGER run_days_delete_weeks AFTER DELETE ON run_days BEGIN
        \(rebuildWeek("OLD"))
        END;
        CREATE TRIGGER run_days_update_weeks AFTER UPDATE ON run_days BEGIN
        \(rebuildWeek("OLD"))
        \(rebuildWeek("NEW"))
        END;
        """)

    /// The run_weeks row of `row`'s team, production flag, week and late day, worked out again.
    private static func rebuildWeek(_ row: String) -> String {
        let week = "\(row).day / 7 - (\(row).day % 7 < 0)"
        let late = "max(\(row).finish_day, (\(week)) * 7 + 6)"
        return """
                DELETE FROM run_weeks WHERE team_id = \(row).team_id AND production = \(row).production
                  AND week = \(week) AND late = \(late);
                INSERT INTO run_weeks (team_id, production, week, late, runs, automatic, cost, finished, succeeded)
                  SELECT team_id, production, week, late, sum(runs), sum(automatic), coalesce(sum(cost), 0.0), sum(finished), sum(succeeded)
                  FROM run_day_weeks WHERE team_id = \(row).team_id AND production = \(row).production
                    AND day BETWEEN (\(week)) * 7 AND (\(week)) * 7 + 6 AND late = \(late)
                  GROUP BY team_id, production, week, late;
            """
    }
}
