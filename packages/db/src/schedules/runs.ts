/** The schedule_runs table: one row per firing of a schedule, found/new/skipped/failed counts. */
import type { Queryable } from '../database.ts';
import { toDate, toDateOrNull, toId, toNumberOrNull, type Row } from '../sql-values.ts';

export type RunTrigger = 'schedule' | 'manual';
/** `unchanged`: every document answered 304 (or the same bytes), so nothing was parsed. */
export type RunStatus = 'running' | 'succeeded' | 'unchanged' | 'failed';

/** What happened to one document (feed, sitemap, home page, robots.txt) during a run. */
export interface RunDocument {
  url: string;
  /** What the document was used as. */
  role: 'source' | 'child-sitemap' | 'discovered-feed' | 'robots' | 'robots-sitemap';
  /** `fetched`: parsed; `unchanged`: 304 or identical bytes; `failed`: see reason. */
  outcome: 'fetched' | 'unchanged' | 'failed';
  kind?: string;
  httpStatus?: number;
  entries?: number;
  rejected?: number;
  reason?: string;
}

export interface RunCounts {
  /** Article URLs found in the documents parsed this run (unique). */
  found: number;
  /** Submitted for fetching. */
  new: number;
  /** Already archived or in flight and not updated since. */
  skipped: number;
  /** Entries that could not be submitted (no usable URL, submission error) and child documents that failed. */
  failed: number;
}

export interface ScheduleRun extends RunCounts {
  id: number;
  scheduleId: number;
  runKey: string;
  trigger: RunTrigger;
  startedAt: Date;
  finishedAt: Date | null;
  status: RunStatus;
  durationMs: number | null;
  reason: string | null;
  attempts: number;
  documents: RunDocument[];
}

function runFromRow(row: Row): ScheduleRun {
  return {
    id: toId(row.id),
    scheduleId: toId(row.schedule_id),
    runKey: row.run_key as string,
    trigger: row.trigger as RunTrigger,
    startedAt: toDate(row.started_at),
    finishedAt: toDateOrNull(row.finished_at),
    status: row.status as RunStatus,
    found: Number(row.found),
    new: Number(row.new),
    skipped: Number(row.skipped),
    failed: Number(row.failed),
    durationMs: toNumberOrNull(row.duration_ms),
    reason: (row.reason as string | null) ?? null,
    attempts: Number(row.attempts),
    documents: (row.documents as RunDocument[]) ?? [],
  };
}

/**
 * Opens the run of `runKey`, or reopens it when the same job runs again (counts reset, attempts
 * incremented), so a firing is one row however many times its job ran.
 */
export async function startScheduleRun(
  q: Queryable,
  input: { scheduleId: number; runKey: string; trigger: RunTrigger },
): Promise<ScheduleRun> {
  const { rows } = await q.query<Row>(
    `INSERT INTO schedule_runs (schedule_id, run_key, trigger) VALUES ($1, $2, $3)
     ON CONFLICT (run_key) DO UPDATE SET
       status = 'running', started_at = now(), finished_at = NULL, found = 0, new = 0, skipped = 0,
       failed = 0, duration_ms = NULL, reason = NULL, documents = '[]'::jsonb,
       attempts = schedule_runs.attempts + 1
     RETURNING *`,
    [input.scheduleId, input.runKey, input.trigger],
  );
  return runFromRow(rows[0]!);
}

export interface RunOutcome extends RunCounts {
  status: Exclude<RunStatus, 'running'>;
  durationMs: number;
  reason: string | null;
  documents: RunDocument[];
}

export async function finishScheduleRun(q: Queryable, runId: number, outcome: RunOutcome): Promise<ScheduleRun> {
  const { rows } = await q.query<Row>(
    `UPDATE schedule_runs SET status = $2, finished_at = now(), found = $3, new = $4, skipped = $5,
       failed = $6, duration_ms = $7, reason = $8, documents = $9::jsonb
     WHERE id = $1 RETURNING *`,
    [
      runId,
      outcome.status,
      outcome.found,
      outcome.new,
      outcome.skipped,
      outcome.failed,
      Math.round(outcome.durationMs),
      outcome.reason,
      JSON.stringify(outcome.documents),
    ],
  );
  return runFromRow(rows[0]!);
}

/** A schedule's runs, newest first. */
export async function selectScheduleRuns(q: Queryable, scheduleId: number, options: { limit?: number } = {}): Promise<ScheduleRun[]> {
  const { rows } = await q.query<Row>(
    'SELECT * FROM schedule_runs WHERE schedule_id = $1 ORDER BY id DESC LIMIT $2',
    [scheduleId, options.limit ?? 20],
  );
  return rows.map(runFromRow);
}

export async function getScheduleRunByKey(q: Queryable, runKey: string): Promise<ScheduleRun | null> {
  const { rows } = await q.query<Row>('SELECT * FROM schedule_runs WHERE run_key = $1', [runKey]);
  return rows[0] ? runFromRow(rows[0]) : null;
}
