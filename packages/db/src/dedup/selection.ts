/**
 * What `vellum reprocess` and `vellum verify` work on: stored captures to run through the
 * current pipeline again, and stored articles to check against it.
 */
import type { Queryable } from '../database.ts';
import { toId, toIdOrNull, type Row } from '../sql-values.ts';

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

/** What verify needs to decide whether an article's recorded versions are the current ones. */
export interface ArticleVersionRecord {
  id: number;
  url: string;
  versions: Record<string, string>;
}

/** Every article's id, URL and recorded versions in id order, a page at a time. */
export async function listArticleVersionRecords(
  q: Queryable,
  page: { afterId?: number; limit?: number } = {},
): Promise<ArticleVersionRecord[]> {
  const { rows } = await q.query<Row>('SELECT id, url, versions FROM articles WHERE id > $1 ORDER BY id LIMIT $2', [
    page.afterId ?? 0,
    page.limit ?? 2000,
  ]);
  return rows.map((r) => ({ id: toId(r.id), url: r.url as string, versions: r.versions as Record<string, string> }));
}
