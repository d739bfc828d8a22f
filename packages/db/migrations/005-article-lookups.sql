-- Lookups by URL and by content hash return the newest (or oldest) rows first. With an index on
-- the key alone the planner may walk the primary key instead, which grows with the archive;
-- (key, id) answers "WHERE key = $1 ORDER BY id LIMIT n" from the index alone.
CREATE INDEX articles_content_hash_id_idx ON articles (content_hash, id);
CREATE INDEX articles_canonical_url_id_idx ON articles (canonical_url, id);
CREATE INDEX articles_url_id_idx ON articles (url, id);
DROP INDEX articles_content_hash_idx;
DROP INDEX articles_canonical_url_idx;
DROP INDEX articles_url_idx;
