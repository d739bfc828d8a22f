/**
 * 200 URLs from a local server through the real queues and database, two `vellum worker`
 * child processes: every URL ends processed and is stored exactly once.
 */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVellum } from './support/run-vellum.ts';
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

const N = 200;

describe('200 URLs through two worker processes', () => {
  let q: QueueEnv;
  let server: Awaited<ReturnType<typeof startArticleServer>>;
  const workers: WorkerProcess[] = [];
  let tmp: string;

  beforeAll(async () => {
    q = await queueEnv('scale');
    server = await startArticleServer({ count: N });
    tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'vellum-scale-'));
  });

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await server?.close();
    await q?.cleanup();
    await fs.rm(tmp, { recursive: true, force: true });
  });

  it('processes every URL once, and both workers share the work', { timeout: 240_000 }, async () => {
    workers.push(spawnWorker(q.env), spawnWorker(q.env));
    await Promise.all(workers.map((w) => w.ready));

    const file = path.join(tmp, 'urls.txt');
    await fs.writeFile(file, `# ${N} test pages\n${server.urls.join('\n')}\n`);
    const submitted = await runVellum(['submit', '--file', file, '--json'], q.env);
    expect(submitted.code, submitted.stderr).toBe(0);
    expect(JSON.parse(submitted.stdout).summary).toEqual({ queued: N, inFlight: 0, requeued: 0, archived: 0, invalid: 0 });

    const counts = await waitFor(
      `${N} processed submissions`,
      async () => {
        const c = await statusCounts(q.db);
        return (c.processed ?? 0) + (c.failed ?? 0) === N ? c : undefined;
      },
      200_000,
      500,
    );
    expect(counts).toEqual({ processed: N });

    const { rows } = await q.db.query<{ articles: string; captures: string; urls: string }>(
      `SELECT (SELECT count(*) FROM articles) AS articles,
              (SELECT count(*) FROM captures) AS captures,
              (SELECT count(DISTINCT url) FROM articles) AS urls`,
    );
    expect(rows[0]).toEqual({ articles: String(N), captures: String(N), urls: String(N) });
    expect(await duplicateRows(q.db)).toEqual({ articlesPerSubmission: 0, okCapturesPerSubmission: 0, articlesPerCapture: 0 });
    // Each page was fetched once: no job ran twice.
    for (let i = 0; i < N; i++) expect(server.hits.get(`/a/${i}`), `/a/${i}`).toBe(1);

    // Both processes did part of the work (the actor of each status move names its process).
    const actors = await q.db.query<{ actor: string; n: string }>(
      "SELECT actor, count(*) AS n FROM events WHERE entity = 'submission' AND action = 'processed' GROUP BY actor",
    );
    const pids = workers.map((w) => w.child.pid);
    expect(actors.rows.map((r) => Number(r.actor.split(':').at(-1))).sort()).toEqual([...pids].sort());

    // SIGTERM: both stop taking jobs and exit 0.
    for (const w of workers) w.child.kill('SIGTERM');
    const exits = await Promise.all(workers.map((w) => w.exited));
    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
    expect(workers[0]!.stderr()).toMatch(/SIGTERM: finishing in-flight jobs[\s\S]*stopped/);
  });
});
