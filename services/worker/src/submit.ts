/**
 * Submitting URLs: record a submission, enqueue its fetch job. Shared by `vellum submit`, the
 * HTTP API and the scheduler, so every way in applies the same rules:
 *  - a URL that does not parse as http(s) gets a recorded `failed` submission with the reason;
 *  - a URL with a submission in flight (queued, fetching, fetched) is not submitted again
 *    (a queued one has its fetch job re-added, a no-op unless the job was lost);
 *  - a URL already archived (processed or unchanged, or an article stored under it) is not
 *    fetched again unless `refetch` is set;
 *  - anything else gets a new `queued` submission and a fetch job whose id derives from it.
 * URLs are compared by their canonical form (canonicalizeUrl). Deciding and recording happen
 * in one transaction under a per-URL advisory lock, so two submitters racing on one URL
 * create one submission.
 */
import { canonicalizeUrl } from '@vellum/core';
import {
  createSubmission,
  findArticlesByUrl,
  findSubmissionsByUrl,
  updateSubmissionStatus,
  type Database,
  type Queryable,
  type Submission,
  type SubmissionStatus,
} from '@vellum/db';
import { checkPriority, type EnqueueOptions, type VellumQueues } from '@vellum/queue';

export interface SubmitUrlsOptions {
  db: Database;
  queues: VellumQueues;
  urls: readonly string[];
  /** Who asks (a user name, `api`, a schedule id): recorded on the submission and its event. */
  submittedBy: string;
  /** Through what: `cli`, `api`, `file`, `schedule`, ... */
  source: string;
  /** 1 (most urgent) to 2^21. Default: none. */
  priority?: number;
  /** Fetch again even when the URL is already archived. Default false. */
  refetch?: boolean;
  /** Overrides of the queue's default job options (attempts, backoff) for these jobs. */
  jobOptions?: EnqueueOptions['jobOptions'];
}

export type SubmitOutcome =
  /** A new submission, its fetch job enqueued. */
  | 'queued'
  /** Already queued, being fetched or processed: the existing submission is returned. */
  | 'in-flight'
  /** Already archived and `refetch` not set: the existing submission is returned. */
  | 'archived'
  /** Not an http(s) URL: recorded as a failed submission with the reason. */
  | 'invalid';

export interface SubmitResult {
  /** The URL as given. */
  url: string;
  /** Its canonical form, or null when it does not parse. */
  normalizedUrl: string | null;
  outcome: SubmitOutcome;
  /** The submission recorded or found (null only for an article archived without one). */
  submissionId: number | null;
  status: SubmissionStatus;
  /** For `invalid`: why. */
  reason: string | null;
  /** For `archived`: the newest article stored under this URL, when known. */
  articleId: number | null;
}

const IN_FLIGHT: ReadonlySet<SubmissionStatus> = new Set(['queued', 'fetching', 'fetched']);
const ARCHIVED: ReadonlySet<SubmissionStatus> = new Set(['processed', 'unchanged']);

/** Submits each URL in order; see the module comment for the rules. */
export async function submitUrls(options: SubmitUrlsOptions): Promise<SubmitResult[]> {
  const priority = checkPriority(options.priority);
  const results: SubmitResult[] = [];
  const toEnqueue: Array<{ submissionId: number; priority: number | undefined }> = [];
  for (const url of options.urls) {
    const decided = await submitOne(options, url, priority);
    results.push(decided.result);
    if (decided.enqueue && decided.result.submissionId !== null) {
      toEnqueue.push({ submissionId: decided.result.submissionId, priority: decided.enqueuePriority });
    }
  }
  // Enqueued after the rows are committed, so a worker never picks up a job whose submission
  // it cannot see. A crash in between leaves a queued submission without a job: submitting
  // the URL again re-adds it (the job id is the same, so this never duplicates).
  for (const job of toEnqueue) {
    await options.queues.enqueueFetch(
      { submissionId: String(job.submissionId) },
      { priority: job.priority, jobOptions: options.jobOptions },
    );
  }
  return results;
}

interface Decision {
  result: SubmitResult;
  enqueue: boolean;
  enqueuePriority: number | undefined;
}

async function submitOne(options: SubmitUrlsOptions, url: string, priority: number | undefined): Promise<Decision> {
  let normalizedUrl: string;
  try {
    normalizedUrl = canonicalizeUrl(url.trim());
  } catch (error) {
    return recordInvalid(options, url, (error as Error).message);
  }
  return options.db.transaction(async (tx) => {
    await lockUrl(options.db, tx, normalizedUrl);
    const previous = await findSubmissionsByUrl(tx, normalizedUrl, { limit: 50 });
    const inFlight = previous.find((s) => IN_FLIGHT.has(s.status));
    if (inFlight) {
      return {
        result: resultOf(url, normalizedUrl, 'in-flight', inFlight, null),
        enqueue: inFlight.status === 'queued',
        enqueuePriority: inFlight.priority || undefined,
      };
    }
    if (!options.refetch) {
      const archived = previous.find((s) => ARCHIVED.has(s.status));
      const [article] = await findArticlesByUrl(tx, normalizedUrl, { limit: 1 });
      if (archived || article) {
        const result: SubmitResult = archived
          ? resultOf(url, normalizedUrl, 'archived', archived, article?.id ?? archived.articleId)
          : { url, normalizedUrl, outcome: 'archived', submissionId: article!.submissionId, status: 'processed', reason: null, articleId: article!.id };
        return { result, enqueue: false, enqueuePriority: undefined };
      }
    }
    const created = await createSubmission(tx, {
      url,
      normalizedUrl,
      submittedBy: options.submittedBy,
      source: options.source,
      priority: priority ?? 0,
      options: options.refetch ? { refetch: true } : {},
    });
    return { result: resultOf(url, normalizedUrl, 'queued', created, null), enqueue: true, enqueuePriority: priority };
  });
}

async function recordInvalid(options: SubmitUrlsOptions, url: string, reason: string): Promise<Decision> {
  const failed = await options.db.transaction(async (tx) => {
    const created = await createSubmission(tx, {
      url,
      submittedBy: options.submittedBy,
      source: options.source,
      priority: 0,
    });
    return updateSubmissionStatus(tx, created.id, 'failed', { reason: `invalid-input: ${reason}`, actor: options.submittedBy });
  });
  return { result: { ...resultOf(url, null, 'invalid', failed, null), reason }, enqueue: false, enqueuePriority: undefined };
}

function resultOf(
  url: string,
  normalizedUrl: string | null,
  outcome: SubmitOutcome,
  s: Submission,
  articleId: number | null,
): SubmitResult {
  return { url, normalizedUrl, outcome, submissionId: s.id, status: s.status, reason: null, articleId };
}

/** Serializes submitters of one URL until the transaction ends (PGlite has one connection). */
async function lockUrl(db: Database, tx: Queryable, normalizedUrl: string): Promise<void> {
  if (db.kind !== 'postgres') return;
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('vellum:submit:' || $1))`, [normalizedUrl]);
}
