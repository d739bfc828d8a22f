/**
 * Default options for Vellum's jobs. The database is the durable record of every URL's
 * outcome; Redis keeps finished jobs only long enough to look at them in the dashboard.
 */
import type { DefaultJobOptions } from 'bullmq';
import { JOB_RETRY_DEFAULTS } from './defaults.ts';

export interface JobRetryOptions {
  /**
   * Attempts in all, the first included.
   * @defaultValue 8
   */
  attempts?: number;
  /**
   * Base of the exponential backoff in ms: retry n waits about base * 2^(n-1), with 20%
   * jitter so that jobs failed by one outage do not all come back at once (2 s, 4 s, ... about
   * 4 minutes in all over 8 attempts).
   * @defaultValue 2000
   */
  backoffMs?: number;
}

/** Finished jobs kept in Redis: completed for a day (at most 10 000), failed for a week. */
export const KEEP_COMPLETED = { age: 24 * 3600, count: 10_000 } as const;
export const KEEP_FAILED = { age: 7 * 24 * 3600, count: 50_000 } as const;

export function defaultJobOptions(options: JobRetryOptions = {}): DefaultJobOptions {
  const attempts = options.attempts ?? JOB_RETRY_DEFAULTS.attempts;
  const delay = options.backoffMs ?? JOB_RETRY_DEFAULTS.backoffMs;
  if (!Number.isInteger(attempts) || attempts < 1) throw new RangeError(`attempts must be an integer >= 1, got ${attempts}`);
  if (!Number.isFinite(delay) || delay < 0) throw new RangeError(`backoffMs must be >= 0, got ${delay}`);
  return {
    attempts,
    backoff: { type: 'exponential', delay, jitter: 0.2 },
    removeOnComplete: { ...KEEP_COMPLETED },
    removeOnFail: { ...KEEP_FAILED },
  };
}

/** BullMQ's priority range: 1 is the most urgent, 2^21 the least; 0 or absent means none. */
export const MAX_PRIORITY = 2_097_152;

export function checkPriority(priority: number | undefined): number | undefined {
  if (priority === undefined || priority === 0) return undefined;
  if (!Number.isInteger(priority) || priority < 1 || priority > MAX_PRIORITY) {
    throw new RangeError(`priority must be an integer from 1 (most urgent) to ${MAX_PRIORITY}, got ${priority}`);
  }
  return priority;
}
