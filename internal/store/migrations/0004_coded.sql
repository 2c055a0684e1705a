-- What the coder found: sentences, event mentions (every field of
-- chronicle.Mention), the claims some mentions carry, and the events that
-- mentions of one happening are clustered into. Dates are YYYY-MM-DD text
-- ('' when unknown); day is the same date as days since 1970-01-01, for
-- timeline buckets.

CREATE TABLE sentences (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,
    start_off  INTEGER NOT NULL,
    end_off    INTEGER NOT NULL,
    PRIMARY KEY (article_id, idx)
);

-- coded records which coder version last coded an article, so runs resume
-- and recode only what changed.
CREATE TABLE coded (
    article_id    TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    coder_version TEXT NOT NULL,
    coded_at      TEXT NOT NULL
);

CREATE TABLE mentions (
    seq             INTEGER PRIMARY KEY,
    id              TEXT NOT NULL UNIQUE,
    event_id        TEXT,
    article_id      TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    sentence        INTEGER NOT NULL,
    date            TEXT NOT NULL DEFAULT '',
    date_precision  TEXT NOT NULL DEFAULT '',
    date_from       TEXT NOT NULL DEFAULT '',
    date_text       TEXT,
    date_start      INTEGER,
    date_end        INTEGER,
    src_code        TEXT NOT NULL DEFAULT '',
    src_text        TEXT NOT NULL DEFAULT '',
    src_entity      TEXT NOT NULL DEFAULT '',
    src_start       INTEGER NOT NULL DEFAULT 0,
    src_end         INTEGER NOT NULL DEFAULT 0,
    src_res_text    TEXT,
    src_res_start   INTEGER,
    src_res_end     INTEGER,
    tgt_code        TEXT NOT NULL DEFAULT '',
    tgt_text        TEXT NOT NULL DEFAULT '',
    tgt_entity      TEXT NOT NULL DEFAULT '',
    tgt_start       INTEGER NOT NULL DEFAULT 0,
    tgt_end         INTEGER NOT NULL DEFAULT 0,
    tgt_res_text    TEXT,
    tgt_res_start   INTEGER,
    tgt_res_end     INTEGER,
    code            TEXT NOT NULL DEFAULT '',
    root            TEXT NOT NULL DEFAULT '',
    quad_class      INTEGER NOT NULL DEFAULT 0,
    goldstein       DOUBLE PRECISION NOT NULL DEFAULT 0,
    plover_type     TEXT NOT NULL DEFAULT '',
    plover_mode     TEXT NOT NULL DEFAULT '',
    plover_context  TEXT NOT NULL DEFAULT '',
    modality        TEXT NOT NULL DEFAULT '',
    has_location    INTEGER NOT NULL DEFAULT 0,
    loc_name        TEXT NOT NULL DEFAULT '',
    loc_country     TEXT NOT NULL DEFAULT '',
    loc_admin1      TEXT NOT NULL DEFAULT '',
    loc_geoname_id  INTEGER NOT NULL DEFAULT 0,
    loc_lat         DOUBLE PRECISION NOT NULL DEFAULT 0,
    loc_lon         DOUBLE PRECISION NOT NULL DEFAULT 0,
    loc_precision   TEXT NOT NULL DEFAULT '',
    loc_ev_text     TEXT,
    loc_ev_start    INTEGER,
    loc_ev_end      INTEGER,
    issues          TEXT NOT NULL DEFAULT '',
    evidence_text   TEXT NOT NULL DEFAULT '',
    evidence_start  INTEGER NOT NULL DEFAULT 0,
    evidence_end    INTEGER NOT NULL DEFAULT 0,
    verb_text       TEXT NOT NULL DEFAULT '',
    verb_start      INTEGER NOT NULL DEFAULT 0,
    verb_end        INTEGER NOT NULL DEFAULT 0,
    pattern         TEXT NOT NULL DEFAULT '',
    coder_version   TEXT NOT NULL DEFAULT ''
);

CREATE INDEX mentions_article ON mentions (article_id);
CREATE INDEX mentions_event ON mentions (event_id);
-- Clustering looks up the mentions that could join an event.
CREATE INDEX mentions_cluster ON mentions (src_code, tgt_code, root, date);

CREATE TABLE claims (
    mention_seq     INTEGER PRIMARY KEY REFERENCES mentions (seq) ON DELETE CASCADE,
    id              TEXT NOT NULL DEFAULT '',
    article_id      TEXT NOT NULL,
    sentence        INTEGER NOT NULL,
    speaker_code    TEXT NOT NULL DEFAULT '',
    speaker_text    TEXT NOT NULL DEFAULT '',
    speaker_entity  TEXT NOT NULL DEFAULT '',
    speaker_start   INTEGER NOT NULL DEFAULT 0,
    speaker_end     INTEGER NOT NULL DEFAULT 0,
    verb_text       TEXT NOT NULL DEFAULT '',
    verb_start      INTEGER NOT NULL DEFAULT 0,
    verb_end        INTEGER NOT NULL DEFAULT 0,
    content_text    TEXT NOT NULL DEFAULT '',
    content_start   INTEGER NOT NULL DEFAULT 0,
    content_end     INTEGER NOT NULL DEFAULT 0,
    has_addressee   INTEGER NOT NULL DEFAULT 0,
    addr_code       TEXT NOT NULL DEFAULT '',
    addr_text       TEXT NOT NULL DEFAULT '',
    addr_entity     TEXT NOT NULL DEFAULT '',
    addr_start      INTEGER NOT NULL DEFAULT 0,
    addr_end        INTEGER NOT NULL DEFAULT 0,
    stance          TEXT NOT NULL DEFAULT ''
);

CREATE TABLE events (
    id              TEXT PRIMARY KEY,
    date            TEXT NOT NULL DEFAULT '',
    day             INTEGER NOT NULL DEFAULT 0,
    src_code        TEXT NOT NULL DEFAULT '',
    src_text        TEXT NOT NULL DEFAULT '',
    src_entity      TEXT NOT NULL DEFAULT '',
    src_country     TEXT NOT NULL DEFAULT '',
    tgt_code        TEXT NOT NULL DEFAULT '',
    tgt_text        TEXT NOT NULL DEFAULT '',
    tgt_entity      TEXT NOT NULL DEFAULT '',
    tgt_country     TEXT NOT NULL DEFAULT '',
    code            TEXT NOT NULL DEFAULT '',
    root            TEXT NOT NULL DEFAULT '',
    quad_class      INTEGER NOT NULL DEFAULT 0,
    goldstein       DOUBLE PRECISION NOT NULL DEFAULT 0,
    plover_type     TEXT NOT NULL DEFAULT '',
    plover_mode     TEXT NOT NULL DEFAULT '',
    plover_context  TEXT NOT NULL DEFAULT '',
    modality        TEXT NOT NULL DEFAULT '',
    has_location    INTEGER NOT NULL DEFAULT 0,
    loc_name        TEXT NOT NULL DEFAULT '',
    loc_country     TEXT NOT NULL DEFAULT '',
    loc_admin1      TEXT NOT NULL DEFAULT '',
    loc_geoname_id  INTEGER NOT NULL DEFAULT 0,
    loc_lat         DOUBLE PRECISION NOT NULL DEFAULT 0,
    loc_lon         DOUBLE PRECISION NOT NULL DEFAULT 0,
    loc_precision   TEXT NOT NULL DEFAULT '',
    num_mentions    INTEGER NOT NULL DEFAULT 0,
    num_articles    INTEGER NOT NULL DEFAULT 0,
    num_sources     INTEGER NOT NULL DEFAULT 0
);

-- Event listings are ordered newest first by (date, id); each filter has
-- an index leading with its column and ending with that order.
CREATE INDEX events_date ON events (date, id);
CREATE INDEX events_src ON events (src_code, date, id);
CREATE INDEX events_tgt ON events (tgt_code, date, id);
CREATE INDEX events_code ON events (code, date, id);
CREATE INDEX events_root ON events (root, date, id);
CREATE INDEX events_plover ON events (plover_type, date, id);
CREATE INDEX events_loc_country ON events (loc_country, date, id);
CREATE INDEX events_src_country ON events (src_country, date, id);
CREATE INDEX events_tgt_country ON events (tgt_country, date, id);
-- Covering index for the actor network.
CREATE INDEX events_dyad ON events (src_code, tgt_code, quad_class, goldstein, day);

-- Per-day totals of dated events for unfiltered timelines, kept by
-- triggers in the transaction that changes events.
CREATE TABLE event_days (
    day            INTEGER NOT NULL,
    quad_class     INTEGER NOT NULL,
    plover_type    TEXT NOT NULL,
    n              INTEGER NOT NULL,
    goldstein_sum  DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (day, quad_class, plover_type)
);

CREATE TRIGGER events_days_ai AFTER INSERT ON events WHEN new.date <> '' BEGIN
    INSERT INTO event_days (day, quad_class, plover_type, n, goldstein_sum)
    VALUES (new.day, new.quad_class, new.plover_type, 1, new.goldstein)
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
    INSERT INTO event_days (day, quad_class, plover_type, n, goldstein_sum)
    VALUES (new.day, new.quad_class, new.plover_type, 1, new.goldstein)
    ON CONFLICT (day, quad_class, plover_type) DO UPDATE
    SET n = n + 1, goldstein_sum = goldstein_sum + excluded.goldstein_sum;
END;
