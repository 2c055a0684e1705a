-- SQLite-specific. An FTS5 table flushes its pending index data at every
-- statement savepoint, and a trigger-fired insert opens one per article,
-- which made ingest write one tiny index segment per article. Inserts into
-- articles_fts are now done by the store in the same transaction as the
-- article insert; deletes and updates stay with the triggers.
DROP TRIGGER IF EXISTS articles_fts_ai;
