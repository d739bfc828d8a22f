/**
 * The `schedule` queue: one BullMQ job scheduler per schedule (`schedule-<id>`), each producing
 * `run` jobs. BullMQ gives every firing a job id derived from the scheduler and the fire time,
 * so however many scheduler processes share the queue, a firing is one job and runs once.
 * Postgres is the source of truth; `syncJobScheduler` makes Redis follow it.
 */
import { Queue, type ConnectionOptions, type JobsOptions } from 'bullmq';
import { checkPrefix, DEFAULT_PREFIX, QUEUE_NAMES } from '@vellum/queue';
import type { RunTrigger, Schedule } from '@vellum/db';

/** Named in @vellum/queue with the others, so that the API's metrics and dashboard show it. */
export const SCHEDULE_QUEUE_NAME = QUEUE_NAMES.schedule;
export const RUN_JOB_NAME = 'run';

export interface ScheduleJobData {
  /** The schedule's id as a decimal string. */
  scheduleId: string;
  trigger: RunTrigger;
}

// Job names are typed `string`: BullMQ types upsertJobScheduler's scheduler id with the job-name type.
export type ScheduleQueue = Queue<ScheduleJobData, unknown, string>;

export interface ScheduleQueueOptions {
  /** ioredis options (see `redisConnectionOptions` in @vellum/queue). */
  connection: ConnectionOptions;
  /**
   * The deployment's key prefix, shared with the fetch and process queues.
   * @defaultValue 'vellum'
   */
  prefix?: string;
}

/**
 * Run jobs retry only for infrastructure failures (a source failure is a recorded run, not an
 * error), a few times with backoff; finished jobs are trimmed, the runs table keeps the history.
 */
export const RUN_JOB_OPTIONS: JobsOptions = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 5_000 },
  removeOnComplete: { count: 200 },
  removeOnFail: { count: 1000 },
};

export function createScheduleQueue(options: ScheduleQueueOptions): ScheduleQueue {
  const queue: ScheduleQueue = new Queue(SCHEDULE_QUEUE_NAME, {
    connection: options.connection,
    prefix: checkPrefix(options.prefix ?? DEFAULT_PREFIX),
  });
  // Errors reach callers through the promises of their calls; an unheard 'error' event would throw.
  queue.on('error', () => {});
  return queue;
}

export function jobSchedulerId(scheduleId: number): string {
  return `schedule-${scheduleId}`;
}

/** True when the schedule should have a job scheduler in Redis. */
export function isActive(schedule: Schedule): boolean {
  return !schedule.paused && schedule.removedAt === null;
}

/**
 * Creates, updates or removes the schedule's job scheduler so Redis matches the row. An
 * existing scheduler with the same timing is left alone: upserting it again would move its
 * next firing.
 */
export async function syncJobScheduler(queue: ScheduleQueue, schedule: Schedule): Promise<'upserted' | 'unchanged' | 'removed'> {
  const id = jobSchedulerId(schedule.id);
  if (!isActive(schedule)) {
    await queue.removeJobScheduler(id);
    return 'removed';
  }
  const existing = await queue.getJobScheduler(id);
  if (
    existing &&
    (existing.every ?? null) === schedule.everyMs &&
    (existing.pattern ?? null) === schedule.cron &&
    (existing.tz ?? null) === schedule.timezone
  ) {
    return 'unchanged';
  }
  const repeat = schedule.everyMs !== null
    ? { every: schedule.everyMs }
    : { pattern: schedule.cron!, ...(schedule.timezone ? { tz: schedule.timezone } : {}) };
  await queue.upsertJobScheduler(id, repeat, {
    name: RUN_JOB_NAME,
    data: { scheduleId: String(schedule.id), trigger: 'schedule' },
    opts: RUN_JOB_OPTIONS,
  });
  return 'upserted';
}

export interface ReconcileResult {
  upserted: number[];
  removed: string[];
}

/**
 * Brings every job scheduler in line with the schedules table: active schedules get theirs,
 * and schedulers whose schedule is paused, removed or unknown are dropped. Idempotent; several
 * processes may run it at once.
 */
export async function reconcileJobSchedulers(queue: ScheduleQueue, schedules: Schedule[]): Promise<ReconcileResult> {
  const result: ReconcileResult = { upserted: [], removed: [] };
  const wanted = new Set<string>();
  for (const schedule of schedules) {
    if (!isActive(schedule)) continue;
    wanted.add(jobSchedulerId(schedule.id));
    if ((await syncJobScheduler(queue, schedule)) === 'upserted') result.upserted.push(schedule.id);
  }
  for (const existing of await queue.getJobSchedulers(0, -1)) {
    const id = existing.id ?? existing.key;
    if (!wanted.has(id)) {
      await queue.removeJobScheduler(id);
      result.removed.push(id);
    }
  }
  return result;
}

/** Adds a one-off run now (a manual trigger); returns the job id, which is the run's key. */
export async function enqueueManualRun(queue: ScheduleQueue, scheduleId: number): Promise<string> {
  const jobId = `manual-${scheduleId}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;
  await queue.add(RUN_JOB_NAME, { scheduleId: String(scheduleId), trigger: 'manual' }, { ...RUN_JOB_OPTIONS, jobId });
  return jobId;
}
