/**
 * Real Postgres (a schema of its own) and Redis (a key prefix of its own) for one test file,
 * removed afterwards.
 */
import { randomBytes } from 'node:crypto';
import { migrate, openDatabase, type Database } from '@vellum/db';
import { createFetcher, type Fetcher } from '@vellum/fetcher';
import { createQueues, obliterateQueues, redisConnectionOptions, type VellumQueues } from '@vellum/queue';
import { createScheduleQueue, type ScheduleQueue } from '../../src/index.ts';

export const POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = 'redis://127.0.0.1:6379';

export interface TestEnv {
  db: Database;
  prefix: string;
  connection: ReturnType<typeof redisConnectionOptions>;
  queues: VellumQueues;
  scheduleQueue: ScheduleQueue;
  fetcher: Fetcher;
  dispose(): Promise<void>;
}

export async function openTestEnv(name: string): Promise<TestEnv> {
  const id = randomBytes(4).toString('hex');
  const db = await openDatabase({ connectionString: POSTGRES_URL, schema: `vt_sched_${name}_${id}` });
  await migrate(db);
  const prefix = `vt-sched-${name}-${id}`;
  const connection = redisConnectionOptions(REDIS_URL, { role: 'worker' });
  const queues = createQueues({ connection, prefix });
  const scheduleQueue = createScheduleQueue({ connection, prefix });
  // Tests fetch from 127.0.0.1 only, and must not wait a second between requests.
  const fetcher = createFetcher({ allowCidrs: ['127.0.0.1/32'], perHostDelayMs: 0 });
  return {
    db,
    prefix,
    connection,
    queues,
    scheduleQueue,
    fetcher,
    async dispose() {
      await fetcher.close();
      // Every key of the three queues (jobs, schedulers, events) goes with obliterate.
      await scheduleQueue.obliterate({ force: true });
      await obliterateQueues(queues);
      await scheduleQueue.close();
      await queues.close();
      await db.exec(`DROP SCHEMA IF EXISTS "${db.schema}" CASCADE`);
      await db.close();
    },
  };
}

/** Polls until `check` returns a value (not undefined/null/false) or the time runs out. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined | null | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
