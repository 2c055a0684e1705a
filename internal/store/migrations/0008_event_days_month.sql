-- Monthly timelines summed thousands of per-day rows outside the
-- database; with the month number (year * 12 + month - 1) on each row the
-- database groups them itself. The totals are derived data: rebuilt here,
-- and kept by the recreated triggers.
DROP TRIGGER events_days_ai;
DROP TRIGGER events_days_ad;
DROP TRIGGER events_days_au_old;
DROP TRIGGER events_days_au_new;
DROP TABLE event_days;

CREATE TABLE event_days (
    day            INTEGER NOT NULL,
    month          INTEGER NOT NULL,
    quad_class     INTEGER NOT NULL,
    plover_type    TEXT NOT NULL,
    n              INTEGER NOT NULL,
    goldstein_sum  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (day, quad_class, plover_type)
);

INSERT INTO event_days (day, month, quad_class, plover_type, n, goldstein_sum)
SELECT day, CAST(substr(date, 1, 4) AS INTEGER) * 12 + CAST(substr(date, 6, 2) AS INTEGER) - 1,
       quad_class, plover_type, COUNT(*), SUM(goldstein)
FROM events WHERE date <> ''
GROUP BY day, CAST(substr(date, 1, 4) AS INTEGER) * 12 + CAST(substr(date, 6, 2) AS INTEGER) - 1, quad_class, plover_type;

CREATE TRIGGER events_days_ai AFTER INSERT ON events WHEN new.date <> '' BEGIN
    INSERT INTO event_days (day, month, quad_class, plover_type, n, goldstein_sum)
    VALUES (new.day, CAST(substr(new.date, 1, 4) AS INTEGER) * 12 + CAST(substr(new.date, 6, 2) AS INTEGER) - 1,
            new.quad_class, new.plover_type, 1, new.goldstein)
    ON CONFLICT (day, quad_class, plover_type) DO UPDATE
    SET n = n + 1, goldstein_sum = goldstein_sum + excluded.goldstein_sum;
END;

CREATE TRIGGER events_days_ad AFTER DELETE ON events WHEN old.date <> '' BEGIN
    UPDATE event_days SET n = n - 1, goldstein_sum = goldstein_sum - old.goldstein
    WHERE day = old.day AND quad_class = old.quad_class AND plover_type = old.plover_type;
END;

CREATE TRIGGER events_days_au_old AFTER UPDATE OF date, day, quad_class, plover_type, goldstein ON events
WHEN old.date <> '' BEGIN
    UPDATE event_days SET n = n - 1, goldstein_sum = goldstein_sum - old.goldstein
    WHERE day = old.day AND quad_class = old.quad_class AND plover_type = old.plover_type;
END;

CREATE TRIGGER events_days_au_new AFTER UPDATE OF date, day, quad_class, plover_type, goldstein ON events
WHEN new.date <> '' BEGIN
    INSERT INTO event_days (day, month, quad_class, plover_type, n, goldstein_sum)
    VALUES (new.day, CAST(substr(new.date, 1, 4) AS INTEGER) * 12 + CAST(substr(new.date, 6, 2) AS INTEGER) - 1,
            new.quad_class, new.plover_type, 1, new.goldstein)
    ON CONFLICT (day, quad_class, plover_type) DO UPDATE
    SET n = n + 1, goldstein_sum = goldstein_sum + excluded.goldstein_sum;
END;
