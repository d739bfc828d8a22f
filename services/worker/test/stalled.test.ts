/**
 * A job that stalls more often than allowed (its worker dies or hangs each time) is failed by
 * BullMQ without running the processor; the submission must still end `failed` with a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { Worker } from 'bullmq';
import { getSubmission } from '@vellum/db';
import { QUEUE_NAMES, redisConnectionOptions } from '@vellum/queue';
import { submitUrls } from '@vellum/ingest';
import { startWorkers, type WorkersHandle } from '../src/index.ts';
import { queueEnv, waitFor, REDIS_URL, type QueueEnv } from '../../../test/queue-harness.ts';

describe('a job that keeps stalling', () => {
  let q: QueueEnv;
  let rogue: Worker | undefined;
  let workers: WorkersHandle | undefined;

  beforeAll(async () => {
    q = await queueEnv('stalled');
  });
  afterAll(async () => {
    await workers?.close();
    await rogue?.close(true);
    await q?.cleanup();
  });

  it('ends its submission failed, with the reason', async () => {
    const [r] = await submitUrls({ db: q.db, queues: q.queues, urls: ['https://stall.example/page'], submittedBy: 'test', source: 'test' });
    const submissionId = String(r!.submissionId);
    await q.queues.enqueueProcess({ captureId: '1', submissionId });

    // A worker that takes the job and then never renews its lock nor finishes: as if it hung.
    const connection = redisConnectionOptions(REDIS_URL, { role: 'worker' });
    rogue = new Worker(QUEUE_NAMES.process, null, { connection, prefix: q.prefix, lockDuration: 500, skipLockRenewal: true });
    const taken = await rogue.getNextJob('rogue-token');
    expect(taken?.id).toBe(`process-${submissionId}`);

    // A real worker that tolerates no stall: the stalled check fails the job for good.
    workers = startWorkers({
      role: 'process',
      connection,
      prefix: q.prefix,
      db: q.db,
      logger: pino({ level: 'silent' }),
      lockDurationMs: 500,
      stalledIntervalMs: 300,
      maxStalledCount: 0,
    });
    const s = await waitFor(
      'the submission failed',
      async () => {
        const sub = await getSubmission(q.db, Number(submissionId));
        return sub?.status === 'failed' ? sub : undefined;
      },
      20_000,
      100,
    );
    expect(s.statusReason).toMatch(/^stalled: job stalled more than allowable limit: /);
    const job = await q.queues.process.getJob(`process-${submissionId}`);
    expect(await job?.getState()).toBe('failed');
  });
});
