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

export interface ReprocessCapture {
  captureId: number;
  submissionId: number | null;
  /** The URL the pipeline runs with: the capture's final URL, else the requested one. */
  url: string;
  /** Pipeline versions this capture already has results of. */
  pipelineVersions: string[];
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

/** How many captures (outcome ok, with a stored body) the selection matches. */
export async function countReprocessCaptures(q: Queryable, sel: CaptureSelection): Promise<number> {
  const where = selectionWhere(sel);
  const { rows } = await q.query<Row>(
    `SELECT count(*) AS n FROM captures c WHERE c.outcome = 'ok' AND c.body_sha256 IS NOT NULL AND ${where.sql}`,
    where.params,
  );
  return Number(rows[0]!.n);
}

/**
 * The selected captures in id order, a page at a time (pass the last capture id seen as
 * `afterId`), each with the pipeline versions it already has results of. Which version is
 * current depends on the capture's URL (site rules apply by host), so the caller decides.
 */
export async function listReprocessCaptures(
  q: Queryable,
  sel: CaptureSelection,
  page: { afterId?: number; limit?: number } = {},
): Promise<ReprocessCapture[]> {
  const where = selectionWhere(sel);
  const { rows } = await q.query<Row>(
    `SELECT c.id, c.submission_id, coalesce(c.final_url, c.requested_url) AS url,
            coalesce((SELECT array_agg(DISTINCT a.pipeline_version) FROM articles a WHERE a.capture_id = c.id), '{}') AS versions
     FROM captures c
     WHERE c.outcome = 'ok' AND c.body_sha256 IS NOT NULL AND ${where.sql}
       AND c.id > $2
     ORDER BY c.id LIMIT $3`,
    [...where.params, page.afterId ?? 0, page.limit ?? 500],
  );
  return rows.map((r) => ({
    captureId: toId(r.id),
    submissionId: toIdOrNull(r.submission_id),
    url: r.url as string,
    pipelineVersions: (r.versions as string[]) ?? [],
  }));
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
