import type { Queryable } from './database.ts';
import { RecordNotFoundError } from './errors.ts';
import { jsonParam, toDate, toId, toIdOrNull, type Row } from './sql-values.ts';

export const SUBMISSION_STATUSES = ['queued', 'fetching', 'fetched', 'processed', 'failed', 'unchanged'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];

export interface Submission {
  id: number;
  /** The URL exactly as submitted. */
  url: string;
  /** The URL the archive looks it up by (canonicalized by the caller; `url` when not given). */
  normalizedUrl: string;
  /** Who asked: a user name, an API token's name, a schedule id. */
  submittedBy: string;
  /** Through what: 'cli' | 'api' | 'file' | 'schedule' | … */
  source: string;
  submittedAt: Date;
  priority: number;
  status: SubmissionStatus;
  statusReason: string | null;
  attempts: number;
  updatedAt: Date;
  captureId: number | null;
  articleId: number | null;
  options: Record<string, unknown>;
  idempotencyKey: string | null;
}

export interface NewSubmission {
  url: string;
  /** Default: `url`. */
  normalizedUrl?: string;
  submittedBy: string;
  source: string;
  /** Queue priority, BullMQ semantics (lower runs sooner; 0 = none). Default 0. */
  priority?: number;
  /** Per-submission options (e.g. `{ refetch: true }`), kept for provenance. Default `{}`. */
  options?: Record<string, unknown>;
  /** When set, a second create with the same key returns the first submission instead. */
  idempotencyKey?: string | null;
}

export function submissionFromRow(row: Row): Submission {
  return {
    id: toId(row.id),
    url: row.url as string,
    normalizedUrl: row.normalized_url as string,
    submittedBy: row.submitted_by as string,
    source: row.source as string,
    submittedAt: toDate(row.submitted_at),
    priority: Number(row.priority),
    status: row.status as SubmissionStatus,
    statusReason: (row.status_reason as string | null) ?? null,
    attempts: Number(row.attempts),
    updatedAt: toDate(row.updated_at),
    captureId: toIdOrNull(row.capture_id),
    articleId: toIdOrNull(row.article_id),
    options: (row.options as Record<string, unknown>) ?? {},
    idempotencyKey: (row.idempotency_key as string | null) ?? null,
  };
}

/**
 * Records a submission (status `queued`) and its `submitted` event in one statement.
 * `created` is false when `idempotencyKey` matched an earlier submission, which is returned.
 */
export async function createSubmission(
  q: Queryable,
  input: NewSubmission,
): Promise<Submission & { created: boolean }> {
  const { rows } = await q.query<Row>(
    `WITH ins AS (
       INSERT INTO submissions (url, normalized_url, submitted_by, source, priority, options, idempotency_key)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
       ON CONFLICT (idempotency_key) DO NOTHING
       RETURNING *
     ), ev AS (
       INSERT INTO events (entity, entity_id, action, actor, details)
       SELECT 'submission', id, 'submitted', submitted_by,
              jsonb_build_object('url', url, 'source', source, 'priority', priority)
       FROM ins
     )
     SELECT * FROM ins`,
    [
      input.url,
      input.normalizedUrl ?? input.url,
      input.submittedBy,
      input.source,
      input.priority ?? 0,
      jsonParam(input.options ?? {}),
      input.idempotencyKey ?? null,
    ],
  );
  if (rows[0]) return { ...submissionFromRow(rows[0]), created: true };
  const existing = await q.query<Row>('SELECT * FROM submissions WHERE idempotency_key = $1', [input.idempotencyKey]);
  return { ...submissionFromRow(existing.rows[0]!), created: false };
}

export async function getSubmission(q: Queryable, id: number): Promise<Submission | null> {
  const { rows } = await q.query<Row>('SELECT * FROM submissions WHERE id = $1', [id]);
  return rows[0] ? submissionFromRow(rows[0]) : null;
}

/** Submissions whose submitted or normalized URL is `url`, newest first. */
export async function findSubmissionsByUrl(
  q: Queryable,
  url: string,
  options: { limit?: number } = {},
): Promise<Submission[]> {
  const { rows } = await q.query<Row>(
    `SELECT * FROM submissions WHERE url = $1 OR normalized_url = $1 ORDER BY id DESC LIMIT $2`,
    [url, options.limit ?? 100],
  );
  return rows.map(submissionFromRow);
}

export async function listSubmissions(
  q: Queryable,
  options: { status?: SubmissionStatus; limit?: number; offset?: number } = {},
): Promise<Submission[]> {
  const { rows } = await q.query<Row>(
    `SELECT * FROM submissions WHERE ($1::text IS NULL OR status = $1) ORDER BY id DESC LIMIT $2 OFFSET $3`,
    [options.status ?? null, options.limit ?? 50, options.offset ?? 0],
  );
  return rows.map(submissionFromRow);
}

/** How many submissions are in each status (every status present, zero when none). */
export async function countSubmissionsByStatus(q: Queryable): Promise<Record<SubmissionStatus, number>> {
  const { rows } = await q.query<Row>('SELECT status, count(*) AS n FROM submissions GROUP BY status');
  const counts = Object.fromEntries(SUBMISSION_STATUSES.map((s) => [s, 0])) as Record<SubmissionStatus, number>;
  for (const row of rows) counts[row.status as SubmissionStatus] = Number(row.n);
  return counts;
}

export interface StatusUpdate {
  /** Why: a failure reason, or a note. Replaces the previous reason (null clears it). */
  reason?: string | null;
  captureId?: number | null;
  articleId?: number | null;
  /** Count one more fetch/process attempt. Default false. */
  incrementAttempts?: boolean;
  /** Who made the move (worker id, user). Recorded on the event. */
  actor?: string | null;
  /** Extra event details (merged into `{from, to, reason, captureId, articleId}`). */
  details?: Record<string, unknown>;
}

/**
 * Moves a submission to `status` and appends the matching event (action = the new status,
 * details `{from, to, reason?, captureId?, articleId?}`) in one statement, so neither can
 * happen without the other. Throws RecordNotFoundError for an unknown id.
 */
export async function updateSubmissionStatus(
  q: Queryable,
  id: number,
  status: SubmissionStatus,
  update: StatusUpdate = {},
): Promise<Submission> {
  const { rows } = await q.query<Row>(
    `WITH prev AS (
       SELECT id, status FROM submissions WHERE id = $1 FOR UPDATE
     ), upd AS (
       UPDATE submissions s SET
         status = $2,
         status_reason = $3,
         capture_id = coalesce($4::bigint, s.capture_id),
         article_id = coalesce($5::bigint, s.article_id),
         attempts = s.attempts + CASE WHEN $6::boolean THEN 1 ELSE 0 END,
         updated_at = now()
       FROM prev WHERE s.id = prev.id
       RETURNING s.*, prev.status AS previous_status
     ), ev AS (
       INSERT INTO events (entity, entity_id, action, actor, details)
       SELECT 'submission', id, status, $7,
              jsonb_build_object('from', previous_status, 'to', status)
              || jsonb_strip_nulls(jsonb_build_object('reason', status_reason, 'captureId', $4::bigint, 'articleId', $5::bigint))
              || $8::jsonb
       FROM upd
     )
     SELECT * FROM upd`,
    [
      id,
      status,
      update.reason ?? null,
      update.captureId ?? null,
      update.articleId ?? null,
      update.incrementAttempts ?? false,
      update.actor ?? null,
      jsonParam(update.details ?? {}),
    ],
  );
  if (!rows[0]) throw new RecordNotFoundError('submission', id);
  return submissionFromRow(rows[0]);
}

/** Statuses with work left: the submission waits for a fetch or a process job. */
export const PENDING_SUBMISSION_STATUSES = ['queued', 'fetching', 'fetched'] as const satisfies readonly SubmissionStatus[];

/**
 * Submissions with work left (queued, fetching, fetched), in id order, a page at a time
 * (`afterId`: the last id of the previous page). `unchangedForMs`: only those whose status
 * has not moved for at least this long (default 0: all).
 */
export async function listPendingSubmissions(
  q: Queryable,
  options: { afterId?: number; limit?: number; unchangedForMs?: number; ids?: readonly number[] } = {},
): Promise<Submission[]> {
  const { rows } = await q.query<Row>(
    `SELECT * FROM submissions
     WHERE status IN ('queued', 'fetching', 'fetched')
       AND id > $1
       AND updated_at <= now() - make_interval(secs => $3::double precision / 1000)
       AND ($4::bigint[] IS NULL OR id = ANY($4::bigint[]))
     ORDER BY id
     LIMIT $2`,
    [options.afterId ?? 0, options.limit ?? 500, options.unchangedForMs ?? 0, options.ids ? [...options.ids] : null],
  );
  return rows.map(submissionFromRow);
}

/**
 * A submission read under a row lock (SELECT ... FOR UPDATE) inside a transaction, so that a
 * decision taken on its status holds until the transaction ends.
 */
export async function getSubmissionForUpdate(q: Queryable, id: number): Promise<Submission | null> {
  const { rows } = await q.query<Row>('SELECT * FROM submissions WHERE id = $1 FOR UPDATE', [id]);
  return rows[0] ? submissionFromRow(rows[0]) : null;
}

/**
 * The submission that fetched this capture and still waits for its process step (status
 * `fetched` on this capture), locked (FOR UPDATE) until the transaction ends; null when there
 * is none (a file import, or a submission already processed, failed or superseded).
 */
export async function getSubmissionAwaitingCapture(q: Queryable, captureId: number): Promise<Submission | null> {
  const { rows } = await q.query<Row>(
    `SELECT s.* FROM captures c JOIN submissions s ON s.id = c.submission_id
     WHERE c.id = $1 AND s.status = 'fetched' AND s.capture_id = c.id
     FOR UPDATE OF s`,
    [captureId],
  );
  return rows[0] ? submissionFromRow(rows[0]) : null;
}
