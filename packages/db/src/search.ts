/**
 * Full-text search and browsing over the archive (issue 13), on the `search_vector` and `host`
 * columns of migration 011. Both list the latest article per page (canonical URL): the current
 * pipeline result of its newest capture. Superseded results (older captures of the URL, older
 * pipeline runs of a capture) stay reachable through versions, never in these lists.
 */
import type { Queryable } from './database.ts';
import {
  decodeCursor,
  encodeCursor,
  langFilter,
  pageSize,
  siteFilter,
  timeBound,
  type ArticleFilters,
} from './search-input.ts';
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
  /**
   * How many of the best matches are first checked for being the latest of their page (grown
   * eightfold while that leaves the page short). Default max(100, 4 × (limit + 1)); for tests.
   */
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
const INDEXED_CHARS = 100_000; // as in migration 011

/** Current pipeline result of the newest capture of its canonical URL (`r`: a row with these columns). */
function latestSql(r: { id: string; captureId: string; canonicalUrl: string; fetchedAt: string }): string {
  return `NOT EXISTS (SELECT 1 FROM articles n WHERE n.capture_id = ${r.captureId} AND n.id > ${r.id})
  AND NOT EXISTS (SELECT 1 FROM articles n JOIN captures nc ON nc.id = n.capture_id
                  WHERE n.canonical_url = ${r.canonicalUrl} AND (nc.fetched_at, nc.id) > (${r.fetchedAt}, ${r.captureId}))`;
}
const LATEST = latestSql({ id: 'a.id', captureId: 'a.capture_id', canonicalUrl: 'a.canonical_url', fetchedAt: 'c.fetched_at' });

/** SQL conditions (on `a` articles, `c` captures) for the filters, their parameters appended to `params`. */
function filterSql(filters: ArticleFilters, params: unknown[]): string[] {
  const p = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (filters.site !== undefined) {
    const host = p(siteFilter(filters.site));
    where.push(`(a.host = ${host} OR right(a.host, length(${host}) + 1) = '.' || ${host})`);
  }
  if (filters.since !== undefined) where.push(`c.fetched_at >= ${p(timeBound('since', filters.since, false))}::timestamptz`);
  if (filters.until !== undefined) where.push(`c.fetched_at < ${p(timeBound('until', filters.until, true))}::timestamptz`);
  if (filters.publishedSince !== undefined) {
    where.push(`a.published_at >= ${p(timeBound('publishedSince', filters.publishedSince, false))}::timestamptz`);
  }
  if (filters.publishedUntil !== undefined) {
    where.push(`a.published_at < ${p(timeBound('publishedUntil', filters.publishedUntil, true))}::timestamptz`);
  }
  if (filters.lang !== undefined) {
    const tag = p(langFilter(filters.lang));
    where.push(`(lower(replace(a.lang, '_', '-')) = ${tag} OR lower(replace(a.lang, '_', '-')) LIKE ${tag} || '-%')`);
  }
  const submitters: string[] = [];
  if (filters.submittedBy !== undefined) submitters.push(filters.submittedBy);
  if (filters.scheduleId !== undefined) submitters.push(`schedule:${toId(filters.scheduleId)}`);
  for (const submitter of submitters) {
    where.push(`EXISTS (SELECT 1 FROM submissions s
                        WHERE s.id = coalesce(a.submission_id, c.submission_id) AND s.submitted_by = ${p(submitter)})`);
  }
  return where;
}

const SUMMARY_COLUMNS = `a.id, a.capture_id, a.url, a.canonical_url, a.title, a.byline, a.host, a.site_name, a.lang,
  a.published_at, c.fetched_at, a.content_hash`;

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

/** The SQL and parameters of a search (for searchArticles, and EXPLAIN in the benchmark); null for an empty query. */
export function searchQuery(
  options: SearchOptions,
  window: number | null = null,
): { text: string; params: unknown[]; limit: number } | null {
  const limit = pageSize(options.limit);
  const text = options.q.trim();
  if (text === '') return null;
  const params: unknown[] = [text];
  const where = filterSql(options, params);
  // With a language filter, only that language's configuration can match.
  let configs = 'search_configs()';
  if (options.lang !== undefined) {
    params.push(langFilter(options.lang));
    configs = `ARRAY[search_config($${params.length})]`;
  }
  let after = '';
  if (options.cursor) {
    const cursor = decodeCursor(options.cursor, 's');
    params.push(cursor.rank, cursor.id);
    after = `WHERE (h.rank, h.id) < ($${params.length - 1}::real, $${params.length}::bigint)`;
  }
  params.push(limit + 1, HEADLINE_OPTIONS, window);
  const [limitParam, optionsParam, windowParam] = [`$${params.length - 2}`, `$${params.length - 1}`, `$${params.length}::bigint`];
  return {
    limit,
    params,
    text: `WITH queries AS MATERIALIZED (
       SELECT cfg, t AS query
       FROM unnest(${configs}) AS cfg, LATERAL websearch_to_tsquery(cfg, $1) AS t
       WHERE numnode(t) > 0
     ), any_language AS (
       SELECT string_agg(DISTINCT '(' || query::text || ')', ' | ')::tsquery AS query FROM queries
     ), by_config AS (
       SELECT array_agg(cfg ORDER BY cfg) AS configs, array_agg(query ORDER BY cfg) AS queries FROM queries
     ), hits AS (
       SELECT ${SUMMARY_COLUMNS}, ts_rank(a.search_vector, q.query) AS rank
       FROM articles a
       JOIN captures c ON c.id = a.capture_id
       -- Per row, its language's query: an array lookup, never a join the planner could turn
       -- into one index scan per configuration. No query for the language (only stop words): null, no match.
       CROSS JOIN LATERAL (
         SELECT ((SELECT queries FROM by_config))[array_position((SELECT configs FROM by_config), search_config(a.lang))] AS query
         OFFSET 0
       ) q
       WHERE a.search_vector @@ (SELECT query FROM any_language)
         AND a.search_vector @@ q.query
         ${where.map((w) => `AND ${w}`).join('\n         ')}
     ), ranked AS (
       -- The best candidates first, whether latest or not: the latest-per-page check, a few
       -- index lookups per row, then runs on these rows only, not on every match.
       SELECT h.* FROM hits h ${after}
       ORDER BY h.rank DESC, h.id DESC LIMIT ${windowParam}
     ), page AS (
       SELECT r.* FROM ranked r
       WHERE ${latestSql({ id: 'r.id', captureId: 'r.capture_id', canonicalUrl: 'r.canonical_url', fetchedAt: 'r.fetched_at' })}
       ORDER BY r.rank DESC, r.id DESC LIMIT ${limitParam}
     )
     SELECT page.*, page.rank::text AS rank_key, k.considered,
            ts_headline(search_config(page.lang),
                        replace(translate(left(t.text, ${INDEXED_CHARS}), E'\\x02\\x03\\x04', ''), '<', E'\\x04'),
                        websearch_to_tsquery(search_config(page.lang), $1), ${optionsParam}) AS headline
     FROM (SELECT count(*) AS considered FROM ranked) k
     LEFT JOIN page ON true
     LEFT JOIN articles t ON t.id = page.id
     ORDER BY page.rank DESC, page.id DESC`,
  };
}

/**
 * Ranked full-text search of the latest article of every page. The query is parsed with every
 * configuration an article can have (search_configs()), so the GIN index answers one combined
 * query; each candidate must then match the query as parsed for its own language, so an
 * English article matches "running" through the English stemmer and a French one through the
 * French. Ordered by rank, then newest article first; pages follow `cursor`.
 */
export async function searchArticles(q: Queryable, options: SearchOptions): Promise<Page<SearchHit>> {
  // Candidates are ranked, then checked for being the latest of their page, in a window that
  // grows until it yields a full page or holds every match (a superseded result is rare).
  let window: number | null = options.candidateWindow ?? Math.max(100, 4 * (pageSize(options.limit) + 1));
  for (;;) {
    const query = searchQuery(options, window);
    if (!query) return { items: [], nextCursor: null };
    const result = await q.query<Row>(query.text, query.params);
    const rows = result.rows.filter((r) => r.id !== null && r.id !== undefined);
    const considered = Number(result.rows[0]?.considered ?? 0);
    if (rows.length > query.limit || window === null || considered < window) return searchPage(rows, query.limit);
    window = window >= 100_000 ? null : window * 8;
  }
}

function searchPage(rows: Row[], limit: number): Page<SearchHit> {
  const more = rows.length > limit;
  const pageRows = more ? rows.slice(0, limit) : rows;
  const items = pageRows.map((row): SearchHit => {
    const highlights = snippetParts((row.headline as string).replaceAll(LT, '<'));
    return { ...summaryFromRow(row), snippet: snippetHtml(highlights), highlights, rank: Number(row.rank) };
  });
  const last = pageRows.at(-1);
  return {
    items,
    nextCursor: more && last ? encodeCursor({ kind: 's', rank: last.rank_key as string, id: toId(last.id) }) : null,
  };
}

export interface LatestArticle extends ArticleSummary {
  excerpt: string | null;
}

/** The latest article of every page, most recently fetched first, filtered; pages follow `cursor`. */
export async function listLatestArticles(q: Queryable, options: ListLatestOptions = {}): Promise<Page<LatestArticle>> {
  const limit = pageSize(options.limit);
  const params: unknown[] = [];
  const where = [LATEST, ...filterSql(options, params)];
  if (options.cursor) {
    const cursor = decodeCursor(options.cursor, 'l');
    params.push(cursor.fetchedAt, cursor.captureId);
    where.push(`(c.fetched_at, c.id) < ($${params.length - 1}::timestamptz, $${params.length}::bigint)`);
  }
  params.push(limit + 1);
  const { rows } = await q.query<Row>(
    `SELECT ${SUMMARY_COLUMNS}, a.excerpt,
            to_char(c.fetched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS fetched_key
     FROM articles a JOIN captures c ON c.id = a.capture_id
     WHERE ${where.join('\n       AND ')}
     ORDER BY c.fetched_at DESC, c.id DESC
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
