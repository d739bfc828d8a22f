/**
 * Submitting URLs: record a submission, enqueue its fetch job. Shared by `vellum submit`, the
 * HTTP API and the scheduler, so every way in applies the same rules:
 *  - a URL refused by checkSubmittedUrl (not http(s), control characters, user:password@) gets
 *    a recorded `failed` submission with the reason, recorded without its secrets;
 *  - a URL with a submission in flight (queued, fetching, fetched) is not submitted again,
 *    `refetch` or not; if that submission has no live job (Redis lost it), it gets its job
 *    back: fetch for queued/fetching, process on the stored capture for fetched (reconcile.ts);
 *  - a URL already archived (processed or unchanged, or an article stored under it) is not
 *    fetched again unless `refetch` is set (then it gets a new submission and capture);
 *  - anything else gets a new `queued` submission and a fetch job whose id derives from it.
 * URLs are compared by their canonical form (canonicalizeUrl). Deciding and recording happen
 * in one transaction per chunk of URLs, under per-URL advisory locks, so two submitters racing
 * on one URL create one submission.
 */
import { TransientError, checkSubmittedUrl, checkSubmitter, redactUrl } from '@vellum/core';
import {
  createSubmission,
  findKnownSubmissions,
  findNewestArticlesByUrl,
  lockSubmittedUrls,
  updateSubmissionStatus,
  type Database,
  type Queryable,
  type Submission,
  type SubmissionStatus,
  type KnownSubmission,
} from '@vellum/db';
import { checkPriority, type EnqueueOptions, type VellumQueues } from '@vellum/queue';
import { reconcileSubmission } from './reconcile.ts';
import { SUBMIT_URLS_DEFAULTS } from './defaults.ts';

export interface SubmitUrlsOptions {
  db: Database;
  queues: VellumQueues;
  urls: readonly string[];
  /** Who asks (a user name, `api`, a schedule id): recorded on the submission and its event. */
  submittedBy: string;
  /** Through what: `cli`, `api`, `file`, `schedule`, ... */
  source: string;
  /**
   * 1 (most urgent) to 2^21.
   * @defaultValue none
   */
  priority?: number;
  /**
   * Fetch again even when the URL is already archived.
   * @defaultValue false
   */
  refetch?: boolean;
  /**
   * Overrides of the queue's default job options (attempts, backoff) for these jobs.
   * @defaultValue none (the queues' job options)
   */
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
  /** The URL as recorded: trimmed; for `invalid`, with credentials and control characters masked. */
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
  /** For `in-flight`: the job the submission had lost and was given back, if any. */
  requeued?: 'fetch' | 'process';
}

const IN_FLIGHT: ReadonlySet<SubmissionStatus> = new Set(['queued', 'fetching', 'fetched']);
const ARCHIVED: ReadonlySet<SubmissionStatus> = new Set(['processed', 'unchanged']);

/**
 * URLs decided in one transaction. Each holds an advisory lock until commit, and Postgres's
 * shared lock table is finite (max_locks_per_transaction x connections), so keep it modest.
 */
const CHUNK = 100;

/** Submits the URLs; see the module comment for the rules. Results are in input order. */
export async function submitUrls(options: SubmitUrlsOptions): Promise<SubmitResult[]> {
  const priority = checkPriority(options.priority);
  // Throws InvalidInputError before anything is recorded: a name with control characters is refused.
  options = { ...options, submittedBy: checkSubmitter(options.submittedBy) };
  const results: SubmitResult[] = new Array(options.urls.length);
  const valid: Array<{ index: number; url: string; normalizedUrl: string }> = [];
  for (const [index, url] of options.urls.entries()) {
    try {
      // Trimmed; control characters and user:password@ refused (shared with the API's check).
      valid.push({ index, ...checkSubmittedUrl(url) });
    } catch (error) {
      results[index] = await recordInvalid(options, url, (error as Error).message);
    }
  }
  const toEnqueue: Array<{ submissionId: number; priority: number | undefined }> = [];
  const toHeal: SubmitResult[] = [];
  for (let i = 0; i < valid.length; i += CHUNK) {
    const decided = await options.db.transaction((tx) => decideChunk(options, tx, valid.slice(i, i + CHUNK), priority));
    for (const d of decided) {
      results[d.index] = d.result;
      if (d.result.submissionId === null) continue;
      if (d.enqueue) toEnqueue.push({ submissionId: d.result.submissionId, priority: d.enqueuePriority });
      else if (d.heal) toHeal.push(d.result);
    }
  }
  // Enqueued after the rows are committed, so a worker never picks up a job whose submission
  // it cannot see. A crash or a Redis outage in between leaves queued submissions without a
  // job: the workers' reconcile sweep, `vellum recover` or submitting the URL again gives it
  // back (the job id derives from the submission, so this never duplicates).
  for (const [i, job] of toEnqueue.entries()) {
    try {
      await options.queues.enqueueFetch(
        { submissionId: String(job.submissionId) },
        { priority: job.priority, jobOptions: options.jobOptions },
      );
    } catch (error) {
      throw new EnqueueError(toEnqueue.slice(i).map((j) => j.submissionId), error, results);
    }
  }
  // Each URL already in flight once: a submission whose job was lost gets it back.
  const healed = new Set<number>();
  for (const result of toHeal) {
    const id = result.submissionId!;
    if (healed.has(id)) continue;
    healed.add(id);
    try {
      const action = await reconcileSubmission({ db: options.db, queues: options.queues, actor: options.submittedBy }, id);
      if (action === 'fetch' || action === 'process') {
        for (const r of toHeal) if (r.submissionId === id) r.requeued = action;
      }
    } catch (error) {
      throw new EnqueueError([id], error, results);
    }
  }
  return results;
}

/**
 * The submissions were recorded but their jobs could not be enqueued (Redis down). They stay
 * `queued`; the workers' reconcile sweep or `vellum recover` enqueues them once Redis answers
 * (so does submitting the same URLs again). `results` holds every URL's outcome as recorded.
 */
export class EnqueueError extends TransientError<'enqueue-failed'> {
  constructor(
    readonly submissionIds: number[],
    cause: unknown,
    readonly results: readonly SubmitResult[] = [],
  ) {
    super(
      'enqueue-failed',
      `${submissionIds.length} submission(s) were recorded but could not be enqueued (Redis unreachable: ${(cause as Error)?.message ?? String(cause)}): ` +
        'their jobs were NOT enqueued. They stay queued: once Redis answers, the workers\' recovery sweep or `vellum recover` ' +
        'enqueues them (so does an attempt to submit the same URLs again)',
      { cause },
    );
  }
}

interface Decision {
  index: number;
  result: SubmitResult;
  enqueue: boolean;
  /** An existing submission in flight: give it back the job it may have lost. */
  heal: boolean;
  enqueuePriority: number | undefined;
}

type Known = Omit<KnownSubmission, 'key'>;

/** Decides a chunk of parsed URLs under their locks: what exists, then what to create. */
async function decideChunk(
  options: SubmitUrlsOptions,
  tx: Queryable,
  chunk: Array<{ index: number; url: string; normalizedUrl: string }>,
  priority: number | undefined,
): Promise<Decision[]> {
  const keys = [...new Set(chunk.map((c) => c.normalizedUrl))];
  await lockSubmittedUrls(options.db, tx, keys);
  const inFlight = new Map<string, Known>();
  const archived = new Map<string, Known>();
  for (const row of await findKnownSubmissions(tx, keys)) {
    const target = IN_FLIGHT.has(row.status) ? inFlight : ARCHIVED.has(row.status) ? archived : undefined;
    if (target && !target.has(row.key)) target.set(row.key, row); // rows come newest first
  }
  const refetch = options.refetch ?? SUBMIT_URLS_DEFAULTS.refetch;
  const articles = refetch ? new Map<string, { id: number; submissionId: number | null }>() : await findNewestArticlesByUrl(tx, keys);

  const decisions: Decision[] = [];
  for (const { index, url, normalizedUrl } of chunk) {
    const flying = inFlight.get(normalizedUrl);
    if (flying) {
      const fresh = decisions.some((d) => d.result.submissionId === flying.id && d.result.outcome === 'queued');
      decisions.push({
        index,
        result: { url, normalizedUrl, outcome: 'in-flight', submissionId: flying.id, status: flying.status, reason: null, articleId: null },
        enqueue: false,
        // Unless this call created it, it may have lost its job (queued, fetching or fetched).
        heal: !fresh,
        enqueuePriority: undefined,
      });
      continue;
    }
    const done = refetch ? undefined : archived.get(normalizedUrl);
    const article = articles.get(normalizedUrl);
    if (done || article) {
      decisions.push({
        index,
        result: {
          url,
          normalizedUrl,
          outcome: 'archived',
          submissionId: done?.id ?? article!.submissionId,
          status: done?.status ?? 'processed',
          reason: null,
          articleId: article?.id ?? done?.articleId ?? null,
        },
        enqueue: false,
        heal: false,
        enqueuePriority: undefined,
      });
      continue;
    }
    const created = await createSubmission(tx, {
      url,
      normalizedUrl,
      submittedBy: options.submittedBy,
      source: options.source,
      priority: priority ?? 0,
      options: refetch ? { refetch: true } : {},
    });
    inFlight.set(normalizedUrl, { id: created.id, status: created.status, priority: created.priority, articleId: null });
    decisions.push({ index, result: resultOf(url, normalizedUrl, 'queued', created, null), enqueue: true, heal: false, enqueuePriority: priority });
  }
  return decisions;
}

async function recordInvalid(options: SubmitUrlsOptions, given: string, reason: string): Promise<SubmitResult> {
  // Recorded without its credentials and with its control characters escaped (Postgres refuses NUL).
  const url = redactUrl(given);
  const failed = await options.db.transaction(async (tx) => {
    const created = await createSubmission(tx, {
      url,
      submittedBy: options.submittedBy,
      source: options.source,
      priority: 0,
    });
    return updateSubmissionStatus(tx, created.id, 'failed', { reason: `invalid-input: ${reason}`, actor: options.submittedBy });
  });
  return { ...resultOf(url, null, 'invalid', failed, null), reason };
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
