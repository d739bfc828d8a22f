// Real Redis: each test run uses its own key prefix and removes every key it made.
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import { createQueues, obliterateQueues, QueueTimeoutError, redisConnectionOptions, type VellumQueues } from '../src/index.ts';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `vtest-queue-${randomBytes(4).toString('hex')}`;
let queues: VellumQueues | undefined;

afterAll(async () => {
  if (queues) {
    await obliterateQueues(queues);
    await queues.close();
  }
  const redis = new Redis(REDIS_URL);
  const left = await redis.keys(`${prefix}:*`);
  await redis.quit();
  expect(left).toEqual([]);
});

describe('createQueues', () => {
  it('enqueues one job per derived id, however often it is added', async () => {
    queues = createQueues({ connection: redisConnectionOptions(REDIS_URL), prefix });
    await queues.ping();
    const a = await queues.enqueueFetch({ submissionId: '11' }, { priority: 5 });
    const b = await queues.enqueueFetch({ submissionId: '11' }, { priority: 5 });
    await queues.enqueueFetch({ submissionId: '12' });
    expect(a.id).toBe('fetch-11');
    expect(b.id).toBe('fetch-11');
    const p1 = await queues.enqueueProcess({ captureId: '3', submissionId: '11' });
    await queues.enqueueProcess({ captureId: '3', submissionId: '11' });
    const r1 = await queues.enqueueProcess({ captureId: '3' }, { reprocessTag: 'v2' });
    expect(p1.id).toBe('process-11');
    expect(r1.id).toBe('reprocess-3-v2');

    const counts = await queues.counts();
    expect(counts.fetch.prioritized + counts.fetch.waiting).toBe(2);
    expect(counts.fetch.prioritized).toBe(1);
    expect(counts.process.waiting).toBe(2);

    const job = await queues.fetch.getJob('fetch-11');
    expect(job?.data).toEqual({ submissionId: '11' });
    expect(job?.opts.attempts).toBe(8);
    expect(job?.opts.priority).toBe(5);
    // Every key lives under the deployment's prefix.
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    await redis.quit();
    expect(keys.some((k) => k.startsWith(`${prefix}:fetch:`))).toBe(true);
  });

  it('says when Redis cannot be reached instead of hanging', async () => {
    const down = createQueues({ connection: { ...redisConnectionOptions('redis://127.0.0.1:1'), retryStrategy: () => 50 }, prefix });
    await expect(down.ping(300)).rejects.toThrow(/did not answer within 300 ms/);
    const slow = createQueues({ connection: { ...redisConnectionOptions('redis://127.0.0.1:1'), retryStrategy: () => 50 }, prefix, enqueueTimeoutMs: 200 });
    await expect(slow.enqueueFetch({ submissionId: '1' })).rejects.toThrow(QueueTimeoutError);
    await slow.close();
    await down.close();
  });

  it('closes queues that never reached Redis without leaving a rejection behind', async () => {
    // A Redis that resets each queue's first connection (the client records the error) and
    // holds the second one without answering: close() then meets a connection still starting. BullMQ 5 rejected its init after close() had removed every listener, and the
    // 'error' it emitted for it became an unhandled rejection (patches/bullmq+5.81.5.patch).
    const unhandled: unknown[] = [];
    const record = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', record);
    let seen = 0;
    const held: net.Socket[] = [];
    let onHeld: () => void = () => {};
    const allHeld = new Promise<void>((resolve) => (onHeld = resolve));
    const server = net.createServer((socket) => {
      socket.on('error', () => {});
      if (++seen <= 3) return void socket.resetAndDestroy();
      held.push(socket);
      if (held.length === 3) onHeld();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    try {
      const dead = createQueues({ connection: { ...redisConnectionOptions(`redis://127.0.0.1:${port}`), retryStrategy: () => 20 }, prefix });
      await allHeld;
      await dead.close();
      // The client half-closed its sockets; the server's end of them closes them for good.
      for (const socket of held) socket.destroy();
      await new Promise((r) => setTimeout(r, 100));
      expect(unhandled).toEqual([]);
    } finally {
      process.removeListener('unhandledRejection', record);
      for (const socket of held) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
