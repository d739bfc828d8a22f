/**
 * What a submitter reads, under its lock, to decide per URL between "already archived",
 * "in flight: heal it" and "new": the SQL behind `submitUrls` (issue 15: all SQL in packages/db).
 */
import type { Database, Queryable } from './database.ts';
import type { SubmissionStatus } from './submissions.ts';
import { toId, toIdOrNull } from './sql-values.ts';

export interface KnownSubmission {
  id: number;
  status: SubmissionStatus;
  priority: number;
  articleId: number | null;
  /** The given key this row matched: its normalized URL, or else the URL as submitted. */
  key: string;
}

/** In-flight and archived submissions of these URLs (by normalized or submitted URL), newest first. */
export async function findKnownSubmissions(q: Queryable, keys: readonly string[]): Promise<KnownSubmission[]> {
  const { rows } = await q.query<{ id: string | number; status: SubmissionStatus; priority: number; article_id: string | number | null; key: string }>(
    `SELECT id, status, priority, article_id,
            CASE WHEN normalized_url = ANY($1::text[]) THEN normalized_url ELSE url END AS key
     FROM submissions
     WHERE (normalized_url = ANY($1::text[]) OR url = ANY($1::text[]))
       AND status IN ('queued', 'fetching', 'fetched', 'processed', 'unchanged')
     ORDER BY id DESC`,
    [keys],
  );
  return rows.map((r) => ({ id: toId(r.id), status: r.status, priority: Number(r.priority), articleId: toIdOrNull(r.article_id), key: r.key }));
}

/** The newest article stored under each of these URLs (canonical or as read). */
export async function findNewestArticlesByUrl(
  q: Queryable,
  keys: readonly string[],
): Promise<Map<string, { id: number; submissionId: number | null }>> {
  const { rows } = await q.query<{ id: string | number; submission_id: string | number | null; key: string }>(
    `SELECT id, submission_id, CASE WHEN canonical_url = ANY($1::text[]) THEN canonical_url ELSE url END AS key
     FROM articles
     WHERE canonical_url = ANY($1::text[]) OR url = ANY($1::text[])
     ORDER BY id DESC`,
    [keys],
  );
  const byKey = new Map<string, { id: number; submissionId: number | null }>();
  for (const r of rows) {
    if (!byKey.has(r.key)) byKey.set(r.key, { id: toId(r.id), submissionId: toIdOrNull(r.submission_id) });
  }
  return byKey;
}

/**
 * Serializes submitters of the same URLs until the transaction ends. Locks are taken in key
 * order so two batches sharing URLs cannot deadlock. (PGlite has one connection: no need.)
 */
export async function lockSubmittedUrls(db: Database, tx: Queryable, normalizedUrls: readonly string[]): Promise<void> {
  if (db.kind !== 'postgres') return;
  await tx.query(
    `SELECT pg_advisory_xact_lock(k)
     FROM (SELECT DISTINCT hashtext('vellum:submit:' || u) AS k FROM unnest($1::text[]) AS u) AS keys
     ORDER BY k`,
    [normalizedUrls],
  );
}
