/**
 * What `vellum reprocess` and `vellum verify` work on: stored captures to run through the
 * current pipeline again, and stored articles to check against it.
 */
import type { Queryable } from '../database.ts';
import { toDate, toId, toIdOrNull, type Row } from '../sql-values.ts';

export interface CaptureSelection {
  /** Every capture with a stored body. */
  all?: boolean;
  /** Captures fetched at or after this time. */
  since?: Date;
  /** The captures these articles were derived from. */
  articleIds?: number[];
}

export interface ReprocessTarget {
  captureId: number;
  submissionId: number | null;
}

function selectionWhere(sel: CaptureSelection): { sql: string; params: unknown[] } {
  const kinds = [sel.all, sel.since !== undefined, sel.articleIds !== undefined].filter(Boolean).length;
  if (kinds !== 1) throw new RangeError('select captures with exactly one of all, since or articleIds');
  if (sel.since) return { sql: 'c.fetched_at >= $1::timestamptz', params: [sel.since.toISOString()] };
  if (sel.articleIds) {
    return {
      sql: 'c.id IN (SELECT capture_id FROM articles WHERE id = ANY($1::bigint[]))',
      params: [sel.articleIds],
    };
  }
  return { sql: '$1::boolean', params: [true] };
}

/**
 * Counts the selected captures (with a body, outcome ok), and how many of them already have a
 * result of `pipelineVersion`.
 */
export async function countReprocessTargets(
  q: Queryable,
  sel: CaptureSelection,
  pipelineVersion: string,
): Promise<{ selected: number; current: number }> {
  const where = selectionWhere(sel);
  const { rows } = await q.query<Row>(
    `SELECT count(*) AS selected,
            count(*) FILTER (WHERE EXISTS (
              SELECT 1 FROM articles a WHERE a.capture_id = c.id AND a.pipeline_version = $2)) AS current
     FROM captures c
     WHERE c.outcome = 'ok' AND c.body_sha256 IS NOT NULL AND ${where.sql}`,
    [...where.params, pipelineVersion],
  );
  return { selected: Number(rows[0]!.selected), current: Number(rows[0]!.current) };
}

/**
 * The selected captures without a result of `pipelineVersion` yet, in id order, a page at a
 * time (pass the last capture id seen as `afterId`).
 */
export async function listReprocessTargets(
  q: Queryable,
  sel: CaptureSelection,
  pipelineVersion: string,
  page: { afterId?: number; limit?: number } = {},
): Promise<ReprocessTarget[]> {
  const where = selectionWhere(sel);
  const { rows } = await q.query<Row>(
    `SELECT c.id, c.submission_id
     FROM captures c
     WHERE c.outcome = 'ok' AND c.body_sha256 IS NOT NULL AND ${where.sql}
       AND c.id > $2
       AND NOT EXISTS (SELECT 1 FROM articles a WHERE a.capture_id = c.id AND a.pipeline_version = $3)
     ORDER BY c.id LIMIT $4`,
    [...where.params, page.afterId ?? 0, pipelineVersion, page.limit ?? 500],
  );
  return rows.map((r) => ({ captureId: toId(r.id), submissionId: toIdOrNull(r.submission_id) }));
}

/** An article to verify, with what is needed to run its capture through the pipeline again. */
export interface VerifyTarget {
  articleId: number;
  captureId: number;
  url: string;
  text: string;
  contentHash: string;
  rawSha256: string;
  contentType: string | null;
  /** The capture's stored body; null when it is missing. */
  body: Uint8Array | null;
  fetchedAt: Date;
}

/**
 * Articles recorded with exactly these `versions` (compared as JSON objects), and how many
 * articles were recorded with other versions (which the current pipeline cannot vouch for).
 */
export async function countVerifyTargets(
  q: Queryable,
  versions: Record<string, string>,
): Promise<{ matching: number; other: number }> {
  const { rows } = await q.query<Row>(
    `SELECT count(*) FILTER (WHERE versions = $1::jsonb) AS matching,
            count(*) FILTER (WHERE versions <> $1::jsonb) AS other
     FROM articles`,
    [JSON.stringify(versions)],
  );
  return { matching: Number(rows[0]!.matching), other: Number(rows[0]!.other) };
}

/**
 * The ids of articles recorded with `versions`: all of them in id order, or a uniform random
 * sample of `sample` of them (in id order too).
 */
export async function listVerifyTargetIds(
  q: Queryable,
  versions: Record<string, string>,
  options: { sample?: number } = {},
): Promise<number[]> {
  const { rows } = await q.query<Row>(
    options.sample === undefined
      ? 'SELECT id FROM articles WHERE versions = $1::jsonb ORDER BY id'
      : `SELECT id FROM (SELECT id FROM articles WHERE versions = $1::jsonb ORDER BY random() LIMIT $2) s ORDER BY id`,
    options.sample === undefined ? [JSON.stringify(versions)] : [JSON.stringify(versions), options.sample],
  );
  return rows.map((r) => toId(r.id));
}

/** One article with its capture's body, for verification. */
export async function getVerifyTarget(q: Queryable, articleId: number): Promise<VerifyTarget | null> {
  const { rows } = await q.query<Row>(
    `SELECT a.id, a.capture_id, a.url, a.text, a.content_hash, a.raw_sha256, c.content_type, c.fetched_at, b.bytes
     FROM articles a
     JOIN captures c ON c.id = a.capture_id
     LEFT JOIN bodies b ON b.sha256 = c.body_sha256
     WHERE a.id = $1`,
    [articleId],
  );
  const r = rows[0];
  if (!r) return null;
  return {
    articleId: toId(r.id),
    captureId: toId(r.capture_id),
    url: r.url as string,
    text: r.text as string,
    contentHash: r.content_hash as string,
    rawSha256: r.raw_sha256 as string,
    contentType: (r.content_type as string | null) ?? null,
    body: r.bytes instanceof Uint8Array ? r.bytes : null,
    fetchedAt: toDate(r.fetched_at),
  };
}
