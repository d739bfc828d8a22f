-- 001-foundation: schema v1 of the Vellum archive.
-- The contract for downstream readers is docs/schema.md; keep it in step with this file.
-- Applied migrations are checksummed: never edit this file once released, add 002-... instead.
-- Constraints are named so later migrations can replace them (e.g. to admit a new status).

CREATE TABLE submissions (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url             text        NOT NULL,
  normalized_url  text        NOT NULL,
  submitted_by    text        NOT NULL,
  source          text        NOT NULL,
  submitted_at    timestamptz NOT NULL DEFAULT now(),
  priority        integer     NOT NULL DEFAULT 0,
  status          text        NOT NULL DEFAULT 'queued',
  status_reason   text,
  attempts        integer     NOT NULL DEFAULT 0,
  updated_at      timestamptz NOT NULL DEFAULT now(),
  capture_id      bigint,
  article_id      bigint,
  options         jsonb       NOT NULL DEFAULT '{}'::jsonb,
  idempotency_key text,
  CONSTRAINT submissions_idempotency_key_key UNIQUE (idempotency_key),
  CONSTRAINT submissions_status_check
    CHECK (status IN ('queued', 'fetching', 'fetched', 'processed', 'failed', 'unchanged')),
  CONSTRAINT submissions_attempts_check CHECK (attempts >= 0),
  CONSTRAINT submissions_source_check CHECK (source <> '')
);
CREATE INDEX submissions_normalized_url_idx ON submissions (normalized_url);
CREATE INDEX submissions_url_idx ON submissions (url);
CREATE INDEX submissions_status_idx ON submissions (status, id);

-- Raw response bodies, content-addressed: an identical body is stored once. The check makes
-- the key a proof of the bytes, so a body can never silently differ from its hash.
CREATE TABLE bodies (
  sha256     text        PRIMARY KEY,
  bytes      bytea       NOT NULL,
  size       integer     GENERATED ALWAYS AS (octet_length(bytes)) STORED,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT bodies_sha256_format CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  CONSTRAINT bodies_sha256_matches CHECK (sha256 = encode(sha256(bytes), 'hex'))
);

CREATE TABLE captures (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  submission_id    bigint      REFERENCES submissions (id),
  capture_key      text,
  origin           text        NOT NULL DEFAULT 'http',
  requested_url    text        NOT NULL,
  final_url        text,
  redirect_chain   jsonb       NOT NULL DEFAULT '[]'::jsonb,
  http_status      integer,
  request_headers  jsonb       NOT NULL DEFAULT '[]'::jsonb,
  response_headers jsonb       NOT NULL DEFAULT '[]'::jsonb,
  fetched_at       timestamptz NOT NULL DEFAULT now(),
  body_sha256      text        REFERENCES bodies (sha256),
  content_type     text,
  charset          text,
  fetcher_version  text        NOT NULL,
  source_path      text,
  etag             text,
  last_modified    text,
  outcome          text        NOT NULL,
  failure_reason   text,
  truncated        boolean     NOT NULL DEFAULT false,
  revisit_of       bigint      REFERENCES captures (id),
  remote_address   text,
  meta             jsonb       NOT NULL DEFAULT '{}'::jsonb,
  CONSTRAINT captures_capture_key_key UNIQUE (capture_key),
  CONSTRAINT captures_origin_check CHECK (origin IN ('http', 'file')),
  CONSTRAINT captures_outcome_check CHECK (outcome IN ('ok', 'not-modified', 'failed')),
  CONSTRAINT captures_failure_reason_check CHECK (outcome <> 'failed' OR failure_reason IS NOT NULL)
);
CREATE INDEX captures_submission_idx ON captures (submission_id);
CREATE INDEX captures_requested_url_idx ON captures (requested_url, fetched_at DESC);
CREATE INDEX captures_final_url_idx ON captures (final_url, fetched_at DESC);
CREATE INDEX captures_body_idx ON captures (body_sha256);
CREATE INDEX captures_fetched_at_idx ON captures (fetched_at);

CREATE TABLE articles (
  id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  capture_id             bigint      NOT NULL REFERENCES captures (id),
  submission_id          bigint      REFERENCES submissions (id),
  url                    text        NOT NULL,
  canonical_url          text        NOT NULL,
  declared_canonical_url text,
  og_url                 text,
  title                  text,
  byline                 text,
  authors                jsonb       NOT NULL DEFAULT '[]'::jsonb,
  site_name              text,
  lang                   text,
  published_at           timestamptz,
  published_text         text,
  excerpt                text,
  text                   text        NOT NULL,
  content_hash           text        NOT NULL,
  raw_sha256             text        NOT NULL,
  charset                text,
  removed                jsonb       NOT NULL DEFAULT '[]'::jsonb,
  media                  jsonb       NOT NULL DEFAULT '[]'::jsonb,
  versions               jsonb       NOT NULL,
  pipeline_version       text        NOT NULL,
  created_at             timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT articles_capture_pipeline_key UNIQUE (capture_id, pipeline_version)
);
CREATE INDEX articles_canonical_url_idx ON articles (canonical_url);
CREATE INDEX articles_content_hash_idx ON articles (content_hash);
CREATE INDEX articles_url_idx ON articles (url);
CREATE INDEX articles_submission_idx ON articles (submission_id);

ALTER TABLE submissions
  ADD CONSTRAINT submissions_capture_fk FOREIGN KEY (capture_id) REFERENCES captures (id),
  ADD CONSTRAINT submissions_article_fk FOREIGN KEY (article_id) REFERENCES articles (id);

-- The audit log. clock_timestamp(), not now(): several events in one transaction keep their
-- real order in time as well as in id.
CREATE TABLE events (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  entity    text        NOT NULL,
  entity_id bigint,
  action    text        NOT NULL,
  actor     text,
  at        timestamptz NOT NULL DEFAULT clock_timestamp(),
  details   jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX events_entity_idx ON events (entity, entity_id, id);
CREATE INDEX events_at_idx ON events (at);

CREATE FUNCTION events_reject_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'events is append-only: % is not allowed', TG_OP
    USING ERRCODE = 'restrict_violation';
END
$$;
CREATE TRIGGER events_append_only
  BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION events_reject_change();
CREATE TRIGGER events_no_truncate
  BEFORE TRUNCATE ON events
  FOR EACH STATEMENT EXECUTE FUNCTION events_reject_change();

-- Stable views for downstream tools (docs/schema.md). Columns may be added, never renamed or
-- removed without a major version of the schema.

-- The newest article for each canonical URL: the most recent capture wins, and among results
-- of one capture, the most recently stored (newest pipeline run).
CREATE VIEW latest_articles AS
SELECT DISTINCT ON (a.canonical_url)
  a.id, a.canonical_url, a.url, a.declared_canonical_url, a.og_url, a.title, a.byline,
  a.authors, a.site_name, a.lang, a.published_at, a.excerpt, a.text, a.content_hash,
  a.raw_sha256, a.removed, a.media, a.versions, a.pipeline_version, a.created_at,
  a.capture_id, a.submission_id, c.fetched_at, c.final_url
FROM articles a
JOIN captures c ON c.id = a.capture_id
ORDER BY a.canonical_url, c.fetched_at DESC, a.id DESC;

-- Every article with where it came from: which request, what was fetched when, who asked.
CREATE VIEW article_provenance AS
SELECT
  a.id               AS article_id,
  a.url,
  a.canonical_url,
  a.title,
  a.content_hash,
  a.raw_sha256,
  a.pipeline_version,
  a.versions,
  a.created_at       AS processed_at,
  c.id               AS capture_id,
  c.origin,
  c.requested_url,
  c.final_url,
  c.redirect_chain,
  c.http_status,
  c.fetched_at,
  c.body_sha256,
  c.content_type,
  c.charset,
  c.fetcher_version,
  c.source_path,
  s.id               AS submission_id,
  s.url              AS submitted_url,
  s.submitted_by,
  s.source           AS submission_source,
  s.submitted_at
FROM articles a
JOIN captures c ON c.id = a.capture_id
LEFT JOIN submissions s ON s.id = coalesce(a.submission_id, c.submission_id);
