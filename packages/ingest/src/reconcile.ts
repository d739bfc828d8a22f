/**
 * Reconciling Redis with Postgres. The database is the record of every submission; Redis only
 * holds the work still to do, and it can lose it (restarted without persistence, flushed,
 * evicted, or down when `submit` tried to enqueue). A submission with work left (queued,
 * fetching, fetched) and no live job would wait for ever, so reconciling gives each such
 * submission its job back:
 *  - queued or fetching: its fetch job `fetch-<id>` (the fetch step starts over, or sees the
 *    capture already stored);
 *  - fetched: its process job `process-<id>` on the stored capture (nothing is fetched again).
 * A job is live while waiting, prioritized, delayed or active. A job that failed for good
 * while its submission was never marked failed (the outcome could not be recorded) has its
 * failure recorded now; a completed one whose submission still has work left is replaced.
 *
 * Safe at any time, beside running workers and beside another reconcile: job ids derive from
 * the submission, so adding a job that exists is a no-op, and every step is idempotent, so a
 * job that runs twice stores nothing twice. Used by `vellum recover` (once), by the workers'
 * periodic sweep (startReconciler) and by submitUrls for URLs submitted again while in flight.
 */
import type { Logger } from 'pino';
import { PermanentError } from '@vellum/core';
import {
  getSubmission,
  getSubmissionForUpdate,
  listPendingSubmissions,
  type Database,
  type Submission,
} from '@vellum/db';
import { fetchJobId, processJobId, type VellumQueues } from '@vellum/queue';
import { recordFailure } from './steps/index.ts';
import { RECONCILE_DEFAULTS } from './defaults.ts';

export interface ReconcileOptions {
  db: Database;
  queues: VellumQueues;
  /**
   * Leave alone submissions whose status moved less than this long ago (a submitter may be
   * about to enqueue the job itself), in ms.
   * @defaultValue 0
   */
  minAgeMs?: number;
  /**
   * Only these submissions (those with work left among them).
   * @defaultValue none (all)
   */
  submissionIds?: readonly number[];
  /**
   * Look, change nothing: the summary says what would be done.
   * @defaultValue false
   */
  dryRun?: boolean;
  /**
   * Recorded on the events of failures it records.
   * @defaultValue 'reconciler'
   */
  actor?: string;
  /**
   * Where submissions it cannot judge are reported.
   * @defaultValue none (no logging)
   */
  logger?: Logger;
}

/** What became of one submission with work left. */
export type ReconcileAction =
  /** It has a live job: nothing to do. */
  | 'live'
  /** It finished meanwhile. */
  | 'finished'
  /** Its fetch job was (or, dry, would be) enqueued again. */
  | 'fetch'
  /** Its process job was (or would be) enqueued again, on its stored capture. */
  | 'process'
  /** Its job had failed for good: the failure was recorded on it. */
  | 'failed';

export interface ReconcileSummary {
  /** Submissions with work left that were looked at. */
  checked: number;
  live: number;
  finished: number;
  requeuedFetch: number;
  requeuedProcess: number;
  failed: number;
  /** The submissions given a job back (fetch or process), in id order. */
  requeuedIds: number[];
  dryRun: boolean;
}

/** Submissions looked at per database page, and jobs looked up at once. */
const PAGE = 200;

/** Gives every submission with work left and no live job its job back; see the module comment. */
export async function reconcileSubmissions(options: ReconcileOptions): Promise<ReconcileSummary> {
  const summary: ReconcileSummary = {
    checked: 0,
    live: 0,
    finished: 0,
    requeuedFetch: 0,
    requeuedProcess: 0,
    failed: 0,
    requeuedIds: [],
    dryRun: options.dryRun ?? RECONCILE_DEFAULTS.dryRun,
  };
  let afterId = 0;
  for (;;) {
    const page = await listPendingSubmissions(options.db, {
      afterId,
      limit: PAGE,
      unchangedForMs: options.minAgeMs ?? RECONCILE_DEFAULTS.minAgeMs,
      ids: options.submissionIds,
    });
    const actions = await Promise.all(page.map((s) => reconcileSubmission(options, s.id)));
    for (const [i, action] of actions.entries()) {
      summary.checked++;
      if (action === 'live') summary.live++;
      else if (action === 'finished') summary.finished++;
      else if (action === 'failed') summary.failed++;
      else {
        if (action === 'fetch') summary.requeuedFetch++;
        else summary.requeuedProcess++;
        summary.requeuedIds.push(page[i]!.id);
      }
    }
    if (page.length < PAGE) break;
    afterId = page[page.length - 1]!.id;
  }
  if (summary.requeuedFetch + summary.requeuedProcess + summary.failed > 0) {
    options.logger?.warn(
      { ...summary, requeuedIds: summary.requeuedIds.slice(0, 50) },
      'reconcile: submissions without a live job were given their job back',
    );
  }
  return summary;
}

type JobState = Awaited<ReturnType<VellumQueues['fetch']['getJobState']>>;
const FINISHED_JOB: ReadonlySet<JobState> = new Set(['completed', 'failed', 'unknown']);

/**
 * Reconciles one submission. The jobs are looked at before the row is read: a job is created
 * before the work it does is recorded (submit enqueues after its commit; the fetch step
 * enqueues the process job before its own job completes), so jobs seen not live followed by
 * a row still waiting means the work has no job, never that it is between two.
 */
export async function reconcileSubmission(
  options: Pick<ReconcileOptions, 'db' | 'queues' | 'dryRun' | 'actor'>,
  submissionId: number,
): Promise<ReconcileAction> {
  const { queues } = options;
  const id = String(submissionId);
  const fetchId = fetchJobId(id);
  const processId = processJobId({ captureId: '1', submissionId: id }); // the id derives from the submission alone
  const [fetchState, processState] = await Promise.all([queues.jobState('fetch', fetchId), queues.jobState('process', processId)]);
  if (!FINISHED_JOB.has(fetchState) || !FINISHED_JOB.has(processState)) return 'live';

  const submission = await getSubmission(options.db, submissionId);
  if (!submission || !isPending(submission)) return 'finished';
  const priority = submission.priority > 0 ? submission.priority : undefined;

  if (submission.status === 'fetched' && submission.captureId !== null) {
    if (processState === 'failed') return recordJobFailure(options, submission, processId, 'process');
    if (options.dryRun) return 'process';
    if (processState === 'completed') await queues.process.remove(processId);
    await queues.enqueueProcess({ captureId: String(submission.captureId), submissionId: id }, { priority });
    return 'process';
  }
  // queued or fetching (a fetched row without its capture cannot be processed: fetch again).
  if (fetchState === 'failed') return recordJobFailure(options, submission, fetchId, 'fetch');
  if (options.dryRun) return 'fetch';
  if (fetchState === 'completed') await queues.fetch.remove(fetchId);
  await queues.enqueueFetch({ submissionId: id }, { priority });
  return 'fetch';
}

/** The job failed for good but the submission never heard: record the job's reason now. */
async function recordJobFailure(
  options: Pick<ReconcileOptions, 'db' | 'queues' | 'dryRun' | 'actor'>,
  submission: Submission,
  jobId: string,
  queue: 'fetch' | 'process',
): Promise<ReconcileAction> {
  if (options.dryRun) return 'failed';
  const job = await options.queues.byName(queue).getJob(jobId);
  const reason = job?.failedReason || 'the job failed and its reason was not kept';
  const error = new PermanentError('job-failed', `${reason} (recorded by the reconciler: the ${queue} job had failed for good)`);
  return options.db.transaction(async (tx) => {
    // Under the row lock: a worker recording the same failure meanwhile wins, once.
    const current = await getSubmissionForUpdate(tx, submission.id);
    if (!current || !isPending(current)) return 'finished';
    await recordFailure(tx, submission.id, error, options.actor ?? RECONCILE_DEFAULTS.actor);
    return 'failed';
  });
}

function isPending(s: Submission): boolean {
  return s.status === 'queued' || s.status === 'fetching' || s.status === 'fetched';
}

export interface ReconcilerOptions extends Omit<ReconcileOptions, 'submissionIds' | 'dryRun'> {
  /** Time between two sweeps, in ms. */
  intervalMs: number;
  logger: Logger;
}

export interface ReconcilerHandle {
  /** Runs one sweep now (after the one in progress, if any), whichever process swept last. */
  sweep(): Promise<ReconcileSummary | undefined>;
  /** Stops sweeping; waits (a few seconds at most) for a sweep in progress. */
  close(): Promise<void>;
}

/**
 * Sweeps every `intervalMs` (the first one at once), so that submissions whose jobs Redis
 * lost get them back without anyone noticing. Every worker process runs one, and the first
 * to take a short Redis lease sweeps for the interval (the others skip it), so N workers do
 * not all look at every job. A sweep that fails (Redis or Postgres away) is logged and the
 * next one tries again.
 */
export function startReconciler(options: ReconcilerOptions): ReconcilerHandle {
  const { logger } = options;
  let running: Promise<ReconcileSummary | undefined> = Promise.resolve(undefined);
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const run = (leased: boolean): Promise<ReconcileSummary | undefined> => {
    running = running.then(async () => {
      if (closed) return undefined;
      try {
        if (leased && !(await takeLease(options.queues, options.intervalMs))) return undefined;
        return await reconcileSubmissions(options);
      } catch (error) {
        logger.warn({ err: error }, 'reconcile sweep failed (Redis or Postgres unreachable?); the next one tries again');
        return undefined;
      }
    });
    return running;
  };
  const schedule = (delayMs: number): void => {
    timer = setTimeout(() => {
      void run(true).then(() => {
        if (!closed) schedule(options.intervalMs);
      });
    }, delayMs);
    timer.unref();
  };
  schedule(0);
  return {
    sweep: () => run(false),
    async close() {
      closed = true;
      clearTimeout(timer);
      // With Redis down a sweep waits for it; shutting down must not.
      let wait: NodeJS.Timeout | undefined;
      await Promise.race([running, new Promise((resolve) => (wait = setTimeout(resolve, 5000)))]);
      clearTimeout(wait);
    },
  };
}

/**
 * A lease for one sweep per interval across all worker processes: SET NX with an expiry a
 * little under the interval. Never released: it runs out, and the next interval's first
 * taker sweeps. A Redis that lost its data lost the lease too, so the next sweep happens.
 */
async function takeLease(queues: VellumQueues, intervalMs: number): Promise<boolean> {
  // BullMQ's client is an ioredis client; its typed surface lacks SET's NX form.
  const client = (await queues.fetch.client) as unknown as { set(...args: Array<string | number>): Promise<string | null> };
  const ttl = Math.max(100, Math.floor(intervalMs * 0.9));
  const ok = await client.set(`${queues.prefix}:reconciler:lease`, String(process.pid), 'PX', ttl, 'NX');
  return ok === 'OK';
}
