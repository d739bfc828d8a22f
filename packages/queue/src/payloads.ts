/**
 * Job payloads. They carry ids only: the work's inputs live in the database, so a job that
 * runs twice reads the same state and a payload never goes stale. Ids are database bigints
 * carried as decimal strings (JSON has no 64-bit integers).
 */

/** A `fetch` job: capture the URL of one submission. */
export interface FetchJobData {
  submissionId: string;
}

/**
 * A `process` job: run the pipeline on a stored capture. `submissionId` is absent when a
 * capture is reprocessed on its own (e.g. under a new pipeline version).
 */
export interface ProcessJobData {
  captureId: string;
  submissionId?: string;
}

/** What a fetch job returns (kept with the completed job, and seen by QueueEvents). */
export interface FetchJobResult {
  captureId: string | null;
  next: 'process' | 'done';
  durationMs: number;
}

/** What a process job returns. */
export interface ProcessJobResult {
  captureId: string;
  articleId: string;
  /** False when the capture already had its article (a job run twice). */
  created: boolean;
  durationMs: number;
}

const ID = /^[1-9][0-9]*$/;

/** Checks a payload id: a positive decimal integer as a string. */
export function isJobEntityId(value: unknown): value is string {
  return typeof value === 'string' && ID.test(value) && value.length <= 19;
}

export function parseFetchJobData(data: unknown): FetchJobData {
  const d = data as Partial<FetchJobData> | null;
  if (!d || !isJobEntityId(d.submissionId)) {
    throw new TypeError(`malformed fetch job payload: ${JSON.stringify(data)}`);
  }
  return { submissionId: d.submissionId };
}

export function parseProcessJobData(data: unknown): ProcessJobData {
  const d = data as Partial<ProcessJobData> | null;
  if (!d || !isJobEntityId(d.captureId) || (d.submissionId !== undefined && !isJobEntityId(d.submissionId))) {
    throw new TypeError(`malformed process job payload: ${JSON.stringify(data)}`);
  }
  return d.submissionId === undefined ? { captureId: d.captureId } : { captureId: d.captureId, submissionId: d.submissionId };
}
