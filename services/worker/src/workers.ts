/**
 * The BullMQ workers: a `fetch` worker (I/O bound, high concurrency) runs the fetch step and
 * enqueues the capture's `process` job; a `process` worker (CPU bound) runs the pipeline and
 * stores the article. The steps move the submission's status (queued -> fetching -> fetched
 * -> processed | unchanged); the workers record final failures, decide retries (see
 * failure.ts) and keep jobs at-least-once: a job whose worker dies is handed back by the
 * stalled-job check, and every step is idempotent, so running it twice stores nothing twice.
 */
import os from 'node:os';
import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Logger } from 'pino';
import { PermanentError, TransientError } from '@vellum/core';
import { appendEvent } from '@vellum/db';
import {
  QUEUE_NAMES,
  createOutageLog,
  createQueues,
  parseFetchJobData,
  parseProcessJobData,
  type FetchJobData,
  type FetchJobResult,
  type ProcessJobData,
  type ProcessJobResult,
  type VellumQueues,
} from '@vellum/queue';
import {
  classifyFailure,
  createPipelineRunner,
  databaseRetryDelayMs,
  failureReason,
  recordCaptureFailure,
  recordFailure,
  runFetchStep,
  runProcessStep,
  startReconciler,
  type PipelineRunner,
  type StepDeps,
} from '@vellum/ingest';
import { START_WORKERS_DEFAULTS } from './defaults.ts';
import type { StartWorkersOptions, WorkerRole } from './worker-options.ts';

export type { StartWorkersOptions, WorkerRole } from './worker-options.ts';

export interface WorkersHandle {
  readonly role: WorkerRole;
  readonly workers: readonly Worker[];
  /** Stops taking jobs, waits for in-flight ones (up to shutdownTimeoutMs), closes connections. */
  close(): Promise<void>;
}

export function startWorkers(options: StartWorkersOptions): WorkersHandle {
  const role = options.role ?? START_WORKERS_DEFAULTS.role;
  const logger = options.logger;
  const actor = options.actor ?? `worker:${os.hostname()}:${process.pid}`;
  const concurrency = resolveConcurrency(options.concurrency);
  if (role !== 'process' && !options.fetcher) throw new Error('the fetch worker needs a fetcher');
  const processes = role === 'process' || role === 'all';
  const pipeline: PipelineRunner | undefined = processes
    ? createPipelineRunner({ timeoutMs: options.processTimeoutMs, threads: concurrency.process, threadEntry: options.pipelineThreadEntry })
    : undefined;
  const deps: StepDeps = {
    db: options.db,
    fetcher: options.fetcher,
    cleanOptions: options.cleanOptions,
    minTextChars: options.minTextChars,
    actor,
    pipeline,
  };
  // The fetch worker enqueues process jobs; it shares the worker connection options.
  const queues = createQueues({ connection: options.connection, prefix: options.prefix, jobOptions: options.jobOptions });
  const common = {
    connection: options.connection,
    prefix: queues.prefix,
    lockDuration: options.lockDurationMs ?? START_WORKERS_DEFAULTS.lockDurationMs,
    stalledInterval: options.stalledIntervalMs ?? START_WORKERS_DEFAULTS.stalledIntervalMs,
    maxStalledCount: options.maxStalledCount ?? START_WORKERS_DEFAULTS.maxStalledCount,
  };

  const workers: Worker[] = [];
  if (role === 'fetch' || role === 'all') {
    workers.push(
      new Worker<FetchJobData, FetchJobResult>(QUEUE_NAMES.fetch, (job, token) => fetchJob(deps, queues, logger, job, token), {
        ...common,
        concurrency: concurrency.fetch,
      }),
    );
  }
  if (role === 'process' || role === 'all') {
    workers.push(
      new Worker<ProcessJobData, ProcessJobResult>(QUEUE_NAMES.process, (job, token) => processJob(deps, logger, job, token), {
        ...common,
        concurrency: concurrency.process,
      }),
    );
  }
  const redisOutage = createOutageLog(logger, 'Redis (queues)', options.outageLogIntervalMs ?? START_WORKERS_DEFAULTS.outageLogIntervalMs);
  for (const worker of workers) {
    worker.on('error', (err) => redisOutage.failure(err));
    // The worker says 'ready' after every (re)connection of its blocking connection.
    worker.on('ready', () => redisOutage.recovered());
    worker.on('stalled', (jobId) => logger.warn({ jobId, queue: worker.name }, 'stalled job handed back to the queue'));
    worker.on('failed', (job, err) => {
      logger.info({ jobId: job?.id, queue: worker.name, attemptsMade: job?.attemptsMade, err: err.message }, 'job attempt failed');
      // BullMQ fails a job that stalled too often without running the processor, so the
      // submission's outcome is recorded here.
      if (job?.deferredFailure && err.message === job.deferredFailure) void recordStalledFailure(deps, logger, job);
    });
  }
  const reconcileIntervalMs = options.reconcileIntervalMs ?? START_WORKERS_DEFAULTS.reconcileIntervalMs;
  if (!Number.isInteger(reconcileIntervalMs) || reconcileIntervalMs < 0) throw new RangeError(`reconcileIntervalMs must be an integer >= 0, got ${reconcileIntervalMs}`);
  const reconciler =
    reconcileIntervalMs > 0
      ? startReconciler({ db: options.db, queues, intervalMs: reconcileIntervalMs, minAgeMs: options.reconcileMinAgeMs ?? START_WORKERS_DEFAULTS.reconcileMinAgeMs, actor, logger })
      : undefined;
  logger.info({ role, concurrency, prefix: queues.prefix, actor, reconcileIntervalMs }, 'workers started');

  let closing: Promise<void> | undefined;
  return {
    role,
    workers,
    close() {
      closing ??= (async () => {
        const timeoutMs = options.shutdownTimeoutMs ?? START_WORKERS_DEFAULTS.shutdownTimeoutMs;
        await reconciler?.close();
        await Promise.all(workers.map((w) => closeWorker(w, timeoutMs, logger)));
        await pipeline?.close();
        await queues.close();
        logger.info({ role }, 'workers stopped');
      })();
      return closing;
    },
  };
}

function resolveConcurrency(c: StartWorkersOptions['concurrency']): { fetch: number; process: number } {
  const r = typeof c === 'number' ? { fetch: c, process: c } : { fetch: c?.fetch ?? START_WORKERS_DEFAULTS.concurrency.fetch, process: c?.process ?? START_WORKERS_DEFAULTS.concurrency.process };
  for (const [k, v] of Object.entries(r)) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${k} concurrency must be a positive integer, got ${v}`);
  }
  return r;
}

/** Waits for in-flight jobs; past the timeout, leaves them to the stalled check of another worker. */
async function closeWorker(worker: Worker, timeoutMs: number, logger: Logger): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const graceful = worker.close().then(() => 'closed' as const);
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), timeoutMs);
  });
  const outcome = await Promise.race([graceful, timeout]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    logger.warn({ queue: worker.name, timeoutMs }, 'in-flight jobs did not finish in time; handing them back');
    // After a Redis outage BullMQ's blocking connection can stay parked in "reconnecting", and
    // even a forced close then never resolves (taskforcesh/bullmq#4585, #4656): stop waiting,
    // so that a worker told to stop does stop. Its jobs go back through the stalled check.
    const forced = await Promise.race([
      worker.close(true).then(() => 'closed' as const),
      new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), 5000);
      }),
    ]);
    clearTimeout(timer);
    if (forced === 'timeout') logger.warn({ queue: worker.name }, 'the worker did not close (Redis connection stuck); leaving it');
  }
}

async function fetchJob(
  deps: StepDeps,
  queues: VellumQueues,
  logger: Logger,
  job: Job<FetchJobData, FetchJobResult>,
  token: string | undefined,
): Promise<FetchJobResult> {
  const started = performance.now();
  let submissionId: string | undefined;
  try {
    submissionId = parseFetchJobData(job.data).submissionId;
    const result = await runFetchStep(deps, Number(submissionId));
    // 'already-done' with status fetched: an earlier run captured and then died before (or
    // while) enqueueing; enqueueing again is safe, the job id is derived from the submission.
    const toProcess = result.kind === 'captured' || (result.kind === 'already-done' && result.status === 'fetched');
    const captureId = result.captureId === null ? null : String(result.captureId);
    if (toProcess && captureId !== null) {
      await queues.enqueueProcess({ captureId, submissionId }, { priority: job.opts.priority });
    }
    logger.debug({ submissionId, kind: result.kind, captureId }, 'fetched');
    return { captureId, next: toProcess ? 'process' : 'done', durationMs: performance.now() - started };
  } catch (error) {
    throw await handleFailure(deps, logger, job, token, error, submissionId ? { submissionId } : null);
  }
}

async function processJob(
  deps: StepDeps,
  logger: Logger,
  job: Job<ProcessJobData, ProcessJobResult>,
  token: string | undefined,
): Promise<ProcessJobResult> {
  const started = performance.now();
  let data: ProcessJobData | undefined;
  try {
    data = parseProcessJobData(job.data);
    const result = await runProcessStep(deps, Number(data.captureId), data.submissionId ? Number(data.submissionId) : null);
    logger.debug({ ...data, articleId: result.articleId, created: result.created }, 'processed');
    const durationMs = performance.now() - started;
    // Let the event loop turn before the next page, so the last DOM can be collected.
    await new Promise((resolve) => setImmediate(resolve));
    return { captureId: data.captureId, articleId: String(result.articleId), created: result.created, durationMs };
  } catch (error) {
    throw await handleFailure(deps, logger, job, token, error, data?.submissionId ? { submissionId: data.submissionId } : data ? { captureId: data.captureId } : null);
  }
}

/**
 * Decides what a failed attempt becomes and returns the error for the processor to throw:
 * UnrecoverableError (fail now), DelayedError (database down: back later, attempt not
 * counted) or the error itself (BullMQ retries with backoff, or fails it on the last attempt).
 */
async function handleFailure(
  deps: StepDeps,
  logger: Logger,
  job: Job,
  token: string | undefined,
  error: unknown,
  subject: { submissionId: string } | { captureId: string } | null,
): Promise<Error> {
  const kind = classifyFailure(error);
  const reason = failureReason(error);
  if (kind === 'database' && token) {
    const delayMs = databaseRetryDelayMs(Math.max(0, (job.attemptsStarted ?? 1) - job.attemptsMade - 1));
    logger.warn({ jobId: job.id, delayMs, reason }, 'database unreachable; job put back without using an attempt');
    await job.moveToDelayed(Date.now() + delayMs, token);
    return new DelayedError(reason);
  }
  const final = kind === 'permanent' || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  try {
    if (final) await recordFinalFailure(deps, subject, error, reason);
    else await recordRetry(deps, job, subject, reason, honourRetryAfter(job, error));
  } catch (recordError) {
    if (classifyFailure(recordError) === 'database' && token) {
      // The outcome must be recorded: come back when the database is.
      const delayMs = databaseRetryDelayMs(0);
      await job.moveToDelayed(Date.now() + delayMs, token);
      return new DelayedError(reason);
    }
    logger.error({ err: recordError, jobId: job.id }, 'could not record the failure');
  }
  if (kind === 'permanent') return new UnrecoverableError(reason);
  return error instanceof Error ? error : new Error(reason);
}

async function recordStalledFailure(deps: StepDeps, logger: Logger, job: Job): Promise<void> {
  const error = new PermanentError(
    'stalled',
    `${job.deferredFailure}: the worker running it died or hung every time (the page may crash or exhaust the worker)`,
  );
  const data = job.data as Partial<ProcessJobData & FetchJobData>;
  const subject = data.submissionId ? { submissionId: data.submissionId } : data.captureId ? { captureId: data.captureId } : null;
  try {
    await recordFinalFailure(deps, subject, error, failureReason(error));
  } catch (recordError) {
    logger.error({ err: recordError, jobId: job.id }, 'could not record the failure of a stalled job');
  }
}

async function recordFinalFailure(
  deps: StepDeps,
  subject: { submissionId: string } | { captureId: string } | null,
  error: unknown,
  reason: string,
): Promise<void> {
  if (!subject) return;
  if ('submissionId' in subject) {
    await recordFailure(deps.db, Number(subject.submissionId), error, deps.actor);
  } else {
    await appendEvent(deps.db, { entity: 'capture', entityId: Number(subject.captureId), action: 'process-failed', actor: deps.actor, details: { reason } });
    // A submission still waiting for this capture would otherwise wait for ever.
    await recordCaptureFailure(deps.db, Number(subject.captureId), error, deps.actor);
  }
}

/**
 * A server's Retry-After (429, 503) is a floor under the next attempt's delay. BullMQ computes
 * that delay from `job.opts.backoff` once the processor has thrown, so when the server asks
 * for longer than the job's own backoff, this run's copy of the options is raised to it (a
 * fixed delay, this retry only: nothing is written to Redis). Returns the floor, if any.
 */
function honourRetryAfter(job: Job, error: unknown): number | undefined {
  const retryAfterMs = error instanceof TransientError ? error.retryAfterMs : undefined;
  if (retryAfterMs === undefined || retryAfterMs <= 0) return undefined;
  if (retryAfterMs > ownBackoffMs(job)) job.opts = { ...job.opts, backoff: { type: 'fixed', delay: retryAfterMs } };
  return retryAfterMs;
}

/** The most the job's own backoff would wait before the coming retry (jitter only lowers it). */
function ownBackoffMs(job: Job): number {
  const backoff = typeof job.opts.backoff === 'number' ? { type: 'fixed', delay: job.opts.backoff } : job.opts.backoff;
  const delay = backoff?.delay ?? 0;
  if (backoff?.type === 'exponential') return Math.round(2 ** job.attemptsMade * delay);
  return backoff?.type === 'fixed' ? delay : Number.POSITIVE_INFINITY;
}

/** An attempt failed and will be retried: the submission's history says so, why, and (for Retry-After) not before when. */
async function recordRetry(
  deps: StepDeps,
  job: Job,
  subject: { submissionId: string } | { captureId: string } | null,
  reason: string,
  retryAfterMs: number | undefined,
): Promise<void> {
  if (!subject || !('submissionId' in subject)) return;
  const floor = retryAfterMs === undefined ? {} : { retryAfterMs, notBefore: new Date(Date.now() + retryAfterMs).toISOString() };
  await appendEvent(deps.db, {
    entity: 'submission',
    entityId: Number(subject.submissionId),
    action: 'retry-scheduled',
    actor: deps.actor,
    details: { queue: job.queueName, attempt: job.attemptsMade + 1, of: job.opts.attempts ?? 1, reason, ...floor },
  });
}


