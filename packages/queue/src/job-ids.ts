/**
 * Job ids derived from what the job is about. BullMQ ignores an add whose id already exists
 * (waiting, active, delayed, completed or failed and not yet removed), so submitting the same
 * submission twice, or a fetch job that runs twice enqueueing its `process` job twice, leaves
 * one job. BullMQ custom ids must not contain ':' and must not look like integers, hence the
 * prefixes.
 */
import { isJobEntityId } from './payloads.ts';

function checkId(kind: string, id: string): string {
  if (!isJobEntityId(id)) throw new TypeError(`${kind} must be a positive integer id, got ${JSON.stringify(id)}`);
  return id;
}

/** `fetch-<submissionId>`. */
export function fetchJobId(submissionId: string): string {
  return `fetch-${checkId('submissionId', submissionId)}`;
}

/**
 * `process-<submissionId>` for the process job that follows a submission's fetch (one per
 * submission, however often the fetch runs); `reprocess-<captureId>-<tag>` for reprocessing a
 * stored capture on its own, where `tag` (e.g. the pipeline version) makes a later reprocess
 * of the same capture a new job.
 */
export function processJobId(data: { captureId: string; submissionId?: string }, reprocessTag?: string): string {
  if (data.submissionId !== undefined && reprocessTag === undefined) {
    return `process-${checkId('submissionId', data.submissionId)}`;
  }
  const tag = sanitizeJobIdPart(reprocessTag ?? 'once');
  return `reprocess-${checkId('captureId', data.captureId)}-${tag}`;
}

/** Makes any string safe inside a job id: ':' and whitespace become '_', length capped. */
export function sanitizeJobIdPart(part: string): string {
  const safe = part.replace(/[:\s]/g, '_').slice(0, 100);
  return safe === '' ? '_' : safe;
}

/** The submission a job id was derived from, or null (e.g. a reprocess job). */
export function submissionIdFromJobId(jobId: string | undefined): string | null {
  const m = /^(?:fetch|process)-([1-9][0-9]*)$/.exec(jobId ?? '');
  return m ? m[1]! : null;
}
