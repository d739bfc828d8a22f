/**
 * Reading the archive as works (one normalized text, many captures) and as versions (one
 * canonical URL whose text changed over time). Both are views of migration 003; these
 * functions are their typed readers.
 */
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
  };
}

/** Every version of the article at a canonical URL, oldest first. */
export async function listArticleVersions(q: Queryable, canonicalUrl: string): Promise<ArticleVersion[]> {
  const { rows } = await q.query<Row>('SELECT * FROM article_versions WHERE canonical_url = $1 ORDER BY version', [
    canonicalUrl,
  ]);
  return rows.map(versionFromRow);
}

/** The latest version at a canonical URL, or null when the archive has none. */
export async function latestArticleVersion(q: Queryable, canonicalUrl: string): Promise<ArticleVersion | null> {
  const { rows } = await q.query<Row>('SELECT * FROM latest_article_versions WHERE canonical_url = $1', [
    canonicalUrl,
  ]);
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
