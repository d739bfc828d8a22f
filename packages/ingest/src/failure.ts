/**
 * How a job failure is handled. Three kinds:
 *  - permanent (PermanentError: 4xx, not an article, blocked, unknown submission; a malformed
 *    payload): retrying cannot help, so the job fails at once (BullMQ's UnrecoverableError);
 *  - database unreachable (a non-Vellum error that isTransientDatabaseError recognizes): the
 *    job is put back, delayed with exponential backoff, WITHOUT using up an attempt: the site
 *    did nothing wrong, and a database outage must not fail every job in flight;
 *  - any other error (timeouts, 5xx, 429, unknown bugs): retried with the job's exponential
 *    backoff until its attempts run out.
 * A failure that is final (permanent, or the last attempt) is recorded on the submission.
 */
import { PermanentError, VellumError } from '@vellum/core';
import { isTransientDatabaseError, RecordNotFoundError } from '@vellum/db';

export type FailureKind = 'permanent' | 'database' | 'transient';

export function classifyFailure(error: unknown): FailureKind {
  // A Vellum error knows what it is; the fetcher maps a remote ECONNREFUSED to one, so it is
  // never mistaken for the database below.
  if (error instanceof VellumError) return error.retryable ? 'transient' : 'permanent';
  if (error instanceof RecordNotFoundError || error instanceof TypeError) return 'permanent';
  if (isTransientDatabaseError(error)) return 'database';
  return 'transient';
}

export function isPermanent(error: unknown): boolean {
  return error instanceof PermanentError || classifyFailure(error) === 'permanent';
}

/** Delay before retrying after a database error: base * 2^n, capped (30 s default), jittered. */
export function databaseRetryDelayMs(retriesSoFar: number, baseMs = 1000, capMs = 30_000): number {
  const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(retriesSoFar, 20)));
  return Math.round(exp * (0.8 + Math.random() * 0.2));
}
