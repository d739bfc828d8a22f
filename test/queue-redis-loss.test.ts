/**
 * Redis loses its data under work in flight: Postgres is the record, Redis only holds the work
 * left, so every submission with work left must get its job back and finish. The Redis is the
 * test's own (support/own-redis.ts), restarted EMPTY (SHUTDOWN NOSAVE, no persistence); the
 * workers are real `vellum worker` processes.
 *  - A batch caught with submissions fetched (process jobs lost), fetching (their worker,
 *    a `vellum worker` process, killed too) and queued stays stuck; then `vellum recover`,
 *    beside a second reconcile and the workers, finishes it: nothing fetched again that was
 *    already captured, nothing stored twice, and `vellum status --watch` ends.
 *  - `vellum submit` while Redis is down says the jobs were not enqueued; once Redis is back,
 *    the workers' own sweep enqueues them.
 * The later workers run in this process (startWorkers, the code `vellum worker` runs): on this
 * shared 2-core machine every extra child process costs seconds of start-up.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { createFetcher, type Fetcher } from '@vellum/fetcher';
import { createQueues, redisConnectionOptions } from '@vellum/queue';
import { EnqueueError, reconcileSubmissions, submitUrls } from '@vellum/ingest';
import { startWorkers, type WorkersHandle } from '@vellum/worker';
import { startOwnRedis, type OwnRedis } from './support/own-redis.ts';
import { dropSchema } from './support/postgres-schema.ts';
import { runVellum, startVellum } from './support/run-vellum.ts';
import { startTestServer, type TestServer } from './support/test-server.ts';
import {
  articlePage,
  duplicateRows,
  queueEnv,
  spawnWorker,
  statusCounts,
  waitFor,
  type QueueEnv,
  type WorkerProcess,
} from './queue-harness.ts';

const FAST = 12; // fetched before the loss: their process jobs are lost
const SLOW = 12; // held by the server: 8 fetching (the fetch worker's concurrency), 4 queued
const LATE = 6; // submitted while Redis is down

describe('Redis restarted empty', () => {
  let redis: OwnRedis;
  let q: QueueEnv;
  let server: TestServer;
  let releaseSlow: () => void = () => {};
  const slowGate = new Promise<void>((resolve) => (releaseSlow = resolve));
  const children: WorkerProcess[] = [];
  const handles: WorkersHandle[] = [];
  let fetcher: Fetcher;
  /** Workers in this process, sweeping every `reconcileIntervalMs` (0: never). */
  const workersOn = (reconcileIntervalMs: number): WorkersHandle =>
    startWorkers({
      connection: redisConnectionOptions(redis.url, { role: 'worker' }),
      prefix: q.prefix,
      db: q.db,
      fetcher,
      logger: pino({ level: 'silent' }),
      reconcileIntervalMs,
      reconcileMinAgeMs: 0,
      shutdownTimeoutMs: 5000,
    });

  beforeAll(async () => {
    redis = await startOwnRedis();
    q = await queueEnv('redisloss', { redisUrl: redis.url });
    const page = (n: number, gate?: Promise<void>) => (_req: IncomingMessage, res: ServerResponse) => {
      const send = (): void => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(articlePage(n));
      if (gate) void gate.then(send);
      else send();
    };
    const routes: Record<string, ReturnType<typeof page>> = {};
    for (let i = 0; i < FAST; i++) routes[`/fast/${i}`] = page(i);
    for (let i = 0; i < SLOW; i++) routes[`/slow/${i}`] = page(100 + i, slowGate);
    for (let i = 0; i < LATE; i++) routes[`/late/${i}`] = page(200 + i);
    server = await startTestServer(routes);
    fetcher = createFetcher({ allowCidrs: ['127.0.0.1/32'], perHostDelayMs: 0, perHostConcurrency: 32 });
  });

  afterAll(async () => {
    releaseSlow();
    for (const w of children) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.all(children.map((w) => w.exited));
    await Promise.all(handles.map((h) => h.close()));
    await fetcher?.close();
    await server?.close();
    await q?.queues.close().catch(() => {});
    await q?.db.close().catch(() => {});
    if (q) await dropSchema(q.schema).catch(() => {});
    await redis?.cleanup(); // its keys die with it
  });

  const urls = (kind: string, n: number): string[] => Array.from({ length: n }, (_, i) => server.url(`/${kind}/${i}`));

  it('finishes a batch whose jobs were lost, through `vellum recover`', { timeout: 150_000 }, async () => {
    const fetchWorker = spawnWorker(q.env, ['--role', 'fetch', '--reconcile-interval', '0']);
    children.push(fetchWorker);
    await fetchWorker.ready;
    await submitUrls({ db: q.db, queues: q.queues, urls: [...urls('fast', FAST), ...urls('slow', SLOW)], submittedBy: 'test', source: 'test' });
    // Someone watches the batch; the watch ends once nothing is left in flight.
    const watching = startVellum(['status', '--watch', '--json', '--interval', '200'], q.env, { timeoutMs: 140_000 });
    const caught = { fetched: FAST, fetching: 8, queued: SLOW - 8 };
    await waitFor('the batch in flight', async () => {
      const c = await statusCounts(q.db);
      return c.fetched === caught.fetched && c.fetching === caught.fetching ? c : undefined;
    }, 30_000, 50);

    // The worker dies with its fetches in flight, and Redis loses everything.
    fetchWorker.child.kill('SIGKILL');
    await fetchWorker.exited;
    await redis.stop();
    await redis.start();
    expect(await q.queues.counts()).toMatchObject({ fetch: { waiting: 0, active: 0 }, process: { waiting: 0, active: 0 } });

    // Workers (without their sweep) come and find nothing to do: the batch is stuck as it was.
    handles.push(workersOn(0));
    releaseSlow();
    await new Promise((r) => setTimeout(r, 1500));
    expect(await statusCounts(q.db)).toEqual(caught);
    const dry = await reconcileSubmissions({ db: q.db, queues: q.queues, dryRun: true });
    expect(dry).toMatchObject({ checked: FAST + SLOW, live: 0, requeuedFetch: SLOW, requeuedProcess: FAST });
    expect(await statusCounts(q.db)).toEqual(caught);

    await watching.firstLine; // the watch is on, and sees the batch stuck
    expect(JSON.parse(watching.stdout().split('\n').at(-2)!)).toMatchObject({ done: 0, total: FAST + SLOW });
    // `vellum recover` and a second reconcile run at once, beside the workers.
    const [cli, inProcess] = await Promise.all([
      runVellum(['recover', '--json'], q.env, { timeoutMs: 120_000 }),
      reconcileSubmissions({ db: q.db, queues: q.queues }),
    ]);
    expect(cli.code, cli.stderr).toBe(0);
    const requeued = new Set([...(JSON.parse(cli.stdout) as { requeuedIds: number[] }).requeuedIds, ...inProcess.requeuedIds]);
    expect(requeued.size).toBe(FAST + SLOW);

    await waitFor('every submission processed', async () => {
      const c = await statusCounts(q.db);
      return c.processed === FAST + SLOW ? c : undefined;
    }, 60_000);
    expect(await statusCounts(q.db)).toEqual({ processed: FAST + SLOW });
    expect(await duplicateRows(q.db)).toEqual({ articlesPerSubmission: 0, okCapturesPerSubmission: 0, articlesPerCapture: 0 });
    // The fetched ones were processed from their stored capture, not fetched again.
    for (let i = 0; i < FAST; i++) expect(server.hits.get(`/fast/${i}`)).toBe(1);
    expect(await reconcileSubmissions({ db: q.db, queues: q.queues })).toMatchObject({ checked: 0, requeuedIds: [] });

    // The watch ends by itself once nothing is left in flight.
    const watched = await watching.done;
    expect(watched.code, watched.stderr).toBe(0);
    const last = JSON.parse(watched.stdout.trim().split('\n').at(-1)!) as { queued: number; active: number; done: number };
    expect(last).toMatchObject({ queued: 0, active: 0, done: FAST + SLOW });
    // Not through the next outage: BullMQ's blocking connection can stay parked after one.
    await handles.pop()!.close();
  });

  it('enqueues what a submitter recorded while Redis was down, through the workers\' sweep', { timeout: 150_000 }, async () => {
    await redis.stop();
    // `vellum submit` itself now refuses to start while Redis is down (test/operator-failures.test.ts),
    // so Redis dying between that check and the enqueue is played here by submitUrls, the code every
    // submitter (CLI, API, scheduler) runs, on a producer connection to the stopped Redis.
    const producer = createQueues({ connection: redisConnectionOptions(redis.url, { role: 'producer' }), prefix: q.prefix });
    try {
      const refused = await submitUrls({ db: q.db, queues: producer, urls: urls('late', LATE), submittedBy: 'test', source: 'test' }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(EnqueueError);
      expect((refused as Error).message).toMatch(/6 submission\(s\) were recorded but could not be enqueued \(Redis unreachable.*their jobs were NOT enqueued/);
      expect((refused as Error).message).toMatch(/vellum recover/);
    } finally {
      await producer.close().catch(() => {});
    }
    const late = await q.db.query<{ status: string }>('SELECT status FROM submissions WHERE url LIKE $1', [`${server.origin}/late/%`]);
    expect(late.rows.map((r) => r.status)).toEqual(Array(LATE).fill('queued'));

    await redis.start();
    handles.push(workersOn(300));
    await waitFor('the late submissions processed', async () => {
      const c = await statusCounts(q.db);
      return c.processed === FAST + SLOW + LATE ? c : undefined;
    }, 60_000);
    expect(await statusCounts(q.db)).toEqual({ processed: FAST + SLOW + LATE });
    expect(await duplicateRows(q.db)).toEqual({ articlesPerSubmission: 0, okCapturesPerSubmission: 0, articlesPerCapture: 0 });
  });
});
