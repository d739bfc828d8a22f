import { VellumError } from '@vellum/core';
import { getSubmissionAwaitingCapture, updateSubmissionStatus, type Database, type Queryable, type Submission } from '@vellum/db';

/** The reason recorded for a failure: the error's code and its message, which says what to do. */
export function failureReason(error: unknown): string {
  if (error instanceof VellumError) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return `error: ${error.message}`;
  return `error: ${String(error)}`;
}

/** Marks a submission failed with the error's reason (its event is written with it). */
export async function recordFailure(
  q: Queryable,
  submissionId: number,
  error: unknown,
  actor: string,
): Promise<Submission> {
  return updateSubmissionStatus(q, submissionId, 'failed', { reason: failureReason(error), actor });
}

/**
 * A capture processed on its own (reprocess) failed for good: the submission that fetched it,
 * if it still waits for it, is marked failed with the reason, so that it does not wait for
 * ever. Returns that submission, or null when none was waiting.
 */
export async function recordCaptureFailure(db: Database, captureId: number, error: unknown, actor: string): Promise<Submission | null> {
  return db.transaction(async (tx) => {
    const waiting = await getSubmissionAwaitingCapture(tx, captureId);
    return waiting ? recordFailure(tx, waiting.id, error, actor) : null;
  });
}
