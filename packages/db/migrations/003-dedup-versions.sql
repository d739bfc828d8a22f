-- 003-dedup-versions: exact duplicates (works), near-duplicate fingerprints and links, versions.
-- The views are part of the contract for downstream readers (docs/schema.md).

-- The newest pipeline result of each capture: reprocessing adds rows beside the old ones,
-- and everything below (works, versions) reads the current one. Written as an anti-join,
-- not DISTINCT ON, so that a filter on canonical_url or content_hash reaches the indexes.
CREATE VIEW current_articles AS
SELECT
  a.id, a.capture_id, a.submission_id, a.url, a.canonical_url, a.declared_canonical_url, a.title,
  a.site_name, a.lang, a.published_at, a.text, a.content_hash, a.raw_sha256, a.versions,
  a.pipeline_version, a.created_at, c.fetched_at
FROM articles a
JOIN captures c ON c.id = a.capture_id
WHERE NOT EXISTS (SELECT 1 FROM articles n WHERE n.capture_id = a.capture_id AND n.id > a.id);

-- A work is one normalized text, wherever it was published: one row per content hash, with
-- how many captures (pages, sites) carry it. Two sites with different boilerplate around the
-- same text clean to the same hash, hence to one work.
CREATE VIEW works AS
SELECT
  content_hash,
  min(id)                       AS first_article_id,
  count(*)                      AS capture_count,
  count(DISTINCT canonical_url) AS url_count,
  min(fetched_at)               AS first_fetched_at,
  max(fetched_at)               AS last_fetched_at
FROM current_articles
GROUP BY content_hash;

-- The captures of each work, oldest first within a work.
CREATE VIEW work_captures AS
SELECT content_hash, id AS article_id, capture_id, url, canonical_url, site_name, title, fetched_at
FROM current_articles;

-- Versions: per canonical URL, captures in fetch order; a capture whose content hash differs
-- from the capture before it starts a new version (so A, B, A is three versions). Every
-- capture is kept; a version's article is its first capture's.
CREATE VIEW article_history AS
SELECT
  s.canonical_url,
  sum(CASE WHEN s.prev_hash IS DISTINCT FROM s.content_hash THEN 1 ELSE 0 END)
    OVER (PARTITION BY s.canonical_url ORDER BY s.fetched_at, s.capture_id ROWS UNBOUNDED PRECEDING) AS version,
  s.id AS article_id, s.capture_id, s.content_hash, s.fetched_at, s.title
FROM (
  SELECT ca.*, lag(ca.content_hash) OVER (PARTITION BY ca.canonical_url ORDER BY ca.fetched_at, ca.capture_id) AS prev_hash
  FROM current_articles ca
) s;

-- One row per version, linked to the version before it.
CREATE VIEW article_versions AS
SELECT
  v.canonical_url, v.version, v.article_id, v.content_hash, v.capture_count, v.first_fetched_at, v.last_fetched_at,
  lag(v.article_id) OVER w   AS previous_article_id,
  lag(v.content_hash) OVER w AS previous_content_hash,
  v.version = max(v.version) OVER (PARTITION BY v.canonical_url) AS is_latest
FROM (
  SELECT
    canonical_url, version,
    (array_agg(article_id ORDER BY fetched_at, capture_id))[1] AS article_id,
    min(content_hash) AS content_hash,
    count(*)          AS capture_count,
    min(fetched_at)   AS first_fetched_at,
    max(fetched_at)   AS last_fetched_at
  FROM article_history
  GROUP BY canonical_url, version
) v
WINDOW w AS (PARTITION BY v.canonical_url ORDER BY v.version);

CREATE VIEW latest_article_versions AS
SELECT * FROM article_versions WHERE is_latest;

-- Near-duplicates. Each article's text gets LSH band buckets (see @vellum/core fingerprint.ts);
-- articles sharing a bucket in some band are candidates, found through the primary key index
-- without scanning the archive. article_fingerprints records that an article was indexed (a
-- short text has a fingerprint but no bands).
CREATE TABLE article_fingerprints (
  article_id    bigint      PRIMARY KEY REFERENCES articles (id),
  method        text        NOT NULL,
  shingle_count integer     NOT NULL CHECK (shingle_count >= 0),
  created_at    timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE article_lsh_bands (
  band       smallint NOT NULL CHECK (band >= 0),
  bucket     integer  NOT NULL,
  article_id bigint   NOT NULL REFERENCES article_fingerprints (article_id),
  PRIMARY KEY (band, bucket, article_id)
);
CREATE INDEX article_lsh_bands_article_idx ON article_lsh_bands (article_id);

-- A link is recorded by the newer article (article_id) to an older one it resembles, with the
-- similarity score (exact Jaccard of word 3-shingle sets) and the method that computed it.
CREATE TABLE article_links (
  article_id        bigint           NOT NULL REFERENCES articles (id),
  linked_article_id bigint           NOT NULL REFERENCES articles (id),
  kind              text             NOT NULL,
  score             double precision NOT NULL,
  method            text             NOT NULL,
  created_at        timestamptz      NOT NULL DEFAULT now(),
  PRIMARY KEY (article_id, linked_article_id, kind),
  CONSTRAINT article_links_kind_check CHECK (kind IN ('near-duplicate')),
  CONSTRAINT article_links_score_check CHECK (score >= 0 AND score <= 1),
  CONSTRAINT article_links_distinct_check CHECK (article_id <> linked_article_id)
);
CREATE INDEX article_links_linked_idx ON article_links (linked_article_id);

-- Reprocess and verify select captures by fetch time and articles by capture.
CREATE INDEX IF NOT EXISTS articles_capture_idx ON articles (capture_id, id);
