-- Articles exactly as read. seq is the integer key the full-text index
-- refers to; id is the caller's identifier. Dates are YYYY-MM-DD text (the empty
-- string when unknown) so they sort and compare as strings on every database.
CREATE TABLE articles (
    seq          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    date         TEXT NOT NULL DEFAULT '',
    title        TEXT NOT NULL DEFAULT '',
    text         TEXT NOT NULL,
    url          TEXT NOT NULL DEFAULT '',
    source       TEXT NOT NULL DEFAULT '',
    origin       TEXT NOT NULL DEFAULT '',
    hash         TEXT NOT NULL UNIQUE,
    sketch       BIGINT NOT NULL DEFAULT 0,
    duplicate_of TEXT,
    notes        TEXT NOT NULL DEFAULT '',
    added        TEXT NOT NULL
);

CREATE INDEX articles_date ON articles (date, seq);

-- The four 16-bit bands of each article's 64-bit SimHash. Two sketches
-- within Hamming distance 3 agree on at least one band (pigeonhole), so
-- near-duplicate candidates are the articles sharing a band value.
CREATE TABLE sketch_bands (
    band        INTEGER NOT NULL,
    value       INTEGER NOT NULL,
    article_seq INTEGER NOT NULL REFERENCES articles (seq) ON DELETE CASCADE,
    PRIMARY KEY (band, value, article_seq)
);
