-- SQLite-specific: full-text index over the evidence sentences of
-- mentions, for the q filter of event queries. The store inserts index
-- rows itself in the transaction that inserts the mention (a trigger would
-- flush the index at every statement, see 0003); triggers handle deletes
-- and updates.
CREATE VIRTUAL TABLE mentions_fts USING fts5 (
    evidence_text,
    content = 'mentions', content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TRIGGER mentions_fts_ad AFTER DELETE ON mentions BEGIN
    INSERT INTO mentions_fts (mentions_fts, rowid, evidence_text) VALUES ('delete', old.seq, old.evidence_text);
END;

CREATE TRIGGER mentions_fts_au AFTER UPDATE OF evidence_text ON mentions BEGIN
    INSERT INTO mentions_fts (mentions_fts, rowid, evidence_text) VALUES ('delete', old.seq, old.evidence_text);
    INSERT INTO mentions_fts (rowid, evidence_text) VALUES (new.seq, new.evidence_text);
END;
