/**
 * The documented launch of a long-running service, `node_modules/.bin/vellum worker` (README,
 * "Running the services"), is the node process itself: a SIGTERM sent to it reaches the worker,
 * which stops taking jobs, finishes the one in flight and exits 0. (`npx vellum worker` runs the
 * command under a shell that does not pass the signal on, so the worker never drains.)
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueEnv, startArticleServer, statusCounts, waitFor, type QueueEnv } from './queue-harness.ts';
import { REPO_ROOT, runVellum } from './support/run-vellum.ts';

const LAUNCH = path.join(REPO_ROOT, 'node_modules/.bin/vellum');

describe('SIGTERM to the documented worker launch', () => {
  let q: QueueEnv;
  let server: Awaited<ReturnType<typeof startArticleServer>>;

  beforeAll(async () => {
    q = await queueEnv('signal');
    // The page takes 3 s to arrive, so the job is in flight when the signal comes.
    server = await startArticleServer({ count: 1, delayMs: 3_000 });
  });

  afterAll(async () => {
    await server?.close();
    await q?.cleanup();
  });

  it('drains the worker: the in-flight job finishes and the process exits 0', { timeout: 120_000 }, async () => {
    const child = spawn(LAUNCH, ['worker', '--per-host-delay', '0'], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...q.env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    try {
      await waitFor('the worker to start consuming', async () => (stderr.includes('vellum worker: consuming') ? true : undefined), 60_000);

      const submitted = await runVellum(['submit', server.urls[0]!], q.env);
      expect(submitted.code, submitted.stderr).toBe(0);
      await waitFor('the page request (job in flight)', async () => (server.hits.get('/a/0') ? true : undefined), 30_000, 50);

      child.kill('SIGTERM');
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(stderr).toMatch(/SIGTERM: finishing in-flight jobs[\s\S]*vellum worker: stopped/);
      // The fetch in flight was finished, not dropped: its capture is stored, and the process job
      // it queued waits for the next worker.
      expect(await statusCounts(q.db)).toEqual({ fetched: 1 });
      const captures = await q.db.query<{ outcome: string }>('SELECT outcome FROM captures');
      expect(captures.rows).toEqual([{ outcome: 'ok' }]);
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  });
});
