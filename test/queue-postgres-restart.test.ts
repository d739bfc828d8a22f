/**
 * A real Postgres restarted under busy workers. `pg_ctl stop -m fast` ends every session with
 * 57P01 ("terminating connection due to administrator command"), `-m immediate` kills them
 * without a word; either used to end every worker with "Unhandled 'error' event" (a client
 * checked out of the pool for a transaction had no error listener). The workers must live
 * through both, put back the jobs the outage failed, and finish every submission once the
 * server is back, storing nothing twice. The cluster is the test's own (support/own-postgres.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { submitUrls } from '@vellum/ingest';
import { startOwnPostgres, type OwnPostgres, type StopMode } from './support/own-postgres.ts';
import {
  deleteKeys,
  duplicateRows,
  queueEnv,
  spawnWorker,
  startArticleServer,
  statusCounts,
  waitFor,
  type QueueEnv,
  type WorkerProcess,
} from './queue-harness.ts';

const PER_ROUND = 24;

describe('Postgres stopped and restarted under busy workers', () => {
  let pg: OwnPostgres;
  let q: QueueEnv;
  let server: Awaited<ReturnType<typeof startArticleServer>>;
  const workers: WorkerProcess[] = [];

  beforeAll(async () => {
    pg = await startOwnPostgres();
    q = await queueEnv('pgrestart', { postgresUrl: pg.url });
    server = await startArticleServer({ count: 2 * PER_ROUND });
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGKILL');
    await Promise.all(workers.map((w) => w.exited));
    await server?.close();
    await q?.queues.close().catch(() => {});
    await q?.db.close().catch(() => {});
    if (q) await deleteKeys(q.prefix).catch(() => {});
    await pg?.cleanup(); // the whole cluster goes, schema and all
  });

  const alive = (w: WorkerProcess): boolean => w.child.exitCode === null && w.child.signalCode === null;

  /** Submits a round of URLs, stops Postgres while the workers are writing, starts it again. */
  async function round(mode: StopMode, urls: string[], before: number): Promise<void> {
    await submitUrls({ db: q.db, queues: q.queues, urls, submittedBy: 'test', source: 'test' });
    // Stop while the workers are in the middle of the round: some stored, most not yet.
    await waitFor(
      `some of the ${mode} round processed`,
      async () => {
        const c = await statusCounts(q.db);
        return (c.processed ?? 0) >= before + 3 ? c : undefined;
      },
      60_000,
      20,
    );
    await pg.stop(mode);
    await new Promise((r) => setTimeout(r, 1500)); // the workers meet a dead server for a while
    for (const w of workers) expect(alive(w), `a worker died when Postgres stopped (${mode}):\n${w.stderr()}`).toBe(true);
    await pg.start();
    await waitFor(
      `every submission final after the ${mode} restart`,
      async () => {
        const c = await statusCounts(q.db);
        return (c.processed ?? 0) + (c.failed ?? 0) + (c.unchanged ?? 0) === before + urls.length ? c : undefined;
      },
      60_000,
    ).catch(async (error: Error) => {
      const detail = { statuses: await statusCounts(q.db), queues: await q.queues.counts(), log: workers.map((w) => w.stderr().slice(-3000)) };
      throw new Error(`${error.message}\n${JSON.stringify(detail, null, 1)}`);
    });
  }

  it('keeps the workers alive through a fast and an immediate shutdown, and loses nothing', { timeout: 180_000 }, async () => {
    for (let i = 0; i < 2; i++) workers.push(spawnWorker(q.env));
    await Promise.all(workers.map((w) => w.ready));

    await round('fast', server.urls.slice(0, PER_ROUND), 0);
    await round('immediate', server.urls.slice(PER_ROUND), PER_ROUND);

    const failed = await q.db.query<{ id: string; status_reason: string }>("SELECT id, status_reason FROM submissions WHERE status = 'failed'");
    expect(failed.rows).toEqual([]);
    expect(await statusCounts(q.db)).toEqual({ processed: 2 * PER_ROUND });
    expect(await duplicateRows(q.db)).toEqual({ articlesPerSubmission: 0, okCapturesPerSubmission: 0, articlesPerCapture: 0 });
    const counts = await q.queues.counts();
    expect(counts.fetch.failed + counts.process.failed).toBe(0);
    for (const w of workers) {
      expect(alive(w)).toBe(true);
      expect(w.stderr()).not.toMatch(/unhandled|uncaught/i);
    }
    // And they still stop cleanly.
    for (const w of workers) w.child.kill('SIGTERM');
    for (const w of workers) expect(await w.exited).toEqual({ code: 0, signal: null });
  });
});
