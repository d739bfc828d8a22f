/**
 * A worker process killed with SIGKILL in the middle of a run, and another started: every URL
 * still ends processed, nothing is stored twice, nothing is lost. Short locks make the stalled
 * jobs of the dead worker come back within seconds.
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
  type QueueEnv,
  type WorkerProcess,
} from './queue-harness.ts';

const N = 60;
const FAST_STALL = ['--lock-duration', '3000', '--stalled-interval', '1000'];

describe('a worker killed mid-run', () => {
  let q: QueueEnv;
  let server: Awaited<ReturnType<typeof startArticleServer>>;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    q = await queueEnv('crash');
    // Slow pages keep fetch jobs in flight, so the kill lands on jobs being worked on.
    server = await startArticleServer({ count: N, delayMs: 250 });
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await server?.close();
    await q?.cleanup();
  });

  it('loses nothing and stores nothing twice', { timeout: 180_000 }, async () => {
    const results = await submitUrls({ db: q.db, queues: q.queues, urls: server.urls, submittedBy: 'test', source: 'test' });
    expect(results.every((r) => r.outcome === 'queued')).toBe(true);

    const first = spawnWorker(q.env, ['--concurrency', '6', ...FAST_STALL]);
    workers.push(first);
    await first.ready;
    await waitFor('a third of the URLs processed', async () => ((await statusCounts(q.db)).processed ?? 0) >= N / 3 || undefined, 90_000, 100);

    first.child.kill('SIGKILL');
    expect(await first.exited).toEqual({ code: null, signal: 'SIGKILL' });
    const atKill = await statusCounts(q.db);
    // The kill caught work in flight: jobs the dead worker had taken and not finished.
    expect((atKill.fetching ?? 0) + (atKill.fetched ?? 0)).toBeGreaterThan(0);
    expect(atKill.processed ?? 0).toBeLessThan(N);

    const second = spawnWorker(q.env, FAST_STALL);
    workers.push(second);
    await second.ready;
    const counts = await waitFor(
      'every submission finished',
      async () => {
        const c = await statusCounts(q.db);
        return (c.processed ?? 0) + (c.failed ?? 0) === N ? c : undefined;
      },
      120_000,
      250,
    );
    expect(counts).toEqual({ processed: N });
    expect(await duplicateRows(q.db)).toEqual({ articlesPerSubmission: 0, okCapturesPerSubmission: 0, articlesPerCapture: 0 });
    const { rows } = await q.db.query<{ articles: string; urls: string }>(
      'SELECT count(*) AS articles, count(DISTINCT url) AS urls FROM articles',
    );
    expect(rows[0]).toEqual({ articles: String(N), urls: String(N) });

    // The jobs the dead worker held were handed back and finished by the second worker.
    const recovered = await q.db.query<{ n: string }>(
      `SELECT count(DISTINCT entity_id) AS n FROM events
       WHERE entity = 'submission' AND action = 'processed' AND actor LIKE $1`,
      [`%:${second.child.pid}`],
    );
    expect(Number(recovered.rows[0]!.n)).toBeGreaterThanOrEqual(N - (atKill.processed ?? 0));
    const failedJobs = (await q.queues.counts());
    expect(failedJobs.fetch.failed + failedJobs.process.failed).toBe(0);

    second.child.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
  });
});
