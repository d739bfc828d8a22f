/**
 * What startWorkers takes: every knob with its `@defaultValue` (the values live in defaults.ts,
 * which startWorkers reads).
 */
import type { ConnectionOptions, DefaultJobOptions } from 'bullmq';
import type { Logger } from 'pino';
import type { CleanOptions } from '@vellum/core';
import type { Database } from '@vellum/db';
import type { Fetcher } from '@vellum/fetcher';

export type WorkerRole = 'fetch' | 'process' | 'all';

export interface StartWorkersOptions {
  /**
   * Which queues to consume.
   * @defaultValue 'all'
   */
  role?: WorkerRole;
  /**
   * Jobs run at once per queue: one number for both, or per queue. Fetch jobs wait on the
   * network; process jobs are CPU bound (a second overlaps database writes).
   * @defaultValue { fetch: 8, process: 2 }
   */
  concurrency?: number | { fetch?: number; process?: number };
  /** Redis connection options for workers (`redisConnectionOptions(url, { role: 'worker' })`). */
  connection: ConnectionOptions;
  /**
   * Key prefix of the deployment.
   * @defaultValue 'vellum'
   */
  prefix?: string;
  /**
   * Options of the process jobs the fetch worker enqueues (attempts, backoff).
   * @defaultValue `defaultJobOptions()`
   */
  jobOptions?: DefaultJobOptions;
  db: Database;
  /**
   * Required for the fetch role.
   * @defaultValue none
   */
  fetcher?: Fetcher;
  /**
   * Site rules and switched-off built-in rules for the clean stage.
   * @defaultValue none (the built-in rules)
   */
  cleanOptions?: CleanOptions;
  /**
   * The quality gate's minimum text (see processPage).
   * @defaultValue the pipeline's (DEFAULT_MIN_TEXT_CHARS)
   */
  minTextChars?: number;
  logger: Logger;
  /**
   * Recorded on every event.
   * @defaultValue `worker:<hostname>:<pid>`
   */
  actor?: string;
  /**
   * A job's lock lasts this long and is renewed at half of it; a worker that dies stops
   * renewing, and its jobs go back to the queue after at most about lockDuration +
   * stalledInterval. In ms.
   * @defaultValue 30_000
   */
  lockDurationMs?: number;
  /**
   * How often each worker looks for stalled jobs, in ms.
   * @defaultValue 30_000
   */
  stalledIntervalMs?: number;
  /**
   * A job stalled more often than this fails (a page that crashes its worker every time).
   * @defaultValue 2
   */
  maxStalledCount?: number;
  /**
   * While Redis is unreachable, how often the outage is logged again, in ms.
   * @defaultValue 30_000
   */
  outageLogIntervalMs?: number;
  /**
   * Longest wait for in-flight jobs on close before they are left to the stalled check, in ms.
   * @defaultValue 30_000
   */
  shutdownTimeoutMs?: number;
  /**
   * How often to sweep for submissions with work left and no live job (Redis lost it) and
   * give them their job back (reconcile.ts); one worker process sweeps per interval.
   * 0 turns the sweep off. In ms.
   * @defaultValue 60_000
   */
  reconcileIntervalMs?: number;
  /**
   * The sweep leaves alone submissions whose status moved less than this long ago, in ms.
   * @defaultValue 10_000
   */
  reconcileMinAgeMs?: number;
  /**
   * The process step's time budget per page: the pipeline runs in worker threads (one per process
   * job at once), and a page past the budget fails permanently (`process-timeout`) while the
   * worker goes on. In ms (DEFAULT_PROCESS_TIMEOUT_MS).
   * @defaultValue 30_000
   */
  processTimeoutMs?: number;
  /**
   * The pipeline threads' module (PipelineRunnerOptions.threadEntry).
   * @defaultValue the sources' (tsx)
   */
  pipelineThreadEntry?: URL;
}
