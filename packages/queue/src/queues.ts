/**
 * The deployment's queues as one object: the two pipeline queues with typed enqueue helpers that
 * set the derived job ids, and the schedule queue for observation (counts, metrics, dashboard).
 * Creating the object opens connections lazily (BullMQ connects on first use) and does no work.
 */
import { Queue, type ConnectionOptions, type DefaultJobOptions, type Job, type JobsOptions } from 'bullmq';
import { QUEUE_NAMES, type PipelineQueueName, type QueueName } from './names.ts';
import type { FetchJobData, FetchJobResult, ProcessJobData, ProcessJobResult } from './payloads.ts';
import { fetchJobId, processJobId } from './job-ids.ts';
import { checkPriority, defaultJobOptions } from './job-options.ts';
import { checkPrefix, DEFAULT_PREFIX } from './prefix.ts';
import { CREATE_QUEUES_DEFAULTS } from './defaults.ts';
import { TransientError } from '@vellum/core/errors';

export type FetchQueue = Queue<FetchJobData, FetchJobResult, 'fetch'>;
export type ProcessQueue = Queue<ProcessJobData, ProcessJobResult, 'process'>;
/** Observed here only; services/scheduler adds its jobs with its own typed Queue on the same name. */
export type ObservedQueue = Queue<unknown, unknown, string>;

export interface CreateQueuesOptions {
  /** ioredis options (see `redisConnectionOptions`) or a client. */
  connection: ConnectionOptions;
  /**
   * Key prefix of the deployment: every key lives under `<prefix>:`.
   * @defaultValue 'vellum'
   */
  prefix?: string;
  /**
   * Options for every job added through these queues.
   * @defaultValue `defaultJobOptions()`
   */
  jobOptions?: DefaultJobOptions;
  /**
   * How long an enqueue may wait for Redis before it fails (BullMQ itself waits for a
   * connection indefinitely). A late add still lands, harmlessly: job ids are derived. In ms.
   * @defaultValue 10_000
   */
  enqueueTimeoutMs?: number;
}

/** Redis did not answer in time. */
export class QueueTimeoutError extends TransientError<'queue-timeout'> {
  constructor(message: string) {
    super('queue-timeout', message);
  }
}

async function withTimeout<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueTimeoutError(`Redis did not answer within ${ms} ms (${what})`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export interface EnqueueOptions {
  /** 1 (most urgent) to 2^21; absent: no priority, first in first out among the rest. */
  priority?: number;
  /** Overrides of the queue's default job options for this job (attempts, backoff, ...). */
  jobOptions?: Omit<JobsOptions, 'jobId' | 'priority'>;
}

export type JobCounts = Record<'waiting' | 'prioritized' | 'delayed' | 'active' | 'completed' | 'failed' | 'paused', number>;

export interface VellumQueues {
  readonly prefix: string;
  readonly fetch: FetchQueue;
  readonly process: ProcessQueue;
  readonly schedule: ObservedQueue;
  /** A pipeline queue by name. */
  byName(name: PipelineQueueName): FetchQueue | ProcessQueue;
  /** Adds the fetch job of a submission (id `fetch-<submissionId>`; a second add is a no-op). */
  enqueueFetch(data: FetchJobData, options?: EnqueueOptions): Promise<Job<FetchJobData>>;
  /**
   * Adds a process job: `process-<submissionId>` after a fetch, or, with `reprocessTag`,
   * `reprocess-<captureId>-<tag>` for a stored capture on its own.
   */
  enqueueProcess(data: ProcessJobData, options?: EnqueueOptions & { reprocessTag?: string }): Promise<Job<ProcessJobData>>;
  /**
   * A job's state (`unknown` when there is none), failing like an enqueue when Redis does not
   * answer within `enqueueTimeoutMs`: a submitter healing an in-flight URL must not hang on it.
   */
  jobState(name: PipelineQueueName, jobId: string): ReturnType<FetchQueue['getJobState']>;
  /** Job counts of every queue, the schedule queue included. */
  counts(): Promise<Record<QueueName, JobCounts>>;
  /** Checks Redis through the fetch queue's connection; throws when it does not answer in time. */
  ping(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export function createQueues(options: CreateQueuesOptions): VellumQueues {
  const prefix = checkPrefix(options.prefix ?? DEFAULT_PREFIX);
  const enqueueTimeoutMs = options.enqueueTimeoutMs ?? CREATE_QUEUES_DEFAULTS.enqueueTimeoutMs;
  const base = { connection: options.connection, prefix, defaultJobOptions: options.jobOptions ?? defaultJobOptions() };
  const fetch: FetchQueue = new Queue(QUEUE_NAMES.fetch, base);
  const process: ProcessQueue = new Queue(QUEUE_NAMES.process, base);
  const schedule: ObservedQueue = new Queue(QUEUE_NAMES.schedule, { connection: options.connection, prefix });
  // Without a listener an 'error' event (Redis down) would be thrown; callers see failures
  // through the promises of the calls they make.
  const ignore = (): void => {};
  fetch.on('error', ignore);
  process.on('error', ignore);
  schedule.on('error', ignore);

  const countOf = async (q: FetchQueue | ProcessQueue | ObservedQueue): Promise<JobCounts> => {
    const c = await q.getJobCounts('waiting', 'prioritized', 'delayed', 'active', 'completed', 'failed', 'paused');
    return {
      waiting: c.waiting ?? 0,
      prioritized: c.prioritized ?? 0,
      delayed: c.delayed ?? 0,
      active: c.active ?? 0,
      completed: c.completed ?? 0,
      failed: c.failed ?? 0,
      paused: c.paused ?? 0,
    };
  };

  return {
    prefix,
    fetch,
    process,
    schedule,
    byName: (name) => (name === QUEUE_NAMES.fetch ? fetch : process),
    enqueueFetch(data, opts = {}) {
      const priority = checkPriority(opts.priority);
      const jobId = fetchJobId(data.submissionId);
      return withTimeout(
        `adding ${jobId}`,
        enqueueTimeoutMs,
        fetch.add(QUEUE_NAMES.fetch, data, { ...opts.jobOptions, jobId, ...(priority ? { priority } : {}) }),
      );
    },
    enqueueProcess(data, opts = {}) {
      const priority = checkPriority(opts.priority);
      const jobId = processJobId(data, opts.reprocessTag);
      return withTimeout(
        `adding ${jobId}`,
        enqueueTimeoutMs,
        process.add(QUEUE_NAMES.process, data, { ...opts.jobOptions, jobId, ...(priority ? { priority } : {}) }),
      );
    },
    jobState(name, jobId) {
      const queue: FetchQueue | ProcessQueue = name === QUEUE_NAMES.fetch ? fetch : process;
      return withTimeout(`reading the state of ${jobId}`, enqueueTimeoutMs, queue.getJobState(jobId));
    },
    async counts() {
      const [f, p, s] = await Promise.all([countOf(fetch), countOf(process), countOf(schedule)]);
      return { fetch: f, process: p, schedule: s };
    },
    async ping(timeoutMs = 2000) {
      // Waiting for the client covers the connection; one read proves Redis answers.
      await withTimeout('ping', timeoutMs, fetch.client.then((c) => c.get(`${prefix}:healthcheck`)));
    },
    async close() {
      await Promise.allSettled([fetch.close(), process.close(), schedule.close()]);
    },
  };
}

/**
 * Deletes every key of every queue (jobs, counters, events). For tests and for tearing down a
 * deployment's queues; never called by the services themselves.
 */
export async function obliterateQueues(queues: VellumQueues): Promise<void> {
  await queues.fetch.obliterate({ force: true });
  await queues.process.obliterate({ force: true });
  await queues.schedule.obliterate({ force: true });
}
