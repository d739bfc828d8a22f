/**
 * The scheduler service: a BullMQ worker on the `schedule` queue that runs schedules as their
 * job schedulers fire, plus a periodic reconcile that makes Redis follow the schedules table
 * (schedules added or paused while Redis was unreachable, or from a process without Redis).
 * Any number of these may run; each firing is one job and is run by one of them.
 */
import { Worker, type ConnectionOptions, type Job } from 'bullmq';
import pino, { type Logger } from 'pino';
import { type Database, type ScheduleRun, selectSchedules } from '@vellum/db';
import { createFetcher, type Fetcher, type FetcherOptions } from '@vellum/fetcher';
import { createOutageLog, type VellumQueues } from '@vellum/queue';
import { runSchedule } from '../run/run-schedule.ts';
import type { RunLimits } from '../run/run-limits.ts';
import { submitterFor } from '../run/schedule-submitter.ts';
import {
  createScheduleQueue,
  reconcileJobSchedulers,
  SCHEDULE_QUEUE_NAME,
  type ReconcileResult,
  type ScheduleJobData,
  type ScheduleQueue,
} from './schedule-queue.ts';
import { RUN_LIMITS_DEFAULTS, START_SCHEDULER_DEFAULTS } from '../defaults.ts';

export interface StartSchedulerOptions {
  /** The archive database, already migrated. Not closed by `close()`. */
  db: Database;
  /** Where article fetch jobs go. Not closed by `close()`. */
  queues: VellumQueues;
  /**
   * Redis connection options for the schedule queue and its worker; use
   * `redisConnectionOptions(url, { role: 'worker' })` so the worker waits out a Redis restart.
   */
  connection: ConnectionOptions;
  /**
   * Key prefix of the deployment.
   * @defaultValue `queues.prefix`
   */
  prefix?: string;
  /**
   * Fetcher for feeds and sitemaps.
   * @defaultValue one created from `fetcherOptions`, closed by `close()`
   */
  fetcher?: Fetcher;
  /**
   * Options for the default fetcher; pass `redis` so politeness towards a host is shared with
   * the fetch workers.
   * @defaultValue `{ maxBodyBytes: 50 MiB }` (the sitemap protocol's limit)
   */
  fetcherOptions?: FetcherOptions;
  /**
   * Runs in progress at once in this process.
   * @defaultValue 2
   */
  concurrency?: number;
  /**
   * How often Redis is reconciled with the schedules table, in ms; 0 only at start.
   * @defaultValue 60_000
   */
  reconcileIntervalMs?: number;
  /**
   * Bounds on one run.
   * @defaultValue `RUN_LIMITS_DEFAULTS`
   */
  limits?: RunLimits;
  /**
   * Where the service logs.
   * @defaultValue a silent logger
   */
  logger?: Logger;
}

export interface SchedulerService {
  readonly queue: ScheduleQueue;
  readonly worker: Worker<ScheduleJobData>;
  /** Makes Redis match the schedules table now. */
  reconcile(): Promise<ReconcileResult>;
  /** Stops taking runs, lets runs in progress finish, closes what it opened. */
  close(): Promise<void>;
}

export async function startScheduler(options: StartSchedulerOptions): Promise<SchedulerService> {
  const logger = options.logger ?? pino({ level: 'silent' });
  const prefix = options.prefix ?? options.queues.prefix;
  const ownFetcher = options.fetcher === undefined;
  const fetcher = options.fetcher ?? createFetcher({ maxBodyBytes: RUN_LIMITS_DEFAULTS.maxDecodedBytes, ...options.fetcherOptions });
  const queue = createScheduleQueue({ connection: options.connection, prefix });
  const deps = { db: options.db, fetcher, submitFor: submitterFor(options.db, options.queues), limits: options.limits };

  const reconcile = async (): Promise<ReconcileResult> => {
    const result = await reconcileJobSchedulers(queue, await selectSchedules(options.db));
    if (result.upserted.length > 0 || result.removed.length > 0) logger.info(result, 'job schedulers reconciled');
    return result;
  };
  await reconcile();

  const worker = new Worker<ScheduleJobData>(
    SCHEDULE_QUEUE_NAME,
    async (job: Job<ScheduleJobData>) => {
      const scheduleId = Number(job.data.scheduleId);
      if (!Number.isSafeInteger(scheduleId) || scheduleId <= 0) throw new TypeError(`malformed schedule job payload: ${JSON.stringify(job.data)}`);
      const run = await runSchedule(deps, { scheduleId, runKey: job.id!, trigger: job.data.trigger === 'manual' ? 'manual' : 'schedule' });
      logRun(logger, scheduleId, job.id!, run);
      return run ? { runId: run.id, status: run.status } : { runId: null, status: 'skipped' };
    },
    { connection: options.connection, prefix, concurrency: options.concurrency ?? START_SCHEDULER_DEFAULTS.concurrency },
  );
  const redisOutage = createOutageLog(logger, 'Redis (schedule queue)');
  worker.on('error', (error) => redisOutage.failure(error));
  worker.on('ready', () => redisOutage.recovered());
  worker.on('failed', (job, error) => logger.error({ jobId: job?.id, err: error }, 'schedule run interrupted'));

  const intervalMs = options.reconcileIntervalMs ?? START_SCHEDULER_DEFAULTS.reconcileIntervalMs;
  const timer =
    intervalMs > 0
      ? setInterval(() => {
          reconcile().catch((error: unknown) => logger.warn({ err: error }, 'reconciling job schedulers failed; will retry'));
        }, intervalMs)
      : undefined;
  timer?.unref();

  return {
    queue,
    worker,
    reconcile,
    async close() {
      if (timer) clearInterval(timer);
      await worker.close();
      await queue.close();
      if (ownFetcher) await fetcher.close();
    },
  };
}

function logRun(logger: Logger, scheduleId: number, jobId: string, run: ScheduleRun | null): void {
  if (!run) {
    logger.info({ scheduleId, jobId }, 'schedule paused or removed; firing skipped');
    return;
  }
  const fields = { scheduleId, runId: run.id, status: run.status, found: run.found, new: run.new, skipped: run.skipped, failed: run.failed, durationMs: run.durationMs };
  if (run.status === 'failed') logger.warn({ ...fields, reason: run.reason }, 'schedule run failed');
  else logger.info(fields, 'schedule run finished');
}
