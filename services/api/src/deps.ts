import type { Database } from '@vellum/db';
import type { EnqueueOptions, VellumQueues } from '@vellum/queue';

/** What the routes share (resolved from BuildApiOptions). */
export interface ApiDeps {
  db: Database;
  queues: VellumQueues;
  batchLimit: number;
  healthTimeoutMs: number;
  jobOptions: EnqueueOptions['jobOptions'];
}
