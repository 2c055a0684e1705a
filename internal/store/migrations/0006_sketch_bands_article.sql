-- Deleting an article must find its band rows (the foreign key cascade);
-- without this index that was a scan of the whole table.
CREATE INDEX sketch_bands_article ON sketch_bands (article_seq);
