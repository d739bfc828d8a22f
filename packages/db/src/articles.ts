import type { MediaItem, RemovedItem, StageVersions } from '@vellum/core';
import type { Queryable } from './database.ts';
import { jsonParam, timeParam, toDate, toDateOrNull, toId, toIdOrNull, type Row } from './sql-values.ts';

export interface Article {
  id: number;
  captureId: number;
  submissionId: number | null;
  /** The URL the article was read from (the capture's final URL). */
  url: string;
  /** The archive's identity for the work: canonicalized URL (`url` when none was given). */
  canonicalUrl: string;
  /** `<link rel=canonical>` as the page declared it. */
  declaredCanonicalUrl: string | null;
  ogUrl: string | null;
  title: string | null;
  byline: string | null;
  authors: string[];
  siteName: string | null;
  lang: string | null;
  publishedAt: Date | null;
  /** The publication date exactly as the page gave it (kept when it did not parse). */
  publishedText: string | null;
  excerpt: string | null;
  /** Normalized text, paragraphs separated by one blank line. */
  text: string;
  contentHash: string;
  rawSha256: string;
  charset: string | null;
  /** The rule that chose `charset` (core's CharsetSource); null for articles stored before it was recorded. */
  charsetSource: string | null;
  removed: RemovedItem[];
  media: MediaItem[];
  versions: StageVersions;
  pipelineVersion: string;
  createdAt: Date;
}

export interface NewArticle {
  captureId: number;
  submissionId?: number | null;
  url: string;
  /** Default: `url`. */
  canonicalUrl?: string | null;
  declaredCanonicalUrl?: string | null;
  ogUrl?: string | null;
  title?: string | null;
  byline?: string | null;
  authors?: string[];
  siteName?: string | null;
  lang?: string | null;
  /** A Date or a date string; a string that does not parse is kept only as `publishedText`. */
  publishedAt?: Date | string | null;
  excerpt?: string | null;
  text: string;
  contentHash: string;
  rawSha256: string;
  charset?: string | null;
  charsetSource?: string | null;
  removed?: RemovedItem[];
  media?: MediaItem[];
  versions: StageVersions;
  /** Identifies the whole pipeline (all of `versions`); one article per capture and pipeline version. */
  pipelineVersion: string;
  /** Recorded on the `stored` event. */
  actor?: string | null;
}

export function articleFromRow(row: Row): Article {
  return {
    id: toId(row.id),
    captureId: toId(row.capture_id),
    submissionId: toIdOrNull(row.submission_id),
    url: row.url as string,
    canonicalUrl: row.canonical_url as string,
    declaredCanonicalUrl: (row.declared_canonical_url as string | null) ?? null,
    ogUrl: (row.og_url as string | null) ?? null,
    title: (row.title as string | null) ?? null,
    byline: (row.byline as string | null) ?? null,
    authors: (row.authors as string[]) ?? [],
    siteName: (row.site_name as string | null) ?? null,
    lang: (row.lang as string | null) ?? null,
    publishedAt: toDateOrNull(row.published_at),
    publishedText: (row.published_text as string | null) ?? null,
    excerpt: (row.excerpt as string | null) ?? null,
    text: row.text as string,
    contentHash: row.content_hash as string,
    rawSha256: row.raw_sha256 as string,
    charset: (row.charset as string | null) ?? null,
    charsetSource: (row.charset_source as string | null) ?? null,
    removed: (row.removed as RemovedItem[]) ?? [],
    media: (row.media as MediaItem[]) ?? [],
    versions: row.versions as StageVersions,
    pipelineVersion: row.pipeline_version as string,
    createdAt: toDate(row.created_at),
  };
}

function publishedParams(value: Date | string | null | undefined): [string | null, string | null] {
  if (value === null || value === undefined || value === '') return [null, null];
  const text = value instanceof Date ? value.toISOString() : value;
  const date = value instanceof Date ? value : new Date(value);
  return [Number.isNaN(date.getTime()) ? null : timeParam(date), text];
}

/**
 * Stores a pipeline result for a capture and appends its `stored` event. Idempotent: one row
 * per (capture, pipeline version); a second call returns the first row's id with `created: false`.
 */
export async function storeArticle(q: Queryable, input: NewArticle): Promise<{ id: number; created: boolean }> {
  const [publishedAt, publishedText] = publishedParams(input.publishedAt);
  const { rows } = await q.query<Row>(
    `WITH ins AS (
       INSERT INTO articles (capture_id, submission_id, url, canonical_url, declared_canonical_url, og_url, title,
         byline, authors, site_name, lang, published_at, published_text, excerpt, text, content_hash, raw_sha256,
         charset, removed, media, versions, pipeline_version, charset_source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $12::timestamptz, $13, $14, $15, $16, $17,
         $18, $19::jsonb, $20::jsonb, $21::jsonb, $22, $24)
       ON CONFLICT (capture_id, pipeline_version) DO NOTHING
       RETURNING id, capture_id, submission_id, content_hash, pipeline_version, canonical_url
     ), ev AS (
       INSERT INTO events (entity, entity_id, action, actor, details)
       SELECT 'article', id, 'stored', $23,
              jsonb_strip_nulls(jsonb_build_object('captureId', capture_id, 'submissionId', submission_id,
                'contentHash', content_hash, 'pipelineVersion', pipeline_version, 'canonicalUrl', canonical_url))
       FROM ins
     )
     SELECT id FROM ins`,
    [
      input.captureId,
      input.submissionId ?? null,
      input.url,
      input.canonicalUrl ?? input.url,
      input.declaredCanonicalUrl ?? null,
      input.ogUrl ?? null,
      input.title ?? null,
      input.byline ?? null,
      jsonParam(input.authors ?? []),
      input.siteName ?? null,
      input.lang ?? null,
      publishedAt,
      publishedText,
      input.excerpt ?? null,
      input.text,
      input.contentHash,
      input.rawSha256,
      input.charset ?? null,
      jsonParam(input.removed ?? []),
      jsonParam(input.media ?? []),
      jsonParam(input.versions),
      input.pipelineVersion,
      input.actor ?? null,
      input.charsetSource ?? null,
    ],
  );
  if (rows[0]) return { id: toId(rows[0].id), created: true };
  const existing = await q.query<Row>('SELECT id FROM articles WHERE capture_id = $1 AND pipeline_version = $2', [
    input.captureId,
    input.pipelineVersion,
  ]);
  return { id: toId(existing.rows[0]!.id), created: false };
}

export async function getArticle(q: Queryable, id: number): Promise<Article | null> {
  const { rows } = await q.query<Row>('SELECT * FROM articles WHERE id = $1', [id]);
  return rows[0] ? articleFromRow(rows[0]) : null;
}

/** Articles read from `url` or whose canonical URL is `url`, newest first. */
export async function findArticlesByUrl(q: Queryable, url: string, options: { limit?: number } = {}): Promise<Article[]> {
  const { rows } = await q.query<Row>(
    `SELECT * FROM articles WHERE url = $1 OR canonical_url = $1 ORDER BY id DESC LIMIT $2`,
    [url, options.limit ?? 100],
  );
  return rows.map(articleFromRow);
}

/** Articles with this content hash (the same normalized text), oldest first. */
export async function findArticlesByContentHash(
  q: Queryable,
  contentHash: string,
  options: { limit?: number } = {},
): Promise<Article[]> {
  const { rows } = await q.query<Row>('SELECT * FROM articles WHERE content_hash = $1 ORDER BY id LIMIT $2', [
    contentHash,
    options.limit ?? 100,
  ]);
  return rows.map(articleFromRow);
}

/** Articles newest first. */
export async function listArticles(q: Queryable, options: { limit?: number; offset?: number } = {}): Promise<Article[]> {
  const { rows } = await q.query<Row>('SELECT * FROM articles ORDER BY id DESC LIMIT $1 OFFSET $2', [
    options.limit ?? 50,
    options.offset ?? 0,
  ]);
  return rows.map(articleFromRow);
}

export async function countArticles(q: Queryable): Promise<number> {
  const { rows } = await q.query<Row>('SELECT count(*) AS n FROM articles');
  return Number(rows[0]!.n);
}

/** The id of the newest article extracted from a capture, or null when none was stored. */
export async function latestArticleIdOfCapture(q: Queryable, captureId: number): Promise<number | null> {
  const { rows } = await q.query<Row>('SELECT id FROM articles WHERE capture_id = $1 ORDER BY id DESC LIMIT 1', [captureId]);
  return rows[0] ? toId(rows[0].id) : null;
}
