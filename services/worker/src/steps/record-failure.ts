import { VellumError } from '@vellum/core';
import { updateSubmissionStatus, type Queryable, type Submission } from '@vellum/db';

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
