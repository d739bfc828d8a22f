-- 012-latest-pages: the latest article of every page, kept on write, for search and browse
-- (issue 13). Applied migrations are checksummed: never edit this file once released.
--
-- Search and browse list only the latest article of each page (canonical URL). Finding it per
-- match with anti-joins, and ranking matches by reading their tsvectors out of the wide
-- `articles` rows, made a broad query cost a second at 100,000 articles. `latest_pages` holds
-- one narrow row per page: the latest article's id, what the filters and the order read, and
-- its search vector stored out of line (toast_tuple_target), so the GIN index's matches are
-- found and sorted by recency without reading any text or vector; only the few that are
-- ranked read their vector. It is derived from `articles` and `captures` alone (a trigger keeps
-- it; `latest_pages_rebuild()` re-derives all of it), so it never holds anything that is not
-- in the archive.

-- The search vector of an article, as 011 computed it: title (weight A) and the first 100,000
-- characters of the text (weight B; a tsvector must stay under 1 MB).
CREATE FUNCTION article_search_vector(lang text, title text, body text) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT setweight(to_tsvector(search_config(lang), left(coalesce(title, ''), 1000)), 'A')
      || setweight(to_tsvector(search_config(lang), left(body, 100000)), 'B')
$$;

-- The host and every parent domain of it (`www.example.com` -> www.example.com, example.com,
-- com): the site filter (a host and its subdomains) as one indexable containment test.
CREATE FUNCTION host_suffixes(host text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(array_to_string(labels[i:], '.') ORDER BY i), '{}')
  FROM (SELECT string_to_array(host, '.') AS labels) l, generate_subscripts(l.labels, 1) AS i
$$;

CREATE TABLE latest_pages (
  canonical_url text        PRIMARY KEY,
  article_id    bigint      NOT NULL UNIQUE REFERENCES articles (id) ON DELETE CASCADE,
  capture_id    bigint      NOT NULL,
  fetched_at    timestamptz NOT NULL,
  published_at  timestamptz,
  host          text,
  host_suffixes text[]      NOT NULL,
  lang          text,
  config        regconfig   NOT NULL,
  submitted_by  text,
  search_vector tsvector    NOT NULL
) WITH (toast_tuple_target = 128);

-- Makes `latest_pages` right for one page: its latest article is the newest pipeline result
-- of the newest capture (fetched_at, then id) among the captures holding an article of the
-- page, and only if no later pipeline result of that capture exists (a reprocess that gave
-- the capture another canonical URL leaves the old page without a latest article). The
-- upsert never replaces a newer row: of two transactions storing captures of one page at
-- once, the one that commits the older capture last leaves the newer in place.
CREATE FUNCTION latest_pages_refresh(page text) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  best_id bigint;
  best_capture bigint;
BEGIN
  -- Writers of one page take turns until they commit. Without it, a transaction deciding the
  -- page from a snapshot that lacks another's uncommitted newer capture would delete the row
  -- that one had just written, once it committed (the DELETE below waits on that row, then
  -- re-checks only the URL): the page would drop out of search until its next write. After the
  -- lock, the statements below see every commit before it (READ COMMITTED, a new snapshot per
  -- statement). The two-key form keeps these locks apart from the one-key advisory locks used
  -- elsewhere (migrations, submissions).
  PERFORM pg_advisory_xact_lock(12, hashtext(page));
  SELECT a.id, a.capture_id INTO best_id, best_capture
  FROM articles a JOIN captures c ON c.id = a.capture_id
  WHERE a.canonical_url = page
  ORDER BY c.fetched_at DESC, c.id DESC, a.id DESC
  LIMIT 1;
  IF best_id IS NULL OR EXISTS (SELECT 1 FROM articles n WHERE n.capture_id = best_capture AND n.id > best_id) THEN
    DELETE FROM latest_pages WHERE canonical_url = page;
    RETURN;
  END IF;
  INSERT INTO latest_pages AS l (canonical_url, article_id, capture_id, fetched_at, published_at, host, host_suffixes, lang, config,
                                 submitted_by, search_vector)
  SELECT a.canonical_url, a.id, a.capture_id, c.fetched_at, a.published_at, a.host, host_suffixes(a.host), a.lang,
         search_config(a.lang),
         s.submitted_by, article_search_vector(a.lang, a.title, a.text)
  FROM articles a
  JOIN captures c ON c.id = a.capture_id
  LEFT JOIN submissions s ON s.id = coalesce(a.submission_id, c.submission_id)
  WHERE a.id = best_id
  ON CONFLICT (canonical_url) DO UPDATE SET
    article_id = excluded.article_id, capture_id = excluded.capture_id, fetched_at = excluded.fetched_at,
    published_at = excluded.published_at, host = excluded.host, host_suffixes = excluded.host_suffixes,
    lang = excluded.lang, config = excluded.config,
    submitted_by = excluded.submitted_by, search_vector = excluded.search_vector
  WHERE (excluded.fetched_at, excluded.capture_id, excluded.article_id) >= (l.fetched_at, l.capture_id, l.article_id);
END
$$;

-- After every change to `articles`: the pages of the changed row, and those whose latest
-- article belongs to the same capture (a newer pipeline result of a capture supersedes every
-- older result of it, whatever their canonical URL).
CREATE FUNCTION articles_sync_latest_pages() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  pages text[] := '{}';
  page text;
BEGIN
  IF TG_OP <> 'DELETE' THEN
    pages := pages || NEW.canonical_url
      || ARRAY(SELECT l.canonical_url FROM latest_pages l WHERE l.capture_id = NEW.capture_id AND l.article_id <> NEW.id);
  END IF;
  IF TG_OP <> 'INSERT' THEN
    pages := pages || OLD.canonical_url || ARRAY(SELECT a.canonical_url FROM articles a WHERE a.capture_id = OLD.capture_id);
  END IF;
  -- In URL order, so that two writers locking the same pages (latest_pages_refresh) lock them
  -- in the same order.
  FOR page IN SELECT DISTINCT p FROM unnest(pages) AS p WHERE p IS NOT NULL ORDER BY p
  LOOP
    PERFORM latest_pages_refresh(page);
  END LOOP;
  RETURN NULL;
END
$$;

CREATE TRIGGER articles_sync_latest_pages
  AFTER INSERT OR UPDATE OR DELETE ON articles
  FOR EACH ROW EXECUTE FUNCTION articles_sync_latest_pages();

-- Re-derives the whole table from `articles` and `captures` (also how it is filled here).
CREATE FUNCTION latest_pages_rebuild() RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  n bigint;
BEGIN
  DELETE FROM latest_pages;
  INSERT INTO latest_pages (canonical_url, article_id, capture_id, fetched_at, published_at, host, host_suffixes, lang, config,
                            submitted_by, search_vector)
  SELECT a.canonical_url, a.id, a.capture_id, c.fetched_at, a.published_at, a.host, host_suffixes(a.host), a.lang,
         search_config(a.lang),
         s.submitted_by, article_search_vector(a.lang, a.title, a.text)
  FROM articles a
  JOIN captures c ON c.id = a.capture_id
  LEFT JOIN submissions s ON s.id = coalesce(a.submission_id, c.submission_id)
  WHERE NOT EXISTS (SELECT 1 FROM articles n WHERE n.capture_id = a.capture_id AND n.id > a.id)
    AND NOT EXISTS (SELECT 1 FROM articles n JOIN captures nc ON nc.id = n.capture_id
                    WHERE n.canonical_url = a.canonical_url AND (nc.fetched_at, nc.id) > (c.fetched_at, c.id));
  GET DIAGNOSTICS n = ROW_COUNT;
  RETURN n;
END
$$;

-- The trigger above already holds off writers to `articles` until this migration commits; the
-- indexes are built after the fill (one sort each, not 100,000 inserts into them).
SELECT latest_pages_rebuild();

CREATE INDEX latest_pages_search_idx ON latest_pages USING gin (search_vector);
CREATE INDEX latest_pages_fetched_idx ON latest_pages (fetched_at DESC, capture_id DESC);
-- The trigger's lookup of the pages whose latest article belongs to a capture.
CREATE INDEX latest_pages_capture_idx ON latest_pages (capture_id);
CREATE INDEX latest_pages_host_idx ON latest_pages USING gin (host_suffixes);

-- The vector now lives in `latest_pages` only: superseded results are never searched, and
-- indexing every version's text twice would double the GIN work of every insert.
DROP INDEX articles_search_idx;
ALTER TABLE articles DROP COLUMN search_vector;
