import type { Database } from '@vellum/db';
import type { EnqueueOptions, VellumQueues } from '@vellum/queue';
import type { LimitFunction } from 'p-limit';

/** What the routes share (resolved from BuildApiOptions). */
export interface ApiDeps {
  db: Database;
  queues: VellumQueues;
  batchLimit: number;
  healthTimeoutMs: number;
  jobOptions: EnqueueOptions['jobOptions'];
  /** Runs a submission when one of the few slots is free (BuildApiOptions.submitConcurrency). */
  submitSlot: LimitFunction;
}
