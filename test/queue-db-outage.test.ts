/**
 * Postgres unreachable for a while: the worker reaches the database through a TCP proxy on
 * 127.0.0.1 that the test takes down (every connection cut, new ones refused) and brings back.
 * Jobs that meet the outage are put back with backoff without using up their attempts, and
 * all finish once the database is back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitUrls } from '@vellum/ingest';
import {
  duplicateRows,
  queueEnv,
  spawnWorker,
  startArticleServer,
  statusCounts,
  waitFor,
  POSTGRES_URL,
  type QueueEnv,
  type WorkerProcess,
} from './queue-harness.ts';
import { TcpProxy } from './support/tcp-proxy.ts';

const N = 20;

describe('Postgres unreachable for a while', () => {
  let q: QueueEnv;
  let server: Awaited<ReturnType<typeof startArticleServer>>;
  const postgres = new URL(POSTGRES_URL);
  const proxy = new TcpProxy(postgres.hostname, Number(postgres.port || 5432));
  let worker: WorkerProcess | undefined;

  beforeAll(async () => {
    q = await queueEnv('outage');
    server = await startArticleServer({ count: N });
    await proxy.up();
  });

  afterAll(async () => {
    if (worker && worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await proxy.down();
    await server?.close();
    await q?.cleanup();
  });

  it('retries with backoff and finishes every job once the database is back', { timeout: 120_000 }, async () => {
    const proxied = new URL(POSTGRES_URL);
    proxied.port = String(proxy.port);
    worker = spawnWorker({ ...q.env, DATABASE_URL: proxied.toString() });
    await worker.ready; // it migrated through the proxy: the database was up at start

    await proxy.down();
    // Few attempts: were the outage to use them up, the jobs would fail and the test with them.
    const results = await submitUrls({
      db: q.db,
      queues: q.queues,
      urls: server.urls,
      submittedBy: 'test',
      source: 'test',
      jobOptions: { attempts: 2, backoff: { type: 'exponential', delay: 200 } },
    });
    expect(results.every((r) => r.outcome === 'queued')).toBe(true);

    // The worker takes the jobs, cannot reach the database and puts them back, delayed.
    await waitFor(
      'jobs put back during the outage',
      async () => {
        const c = await q.queues.counts();
        return c.fetch.delayed >= N ? c : undefined;
      },
      30_000,
    );
    await new Promise((r) => setTimeout(r, 3000)); // several retry rounds against a dead database
    expect(await statusCounts(q.db)).toEqual({ queued: N });
    const during = await q.queues.counts();
    expect(during.fetch.failed).toBe(0);
    const sample = await q.queues.fetch.getJob(`fetch-${results[0]!.submissionId}`);
    expect(sample?.attemptsMade).toBe(0); // outages do not use up attempts...
    expect(sample?.attemptsStarted).toBeGreaterThan(1); // ...though the job was tried

    await proxy.up();
    const counts = await waitFor(
      'every submission processed after the outage',
      async () => {
        const c = await statusCounts(q.db);
        return (c.processed ?? 0) + (c.failed ?? 0) === N ? c : undefined;
      },
      90_000,
    );
    expect(counts).toEqual({ processed: N });
    expect(await duplicateRows(q.db)).toEqual({ articlesPerSubmission: 0, okCapturesPerSubmission: 0, articlesPerCapture: 0 });
    const after = await q.queues.counts();
    expect(after.fetch.failed + after.process.failed).toBe(0);
    expect(worker.stderr()).not.toMatch(/unhandled|uncaught/i);

    worker.child.kill('SIGTERM');
    expect(await worker.exited).toEqual({ code: 0, signal: null });
  });
});
