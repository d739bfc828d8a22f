-- 013-search-keys: index keys that narrow a search before any vector is read (issue 13).
-- Applied migrations are checksummed: never edit this file once released.
--
-- Two kinds of query read far more of `latest_pages` than they list:
--  * a phrase of two common words that seldom stand together: the index finds every article
--    holding both words, and each one's vector must be read to check the order;
--  * a broad word (in a tenth or more of the archive): to find its newest 1,000 matches,
--    Postgres visits the row of every match (tens of thousands) and sorts them by id.
-- The search index now also holds, for each row, keys it can intersect with the words
-- (`search_keys(search_vector, article_id)`):
--  * `p` and 4 hex digits of md5 for every pair of lexemes at adjacent positions of the search
--    vector: a phrase `a <-> b` can only match a row holding the key of (a, b). A hash, not the
--    pair itself, keeps the index small (65,536 keys); a collision only makes a row a candidate,
--    whose vector is then checked as before.
--  * `r` and the article id divided by 4,096: the newest matches of a broad word are looked for
--    among the last few of these ranges before the whole archive.
-- Both are derived from the row's own search vector and article id.

-- The key of two lexemes standing next to each other.
CREATE FUNCTION search_pair_key(first text, second text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 'p' || left(md5(first || ' ' || second), 4)
$$;

-- The key of the range of 4,096 article ids that holds `id`.
CREATE FUNCTION search_recency_key(id bigint) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT 'r' || (id >> 12)::text
$$;

-- The keys of a row: every pair of adjacent positions in its vector (as stored: positions are
-- capped and at most 256 per lexeme, and the phrase operators read the same positions), and its
-- recency key.
-- Postgres 17 and later (PGlite among them) run maintenance (CREATE INDEX, REINDEX, ANALYZE)
-- with a search_path of pg_catalog only, so this index expression keeps the schema it was
-- created in to find the two functions above.
CREATE FUNCTION search_keys(vector tsvector, id bigint) RETURNS tsvector
LANGUAGE sql IMMUTABLE PARALLEL SAFE SET search_path FROM CURRENT AS $$
  WITH at AS (SELECT u.lexeme, pos FROM unnest(vector) AS u, unnest(u.positions) AS pos)
  SELECT array_to_tsvector(array_append(
           coalesce((SELECT array_agg(DISTINCT search_pair_key(x.lexeme, y.lexeme))
                     FROM at x JOIN at y ON y.pos = x.pos + 1), '{}'),
           search_recency_key(id)))
$$;

-- The pair keys a query needs, ANDed; null when it needs none. A query's phrases are lexemes
-- joined by `<->` (next to each other) or `<N>` (N apart, stop words between); only `<->`
-- between two lexemes gives a key. The query is read as querytree() prints it (its negations
-- dropped: they never narrow the index); with an OR anywhere, no key is required, since a
-- phrase on one side of it is not needed by a match on the other (nor with a prefix or most
-- negations, below).
CREATE FUNCTION search_phrase_keys(query tsquery) RETURNS tsquery
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  WITH lexer AS (
    -- A tsquery's printed tokens: lexemes (quoted, with ' and \ doubled), operators, parentheses.
    SELECT '(''(?:[^''\\]|''''|\\\\)+''|<->|<\d+>|[&|!()])' AS pattern
  ), tokens AS (
    SELECT m[1] AS token, n FROM lexer, regexp_matches(querytree(query), lexer.pattern, 'g') WITH ORDINALITY AS t(m, n)
  ), pairs AS (
    SELECT lag(token, 2) OVER w AS first, lag(token, 1) OVER w AS op, token AS second FROM tokens WINDOW w AS (ORDER BY n)
  ), keys AS (
    SELECT DISTINCT search_pair_key(regexp_replace(substr(first, 2, length(first) - 2), '([''\\])\1', '\1', 'g'),
                                    regexp_replace(substr(second, 2, length(second) - 2), '([''\\])\1', '\1', 'g')) AS key
    FROM pairs
    WHERE op = '<->' AND left(first, 1) = '''' AND left(second, 1) = ''''
  ), written AS (
    -- The query as written: each token with its parenthesis depth and the token before it.
    SELECT m[1] AS token, n, lag(m[1]) OVER (ORDER BY n) AS before,
           sum(CASE m[1] WHEN '(' THEN 1 WHEN ')' THEN -1 ELSE 0 END) OVER (ORDER BY n) AS depth
    FROM lexer, regexp_matches(query::text, lexer.pattern, 'g') WITH ORDINALITY AS t(m, n)
  )
  SELECT string_agg(key, ' & ' ORDER BY key)::tsquery FROM keys
  -- Most queries have no phrase: they skip the parsing above. No key either for a prefix
  -- (`ab:*` matches lexemes other than ab), or for a negation other than a top-level ANDed
  -- term of the query (websearch's exclusions, `-word` and `-"a b"`, are such terms):
  -- querytree() drops negations, and inside a phrase that moves the words around them
  -- (`x <-> !a <-> b` prints as `'x' <-> 'b'`, but x and b stand two apart; `(p & !(a <-> b))
  -- <-> q` as `'p' <-> 'q'`, q two after p). A top-level term stands outside every
  -- parenthesis with an AND, or nothing, on each side: `!` binds before `<->`, `<->` before `&`.
  WHERE strpos(querytree(query), '<->') > 0 AND strpos(query::text, ':*') = 0
    AND NOT EXISTS (SELECT 1 FROM written WHERE token = '|')
    AND NOT EXISTS (
      SELECT 1 FROM written w
      WHERE w.token = '!'
        AND (w.depth > 0 OR coalesce(w.before, '&') <> '&'
             OR coalesce((SELECT a.token FROM written a WHERE a.n > w.n AND a.depth = 0 AND a.token ~ '^(&|\||<)'
                          ORDER BY a.n LIMIT 1), '&') <> '&'))
$$;

-- One GIN index over the vector and its keys: a search's words and keys are intersected in one
-- index scan. The keys are an expression of the index only, not a column: stored in the rows,
-- they would double the TOAST data every ranked match is read from.
DROP INDEX latest_pages_search_idx;
CREATE INDEX latest_pages_search_idx ON latest_pages USING gin (search_vector, search_keys(search_vector, article_id));
