/**
 * A running worker rides out a Redis outage quietly: the lost connection is logged once when it
 * starts (not on every reconnection attempt), once when it ends, and the worker goes on to
 * process what is submitted afterwards. Redis is reached through a TCP proxy the test takes
 * down, never the shared server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitUrls } from '@vellum/ingest';
import { queueEnv, spawnWorker, startArticleServer, statusCounts, waitFor, type QueueEnv, type WorkerProcess } from './queue-harness.ts';
import { TcpProxy } from './support/tcp-proxy.ts';

describe('a worker during a Redis outage', () => {
  let q: QueueEnv;
  let server: Awaited<ReturnType<typeof startArticleServer>>;
  const proxy = new TcpProxy('127.0.0.1', 6379);
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    q = await queueEnv('redisoutage');
    server = await startArticleServer({ count: 1 });
    await proxy.up();
  });

  afterAll(async () => {
    if (worker && worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await proxy.down();
    await server?.close();
    await q?.cleanup();
  });

  it('logs the outage once, its end once, and works on afterwards', { timeout: 120_000 }, async () => {
    worker = spawnWorker({ ...q.env, REDIS_URL: `redis://127.0.0.1:${proxy.port}`, LOG_LEVEL: 'info' });
    await worker.ready;
    await proxy.down();
    // Long enough for many reconnection attempts by each of the worker's connections.
    await new Promise((r) => setTimeout(r, 8000));
    await proxy.up();
    await waitFor('the end of the outage logged', async () => (/reachable again/.test(worker!.stderr()) ? true : undefined), 30_000);

    const lines = worker.stderr().split('\n');
    const outageLines = lines.filter((l) => /unreachable|worker error/i.test(l));
    expect(outageLines, outageLines.join('\n')).toHaveLength(1);
    expect(outageLines[0]).toMatch(/"level":40.*Redis \(queues\) unreachable; retrying with backoff/);
    expect(lines.filter((l) => /reachable again/.test(l))).toHaveLength(1);

    await submitUrls({ db: q.db, queues: q.queues, urls: server.urls, submittedBy: 'test', source: 'test' });
    expect(await waitFor('the submission processed', async () => ((await statusCounts(q.db)).processed === 1 ? true : undefined), 60_000)).toBe(true);

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
  });
});
