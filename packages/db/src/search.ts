/**
 * Full-text search and browsing over the archive (issue 13), on `latest_pages` (migration 012).
 * Both list the latest article per page (canonical URL): the current pipeline result of its
 * newest capture, which the table holds one row for. Superseded results (older captures of the
 * URL, older pipeline runs of a capture) stay reachable through versions, never in these lists.
 */
import type { Queryable } from './database.ts';
import {
  decodeCursor,
  encodeCursor,
  langFilter,
  InvalidFilterError,
  pageSize,
  siteFilter,
  timeBound,
  type ArticleFilters,
  type SearchCursor,
} from './search-input.ts';
import { candidatesSql } from './search-candidates.ts';
import { toDate, toDateOrNull, toId, type Row } from './sql-values.ts';

export interface ArticleSummary {
  id: number;
  captureId: number;
  url: string;
  canonicalUrl: string;
  title: string | null;
  byline: string | null;
  /** The host the article was read from (the `host` column). */
  site: string | null;
  /** The site's name as the page gave it. */
  siteName: string | null;
  lang: string | null;
  publishedAt: Date | null;
  fetchedAt: Date;
  contentHash: string;
}

/** One part of a snippet: page text, a query match or not. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit extends ArticleSummary {
  /**
   * The best passages of the text (Postgres ts_headline, at most two joined by " … ") as safe
   * HTML: the page text HTML-escaped, each match wrapped in `<mark>` and `</mark>`.
   */
  snippet: string;
  /** The same snippet as parts, for output that is not HTML. */
  highlights: SnippetPart[];
  /** ts_rank (title weight A = 1.0, text weight B = 0.4; more matches rank higher); higher is better. */
  rank: number;
}

export interface Page<T> {
  items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface SearchOptions extends ArticleFilters {
  /** Web-search syntax (Postgres websearch_to_tsquery): words, "a phrase", OR, -excluded. */
  q: string;
  limit?: number;
  cursor?: string | null;
  /** How many of the newest matches are ranked together (SEARCH_RANK_WINDOW); for tests and benchmarks. */
  candidateWindow?: number;
}

export interface ListLatestOptions extends ArticleFilters {
  limit?: number;
  cursor?: string | null;
}

// Matches are delimited with control characters, which normalized text never contains (they
// are stripped before ts_headline too), then turned into parts in JavaScript. '<' is swapped
// for another one (LT) on the way through: ts_headline drops whatever its parser takes for an
// HTML tag, and an article's text is plain text, so `<script>` in it must show as written.
const START = '\u0002';
const STOP = '\u0003';
const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=15, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`;
const LT = '\u0004';
const INDEXED_CHARS = 100_000; // as in migration 012's article_search_vector
// Snippets come from this many characters of the text, starting HEADLINE_LEAD before the first match.
const HEADLINE_WINDOW = 900;
const HEADLINE_LEAD = 150;

/** SQL: `text` without the delimiter characters, '<' swapped for LT (see above). */
const cleanText = (text: string): string => `replace(translate(${text}, E'\\x02\\x03\\x04', ''), '<', E'\\x04')`;

/** SQL conditions (on `p`, a `latest_pages` row) for the filters, their parameters appended to `params`. */
function filterSql(filters: ArticleFilters, params: unknown[]): string[] {
  const p = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (filters.site !== undefined) {
    // The host or a parent domain of it: by the GIN index on host_suffixes.
    where.push(`p.host_suffixes @> ARRAY[${p(siteFilter(filters.site))}::text]`);
  }
  if (filters.since !== undefined) where.push(`p.fetched_at >= ${p(timeBound('since', filters.since, false))}::timestamptz`);
  if (filters.until !== undefined) where.push(`p.fetched_at < ${p(timeBound('until', filters.until, true))}::timestamptz`);
  if (filters.publishedSince !== undefined) {
    where.push(`p.published_at >= ${p(timeBound('publishedSince', filters.publishedSince, false))}::timestamptz`);
  }
  if (filters.publishedUntil !== undefined) {
    where.push(`p.published_at < ${p(timeBound('publishedUntil', filters.publishedUntil, true))}::timestamptz`);
  }
  if (filters.lang !== undefined) {
    const tag = p(langFilter(filters.lang));
    where.push(`(lower(replace(p.lang, '_', '-')) = ${tag} OR lower(replace(p.lang, '_', '-')) LIKE ${tag} || '-%')`);
  }
  // The submitter of the article's submission (or its capture's), copied into latest_pages.
  if (filters.submittedBy !== undefined) where.push(`p.submitted_by = ${p(filters.submittedBy)}`);
  if (filters.scheduleId !== undefined) where.push(`p.submitted_by = ${p(`schedule:${toId(filters.scheduleId)}`)}`);
  return where;
}

const SUMMARY_COLUMNS = `a.id, a.capture_id, a.url, a.canonical_url, a.title, a.byline, a.host, a.site_name, a.lang,
  a.published_at, p.fetched_at, a.content_hash`;

function summaryFromRow(row: Row): ArticleSummary {
  return {
    id: toId(row.id),
    captureId: toId(row.capture_id),
    url: row.url as string,
    canonicalUrl: row.canonical_url as string,
    title: (row.title as string | null) ?? null,
    byline: (row.byline as string | null) ?? null,
    site: (row.host as string | null) ?? null,
    siteName: (row.site_name as string | null) ?? null,
    lang: (row.lang as string | null) ?? null,
    publishedAt: toDateOrNull(row.published_at),
    fetchedAt: toDate(row.fetched_at),
    contentHash: row.content_hash as string,
  };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch]!);

/** Splits a ts_headline result on the START/STOP delimiters. */
export function snippetParts(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  for (const [i, chunk] of headline.split(START).entries()) {
    const [matched, rest] = i === 0 ? [undefined, chunk] : splitOnce(chunk, STOP);
    if (matched) parts.push({ text: matched, match: true });
    if (rest) parts.push({ text: rest, match: false });
  }
  return parts;
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + separator.length)];
}

export function snippetHtml(parts: SnippetPart[]): string {
  return parts.map((part) => (part.match ? `<mark>${escapeHtml(part.text)}</mark>` : escapeHtml(part.text))).join('');
}

/**
 * Where a search page starts: after (rank, id) in the block of matches below `below`; the block
 * is the matches from `floor` up when it has one, else the newest `window` of them.
 */
type SearchPosition = Pick<SearchCursor, 'rank' | 'id' | 'below' | 'floor'>;

/**
 * The SQL and parameters of one block query of a search (for searchArticles, and EXPLAIN in the
 * benchmark); null for an empty query. It returns up to `want` + 1 ranked rows after
 * `position`, each with the block's facts (also on a lone row of nulls when none is left):
 * `newest` and `oldest` article id of the block, `more` when older matches lie below it, and
 * `overflow` when a fixed block could not be read whole within `span` candidates.
 *
 * A position with a floor reads its block as `floor <= article_id < below`, taken from the
 * newest `span` matches below `below` (default twice the window, so a block that gained up to a
 * window of late-committed members still fits): reading them by a LIMIT keeps the plan the GIN
 * scan of a new block's (a range with no LIMIT let Postgres walk the id index reading every
 * vector in it). `span` null reads the range whole, for the rare overflow.
 */
export function searchQuery(
  options: SearchOptions,
  position: SearchPosition | null = null,
  want: number = pageSize(options.limit),
  span: number | null = fixedBlockSpan(options),
): { text: string; params: unknown[] } | null {
  const text = options.q.trim();
  if (text === '') return null;
  const window = rankWindow(options);
  const params: unknown[] = [text];
  const where = filterSql(options, params);
  // With a language filter, only that language's configuration can match.
  let configs = 'search_configs()';
  if (options.lang !== undefined) {
    params.push(langFilter(options.lang));
    configs = `ARRAY[search_config($${params.length})]`;
  }
  let belowParam: string | null = null;
  if (position?.below) {
    params.push(position.below);
    belowParam = `$${params.length}::bigint`;
    where.push(`p.article_id < ${belowParam}`);
  }
  const floor = position?.floor ?? null;
  let after = '';
  if (position?.rank != null && position.id != null) {
    params.push(position.rank, position.id);
    after = `WHERE (r.rank, r.article_id) < ($${params.length - 1}::real, $${params.length}::bigint)`;
  }
  params.push(want + 1, HEADLINE_OPTIONS);
  const [limitParam, optionsParam] = [`$${params.length - 1}`, `$${params.length}`];
  const filters = where.map((w) => `AND ${w}`).join('\n           ');
  // A new block: the newest `window` candidates, read one past it to tell whether older ones
  // remain. A fixed block: those from its floor up among the newest `span`.
  let candidates: string, block: string, more: string;
  let overflow = 'false';
  if (floor === null) {
    params.push(window);
    const windowParam = `$${params.length}::int`;
    const top = belowParam === null ? null : `${belowParam} - 1`;
    candidates = candidatesSql({ filters, limit: `(${windowParam} + 1)`, recentBelow: { top } });
    block = `SELECT * FROM candidates ORDER BY article_id DESC LIMIT ${windowParam}`;
    more = `(SELECT count(*) FROM candidates) > ${windowParam}`;
  } else {
    params.push(floor);
    const floorParam = `$${params.length}::bigint`;
    block = `SELECT * FROM candidates WHERE article_id >= ${floorParam}`;
    more = `EXISTS (SELECT 1 FROM candidates WHERE article_id < ${floorParam})`;
    if (span === null) {
      candidates = candidatesSql({ filters, limit: null });
    } else {
      params.push(span);
      candidates = candidatesSql({ filters, limit: `$${params.length}::int` });
      overflow = `NOT ${more} AND (SELECT count(*) FROM candidates) >= $${params.length}::int`;
    }
  }
  return {
    params,
    text: `WITH queries AS MATERIALIZED (
       -- The query as each configuration parses it, and its words: the same query without
       -- phrase order and exclusions, which the GIN index answers exactly, without reading a
       -- vector (a phrase needs the positions). A query of exclusions only is its own words.
       -- Its phrases' pair keys (migration 013) narrow the index scan further.
       SELECT cfg, t AS query, coalesce(nullif(regexp_replace(querytree(t), '<(?:\\d+|-)>', '&', 'g'), 'T')::tsquery, t) AS words,
              search_phrase_keys(t) AS pairs
       FROM unnest(${configs}) AS cfg, LATERAL websearch_to_tsquery(cfg, $1) AS t
       WHERE numnode(t) > 0
     ), groups AS MATERIALIZED (
       -- Configurations that parse the query alike share one index scan.
       SELECT words, pairs, array_agg(cfg) AS configs FROM queries GROUP BY words, pairs
     ), candidates AS MATERIALIZED (
       ${candidates}
     ), block AS (
       ${block}
     ), ranked AS (
       -- Only the block's vectors are read: to rank, and to check phrases and exclusions.
       SELECT b.article_id, ts_rank(b.search_vector, q.query) AS rank
       FROM block b JOIN queries q ON q.cfg = b.config
       WHERE q.query = q.words OR b.search_vector @@ q.query
     ), page AS (
       SELECT r.*, row_number() OVER (ORDER BY r.rank DESC, r.article_id DESC) AS n FROM ranked r ${after}
       ORDER BY r.rank DESC, r.article_id DESC LIMIT ${limitParam}
     ), facts AS (
       SELECT max(article_id) AS newest, min(article_id) AS oldest,
              ${more} AS more, ${overflow} AS overflow
       FROM block
     )
     SELECT ${SUMMARY_COLUMNS}, page.rank, page.rank::text AS rank_key, f.newest, f.oldest, f.more, f.overflow,
            CASE WHEN page.n >= ${limitParam}::int THEN '' -- the look-ahead row, not returned
                 WHEN strpos(w.headline, E'\\x02') > 0 THEN w.headline
                 ELSE ts_headline(q.cfg, ${cleanText(`left(a.text, ${INDEXED_CHARS})`)}, q.query, ${optionsParam}) END AS headline
     FROM facts f
     LEFT JOIN page ON true
     LEFT JOIN latest_pages p ON p.article_id = page.article_id
     LEFT JOIN articles a ON a.id = page.article_id
     LEFT JOIN queries q ON q.cfg = p.config
     -- ts_headline parses all the text it is given, about 1 ms per 3,000 characters: it gets the
     -- ${HEADLINE_WINDOW} characters around the first place a word of the query (as stemmed) starts, cut to whole
     -- words, and the whole text only when that window shows no match (a stem that is not how the
     -- word is written, a match in the title only).
     LEFT JOIN LATERAL (
       SELECT min(nullif(strpos(lower(left(a.text, ${INDEXED_CHARS})), replace(m[1], '''''', '''')), 0)) AS at
       FROM regexp_matches(q.query::text, '''((?:[^'']|'''')+)''', 'g') AS m
     ) first ON true
     LEFT JOIN LATERAL (
       SELECT ts_headline(q.cfg, ${cleanText(`regexp_replace(regexp_replace(substr(a.text, greatest(1, first.at - ${HEADLINE_LEAD}), ${HEADLINE_WINDOW}),
                                 CASE WHEN first.at > ${HEADLINE_LEAD + 1} THEN '^\\S*\\s+' ELSE '^' END, ''),
                                 CASE WHEN length(a.text) >= greatest(1, first.at - ${HEADLINE_LEAD}) + ${HEADLINE_WINDOW} THEN '\\s+\\S*$' ELSE '$' END, '')`)},
                          q.query, ${optionsParam}) AS headline
       WHERE first.at IS NOT NULL AND page.n < ${limitParam}::int
     ) w ON true
     ORDER BY page.rank DESC, page.article_id DESC`,
  };
}

/** How many of the newest matches are ranked together (SearchOptions.candidateWindow). */
export const SEARCH_RANK_WINDOW = 1000;

function rankWindow(options: SearchOptions): number {
  const window = options.candidateWindow ?? SEARCH_RANK_WINDOW;
  if (!Number.isInteger(window) || window < 1) throw new InvalidFilterError('candidateWindow', `takes a whole number from 1, not ${String(window)}`);
  return window;
}

/**
 * How many of the newest candidates a later page of a block reads: twice the window, as the
 * block may have gained up to a window of late-committed members.
 */
function fixedBlockSpan(options: SearchOptions): number {
  return 2 * rankWindow(options);
}

/**
 * Ranked full-text search of the latest article of every page. The query is parsed with every
 * configuration an article can have (search_configs()), and each article must match the query
 * as parsed for its own language, so an English article matches "running" through the English
 * stemmer and a French one through the French.
 *
 * Ranking reads each match's vector, which costs about as much as the rest of the search per
 * match; a broad word matches tens of thousands of articles. So matches are ranked in blocks:
 * the newest `candidateWindow` (1,000) matches first, best first, then the next 1,000 older
 * ones, and so on. A query with fewer matches is ranked as a whole. Pages follow `cursor`; a
 * page may span two blocks. A block's bounds are fixed by the page that first ranks it (the
 * cursor carries them): a match stored later has a higher id and never enters it, one whose
 * id was taken before but committed after joins it without pushing a member out, and a member
 * that leaves the list does not pull an older match in.
 */
export async function searchArticles(q: Queryable, options: SearchOptions): Promise<Page<SearchHit>> {
  const limit = pageSize(options.limit);
  let at: SearchPosition = options.cursor ? decodeCursor(options.cursor, 's') : { rank: null, id: null, below: null, floor: null };
  const items: SearchHit[] = [];
  let span: number | null = fixedBlockSpan(options);
  for (;;) {
    const want = limit - items.length;
    const query = searchQuery(options, at, want, span);
    if (!query) return { items: [], nextCursor: null };
    const { rows } = await q.query<Row>(query.text, query.params);
    const facts = rows[0]!;
    if (facts.overflow === true) {
      // More than a window of late-committed members joined the block: read its range whole.
      span = null;
      continue;
    }
    const hits = rows.filter((r) => r.id !== null && r.id !== undefined);
    items.push(...hits.slice(0, want).map(searchHit));
    // The block stays the one this page ranked, between both of its bounds: articles stored
    // later have higher ids, and a count of the newest matches would shift when a member leaves
    // or an older id commits late (skipping or repeating matches).
    const below = at.below ?? (facts.newest == null ? null : toId(facts.newest) + 1);
    const floor = at.floor ?? (facts.oldest == null ? null : toId(facts.oldest));
    if (hits.length > want) {
      const last = hits[want - 1]!;
      return { items, nextCursor: encodeCursor({ kind: 's', rank: last.rank_key as string, id: toId(last.id), below, floor }) };
    }
    if (facts.more !== true || floor === null) return { items, nextCursor: null };
    at = { rank: null, id: null, below: floor, floor: null };
    span = fixedBlockSpan(options);
    if (items.length === limit) return { items, nextCursor: encodeCursor({ kind: 's', ...at }) };
  }
}

function searchHit(row: Row): SearchHit {
  const highlights = snippetParts((row.headline as string).replaceAll(LT, '<'));
  return { ...summaryFromRow(row), snippet: snippetHtml(highlights), highlights, rank: Number(row.rank) };
}

export interface LatestArticle extends ArticleSummary {
  excerpt: string | null;
}

/** The latest article of every page, most recently fetched first, filtered; pages follow `cursor`. */
export async function listLatestArticles(q: Queryable, options: ListLatestOptions = {}): Promise<Page<LatestArticle>> {
  const limit = pageSize(options.limit);
  const params: unknown[] = [];
  const where = filterSql(options, params);
  if (options.cursor) {
    const cursor = decodeCursor(options.cursor, 'l');
    params.push(cursor.fetchedAt, cursor.captureId);
    where.push(`(p.fetched_at, p.capture_id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
  }
  params.push(limit + 1);
  const { rows } = await q.query<Row>(
    `SELECT ${SUMMARY_COLUMNS}, a.excerpt,
            to_char(p.fetched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS fetched_key
     FROM latest_pages p JOIN articles a ON a.id = p.article_id
     ${where.length ? `WHERE ${where.join('\n       AND ')}` : ''}
     ORDER BY p.fetched_at DESC, p.capture_id DESC
     LIMIT $${params.length}`,
    params,
  );
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const last = pageRows.at(-1);
  return {
    items: pageRows.map((row) => ({ ...summaryFromRow(row), excerpt: (row.excerpt as string | null) ?? null })),
    nextCursor:
      more && last ? encodeCursor({ kind: 'l', fetchedAt: last.fetched_key as string, captureId: toId(last.capture_id) }) : null,
  };
}
