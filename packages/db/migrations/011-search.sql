-- 011-search: full-text search over articles (issue 13). Applied migrations are checksummed:
-- never edit this file once released; add a new one.

-- The text-search configuration for an article's language: its `lang` (`en`, `en-US`, `pt_BR`,
-- ...) by primary subtag, mapped to the Snowball stemmer Postgres ships for it, `simple` (lower-
-- casing only, no stemming, no stop words) for every other language and for none. Only
-- configurations present in every supported Postgres (15 and later, PGlite's 18) are used, so the
-- same text gets the same vector on the server and in the embedded database. IMMUTABLE because
-- the generated column below needs it to be: changing the mapping needs a new migration that
-- recomputes the column.
CREATE FUNCTION search_config(lang text) RETURNS regconfig
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE lower(split_part(replace(btrim(coalesce(lang, '')), '_', '-'), '-', 1))
    WHEN 'ar' THEN 'pg_catalog.arabic'::regconfig
    WHEN 'hy' THEN 'pg_catalog.armenian'::regconfig
    WHEN 'eu' THEN 'pg_catalog.basque'::regconfig
    WHEN 'ca' THEN 'pg_catalog.catalan'::regconfig
    WHEN 'da' THEN 'pg_catalog.danish'::regconfig
    WHEN 'nl' THEN 'pg_catalog.dutch'::regconfig
    WHEN 'en' THEN 'pg_catalog.english'::regconfig
    WHEN 'fi' THEN 'pg_catalog.finnish'::regconfig
    WHEN 'fr' THEN 'pg_catalog.french'::regconfig
    WHEN 'de' THEN 'pg_catalog.german'::regconfig
    WHEN 'el' THEN 'pg_catalog.greek'::regconfig
    WHEN 'hi' THEN 'pg_catalog.hindi'::regconfig
    WHEN 'hu' THEN 'pg_catalog.hungarian'::regconfig
    WHEN 'id' THEN 'pg_catalog.indonesian'::regconfig
    WHEN 'ga' THEN 'pg_catalog.irish'::regconfig
    WHEN 'it' THEN 'pg_catalog.italian'::regconfig
    WHEN 'lt' THEN 'pg_catalog.lithuanian'::regconfig
    WHEN 'ne' THEN 'pg_catalog.nepali'::regconfig
    WHEN 'no' THEN 'pg_catalog.norwegian'::regconfig
    WHEN 'nb' THEN 'pg_catalog.norwegian'::regconfig
    WHEN 'nn' THEN 'pg_catalog.norwegian'::regconfig
    WHEN 'pt' THEN 'pg_catalog.portuguese'::regconfig
    WHEN 'ro' THEN 'pg_catalog.romanian'::regconfig
    WHEN 'ru' THEN 'pg_catalog.russian'::regconfig
    WHEN 'sr' THEN 'pg_catalog.serbian'::regconfig
    WHEN 'es' THEN 'pg_catalog.spanish'::regconfig
    WHEN 'sv' THEN 'pg_catalog.swedish'::regconfig
    WHEN 'ta' THEN 'pg_catalog.tamil'::regconfig
    WHEN 'tr' THEN 'pg_catalog.turkish'::regconfig
    WHEN 'yi' THEN 'pg_catalog.yiddish'::regconfig
    ELSE 'pg_catalog.simple'::regconfig
  END
$$;

-- Every configuration search_config() can return. A query is parsed with each of them (an
-- article in any language can match, and the GIN index answers one combined query); each
-- candidate is then checked against the query parsed with its own language's configuration.
CREATE FUNCTION search_configs() RETURNS regconfig[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY['arabic', 'armenian', 'basque', 'catalan', 'danish', 'dutch', 'english', 'finnish', 'french',
    'german', 'greek', 'hindi', 'hungarian', 'indonesian', 'irish', 'italian', 'lithuanian', 'nepali',
    'norwegian', 'portuguese', 'romanian', 'russian', 'serbian', 'spanish', 'swedish', 'tamil', 'turkish',
    'yiddish', 'simple']::regconfig[]
$$;

-- The host an article was read from (lower-cased, without user info or port), for the site
-- filter. A generated column, so every existing and future row has it.
ALTER TABLE articles ADD COLUMN host text
  GENERATED ALWAYS AS (lower(substring(url FROM '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?(\[[^\]/?#]*\]|[^/?#:]+)'))) STORED;

-- Title (weight A) and text (weight B). Only the first 100,000 characters of the text are
-- indexed: a tsvector must stay under 1 MB, and a stored article must never fail to insert
-- because its text is long. Positions past 16,383 are clamped by Postgres (ranking only).
ALTER TABLE articles ADD COLUMN search_vector tsvector
  GENERATED ALWAYS AS (
    setweight(to_tsvector(search_config(lang), left(coalesce(title, ''), 1000)), 'A')
    || setweight(to_tsvector(search_config(lang), left(text, 100000)), 'B')
  ) STORED;

CREATE INDEX articles_search_idx ON articles USING gin (search_vector);
CREATE INDEX articles_host_idx ON articles (host);
