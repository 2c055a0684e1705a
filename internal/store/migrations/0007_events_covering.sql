-- Timelines and networks aggregate many events. When they are driven by a
-- date range or an actor, these wider indexes hold every column the
-- aggregation reads and most filters test, so it never visits the table
-- rows. They keep the (date, id) order that event listings page through.
DROP INDEX events_date;
CREATE INDEX events_date ON events (date, id, day, quad_class, plover_type, goldstein,
    src_code, tgt_code, code, root, modality, loc_country);
DROP INDEX events_src;
CREATE INDEX events_src ON events (src_code, date, id, day, quad_class, plover_type, goldstein,
    tgt_code, code, root, modality, loc_country);
DROP INDEX events_tgt;
CREATE INDEX events_tgt ON events (tgt_code, date, id, day, quad_class, plover_type, goldstein,
    src_code, code, root, modality, loc_country);
