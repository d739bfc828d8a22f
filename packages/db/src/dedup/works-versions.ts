/**
 * Reading the archive as works (one normalized text, many captures) and as versions (one
 * canonical URL whose text changed over time). Both are views of migration 003; these
 * functions are their typed readers.
 */
import { tryCanonicalizeUrl } from '@vellum/core';
import type { Queryable } from '../database.ts';
import { toDate, toId, toIdOrNull, type Row } from '../sql-values.ts';

export interface WorkCapture {
  articleId: number;
  captureId: number;
  url: string;
  canonicalUrl: string;
  siteName: string | null;
  title: string | null;
  fetchedAt: Date;
}

export interface Work {
  contentHash: string;
  firstArticleId: number;
  captureCount: number;
  urlCount: number;
  firstFetchedAt: Date;
  lastFetchedAt: Date;
  /** Oldest first. */
  captures: WorkCapture[];
}

/** The work with this content hash and its captures, or null when no current article has it. */
export async function getWork(q: Queryable, contentHash: string): Promise<Work | null> {
  const head = await q.query<Row>('SELECT * FROM works WHERE content_hash = $1', [contentHash]);
  const w = head.rows[0];
  if (!w) return null;
  const { rows } = await q.query<Row>(
    'SELECT * FROM work_captures WHERE content_hash = $1 ORDER BY fetched_at, capture_id',
    [contentHash],
  );
  return {
    contentHash,
    firstArticleId: toId(w.first_article_id),
    captureCount: Number(w.capture_count),
    urlCount: Number(w.url_count),
    firstFetchedAt: toDate(w.first_fetched_at),
    lastFetchedAt: toDate(w.last_fetched_at),
    captures: rows.map((r) => ({
      articleId: toId(r.article_id),
      captureId: toId(r.capture_id),
      url: r.url as string,
      canonicalUrl: r.canonical_url as string,
      siteName: (r.site_name as string | null) ?? null,
      title: (r.title as string | null) ?? null,
      fetchedAt: toDate(r.fetched_at),
    })),
  };
}

export interface ArticleVersion {
  canonicalUrl: string;
  /** 1 for the first text seen at the URL. */
  version: number;
  /** The article of the version's first capture. */
  articleId: number;
  contentHash: string;
  captureCount: number;
  firstFetchedAt: Date;
  lastFetchedAt: Date;
  previousArticleId: number | null;
  previousContentHash: string | null;
  isLatest: boolean;
  /** The pipeline version that produced the version's article (its current result for that capture). */
  pipelineVersion: string;
  /** The URL that version's article was read from, and its title. */
  url: string;
  title: string | null;
}

function versionFromRow(r: Row): ArticleVersion {
  return {
    canonicalUrl: r.canonical_url as string,
    version: Number(r.version),
    articleId: toId(r.article_id),
    contentHash: r.content_hash as string,
    captureCount: Number(r.capture_count),
    firstFetchedAt: toDate(r.first_fetched_at),
    lastFetchedAt: toDate(r.last_fetched_at),
    previousArticleId: toIdOrNull(r.previous_article_id),
    previousContentHash: (r.previous_content_hash as string | null) ?? null,
    isLatest: Boolean(r.is_latest),
    pipelineVersion: r.pipeline_version as string,
    url: r.url as string,
    title: (r.title as string | null) ?? null,
  };
}

const VERSION_COLUMNS = 'v.*, a.pipeline_version, a.url, a.title';

/**
 * Every version of a page, oldest first: given a canonical URL (or a URL as fetched), or an
 * article id (the versions of that article's page). Empty when the archive has none.
 */
export async function listArticleVersions(q: Queryable, idOrUrl: number | string): Promise<ArticleVersion[]> {
  const canonicalUrl = typeof idOrUrl === 'number' ? await canonicalUrlOfArticle(q, idOrUrl) : await canonicalUrlFor(q, idOrUrl);
  if (canonicalUrl === null) return [];
  const { rows } = await q.query<Row>(
    `SELECT ${VERSION_COLUMNS} FROM article_versions v JOIN articles a ON a.id = v.article_id
     WHERE v.canonical_url = $1 ORDER BY v.version`,
    [canonicalUrl],
  );
  return rows.map(versionFromRow);
}

async function canonicalUrlOfArticle(q: Queryable, id: number): Promise<string | null> {
  const { rows } = await q.query<Row>('SELECT canonical_url FROM articles WHERE id = $1', [id]);
  return rows[0] ? (rows[0].canonical_url as string) : null;
}

/**
 * The canonical URL the archive files a URL under: the URL itself when it is one, else its
 * canonical form, else the canonical URL of the newest article read from it. Null when unknown.
 */
export async function canonicalUrlFor(q: Queryable, url: string): Promise<string | null> {
  const candidates = [...new Set([url, tryCanonicalizeUrl(url)].filter((u): u is string => !!u))];
  for (const candidate of candidates) {
    const { rows } = await q.query<Row>('SELECT 1 FROM articles WHERE canonical_url = $1 LIMIT 1', [candidate]);
    if (rows[0]) return candidate;
  }
  for (const candidate of candidates) {
    const { rows } = await q.query<Row>('SELECT canonical_url FROM articles WHERE url = $1 ORDER BY id DESC LIMIT 1', [candidate]);
    if (rows[0]) return rows[0].canonical_url as string;
  }
  return null;
}

/** The latest version at a canonical URL, or null when the archive has none. */
export async function latestArticleVersion(q: Queryable, canonicalUrl: string): Promise<ArticleVersion | null> {
  const { rows } = await q.query<Row>(
    `SELECT ${VERSION_COLUMNS} FROM latest_article_versions v JOIN articles a ON a.id = v.article_id
     WHERE v.canonical_url = $1`,
    [canonicalUrl],
  );
  return rows[0] ? versionFromRow(rows[0]) : null;
}

export interface HistoryEntry {
  version: number;
  articleId: number;
  captureId: number;
  contentHash: string;
  fetchedAt: Date;
  title: string | null;
}

/** Every capture of a canonical URL in fetch order, with the version it belongs to. */
export async function getArticleHistory(q: Queryable, canonicalUrl: string): Promise<HistoryEntry[]> {
  const { rows } = await q.query<Row>(
    'SELECT * FROM article_history WHERE canonical_url = $1 ORDER BY fetched_at, capture_id',
    [canonicalUrl],
  );
  return rows.map((r) => ({
    version: Number(r.version),
    articleId: toId(r.article_id),
    captureId: toId(r.capture_id),
    contentHash: r.content_hash as string,
    fetchedAt: toDate(r.fetched_at),
    title: (r.title as string | null) ?? null,
  }));
}
