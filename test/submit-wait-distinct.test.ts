/**
 * `vellum submit --wait` waits for distinct submissions: a batch holding the same URL twice and
 * a tracking-parameter variant of it is three inputs but one submission, and the wait ends as
 * soon as every distinct one is processed (it used to wait for three and time out).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runVellum } from './support/run-vellum.ts';
import { queueEnv, spawnWorker, startArticleServer, type QueueEnv, type WorkerProcess } from './queue-harness.ts';

describe('vellum submit --wait with duplicates and variants', () => {
  let q: QueueEnv;
  let server: Awaited<ReturnType<typeof startArticleServer>>;
  let worker: WorkerProcess;

  beforeAll(async () => {
    q = await queueEnv('waitdistinct');
    server = await startArticleServer({ count: 2 });
    worker = spawnWorker(q.env);
    await worker.ready;
  });

  afterAll(async () => {
    if (worker && worker.child.exitCode === null) {
      worker.child.kill('SIGTERM');
      await worker.exited;
    }
    await server?.close();
    await q?.cleanup();
  });

  it('finishes with exit 0 once the distinct submissions are done', { timeout: 120_000 }, async () => {
    const [a, b] = server.urls as [string, string];
    // --timeout bounds the wait: before the fix it ran out with "pending" and exit 1.
    const run = await runVellum(['submit', a, a, `${a}?utm_source=newsletter&utm_medium=email`, b, '--wait', '--timeout', '45', '--json'], q.env, { timeoutMs: 90_000 });
    expect(run.code, run.stderr).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.final).toEqual({ done: 2, failed: 0, pending: 0 });
    const ids = out.submissions.map((s: { submissionId: number }) => s.submissionId);
    expect(new Set(ids).size).toBe(2);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[0]).toBe(ids[2]);
  });
});
